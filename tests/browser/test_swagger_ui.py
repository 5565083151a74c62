"""Swagger UI in Chromium, as a new user meets the mock: servers, Authorize, Try it out.

Selectors are Swagger UI's own classes (``.servers select``, ``.btn.authorize``, ``.opblock``,
``.try-out__btn``, ``.execute``, ``.live-responses-table``), found with screenshots of the pages.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import Console
from tests.conftest import BRAND
from tests.live import ServerProcess, serve_process

LIST_PATH = "/brands/{brand}/social-posts"
# Chromium logs every 4xx a page's fetch receives; the 401 is the point of one test.
UNAUTHORIZED_LOGGED = r"the server responded with a status of 401"


@pytest.fixture(scope="module")
def mock(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    with serve_process(tmp_path_factory.mktemp("swagger") / "db.json") as server:
        yield server


def open_swagger_ui(page: Page, url: str) -> None:
    page.goto(url)
    page.locator(".opblock").first.wait_for()


def authorize(page: Page, value: str) -> None:
    """Type ``value`` into the Authorize dialog's bearer field, as a user does."""
    page.locator(".btn.authorize").first.click()
    modal = page.locator(".modal-ux")
    logout = modal.locator("button", has_text="Logout")
    if logout.count():
        logout.click()
    modal.locator("input[type=text]").fill(value)
    modal.locator("button.authorize").click()
    expect(modal.locator("button", has_text="Logout")).to_be_visible()
    modal.locator("button.btn-done").click()
    expect(modal).to_have_count(0)


def operation(page: Page, method: str, path: str) -> Locator:
    """The operation block of ``method`` ``path`` (exact path, not a prefix of another)."""
    return page.locator(f".opblock.opblock-{method}").filter(
        has=page.locator(f'.opblock-summary-path[data-path="{path}"]')
    )


def execute(op: Locator, expected_status: int) -> dict[str, Any]:
    """Press Execute and return the body Swagger UI shows, once it shows ``expected_status``."""
    op.locator(".execute").click()
    status = op.locator(".live-responses-table tr.response .response-col_status")
    expect(status).to_have_text(str(expected_status))
    code = op.locator(".live-responses-table tr.response .highlight-code code")
    body: dict[str, Any] = json.loads(code.inner_text())
    return body


@pytest.mark.parametrize("ui", ["/ui/", "/_mock/ui/"], ids=["api", "control-api"])
def test_swagger_ui_offers_a_server_to_send_requests_to(
    page: Page, console: Console, mock: ServerProcess, ui: str
) -> None:
    open_swagger_ui(page, f"{mock.url}{ui}")

    options = page.locator(".servers select option")
    expect(options.first).to_be_attached()
    servers = [options.nth(i).get_attribute("value") or "" for i in range(options.count())]
    labels = [text.strip() for text in options.all_inner_texts()]
    assert servers and all(servers), f"{ui}: empty server url in {servers!r}"
    assert all(labels), f"{ui}: blank entry in the servers dropdown: {labels!r}"
    assert console.unexpected() == []


def test_authorize_with_the_bearer_prefix_explains_the_401_then_the_token_alone_works(
    page: Page, console: Console, mock: ServerProcess
) -> None:
    open_swagger_ui(page, f"{mock.url}/ui/")
    op = operation(page, "get", LIST_PATH)
    expect(op).to_have_count(1)
    op.locator(".opblock-summary").click()
    op.locator(".try-out__btn").click()
    # The contract's examples fill the path: the document's brand.
    brand = op.locator('tr[data-param-name="brand"] input')
    expect(brand).to_have_value(BRAND)

    # When: a user pastes the whole header value, prefix included.
    authorize(page, "Bearer test-token")
    problem = execute(op, 401)
    # Then: the answer says what to type instead.
    assert problem["status"] == 401
    detail = problem["detail"]
    assert "alone" in detail and "Bearer" in detail, (
        f"the 401 should tell the user to enter the token alone: {detail!r}"
    )

    # When: the token alone.
    authorize(page, "test-token")
    listed = execute(op, 200)
    # Then: the document's brand's posts, fetched from the server the dropdown names.
    assert listed["data"] and {post["brand"] for post in listed["data"]} == {BRAND}
    request_url = op.locator(".request-url pre").inner_text()
    assert request_url.startswith(f"{mock.url}/brands/{BRAND}/social-posts"), request_url

    assert console.unexpected(UNAUTHORIZED_LOGGED) == []
