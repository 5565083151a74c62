"""Sixteen sessions driven at once see only their own writes and transitions."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from socialpost.server.app import create_app
from socialpost.server.config import Settings
from tests.conftest import AUTH, BRAND, FIXTURES, create_body
from tests.live import serve_asgi

POSTS = f"/brands/{BRAND}/social-posts"
SESSIONS = 16
START = 1769132599.587474


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with serve_asgi(create_app(Settings(db_path=None))) as base:
        yield base


def drive(url: str, name: str) -> dict[str, object]:
    """Creates, an update, a delete and a clock move in one session; what it then sees."""
    headers = {**AUTH, "X-Mock-Session": name}
    with httpx.Client(base_url=url, headers=headers, timeout=30) as http:
        mine = []
        for i in range(5):
            body = create_body(caption=f"{name} #{i}", due_at=START + 60 * (i + 1))
            answer = http.post(POSTS, json=body)
            assert answer.status_code == 200, answer.text
            mine.append(answer.json()["data"]["id"])
        assert http.put(f"{POSTS}/{mine[0]}", json={"caption": f"{name} edited"}).status_code \
            == 200
        assert http.delete(f"{POSTS}/{mine[1]}").status_code == 204
        moved = http.post("/_mock/clock", json={"advance": 3600}).json()
        listed = http.get(POSTS, params={"limit": 1000}).json()["data"]
    return {"mine": mine, "moved": moved, "listed": listed}


def test_sixteen_sessions_at_once_see_only_their_own_writes(url: str) -> None:
    names = [f"iso-{i}" for i in range(SESSIONS)]
    with ThreadPoolExecutor(SESSIONS) as pool:
        results = dict(zip(names, pool.map(lambda n: drive(url, n), names), strict=True))
    every_created = {post for r in results.values() for post in r["mine"]}  # type: ignore[attr-defined]
    fixture_posts = {p["id"] for p in FIXTURES["social_posts"]}
    for name, result in results.items():
        mine: list[str] = result["mine"]  # type: ignore[assignment]
        listed = {p["id"]: p for p in result["listed"]}  # type: ignore[attr-defined]
        created_here = set(listed) - fixture_posts
        assert created_here == set(mine) - {mine[1]}, name  # its own, less the deleted one
        assert not (created_here & (every_created - set(mine)))
        assert listed[mine[0]]["caption"] == f"{name} edited"
        moved: dict[str, object] = result["moved"]  # type: ignore[assignment]
        assert moved["now"] == START + 3600  # one move each: no other session's clock moves
        transitioned = {t["post"] for t in moved["transitions"]}  # type: ignore[attr-defined]
        assert set(mine) - {mine[1]} <= transitioned
        assert not transitioned & (every_created - set(mine))


def test_the_default_session_is_untouched_by_the_others(url: str) -> None:
    with httpx.Client(base_url=url, headers=AUTH) as http:
        drive(url, "iso-extra")
        assert http.get("/_mock/clock").json()["now"] == START
        listed = {p["id"] for p in http.get(POSTS, params={"limit": 1000}).json()["data"]}
    assert listed <= {p["id"] for p in FIXTURES["social_posts"]}
