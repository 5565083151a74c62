"""The dashboard at ``/_mock/``, driven in Chromium on a mock serving the ``busy`` scenario.

The scenario's clock starts frozen at 2026-01-23T01:43:19.587474Z with 112 posts scheduled in
the 15 days after it (8 due within the first hour), 40 drafts and 26 failed posts; the page
"Unit Test Realty Listings" fails every publish with "Internal Server Error". Every test starts
from that state (reset through the control API) and ends with no error on the console.
What the page shows is compared with what the API answers a client that is not a browser.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, expect

from socialpost.server.app import create_app
from socialpost.server.config import Settings
from socialpost.server.publishing.clock import DOCUMENT_INSTANT
from tests.browser.conftest import Console
from tests.browser.dashboard_page import Dashboard
from tests.conftest import AUTH, FAILING_PAGE, PAGE, POSTS, create_body
from tests.live import serve_asgi

HOUR = 3600.0
# Chromium logs every 4xx answer a page's fetch receives; where a test provokes one on purpose.
LOGGED_409 = r"the server responded with a status of 409"
LOGGED_403 = r"the server responded with a status of 403"


@pytest.fixture(scope="module")
def mock() -> Iterator[str]:
    """One mock for the module (in memory, the busy scenario); tests reset it."""
    with serve_asgi(create_app(Settings(db_path=None, scenario="busy"))) as url:
        yield url


def start_over(mock: str) -> None:
    """The busy scenario at the clock's start, frozen, with no snapshot, fault or journal."""
    httpx.post(f"{mock}/_mock/clock", json={"mode": "frozen", "speed": 1}).raise_for_status()
    httpx.post(f"{mock}/_mock/reset", json={"scenario": "busy"}).raise_for_status()
    for snapshot in httpx.get(f"{mock}/_mock/snapshots").json()["data"]:
        httpx.delete(f"{mock}/_mock/snapshots/{snapshot['name']}").raise_for_status()


@pytest.fixture
def dashboard(page: Page, mock: str) -> Dashboard:
    start_over(mock)
    return Dashboard(page, mock).open()


def listed(mock: str, **params: Any) -> list[dict[str, Any]]:
    """The brand's posts, as the API lists them to a client that is not the page."""
    answer = httpx.get(f"{mock}{POSTS}", params={"limit": 1000, **params}, headers=AUTH)
    answer.raise_for_status()
    posts: list[dict[str, Any]] = answer.json()["data"]
    return posts


def status_of(post: dict[str, Any]) -> str:
    if post["failure"] or post["failed_at"]:
        return "failed"
    if post["executed_at"] is not None:
        return "published"
    return "scheduled" if post["due_at"] is not None else "draft"


def on_axis(posts: list[dict[str, Any]], start: float, end: float) -> dict[str, str]:
    """id -> status of the posts the timeline places in [start, end)."""
    placed = {}
    for post in posts:
        at = post["executed_at"] if post["executed_at"] is not None else post["due_at"]
        if at is not None and start <= at < end:
            placed[post["id"]] = status_of(post)
    return placed


def clock(mock: str) -> dict[str, Any]:
    answer: dict[str, Any] = httpx.get(f"{mock}/_mock/clock").json()
    return answer


def directory(mock: str) -> dict[str, Any]:
    answer: dict[str, Any] = httpx.get(f"{mock}/_mock/directory").json()
    return answer


def due_within(mock: str, seconds: float) -> list[dict[str, Any]]:
    now = clock(mock)["now"]
    return [p for p in listed(mock, status="scheduled", order="due_at")
            if p["due_at"] <= now + seconds]


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


def listed_post(mock: str, post_id: str) -> dict[str, Any]:
    return next(p for p in listed(mock) if p["id"] == post_id)


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


def test_a_fault_set_on_the_page_fails_the_next_create_which_the_requests_view_shows(
    dashboard: Dashboard, console: Console, mock: str
) -> None:
    dashboard.add_fault(operation="createSocialPost", status="503", message="Try later",
                        times="1")
    rule = dashboard.page.locator("#fault-list li[data-fault]")
    expect(rule).to_have_count(1)
    expect(rule).to_contain_text("createSocialPost")
    expect(rule).to_contain_text("answers 503")
    rule_id = rule.get_attribute("data-fault")

    refused = httpx.post(f"{mock}{POSTS}", json=create_body(caption="refused by the fault"),
                         headers=AUTH)
    created = httpx.post(f"{mock}{POSTS}", json=create_body(caption="after the fault"),
                         headers=AUTH)

    assert refused.status_code == 503 and refused.headers["x-mock-fault"] == rule_id
    assert created.status_code == 200
    dashboard.page.locator("#faults").get_by_role("button", name="Refresh").click()
    expect(rule).to_have_attribute("data-fired", "1")
    requests = dashboard.page.locator("#requests")
    requests.get_by_label("Operation").select_option("createSocialPost")
    entries = dashboard.page.locator("#request-list details")
    expect(entries).to_have_count(2)
    requests.get_by_label("Status").select_option("5xx")
    expect(entries).to_have_count(1)
    entry = entries.first
    expect(entry).to_have_attribute("data-status", "503")
    entry.locator("summary").click()
    expect(entry.locator("pre.body").first).to_contain_text('"caption": "refused by the fault"')
    expect(entry).to_contain_text("Try later")
    expect(entry).to_contain_text(f"→ 503 by fault rule {rule_id}")
    # The page's own reads were quiet: the journal holds the two creates only.
    journal = httpx.get(f"{mock}/_mock/requests").json()
    assert [e["operation"] for e in journal["data"]] == ["createSocialPost"] * 2

    dashboard.page.get_by_role("button", name=f"Remove {rule_id}").click()
    expect(dashboard.page.locator("#fault-list li[data-fault]")).to_have_count(0)
    assert httpx.get(f"{mock}/_mock/faults").json()["data"] == []
    assert console.unexpected() == []


def test_auto_refresh_shows_new_requests_as_they_come(
    dashboard: Dashboard, console: Console, mock: str
) -> None:
    dashboard.page.get_by_label("Auto refresh").check()

    httpx.post(f"{mock}{POSTS}", json=create_body(caption="seen without a click"), headers=AUTH)

    entry = dashboard.page.locator("#request-list details").first
    expect(entry).to_have_attribute("data-operation", "createSocialPost")
    assert console.unexpected() == []


def test_a_page_failure_and_a_post_failure_are_set_and_cleared_from_the_page(
    dashboard: Dashboard, console: Console, mock: str
) -> None:
    row = dashboard.page.locator(f'#page-failures li[data-page="{PAGE}"]')
    row.get_by_role("textbox").fill("Token expired")
    row.get_by_role("button", name="Set failure").click()
    expect(row).to_have_attribute("data-failure", "Token expired")
    assert page_failure(mock, PAGE) == "Token expired"
    expect(dashboard.page.locator(f'#timeline .lane[data-page="{PAGE}"]')).to_contain_text(
        "fails: Token expired")
    row.get_by_role("button", name="Clear").click()
    expect(row).to_have_attribute("data-failure", "")
    assert page_failure(mock, PAGE) is None

    # One post of a page that publishes: made to fail from its dialog, then the clock moves.
    target = next(p for p in due_within(mock, HOUR) if p["facebook_page"] == PAGE)
    dashboard.open_post(target["id"])
    dialog = dashboard.page.locator("#post-dialog")
    dialog.get_by_label("Fail it with").fill("Media rejected")
    dialog.get_by_role("button", name="Set post failure").click()
    expect(dialog.locator("#post-failure-state")).to_contain_text("Media rejected")
    assert directory(mock)["post_failures"] == [{"post": target["id"], "message": "Media rejected"}]
    dashboard.close_post()
    expect(dashboard.page.locator(f'#post-failures li[data-post="{target["id"]}"]')).to_be_visible()

    dashboard.move_clock("+1 h")

    expect(dashboard.post(target["id"])).to_have_attribute("data-status", "failed")
    assert listed_post(mock, target["id"])["failure"] == "Media rejected"
    # A failure set on a post, then cleared from the failures panel.
    later = listed(mock, status="scheduled", order="due_at", limit=1)[0]
    httpx.put(f"{mock}/_mock/posts/{later['id']}/failure", json={"message": "Nope"})
    dashboard.page.reload()
    expect(dashboard.page.locator("body")).to_have_attribute("data-ready", "true")
    dashboard.page.get_by_role("button", name=f"Clear the failure of post {later['id']}").click()
    expect(dashboard.page.locator(f'#post-failures li[data-post="{later["id"]}"]')).to_have_count(0)
    assert directory(mock)["post_failures"] == [{"post": target["id"], "message": "Media rejected"}]
    assert console.unexpected() == []


def page_failure(mock: str, page_id: str) -> str | None:
    failure: str | None = next(
        p["failure"] for p in directory(mock)["pages"] if p["id"] == page_id)
    return failure


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


def test_with_a_control_token_the_page_asks_for_it(page: Page, console: Console) -> None:
    settings = Settings(db_path=None, scenario="busy", control_token="s3cret")
    with serve_asgi(create_app(settings)) as guarded:
        page.goto(f"{guarded}/_mock/")
        form = page.locator("#control-token-form")
        expect(form).to_be_visible()
        expect(page.locator("#status")).to_contain_text("403")

        form.get_by_label("Control token").fill("s3cret")
        form.get_by_role("button", name="Use token").click()

        expect(page.locator("body")).to_have_attribute("data-ready", "true")
        expect(form).to_be_hidden()
        assert Dashboard(page, guarded).timeline_posts()
    assert console.unexpected(LOGGED_403) == []
