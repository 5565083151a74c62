"""One mock serving the ``busy`` scenario for all the dashboard's tests, started over for each.

Every test ends with no error on the page's console; what the page shows is compared with
what the API answers a client that is not a browser (``support``).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page

from socialpost.server.app import create_app
from socialpost.server.config import Settings
from tests.browser.dashboard.page import Dashboard
from tests.browser.dashboard.support import start_over
from tests.live import serve_asgi


@pytest.fixture(scope="package")
def mock() -> Iterator[str]:
    """One mock for the package (in memory, the busy scenario); each test starts it over."""
    with serve_asgi(create_app(Settings(db_path=None, scenario="busy"))) as url:
        yield url


@pytest.fixture
def dashboard(page: Page, mock: str) -> Dashboard:
    start_over(mock)
    return Dashboard(page, mock).open()
