"""A page the developer's browser opens cannot drive the control API, unless it is allowed.

The browser is a loopback client of the mock, and the API's CORS allows every origin: without
the control API's own origin rule, any page could reset the mock or move its clock. A page
served from a second local server (another port: another origin) tries; the mock's own pages
and a page of an origin given to ``control_origins`` (``--control-origin``) succeed.
"""

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
from tests.conftest import AUTH, POSTS
from tests.live import serve_asgi

# fetch() in the page; what came back, or the error the browser raised.
FETCH = """async ([url, init]) => {
    try {
        const response = await fetch(url, init);
        return {status: response.status, type: response.type};
    } catch (error) {
        return {error: String(error)};
    }
}"""
MOVE = {"method": "POST", "headers": {"Content-Type": "application/json"},
        "body": '{"advance": 3600}'}
# No body, no header: a request any page may send without asking first (no preflight).
RESET = {"method": "POST"}
RESET_NO_CORS = {"method": "POST", "mode": "no-cors"}
FAILED = "TypeError: Failed to fetch"


def blank(_: Request) -> HTMLResponse:
    return HTMLResponse("<!doctype html><title>another origin</title><body></body>")


@pytest.fixture(scope="module")
def other_origin() -> Iterator[str]:
    with serve_asgi(Starlette(routes=[Route("/", blank)])) as url:
        yield url


@pytest.fixture(scope="module")
def mock() -> Iterator[str]:
    """A mock with the default settings: no other origin may drive its control API."""
    with serve_asgi(create_app(Settings(db_path=None))) as url:
        yield url


def call(page: Page, url: str, init: dict[str, Any] | None = None) -> dict[str, Any]:
    answer: dict[str, Any] = page.evaluate(FETCH, [url, init or {}])
    return answer


def clock(mock: str) -> float:
    """The mock's instant, read by a client that is no browser."""
    now: float = httpx.get(f"{mock}/_mock/clock").json()["now"]
    return now


def moved_on(mock: str) -> float:
    """Advance the clock (so that a reset would show) and answer the new instant."""
    now: float = httpx.post(f"{mock}/_mock/clock", json={"advance": 60}).json()["now"]
    return now


def test_a_page_of_another_origin_cannot_reset_the_mock_or_move_its_clock(
    page: Page, mock: str, other_origin: str
) -> None:
    before = moved_on(mock)
    page.goto(other_origin)

    reset = call(page, f"{mock}/_mock/reset", RESET)
    blind_reset = call(page, f"{mock}/_mock/reset", RESET_NO_CORS)
    move = call(page, f"{mock}/_mock/clock", MOVE)
    read = call(page, f"{mock}/_mock/clock")

    assert reset == {"status": 403, "type": "cors"}, reset
    assert blind_reset == {"status": 0, "type": "opaque"}, blind_reset  # sent, unreadable
    assert move == {"error": FAILED}, move  # its preflight was refused
    assert read == {"status": 403, "type": "cors"}, read
    assert clock(mock) == before
    # The API itself stays open to the page.
    listed = call(page, f"{mock}{POSTS}", {"headers": AUTH})
    assert listed == {"status": 200, "type": "cors"}, listed


def test_a_page_of_an_allowed_origin_drives_the_control_api(
    page: Page, other_origin: str
) -> None:
    settings = Settings(db_path=None, control_origins=(other_origin,))
    with serve_asgi(create_app(settings)) as allowed:
        before = moved_on(allowed)
        page.goto(other_origin)

        move = call(page, f"{allowed}/_mock/clock", MOVE)
        assert move == {"status": 200, "type": "cors"}, move
        assert clock(allowed) == before + 3600

        blind_reset = call(page, f"{allowed}/_mock/reset", RESET_NO_CORS)
        assert blind_reset == {"status": 0, "type": "opaque"}, blind_reset
        assert clock(allowed) < before  # the same request the other mock refused, obeyed


def test_the_mocks_own_pages_drive_the_control_api(page: Page, mock: str) -> None:
    before = clock(mock)
    page.goto(f"{mock}/_mock/ui/")

    move = call(page, "/_mock/clock", MOVE)

    assert move == {"status": 200, "type": "basic"}, move
    assert clock(mock) == before + 3600


def test_a_link_opens_the_control_pages_but_a_frame_of_another_origin_does_not(
    page: Page, mock: str, other_origin: str
) -> None:
    page.goto(other_origin)
    page.evaluate("""url => {
        const link = document.createElement('a');
        link.href = url;
        link.textContent = 'control';
        document.body.append(link);
    }""", f"{mock}/_mock/clock")

    with page.expect_response(f"{mock}/_mock/clock") as followed:
        page.click("text=control")
    assert followed.value.status == 200

    page.goto(other_origin)
    with page.expect_response(f"{mock}/_mock/clock") as framed:
        page.evaluate("""url => {
            const frame = document.createElement('iframe');
            frame.src = url;
            document.body.append(frame);
        }""", f"{mock}/_mock/clock")
    assert framed.value.status == 403
