"""Sessions, snapshots and scenarios from the page."""

from __future__ import annotations

import httpx
from playwright.sync_api import expect

from socialpost.server.publishing.clock import DOCUMENT_INSTANT
from tests.browser.conftest import Console
from tests.browser.dashboard.page import Dashboard
from tests.browser.dashboard.support import (
    HOUR,
    clock,
    due_within,
    listed,
    status_of,
)


def test_a_session_made_on_the_page_has_its_own_dashboard_and_clock(
    dashboard: Dashboard, console: Console, mock: str
) -> None:
    name = "dash-session"
    httpx.delete(f"{mock}/_mock/sessions/{name}")
    form = dashboard.page.locator("#session-form")
    form.get_by_label("New session").fill(name)
    form.get_by_label("from").select_option("busy")
    form.get_by_role("button", name="Create and open").click()

    dashboard.page.wait_for_url(f"{mock}/_sessions/{name}/_mock/")
    expect(dashboard.page.locator("body")).to_have_attribute("data-ready", "true")
    expect(dashboard.page.locator("#session-name")).to_have_text(name)
    expect(dashboard.page.get_by_role("combobox", name="Session", exact=True)).to_have_value(name)
    dashboard.move_clock("+1 h")

    session = f"{mock}/_sessions/{name}"
    assert httpx.get(f"{session}/_mock/clock").json()["now"] == DOCUMENT_INSTANT + HOUR
    assert clock(mock)["now"] == DOCUMENT_INSTANT  # the default session did not move
    assert dashboard.changed_posts() == {
        p["id"]: status_of(p) for p in listed(session) if p["id"] in dashboard.changed_posts()}
    assert len(dashboard.changed_posts()) == 8
    dashboard.page.get_by_role("combobox", name="Session", exact=True).select_option("default")
    dashboard.page.wait_for_url(f"{mock}/_mock/")
    expect(dashboard.page.locator("body")).to_have_attribute("data-ready", "true")
    expect(dashboard.page.locator("#session-name")).to_have_text("default")
    httpx.delete(f"{mock}/_mock/sessions/{name}").raise_for_status()
    assert console.unexpected() == []


def test_a_snapshot_is_saved_restored_and_deleted(
    dashboard: Dashboard, console: Console, mock: str
) -> None:
    due = [p["id"] for p in due_within(mock, HOUR)]
    form = dashboard.page.locator("#snapshot-form")
    form.get_by_label("Name").fill("before")
    form.get_by_role("button", name="Save snapshot").click()
    expect(dashboard.page.locator('#snapshot-list li[data-snapshot="before"]')).to_be_visible()
    dashboard.move_clock("+1 day")
    dashboard.wait_for_clock(DOCUMENT_INSTANT + 24 * HOUR)

    dashboard.button("Restore snapshot before").click()

    dashboard.wait_for_clock(DOCUMENT_INSTANT)
    assert clock(mock)["now"] == DOCUMENT_INSTANT
    for post_id in due:
        expect(dashboard.post(post_id)).to_have_attribute("data-status", "scheduled")
    assert dashboard.changed_posts() == {}  # a restore is no settlement
    dashboard.button("Delete snapshot before").click()
    expect(dashboard.page.locator("#snapshot-list li[data-snapshot]")).to_have_count(0)
    assert httpx.get(f"{mock}/_mock/snapshots").json()["data"] == []
    assert console.unexpected() == []


def test_a_reset_to_another_scenario_replaces_the_posts_shown(
    dashboard: Dashboard, console: Console, mock: str
) -> None:
    dashboard.move_clock("+1 day")
    form = dashboard.page.locator("#reset-form")
    form.get_by_label("Reset this session to").select_option("empty")
    form.get_by_role("button", name="Reset").click()

    expect(dashboard.status).to_contain_text("reset to scenario empty")
    dashboard.wait_for_clock(DOCUMENT_INSTANT)
    assert listed(mock) == []
    expect(dashboard.page.locator("#timeline .post")).to_have_count(0)
    expect(dashboard.page.locator("#drafts-count")).to_have_text("0")
    assert console.unexpected() == []
