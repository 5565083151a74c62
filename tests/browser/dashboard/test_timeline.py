"""The timeline: the brand's posts against what the API lists, a clock move settling them,
and the page in a narrow window and from the keyboard."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from socialpost.server.publishing.clock import DOCUMENT_INSTANT
from tests.browser.conftest import Console
from tests.browser.dashboard.page import Dashboard
from tests.browser.dashboard.support import (
    HOUR,
    directory,
    due_within,
    listed,
    listed_post,
    on_axis,
    status_of,
)
from tests.conftest import FAILING_PAGE


def test_the_timeline_shows_the_brands_posts_in_the_window_one_lane_per_page(
    dashboard: Dashboard, console: Console, mock: str
) -> None:
    posts = listed(mock)
    start, end = dashboard.window()
    assert start <= DOCUMENT_INSTANT < end  # the window holding the clock's now

    shown = dashboard.timeline_posts()
    assert shown == on_axis(posts, start, end)
    assert "scheduled" in shown.values() and "published" in shown.values()
    assert dashboard.draft_ids() == {p["id"] for p in posts if status_of(p) == "draft"}
    assert len(dashboard.draft_ids()) == 40
    # Each post sits in the lane of its page, lanes named from the directory.
    lanes: dict[str, str] = dashboard.page.evaluate("""() => Object.fromEntries(
        [...document.querySelectorAll('#timeline .post')]
          .map(b => [b.dataset.post, b.closest('.lane').dataset.page]))""")
    assert lanes == {p["id"]: p["facebook_page"] for p in posts if p["id"] in shown}
    names = dashboard.page.locator("#timeline .lane-name").all_inner_texts()
    assert names == [page["name"] for page in directory(mock)["pages"]
                     if page["brand"] == posts[0]["brand"]]

    dashboard.button("Week").click()
    week_start, week_end = dashboard.window()
    assert week_end - week_start == pytest.approx(7 * 24 * HOUR, abs=HOUR)  # DST aside
    assert dashboard.timeline_posts() == on_axis(posts, week_start, week_end)
    dashboard.page.get_by_role("button", name="Next window").click()
    assert dashboard.window()[0] == week_end
    assert dashboard.timeline_posts() == on_axis(posts, *dashboard.window())
    assert set(dashboard.timeline_posts().values()) == {"scheduled"}  # all in the future
    dashboard.button("Now").click()
    assert dashboard.window() == (week_start, week_end)
    assert console.unexpected() == []


def test_one_hour_on_publishes_the_eight_due_posts_and_marks_them_as_changed(
    dashboard: Dashboard, console: Console, mock: str, tmp_path: Path
) -> None:
    due = due_within(mock, HOUR)
    assert len(due) == 8
    assert {dashboard.post(p["id"]).get_attribute("data-status") for p in due} == {"scheduled"}
    dashboard.screenshot("dashboard-timeline.png", tmp_path)

    dashboard.move_clock("+1 h")

    dashboard.wait_for_clock(DOCUMENT_INSTANT + HOUR)
    now_listed = {p["id"]: status_of(p) for p in listed(mock)}
    executed = {p["id"]: now_listed[p["id"]] for p in due}
    assert set(executed.values()) == {"published", "failed"}
    assert {p["id"]: dashboard.post(p["id"]).get_attribute("data-status") for p in due} == executed
    assert dashboard.changed_posts() == executed
    # The failing page's posts failed with its message; the report lists every transition.
    for post in due:
        failed = post["facebook_page"] == FAILING_PAGE
        assert (executed[post["id"]] == "failed") == failed
        if failed:
            expect(dashboard.post(post["id"])).to_have_attribute(
                "aria-label", re.compile("Internal Server Error"))
    report = dashboard.page.locator("#report-list li")
    expect(report).to_have_count(8)
    assert {report.nth(i).get_attribute("data-post") for i in range(8)} == set(executed)
    expect(dashboard.status).to_contain_text("8 post(s) executed")
    dashboard.screenshot("dashboard-after-advance.png", tmp_path)
    assert (tmp_path / "dashboard-after-advance.png").stat().st_size > 10_000
    # A published post's dialog links to it; a failed one's says why it failed.
    published = next(post_id for post_id, status in executed.items() if status == "published")
    assert dashboard.open_post(published) == listed_post(mock, published)
    dialog = dashboard.page.locator("#post-dialog")
    expect(dialog.get_by_role("link")).to_have_attribute(
        "href", listed_post(mock, published)["post_link"])
    dashboard.close_post()
    failed = next(post_id for post_id, status in executed.items() if status == "failed")
    dashboard.open_post(failed)
    expect(dialog).to_have_attribute("data-status", "failed")
    expect(dialog.locator("#post-summary")).to_contain_text("Internal Server Error")
    dashboard.close_post()
    assert console.unexpected() == []


def test_a_narrow_window_has_no_horizontal_scroll(
    dashboard: Dashboard, console: Console, mock: str
) -> None:
    dashboard.page.set_viewport_size({"width": 380, "height": 800})
    dashboard.page.reload()
    expect(dashboard.page.locator("body")).to_have_attribute("data-ready", "true")

    assert dashboard.horizontal_overflow() == 0
    assert dashboard.timeline_posts() == on_axis(listed(mock), *dashboard.window())
    for name in ("+1 min", "+1 h", "+1 day", "Next due post"):
        expect(dashboard.button(name)).to_be_in_viewport()
    dashboard.button("Week").click()
    assert dashboard.horizontal_overflow() == 0
    assert console.unexpected() == []


def test_the_keyboard_reaches_the_clock_and_a_post_and_opens_its_json(
    dashboard: Dashboard, console: Console
) -> None:
    def tab_to(selector: str, presses: int = 60) -> None:
        for _ in range(presses):
            dashboard.page.keyboard.press("Tab")
            if dashboard.page.evaluate(f"() => document.activeElement.matches({selector!r})"):
                return
        raise AssertionError(f"{presses} Tab presses never reached {selector}")

    tab_to('[data-advance="3600"]')
    tab_to("#timeline .post")
    focused = dashboard.page.evaluate("() => document.activeElement.dataset.post")
    dashboard.page.keyboard.press("Enter")

    assert dashboard.shown_post()["id"] == focused
    dashboard.page.keyboard.press("Escape")
    expect(dashboard.page.locator("#post-dialog")).to_be_hidden()
    assert dashboard.page.evaluate("() => document.activeElement.dataset.post") == focused
    assert console.unexpected() == []
