"""The platform's web app, on another origin, reads and writes posts through the mock.

A page served from a second local server (another port: another origin) calls the mock with
``fetch`` the way the platform's real web app does (design note ``real-api.md``): every request
carries ``Authorization``, ``X-RECHAT-FORMAT: references`` and ``X-RECHAT-BRAND``, so Chromium
sends a CORS preflight naming them before each call, and lists ask for associations in bracket
form.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import Console, open_web_app
from tests.conftest import BRAND, PAGE, TEMPLATE_INSTANCE, USER
from tests.live import ServerProcess, serve_process
from tests.tooling import ROOT

# About an hour after the mock's clock starts: the post stays scheduled while the test runs.
DUE_AT = 1769136199.25
CAPTION = "Open house Saturday 🏡 at 1420 N Lake Shore Dr, from the web app"

# Chromium's report of a call its CORS check refused.
CORS_REFUSAL = r"has been blocked by CORS policy|net::ERR_FAILED"


@pytest.fixture(scope="module")
def mock(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """A mock with the default CORS settings (any origin, any request header)."""
    with serve_process(tmp_path_factory.mktemp("browser") / "db.json") as server:
        yield server


def template_of(instance_id: str) -> dict[str, Any]:
    """The fixtures' template record behind a template instance."""
    fixtures = json.loads((ROOT / "fixtures" / "social-posts.json").read_text())
    instance = next(i for i in fixtures["template_instances"] if i["id"] == instance_id)
    template: dict[str, Any] = next(
        t for t in fixtures["templates"] if t["id"] == instance["template"]
    )
    return template


def preflights(server: ServerProcess) -> list[str]:
    """The access log's lines for CORS preflights of the posts route."""
    return [line for line in server.output().splitlines()
            if re.search(rf'"OPTIONS /brands/{BRAND}/social-posts\S* HTTP', line)]


def assert_expanded(post: dict[str, Any]) -> None:
    """The three associations the web app asks for are expanded in ``post``."""
    assert isinstance(post["owner"], dict) and post["owner"]["type"] == "user", post["owner"]
    instance = post["template_instance"]
    if instance is None:
        return
    assert isinstance(instance, dict), f"template_instance not expanded: {instance!r}"
    template = instance.get("template")
    assert isinstance(template, dict), (
        f"template_instance.template not expanded in post {post['id']}: {template!r}"
    )
    assert template["type"] == "template"


def test_web_app_on_another_origin_lists_creates_and_deletes_a_post(
    page: Page, console: Console, mock: ServerProcess, web_app_origin: str
) -> None:
    assert web_app_origin != mock.url
    open_web_app(page, web_app_origin, mock.url)

    # The list, with the three associations the web app asks for in bracket form.
    listed = page.evaluate("socialPosts.list()")
    assert "error" not in listed, f"the browser refused the list: {listed}"
    assert listed["status"] == 200, listed
    assert listed["contentType"].startswith("application/json")
    posts = listed["body"]["data"]
    assert posts and listed["body"]["info"]["total"] >= len(posts)
    assert {p["brand"] for p in posts} == {BRAND}
    for post in posts:
        assert_expanded(post)

    # A create: the web app's body, with due_at as epoch seconds.
    created = page.evaluate(
        "body => socialPosts.create(body)",
        {"facebook_page": PAGE, "template_instance": TEMPLATE_INSTANCE, "due_at": DUE_AT,
         "caption": CAPTION},
    )
    assert "error" not in created, f"the browser refused the create: {created}"
    assert created["status"] == 200, created
    post = created["body"]["data"]
    assert re.fullmatch(r"[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}", post["id"])
    assert post["brand"] == BRAND
    assert post["facebook_page"] == PAGE
    assert post["due_at"] == DUE_AT
    assert post["caption"] == CAPTION
    assert post["created_by"] == USER
    assert post["executed_at"] is None and post["failed_at"] is None

    # The list shows the new post, its template instance and template expanded.
    listed = page.evaluate("socialPosts.list()")
    assert listed["status"] == 200, listed
    mine = [p for p in listed["body"]["data"] if p["id"] == post["id"]]
    assert len(mine) == 1, f"created post {post['id']} not listed"
    assert_expanded(mine[0])
    assert mine[0]["template_instance"]["id"] == TEMPLATE_INSTANCE
    template = template_of(TEMPLATE_INSTANCE)
    assert mine[0]["template_instance"]["template"]["id"] == template["id"]
    assert mine[0]["template_instance"]["template"]["name"] == template["name"]
    assert mine[0]["caption"] == CAPTION and mine[0]["due_at"] == DUE_AT

    # The delete: 204 without a body, and the post leaves the list.
    deleted = page.evaluate("id => socialPosts.remove(id)", post["id"])
    assert "error" not in deleted, f"the browser refused the delete: {deleted}"
    assert deleted["status"] == 204 and deleted["body"] is None, deleted
    listed = page.evaluate("socialPosts.list()")
    assert listed["status"] == 200, listed
    assert post["id"] not in {p["id"] for p in listed["body"]["data"]}

    # Every call was cross-origin with non-safelisted headers: Chromium asked first.
    assert preflights(mock), "no CORS preflight reached the mock"
    assert console.unexpected() == []


@pytest.mark.parametrize(
    ("allowed", "refused"),
    [
        # X-RECHAT-BRAND is not among the allowed headers: every call of the web app fails.
        (["X-RECHAT-FORMAT"], True),
        # Exactly the headers the web app sends: its calls go through.
        (["Authorization", "Content-Type", "X-RECHAT-FORMAT", "X-RECHAT-BRAND"], False),
    ],
    ids=["without-x-rechat-brand", "web-app-headers"],
)
def test_cors_allow_header_narrows_the_headers_a_browser_may_send(
    page: Page, console: Console, web_app_origin: str, tmp_path: Path,
    allowed: list[str], refused: bool,
) -> None:
    options = [arg for header in allowed for arg in ("--cors-allow-header", header)]
    with serve_process(tmp_path / "db.json", *options) as narrowed:
        open_web_app(page, web_app_origin, narrowed.url)
        listed = page.evaluate("socialPosts.list()")
        log = narrowed.output()

    if refused:
        assert listed == {"error": "TypeError: Failed to fetch"}
        assert console.errors, "Chromium reported no CORS refusal"
        assert console.unexpected(CORS_REFUSAL) == []
        # Refused at the preflight (a 400, or a 200 not listing the header): either way Chromium
        # blocks the call and says it was CORS.
        assert any("blocked by CORS policy" in e for e in console.errors), console.errors
        # The preflight was answered and refused: the list itself never reached the mock.
        assert f'"GET /brands/{BRAND}/social-posts' not in log
    else:
        assert listed.get("status") == 200, listed
        assert console.unexpected() == []
