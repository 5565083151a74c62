"""One headless Chromium per test module, and pages that record what their console reports.

Playwright drives Debian's ``/usr/bin/chromium`` (``tests/tooling.py``); it never downloads a
browser. Without Chromium the tests are skipped, or fail where tools are required (CI).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Error, Page, expect, sync_playwright
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route

from tests import tooling
from tests.live import serve_asgi

# Short enough that a selector that never matches fails the test in seconds, not minutes.
TIMEOUT_MS = 10_000
expect.set_options(timeout=TIMEOUT_MS)

# The web app's calls, as a static page of its own (``window.socialPosts.list/create/remove``).
WEB_APP = Path(__file__).with_name("web_app.html")


@dataclass
class Console:
    """Errors a page reported: console.error messages and uncaught exceptions."""

    errors: list[str] = field(default_factory=list)

    def unexpected(self, *allowed: str) -> list[str]:
        """The errors that match none of the ``allowed`` regular expressions."""
        return [e for e in self.errors if not any(re.search(a, e) for a in allowed)]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    executable = tooling.chromium()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(executable), headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def console() -> Console:
    return Console()


@pytest.fixture
def page(browser: Browser, console: Console) -> Iterator[Page]:
    """A fresh page (own cookies, storage and cache) whose errors land in ``console``."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    new_page = context.new_page()

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            console.errors.append(message.text)

    def on_page_error(error: Error) -> None:
        console.errors.append(f"uncaught: {error.message}")

    new_page.on("console", on_console)
    new_page.on("pageerror", on_page_error)
    yield new_page
    context.close()


def web_app_page(_: Request) -> HTMLResponse:
    return HTMLResponse(WEB_APP.read_text())


@pytest.fixture(scope="module")
def web_app_origin() -> Iterator[str]:
    """The web app's origin: a second server on another port."""
    with serve_asgi(Starlette(routes=[Route("/", web_app_page)])) as url:
        yield url


def open_web_app(page: Page, origin: str, api: str) -> None:
    page.goto(f"{origin}/?api={api}")
    page.wait_for_function("() => window.socialPosts !== undefined")
