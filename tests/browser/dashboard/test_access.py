"""The page on a mock that guards its control API with a token."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from socialpost.server.app import create_app
from socialpost.server.config import Settings
from tests.browser.conftest import Console
from tests.browser.dashboard.page import Dashboard
from tests.browser.dashboard.support import (
    LOGGED_403,
)
from tests.live import serve_asgi


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
