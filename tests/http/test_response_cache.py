"""Identical reads are answered from memory, and never once anything has changed."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from starlette.testclient import TestClient

from socialpost.server.http.response_cache import ResponseCache
from socialpost.server.publishing.clock import Clock
from tests.conftest import AUTH, OTHER_AUTH, POSTS, create_body

OWNER: dict[str, str | int] = {"associations": "social_post.owner", "limit": 1}


def test_a_write_is_visible_to_the_next_identical_read(client: TestClient) -> None:
    first = client.get(POSTS, params={"limit": 1}, headers=AUTH)
    assert client.get(POSTS, params={"limit": 1}, headers=AUTH).content == first.content
    client.post(POSTS, json=create_body(), headers=AUTH)
    after = client.get(POSTS, params={"limit": 1}, headers=AUTH).json()
    assert after["info"]["total"] == first.json()["info"]["total"] + 1


def test_a_clock_move_is_visible_to_the_next_identical_read(client: TestClient) -> None:
    before = client.get(POSTS, params=OWNER, headers=AUTH).json()["data"][0]["owner"]
    client.post("/_mock/clock", json={"advance": 3600})
    after = client.get(POSTS, params=OWNER, headers=AUTH).json()["data"][0]["owner"]
    assert before["current_time"] != after["current_time"]


def test_answers_are_never_shared_between_tokens(client: TestClient) -> None:
    assert client.get(POSTS, headers=AUTH).status_code == 200
    assert client.get(POSTS, headers=OTHER_AUTH).status_code == 403
    assert client.get(POSTS).status_code == 401


@dataclass
class FakeStore:
    version: int = 1


@dataclass
class FakeMock:
    store: FakeStore
    clock: Clock
    key: str = "a session"


class CountingApp:
    def __init__(self, status: int = 200) -> None:
        self.calls = 0
        self.status = status

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        self.calls += 1
        await send({"type": "http.response.start", "status": self.status, "headers": []})
        await send({"type": "http.response.body", "body": f"answer {self.calls}".encode()})


def _get(app: Any, mock: FakeMock, path: str = "/brands/x/social-posts") -> bytes:
    sent: list[Any] = []
    scope = {"type": "http", "method": "GET", "path": path, "query_string": b"a=1",
             "headers": [(b"authorization", b"Bearer t")], "state": {"mock": mock}}

    async def send(message: Any) -> None:
        sent.append(message)

    async def receive() -> Any:
        return {"type": "http.request", "body": b""}

    asyncio.run(app(scope, receive, send))
    return b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")


def test_identical_reads_at_the_same_version_reach_the_app_twice_then_never() -> None:
    inner = CountingApp()
    cache = ResponseCache(inner)
    mock = FakeMock(FakeStore(), Clock(start=100.0))
    assert _get(cache, mock) == b"answer 1"
    assert _get(cache, mock) == _get(cache, mock) == _get(cache, mock) == b"answer 2"
    assert inner.calls == 2
    mock.store.version += 1
    assert [_get(cache, mock) for _ in range(3)] == [b"answer 3", b"answer 4", b"answer 4"]
    mock.clock.advance(1)
    assert _get(cache, mock) == b"answer 5"


def test_reads_asked_once_do_not_push_out_an_answer_asked_again() -> None:
    inner = CountingApp()
    cache = ResponseCache(inner, size=4, seen=8)
    mock = FakeMock(FakeStore(), Clock(start=100.0))
    polled = "/brands/x/social-posts"
    _get(cache, mock, polled)
    kept = _get(cache, mock, polled)
    for i in range(20):  # a client paging through distinct queries, more than the cache holds
        _get(cache, mock, f"/brands/x/social-posts/{i}")
    assert inner.calls == 22
    assert _get(cache, mock, polled) == kept
    assert inner.calls == 22
    # Keys seen once are forgotten, oldest first: the first page is asked anew twice.
    _get(cache, mock, "/brands/x/social-posts/0")
    assert _get(cache, mock, "/brands/x/social-posts/0") == b"answer 24"
    assert inner.calls == 24


def test_errors_and_other_paths_are_not_kept() -> None:
    failing = CountingApp(status=404)
    cache = ResponseCache(failing)
    mock = FakeMock(FakeStore(), Clock(start=100.0))
    _get(cache, mock)
    _get(cache, mock)
    assert failing.calls == 2
    other = CountingApp()
    cache = ResponseCache(other)
    _get(cache, mock, "/_mock/clock")
    _get(cache, mock, "/_mock/clock")
    assert other.calls == 2


def test_answers_are_never_shared_between_sessions(client: TestClient) -> None:
    client.get(POSTS, headers=AUTH)
    client.post(POSTS, json=create_body(), headers={**AUTH, "X-Mock-Session": "cache-a"})
    # The same request, at the same store version and instant, in another session
    default = client.get(POSTS, headers=AUTH).json()["info"]["total"]
    other = client.get(POSTS, headers={**AUTH, "X-Mock-Session": "cache-a"}).json()
    assert other["info"]["total"] == default + 1
