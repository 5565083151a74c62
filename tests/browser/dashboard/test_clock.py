"""The clock panel: moves to the next due post and to an instant, a refused move, realtime."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from playwright.sync_api import expect

from socialpost.server.publishing.clock import DOCUMENT_INSTANT
from tests.browser.conftest import Console
from tests.browser.dashboard.page import Dashboard
from tests.browser.dashboard.support import (
    HOUR,
    LOGGED_409,
    clock,
    due_within,
    listed,
    listed_post,
    status_of,
)


def test_the_clock_moves_to_the_next_due_post_and_to_a_chosen_instant(
    dashboard: Dashboard, console: Console, mock: str
) -> None:
    first = listed(mock, status="scheduled", order="due_at", limit=1)[0]

    dashboard.move_clock("Next due post")

    dashboard.wait_for_clock(first["due_at"])
    assert dashboard.changed_posts() == {first["id"]: status_of(listed_post(mock, first["id"]))}
    # A date and time read in the zone chosen (UTC here), the ISO instant shown beside it.
    dashboard.page.get_by_label("Times in").select_option("UTC")
    dashboard.page.get_by_label("Jump to").fill("2026-01-24T09:00:00")
    dashboard.button("Jump").click()
    target = datetime(2026, 1, 24, 9, tzinfo=UTC).timestamp()
    dashboard.wait_for_clock(target)
    assert clock(mock)["now"] == target
    expect(dashboard.page.locator("#clock-iso")).to_have_text("2026-01-24T09:00:00.000Z")
    assert console.unexpected() == []


def test_a_refused_move_is_explained_on_the_page_not_on_the_console(
    dashboard: Dashboard, console: Console, mock: str
) -> None:
    dashboard.page.get_by_label("Times in").select_option("UTC")
    dashboard.page.get_by_label("Jump to").fill("2026-01-01T00:00:00")
    dashboard.button("Jump").click()

    expect(dashboard.status).to_have_attribute("data-kind", "error")
    expect(dashboard.status).to_contain_text("Conflict (409)")
    expect(dashboard.status).to_contain_text("The clock only moves forward")
    assert clock(mock)["now"] == DOCUMENT_INSTANT
    assert console.unexpected(LOGGED_409) == []  # Chromium's own network log, nothing else


def test_in_realtime_the_page_follows_the_clock_by_itself(
    dashboard: Dashboard, console: Console, mock: str
) -> None:
    first = due_within(mock, HOUR)[0]
    mode = dashboard.page.locator("#mode-form")
    mode.get_by_label("Mode").select_option("realtime")
    mode.get_by_label("Speed").fill("3600")
    mode.get_by_role("button", name="Apply").click()

    expect(dashboard.page.locator("#clock")).to_have_attribute("data-mode", "realtime")
    # No click: the page polls while the clock runs (an hour a second).
    expect(dashboard.post(first["id"])).not_to_have_attribute("data-status", "scheduled")
    assert dashboard.clock_now() > first["due_at"]
    expect(dashboard.post(first["id"])).to_have_attribute("data-changed", re.compile("."))
    mode.get_by_label("Mode").select_option("frozen")
    mode.get_by_role("button", name="Apply").click()
    expect(dashboard.page.locator("#clock")).to_have_attribute("data-mode", "frozen")
    assert console.unexpected() == []
