"""The platform's web app, on another origin, pointed at the validating proxy in front of the
mock: its calls work as against the mock, and it can read what broke the contract."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Page

from socialpost.conformance.proxy.app import create_proxy
from socialpost.server.app import create_app
from socialpost.server.config import Settings
from tests.browser.conftest import Console, open_web_app
from tests.conftest import BRAND, PAGE, TEMPLATE_INSTANCE
from tests.live import serve_asgi

DUE_AT = 1769136199.25


@pytest.fixture
def proxy() -> Iterator[str]:
    with serve_asgi(create_app(Settings(db_path=None))) as mock:
        with serve_asgi(create_proxy(mock)) as url:
            yield url


def test_web_app_through_the_proxy(page: Page, console: Console, proxy: str,
                                   web_app_origin: str) -> None:
    open_web_app(page, web_app_origin, proxy)

    listed = page.evaluate("socialPosts.list()")
    assert listed["status"] == 200, listed
    assert listed["violations"] is None
    assert listed["body"]["data"][0]["owner"]["type"] == "user"
    created = page.evaluate("body => socialPosts.create(body)", {
        "facebook_page": PAGE, "template_instance": TEMPLATE_INSTANCE, "due_at": DUE_AT,
        "caption": "through the proxy"})
    assert (created["status"], created["violations"]) == (200, None), created
    removed = page.evaluate("id => socialPosts.remove(id)", created["body"]["data"]["id"])
    assert (removed["status"], removed["violations"]) == (204, None), removed

    # A call outside the contract: the page reads the count across origins.
    bad = page.evaluate("path => socialPosts.get(path)",
                        f"/brands/{BRAND}/social-posts?limit=lots")
    assert (bad["status"], bad["violations"]) == (400, "1"), bad
    found = httpx.get(f"{proxy}/_proxy/violations").json()
    # Preflights are the proxy's own answers: four calls, four exchanges checked.
    assert (found["exchanges"], found["failures"]) == (4, 1)
    assert found["violations"][0]["message"].startswith("query parameter `limit`")
    assert console.unexpected(r"400 \(Bad Request\)") == []
