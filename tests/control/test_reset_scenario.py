"""POST /_mock/reset {"scenario": …}: a session starts over from a named scenario."""

from __future__ import annotations

from pathlib import Path

import httpx
from starlette.testclient import TestClient

from socialpost.server.app import create_app
from socialpost.server.config import Settings
from socialpost.server.store.scenarios import load_scenario
from tests.conftest import AUTH, BRAND, FIXTURES, POSTS, create_body
from tests.live import serve_process

STATS = f"/brands/{BRAND}/social-posts/stats"


def live_posts(name: str) -> int:
    return sum(1 for p in load_scenario(name)["social_posts"]
               if p["brand"] == BRAND and p.get("deleted_at") is None)


def test_reset_to_a_scenario_then_a_plain_reset_restores_that_scenario(
    client: TestClient,
) -> None:
    session = {"X-Mock-Session": "reset-busy"}
    answer = client.post("/_mock/reset", json={"scenario": "busy"}, headers=session)
    assert answer.status_code == 200
    total = client.get(POSTS, headers={**AUTH, **session}).json()["info"]["total"]
    assert total == live_posts("busy")
    client.post(POSTS, json=create_body(), headers={**AUTH, **session})
    client.post("/_mock/reset", headers=session)
    assert client.get(POSTS, headers={**AUTH, **session}).json()["info"]["total"] == total


def test_the_empty_scenario_has_no_posts_and_the_default_session_is_untouched(
    client: TestClient,
) -> None:
    before = client.get(POSTS, headers=AUTH).json()["info"]["total"]
    client.post("/_sessions/reset-empty/_mock/reset", json={"scenario": "empty"})
    assert client.get(f"/_sessions/reset-empty{POSTS}", headers=AUTH).json()["info"]["total"] \
        == 0
    assert client.get(POSTS, headers=AUTH).json()["info"]["total"] == before


def test_an_unknown_scenario_is_refused_naming_the_field(client: TestClient) -> None:
    for name, words in (("crowded", "busy"), ("../etc/passwd", "does not match")):
        answer = client.post("/_mock/reset", json={"scenario": name})
        assert answer.status_code == 400
        assert answer.json()["field"] == "scenario"
        assert words in answer.json()["detail"]


def test_serve_scenario_starts_the_database_and_new_sessions_from_it(tmp_path: Path) -> None:
    with serve_process(tmp_path / "db.json", "--scenario", "disconnected") as server:
        for headers in (AUTH, {**AUTH, "X-Mock-Session": "fresh"}):
            body = create_body(due_at=1769132599.587474 + 60)
            post = httpx.post(server.url + POSTS, json=body, headers=headers).json()["data"]
            moved = httpx.post(server.url + "/_mock/clock", json={"advance": 120},
                               headers={"X-Mock-Session": headers.get("X-Mock-Session",
                                                                      "default")}).json()
            failure = {t["post"]: t["failure"] for t in moved["transitions"]}[post["id"]]
            assert failure.startswith("Error validating access token")


def test_reset_clears_fault_rules_and_the_journal_and_keeps_snapshots(
    client: TestClient,
) -> None:
    session = {"X-Mock-Session": "reset-clean"}
    client.post("/_mock/faults", json={"operation": "listSocialPosts", "status": 503},
                headers=session)
    assert client.get(POSTS, headers={**AUTH, **session}).status_code == 503
    client.post("/_mock/snapshots", json={"name": "kept"}, headers=session)
    assert client.post("/_mock/reset", headers=session).status_code == 200
    assert client.get("/_mock/faults", headers=session).json()["data"] == []
    assert client.get("/_mock/requests/count", headers=session).json() == {"count": 0}
    assert client.get(POSTS, headers={**AUTH, **session}).status_code == 200
    assert [s["name"] for s in client.get("/_mock/snapshots", headers=session).json()["data"]] \
        == ["kept"]


def test_new_sessions_start_from_the_mocks_scenario_whatever_the_default_session_reset_to(
) -> None:
    app = create_app(Settings(db_path=None))
    with app.test_client(client=("127.0.0.1", 50000)) as own:
        own.post("/_mock/reset", json={"scenario": "empty"})
        assert own.get(POSTS, headers=AUTH).json()["info"]["total"] == 0
        fresh = own.get(POSTS, headers={**AUTH, "X-Mock-Session": "after-reset"}).json()
        assert fresh["info"]["total"] == live_posts_of_fixtures()


def live_posts_of_fixtures() -> int:
    return sum(1 for p in FIXTURES["social_posts"]
               if p["brand"] == BRAND and p.get("deleted_at") is None)
