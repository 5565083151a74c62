"""Live servers for the conformance tests: the mock (or any ASGI app) on a real local port.

``serve_asgi`` (tests/live.py) serves any ASGI app (the mock, a defective wrapper, a proxy) the way
``conform`` meets real servers: over TCP, in a background thread of this process.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from socialpost.conformance.cli import conform as conform_command
from socialpost.server.app import create_app
from socialpost.server.config import Settings
from tests.live import ReverseProxy, serve_asgi

BRAND = "b3ad887b-a14e-4bff-b618-a2edb675d19b"
# Not the owner: its `current_time` follows the clock, which the publishing layer moves.
ASSOCIATIONS = "social_post.template_instance,social_post.asset"


@pytest.fixture
def live_mock() -> Iterator[str]:
    """A fresh in-memory mock (fixtures loaded, clock at its start) served on a real port."""
    with serve_asgi(create_app(Settings(db_path=None))) as base_url:
        yield base_url


class WithoutControl(ReverseProxy):
    """The proxy, answering 404 to the mock's control API: what a real server looks like."""

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["path"].startswith("/_mock"):
            body = b'{"http": 404, "message": "Not found", "code": "ResourceNotFound"}'
            await send({"type": "http.response.start", "status": 404,
                        "headers": [(b"content-type", b"application/json")]})
            await send({"type": "http.response.body", "body": body})
            return
        await super().__call__(scope, receive, send)


class Recording:
    """An ASGI wrapper that records (method, path, authorization, body) of every request."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.requests: list[tuple[str, str, str, bytes]] = []

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []

        async def recording_receive() -> Any:
            message = await receive()
            chunks.append(message.get("body", b""))
            if not message.get("more_body"):
                auth = dict(scope["headers"]).get(b"authorization", b"").decode("latin-1")
                self.requests.append((scope["method"], scope["path"], auth, b"".join(chunks)))
            return message

        await self.app(scope, recording_receive, send)

    def writes(self) -> list[tuple[str, str, str, bytes]]:
        return [r for r in self.requests
                if r[0] in ("POST", "PUT", "DELETE") and r[1].startswith("/brands/")]


@pytest.fixture
def proxied_mock(live_mock: str) -> Iterator[str]:
    """The live mock behind a transparent reverse proxy; yields the proxy's base URL."""
    with serve_asgi(ReverseProxy(live_mock)) as base_url:
        yield base_url


@pytest.fixture
def recorded_mock() -> Iterator[tuple[str, Recording]]:
    """A fresh mock whose every request is recorded."""
    recording = Recording(create_app(Settings(db_path=None)))
    with serve_asgi(recording) as base_url:
        yield base_url, recording


@dataclass
class Ran:
    exit_code: int
    output: str


def conform(*args: str) -> Ran:
    """``socialpost conform ARGS`` in this process; its exit code and everything it printed."""
    result = CliRunner().invoke(conform_command, list(args), catch_exceptions=False)
    return Ran(result.exit_code, result.output)


def brand_posts(base_url: str, token: str = "test-token") -> list[dict[str, Any]]:
    """Every live post of the fixtures' brand, as the list shows them with their sources."""
    answer = httpx.get(
        f"{base_url}/brands/{BRAND}/social-posts",
        params={"limit": 1000, "associations": ASSOCIATIONS},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert answer.status_code == 200, answer.text
    posts: list[dict[str, Any]] = answer.json()["data"]
    return posts
