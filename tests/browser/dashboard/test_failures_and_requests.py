"""Breaking things from the page (fault rules, publishing failures) and watching requests."""

from __future__ import annotations

import httpx
from playwright.sync_api import expect

from tests.browser.conftest import Console
from tests.browser.dashboard.page import Dashboard
from tests.browser.dashboard.support import (
    HOUR,
    directory,
    due_within,
    listed,
    listed_post,
)
from tests.conftest import AUTH, PAGE, POSTS, create_body


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
