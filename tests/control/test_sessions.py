"""/_mock/sessions: list, create, read and drop sessions; idle ones expire, the count is bounded."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
from starlette.testclient import TestClient

from socialpost.server.app import create_app
from socialpost.server.config import Settings
from tests.conftest import AUTH, FIXTURES, POSTS, create_body
from tests.live import serve_process

START = 1769132599.587474


def names(client: TestClient) -> list[str]:
    return [s["name"] for s in client.get("/_mock/sessions").json()["data"]]


def test_the_list_shows_each_session_with_its_posts_and_clock(client: TestClient) -> None:
    client.post(POSTS, json=create_body(), headers={**AUTH, "X-Mock-Session": "s-listed"})
    client.post("/_mock/clock", json={"advance": 60}, headers={"X-Mock-Session": "s-listed"})
    answer = client.get("/_mock/sessions")
    assert answer.status_code == 200
    sessions = {s["name"]: s for s in answer.json()["data"]}
    assert answer.json()["data"][0]["name"] == "default"
    listed = sessions["s-listed"]
    assert listed["posts"] == len(FIXTURES["social_posts"]) + 1
    assert listed["clock"]["now"] == START + 60
    assert listed["created"] <= listed["last_used"]
    assert sessions["default"]["clock"]["now"] == START
    assert answer.json()["info"]["count"] == len(sessions)


def test_a_session_can_be_created_from_a_scenario(client: TestClient) -> None:
    created = client.post("/_mock/sessions", json={"name": "s-empty", "scenario": "empty"})
    assert created.status_code == 201
    assert created.json()["scenario"] == "empty" and created.json()["posts"] == 0
    listed = client.get(POSTS, headers={**AUTH, "X-Mock-Session": "s-empty"}).json()
    assert listed["info"]["total"] == 0
    again = client.post("/_mock/sessions", json={"name": "s-empty"})
    assert again.status_code == 409
    unknown = client.post("/_mock/sessions", json={"name": "s-x", "scenario": "nope"})
    assert unknown.status_code == 400 and unknown.json()["field"] == "scenario"
    assert "busy" in unknown.json()["detail"]


def test_dropping_a_session_forgets_everything_it_held(client: TestClient) -> None:
    session = {"X-Mock-Session": "s-dropped"}
    client.post(POSTS, json=create_body(), headers={**AUTH, **session})
    assert client.get("/_mock/sessions/s-dropped").json()["posts"] == \
        len(FIXTURES["social_posts"]) + 1
    assert client.delete("/_mock/sessions/s-dropped").status_code == 204
    assert "s-dropped" not in names(client)
    assert client.get("/_mock/sessions/s-dropped").status_code == 404
    assert client.delete("/_mock/sessions/s-dropped").status_code == 404
    # Named again: a new session, from the fixtures
    total = client.get(POSTS, headers={**AUTH, **session}).json()["info"]["total"]
    assert total == client.get(POSTS, headers=AUTH).json()["info"]["total"]


def test_the_default_session_cannot_be_dropped(client: TestClient) -> None:
    answer = client.delete("/_mock/sessions/default")
    assert answer.status_code == 409
    assert "reset" in answer.json()["detail"]


def test_beyond_the_limit_the_session_idle_longest_is_dropped() -> None:
    app = create_app(Settings(db_path=None, max_sessions=2))
    with app.test_client(client=("127.0.0.1", 50000)) as client:
        for name in ("first", "second"):
            client.get("/_mock/clock", headers={"X-Mock-Session": name})
        client.get("/_mock/clock", headers={"X-Mock-Session": "first"})  # "second" now idlest
        client.get("/_mock/clock", headers={"X-Mock-Session": "third"})
        assert names(client) == ["default", "first", "third"]


def test_idle_sessions_expire_after_the_ttl() -> None:
    app = create_app(Settings(db_path=None, session_ttl=1.0))
    with app.test_client(client=("127.0.0.1", 50000)) as client:
        client.get("/_mock/clock", headers={"X-Mock-Session": "idle"})
        client.get("/_mock/clock", headers={"X-Mock-Session": "busy-one"})
        deadline = time.monotonic() + 10
        while "idle" in names(client) and time.monotonic() < deadline:
            client.get("/_mock/clock", headers={"X-Mock-Session": "busy-one"})
            time.sleep(0.2)
        assert names(client) == ["default", "busy-one"]


def test_named_sessions_do_not_survive_a_restart_the_default_does(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    session = {**AUTH, "X-Mock-Session": "kept"}
    with serve_process(db) as server:
        httpx.post(server.url + POSTS, json=create_body(caption="default's"), headers=AUTH)
        httpx.post(server.url + POSTS, json=create_body(caption="session's"), headers=session)
        httpx.post(server.url + "/_mock/clock", json={"advance": 60},
                   headers={"X-Mock-Session": "kept"})
    with serve_process(db) as server:
        sessions = httpx.get(server.url + "/_mock/sessions").json()["data"]
        assert [s["name"] for s in sessions] == ["default"]
        captions = {p["caption"] for p in
                    httpx.get(server.url + POSTS, headers=AUTH).json()["data"]}
        assert "default's" in captions
        again = httpx.get(server.url + POSTS, headers=session).json()["data"]
        assert "session's" not in {p["caption"] for p in again}
        clock = httpx.get(server.url + "/_mock/clock", headers={"X-Mock-Session": "kept"})
        assert clock.json()["now"] == START

