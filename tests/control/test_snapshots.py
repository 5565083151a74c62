"""/_mock/snapshots: save a session's state and clock, restore it, list and delete."""

from __future__ import annotations

from starlette.testclient import TestClient

from tests.conftest import AUTH, PAGE, POSTS, create_body

START = 1769132599.587474


def captions(client: TestClient, **headers: str) -> set[str]:
    data = client.get(POSTS, params={"limit": 1000}, headers={**AUTH, **headers}).json()["data"]
    return {p["caption"] for p in data}


def test_restoring_brings_back_the_posts_the_failures_and_the_clock(client: TestClient) -> None:
    client.post(POSTS, json=create_body(caption="before the snapshot"), headers=AUTH)
    client.put(f"/_mock/pages/{PAGE}/failure", json={"message": "Page gone"})
    client.post("/_mock/clock", json={"mode": "realtime", "speed": 2})
    client.post("/_mock/clock", json={"mode": "frozen"})
    at = client.get("/_mock/clock").json()["now"]
    saved = client.post("/_mock/snapshots", json={"name": "s1"})
    assert saved.status_code == 201
    assert saved.json()["name"] == "s1" and saved.json()["clock"]["now"] == at

    client.post(POSTS, json=create_body(caption="after the snapshot"), headers=AUTH)
    client.delete(f"/_mock/pages/{PAGE}/failure")
    client.post("/_mock/clock", json={"advance": 7 * 86400})

    restored = client.post("/_mock/snapshots/s1/restore")
    assert restored.status_code == 200
    assert restored.json()["restored"] == "s1" and restored.json()["now"] == at
    assert client.get("/_mock/clock").json()["speed"] == 2
    assert "before the snapshot" in captions(client)
    assert "after the snapshot" not in captions(client)
    due = create_body(caption="publishes?", due_at=at + 60, facebook_page=PAGE)
    post = client.post(POSTS, json=due, headers=AUTH).json()["data"]["id"]
    moved = client.post("/_mock/clock", json={"advance": 120}).json()
    failed = {t["post"]: t["failure"] for t in moved["transitions"]}
    assert failed[post] == "Page gone"  # the page's failure came back with the snapshot


def test_a_snapshot_can_be_restored_again_and_deleted(client: TestClient) -> None:
    client.post("/_mock/snapshots", json={"name": "again"})
    for _ in range(2):
        client.post(POSTS, json=create_body(caption="scratch"), headers=AUTH)
        assert client.post("/_mock/snapshots/again/restore").status_code == 200
        assert "scratch" not in captions(client)
    listed = client.get("/_mock/snapshots").json()["data"]
    assert "again" in [s["name"] for s in listed]
    assert client.delete("/_mock/snapshots/again").status_code == 204
    assert client.post("/_mock/snapshots/again/restore").status_code == 404
    assert client.delete("/_mock/snapshots/again").status_code == 404


def test_snapshots_belong_to_their_session(client: TestClient) -> None:
    session = {"X-Mock-Session": "snap-a"}
    client.post(POSTS, json=create_body(caption="only in snap-a"), headers={**AUTH, **session})
    assert client.post("/_mock/snapshots", json={"name": "mine"}, headers=session).status_code \
        == 201
    assert client.post("/_mock/snapshots/mine/restore").status_code == 404
    answer = client.post("/_sessions/snap-a/_mock/snapshots/mine/restore")
    assert answer.status_code == 200
    assert "only in snap-a" in captions(client, **session)
    assert "only in snap-a" not in captions(client)


def test_an_unknown_snapshot_says_which_exist(client: TestClient) -> None:
    session = {"X-Mock-Session": "snap-b"}
    client.post("/_mock/snapshots", json={"name": "known"}, headers=session)
    answer = client.post("/_mock/snapshots/unknown/restore", headers=session)
    assert answer.status_code == 404
    assert "known" in answer.json()["detail"]
    bad = client.post("/_mock/snapshots", json={"name": "no spaces"}, headers=session)
    assert bad.status_code == 400 and bad.json()["field"] == "name"
