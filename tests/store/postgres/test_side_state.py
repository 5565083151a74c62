"""What a session holds besides posts is shared too: fault rules, journal, snapshots, sessions."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

import psycopg
import pytest
from starlette.testclient import TestClient

from socialpost.server.journal import shared
from tests.conftest import AUTH, POSTS, UPDATE_POST, create_body

T = TypeVar("T")


def eventually(found: Callable[[], T | None], within: float = 10.0) -> T:
    """What ``found`` answers once it answers something, polled for ``within`` seconds."""
    deadline = time.monotonic() + within
    while (answer := found()) is None:
        assert time.monotonic() < deadline, "never happened"
        time.sleep(0.02)
    return answer

Replicas = tuple[TestClient, TestClient]


def test_a_fault_rule_added_on_one_replica_fires_once_across_both(replicas: Replicas) -> None:
    a, b = replicas
    rule = a.post("/_mock/faults", json={"operation": "createSocialPost", "status": 503,
                                         "times": 1}).json()
    assert b.post(POSTS, json=create_body(), headers=AUTH).status_code == 503
    assert a.post(POSTS, json=create_body(), headers=AUTH).status_code == 200
    assert b.post(POSTS, json=create_body(), headers=AUTH).status_code == 200
    seen = a.get(f"/_mock/faults/{rule['id']}").json()
    assert (seen["matched"], seen["fired"], seen["remaining"]) == (1, 1, 0)


def test_fault_rules_removed_on_one_replica_are_gone_on_the_other(replicas: Replicas) -> None:
    a, b = replicas
    rule = a.post("/_mock/faults", json={"operation": "listSocialPosts", "status": 500}).json()
    assert b.get(POSTS, headers=AUTH).status_code == 500
    assert b.delete(f"/_mock/faults/{rule['id']}").status_code == 204
    assert a.get(POSTS, headers=AUTH).status_code == 200
    assert a.get("/_mock/faults").json()["data"] == []


def test_fault_ids_are_unique_across_replicas(replicas: Replicas) -> None:
    a, b = replicas
    first = a.post("/_mock/faults", json={"status": 500, "probability": 0}).json()["id"]
    second = b.post("/_mock/faults", json={"status": 500, "probability": 0}).json()["id"]
    assert first != second
    assert [r["id"] for r in a.get("/_mock/faults").json()["data"]] == [first, second]


def test_each_replica_journals_into_one_journal(replicas: Replicas) -> None:
    a, b = replicas
    a.post(POSTS, json=create_body(caption="from a"), headers=AUTH)
    b.get(POSTS, headers=AUTH)
    entries = b.get("/_mock/requests", params={"order": "asc"}).json()["data"]
    assert [(e["operation"], e["status"]) for e in entries] == [
        ("createSocialPost", 200), ("listSocialPosts", 200)]
    assert entries[0]["request"]["body"]["caption"] == "from a"
    assert entries[0]["id"] < entries[1]["id"]
    after = entries[-1]["id"]
    a.get(POSTS, headers=AUTH)
    tail = b.get("/_mock/requests", params={"after": after}).json()
    assert [e["operation"] for e in tail["data"]] == ["listSocialPosts"]
    assert a.delete("/_mock/requests").status_code == 204
    assert b.get("/_mock/requests/count").json() == {"count": 0}


def test_a_journaled_nul_is_kept(replicas: Replicas) -> None:
    a, b = replicas
    a.put(f"{POSTS}/%00", json={"caption": "x"}, headers=AUTH)
    entry = b.get("/_mock/requests").json()["data"][0]
    assert entry["path"].endswith("/\x00")


def test_a_snapshot_saved_on_one_replica_restores_on_the_other(replicas: Replicas) -> None:
    a, b = replicas
    assert a.post("/_mock/snapshots", json={"name": "before"}).status_code == 201
    a.put(f"{POSTS}/{UPDATE_POST}", json={"caption": "changed"}, headers=AUTH)
    a.post("/_mock/clock", json={"advance": 600})
    assert [s["name"] for s in b.get("/_mock/snapshots").json()["data"]] == ["before"]
    restored = b.post("/_mock/snapshots/before/restore").json()
    assert restored["now"] == 1769132599.587474
    posts = a.get(POSTS, headers=AUTH).json()["data"]
    assert next(p for p in posts if p["id"] == UPDATE_POST)["caption"] != "changed"
    assert a.get("/_mock/clock").json()["now"] == 1769132599.587474
    assert a.delete("/_mock/snapshots/before").status_code == 204
    assert b.get("/_mock/snapshots").json()["data"] == []


def test_a_session_created_on_one_replica_is_listed_and_dropped_on_the_other(
    replicas: Replicas,
) -> None:
    a, b = replicas
    assert a.post("/_mock/sessions", json={"name": "ci-42"}).status_code == 201
    a.post(POSTS, json=create_body(), headers={**AUTH, "X-Mock-Session": "ci-42"})
    names = [s["name"] for s in b.get("/_mock/sessions").json()["data"]]
    assert names == ["default", "ci-42"]
    shown = b.get("/_mock/sessions/ci-42").json()
    assert shown["posts"] == a.get("/_mock/sessions/default").json()["posts"] + 1
    assert b.delete("/_mock/sessions/ci-42").status_code == 204
    assert [s["name"] for s in a.get("/_mock/sessions").json()["data"]] == ["default"]
    assert a.get("/_mock/sessions/ci-42").status_code == 404


def test_a_session_used_on_both_replicas_is_one_session(replicas: Replicas) -> None:
    a, b = replicas
    session = {**AUTH, "X-Mock-Session": "e2e-7"}
    made = a.post(POSTS, json=create_body(caption="one"), headers=session).json()["data"]
    listed = b.get(POSTS, headers=session).json()["data"]
    assert made["id"] in [p["id"] for p in listed]
    assert made["id"] not in [p["id"] for p in b.get(POSTS, headers=AUTH).json()["data"]]


def test_a_realtime_clock_switched_on_one_replica_runs_on_the_other(replicas: Replicas) -> None:
    a, b = replicas
    switched = a.post("/_mock/clock", json={"mode": "realtime", "speed": 3600}).json()
    seen = b.get("/_mock/clock").json()
    assert (seen["mode"], seen["speed"]) == ("realtime", 3600)
    # An hour of simulated time per second, from the same anchor: both replicas agree on it
    assert 0 <= seen["now"] - switched["now"] < 3600
    later = a.get("/_mock/clock").json()["now"]
    assert later >= seen["now"]


def test_old_journal_entries_lose_their_bodies_first(
    replicas: Replicas, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shared, "TRIM_EVERY", 2)
    monkeypatch.setattr(shared, "BODIES_KEPT", 1)
    a, b = replicas
    for caption in ("first", "second", "third", "fourth"):
        a.post(POSTS, json=create_body(caption=caption), headers=AUTH)

    def trimmed() -> list[dict[str, Any]] | None:  # trims run aside the inserts: soon after
        found: list[dict[str, Any]] = b.get("/_mock/requests",
                                            params={"order": "asc"}).json()["data"]
        return found if found[0]["request"]["truncated"] else None

    entries = eventually(trimmed)
    assert len(entries) == 4
    kept = [e["request"]["body"] and e["request"]["body"]["caption"] for e in entries]
    assert kept[-1] == "fourth"
    assert kept[0] is None and entries[0]["request"]["truncated"] is True
    assert entries[0]["operation"] == "createSocialPost"


def test_a_long_answer_is_journaled_as_the_embedded_journal_shows_it(replicas: Replicas) -> None:
    from socialpost.server.journal.entry import BODY_LIMIT

    a, b = replicas
    for n in range(40):
        a.post(POSTS, json=create_body(caption=f"post {n} " + "x" * 2000), headers=AUTH)
    answer = a.get(POSTS, params={"limit": 100, "associations": "social_post.owner"},
                   headers=AUTH)
    assert len(answer.content) > BODY_LIMIT
    # The database keeps no more of the body than is ever shown, and its whole size
    entry = b.get("/_mock/requests", params={"operation": "listSocialPosts"}).json()["data"][0]
    assert entry["response"]["size"] == len(answer.content)
    assert entry["response"]["truncated"] is True
    assert entry["response"]["body"] == answer.content[:BODY_LIMIT].decode()


def test_a_journaled_body_is_stored_compressed_with_lz4(replicas: Replicas,
                                                          database_url: str) -> None:
    a, b = replicas
    answer = a.get(POSTS, params={"limit": 100, "associations": "social_post.owner"},
                   headers=AUTH)
    with psycopg.connect(database_url) as conn:
        lz4 = conn.execute("SELECT 'lz4' = ANY(enumvals) FROM pg_settings"
                           " WHERE name = 'default_toast_compression'").fetchone()
        stored = conn.execute(
            "SELECT pg_column_compression(response_body), octet_length(response_body),"
            " pg_column_size(response_body) FROM socialpost_journal"
            " WHERE entry LIKE '%listSocialPosts%'").fetchall()
    assert lz4 == (True,), "PostgreSQL built with lz4 (Debian's is)"
    [(method, length, size)] = stored
    assert (method, length) == ("lz4", len(answer.content))
    assert size < length / 4
    # Read back as it was sent, through the other replica
    entry = b.get("/_mock/requests", params={"operation": "listSocialPosts"}).json()["data"][0]
    assert entry["response"]["body"] == answer.json()
