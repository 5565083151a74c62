"""A web app on another origin works in its own session, by header or by base URL prefix."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route

from socialpost.server.app import create_app
from socialpost.server.config import Settings
from tests.browser.conftest import Console
from tests.conftest import AUTH, BRAND, PAGE, TEMPLATE_INSTANCE
from tests.live import serve_asgi

POSTS = f"/brands/{BRAND}/social-posts"


def blank_page(_: Request) -> HTMLResponse:
    return HTMLResponse("<!doctype html><link rel=icon href='data:,'><title>app</title><p>app")


@pytest.fixture(scope="module")
def app_origin() -> Iterator[str]:
    with serve_asgi(Starlette(routes=[Route("/", blank_page)])) as url:
        yield url


@pytest.fixture(scope="module")
def mock() -> Iterator[str]:
    with serve_asgi(create_app(Settings(db_path=None))) as url:
        yield url


CREATE = """async ([url, headers, caption, facebook_page, template_instance]) => {
  const answer = await fetch(url, {method: 'POST', headers: {...headers,
    'Content-Type': 'application/json'}, body: JSON.stringify({caption,
    facebook_page, template_instance})});
  return {status: answer.status, session: answer.headers.get('X-Mock-Session'),
          body: await answer.json()};
}"""

LIST = """async ([url, headers]) => {
  const answer = await fetch(url + '?limit=1000', {headers});
  return (await answer.json()).data.map(post => post.caption);
}"""


def captions(mock: str, **headers: str) -> list[str]:
    answer = httpx.get(mock + POSTS, params={"limit": 1000}, headers={**AUTH, **headers})
    return [p["caption"] for p in answer.json()["data"]]


def test_a_page_on_another_origin_uses_a_session_by_header_and_by_prefix(
    page: Page, console: Console, app_origin: str, mock: str
) -> None:
    page.goto(app_origin)
    by_header: dict[str, Any] = page.evaluate(
        CREATE, [mock + POSTS, {**AUTH, "X-Mock-Session": "browser-h"}, "made by header", PAGE,
                 TEMPLATE_INSTANCE])
    assert by_header["status"] == 200
    assert by_header["session"] == "browser-h"  # exposed to the page by CORS
    by_prefix: dict[str, Any] = page.evaluate(
        CREATE, [f"{mock}/_sessions/browser-p{POSTS}", AUTH, "made by prefix", PAGE,
                 TEMPLATE_INSTANCE])
    assert by_prefix["status"] == 200

    seen_by_header = page.evaluate(LIST, [mock + POSTS, {**AUTH, "X-Mock-Session": "browser-h"}])
    seen_by_prefix = page.evaluate(LIST, [f"{mock}/_sessions/browser-p{POSTS}", AUTH])
    assert "made by header" in seen_by_header and "made by prefix" not in seen_by_header
    assert "made by prefix" in seen_by_prefix and "made by header" not in seen_by_prefix
    # The same sessions, seen from outside the browser; the default session saw neither
    assert "made by header" in captions(mock, **{"X-Mock-Session": "browser-h"})
    assert not {"made by header", "made by prefix"} & set(captions(mock))
    assert console.unexpected() == []
