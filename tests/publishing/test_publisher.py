"""Publishing: scheduled posts publish or fail as the simulated clock moves."""

from __future__ import annotations

import time
from typing import Any

from starlette.testclient import TestClient

from socialpost.server.state import MockState
from tests.conftest import (
    AUTH,
    BRAND,
    DELETE_POST,
    FAILING_PAGE,
    PAGE,
    POSTS,
    STATS,
    TEMPLATE_INSTANCE,
    UPDATE_POST,
    create_body,
)
from tests.test_document_examples import EXCHANGES

START = 1769132599.587474


def _create(client: TestClient, **overrides: Any) -> dict[str, Any]:
    response = client.post(POSTS, json=create_body(**overrides), headers=AUTH)
    assert response.status_code == 200, response.text
    post: dict[str, Any] = response.json()["data"]
    return post


def _post(client: TestClient, post_id: str) -> dict[str, Any]:
    listed = client.get(POSTS, params={"limit": 1000}, headers=AUTH).json()["data"]
    return next(p for p in listed if p["id"] == post_id)


def _advance(client: TestClient, seconds: float) -> dict[str, Any]:
    response = client.post("/_mock/clock", json={"advance": seconds})
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


def test_frozen_clock_publishes_nothing_by_itself(client: TestClient) -> None:
    post = _create(client, due_at=START - 600)
    time.sleep(0.2)
    assert _post(client, post["id"])["executed_at"] is None


def test_advance_publishes_exactly_the_due_posts_in_due_order(client: TestClient) -> None:
    later = _create(client, due_at=START + 300)
    sooner = _create(client, due_at=START + 100)
    not_yet = _create(client, due_at=START + 900)

    report = _advance(client, 600)

    assert [t["post"] for t in report["transitions"]] == [sooner["id"], later["id"]]
    assert _post(client, not_yet["id"])["executed_at"] is None
    for post, due in ((sooner, START + 100), (later, START + 300)):
        shown = _post(client, post["id"])
        assert shown["executed_at"] == due
        assert shown["post_link"].startswith("https://")
        assert shown["media_container_id"]
        assert shown["failed_at"] is None and shown["failure"] is None


def test_overdue_post_executes_at_the_instant_it_was_saved(client: TestClient) -> None:
    post = _create(client, due_at=START - 600)
    _advance(client, 1)
    assert _post(client, post["id"])["executed_at"] == START


def test_settlement_report_lists_each_transition(client: TestClient) -> None:
    ok = _create(client, due_at=START + 10)
    bad = _create(client, due_at=START + 20, facebook_page=FAILING_PAGE)

    report = _advance(client, 60)

    assert report["now"] == START + 60
    assert report["transitions"] == [
        {"post": ok["id"], "brand": BRAND, "from": "scheduled", "to": "published",
         "at": START + 10, "failure": None},
        {"post": bad["id"], "brand": BRAND, "from": "scheduled", "to": "failed",
         "at": START + 20, "failure": "Internal Server Error"},
    ]


def test_post_on_a_failing_page_fails_with_the_pages_message(client: TestClient) -> None:
    post = _create(client, due_at=START + 10, facebook_page=FAILING_PAGE)
    _advance(client, 60)
    shown = _post(client, post["id"])
    assert shown["failure"] == "Internal Server Error"
    assert shown["failed_at"] == "2026-01-23T01:43:29.587Z"
    assert shown["executed_at"] == START + 10
    assert shown["post_link"] is None


def test_a_page_can_be_made_to_fail_and_recover(client: TestClient) -> None:
    assert client.put(f"/_mock/pages/{PAGE}/failure",
                      json={"message": "Token expired"}).status_code == 200
    failing = _create(client, due_at=START + 10)
    _advance(client, 60)
    assert _post(client, failing["id"])["failure"] == "Token expired"

    assert client.delete(f"/_mock/pages/{PAGE}/failure").status_code == 204
    fine = _create(client, due_at=START + 100)
    _advance(client, 60)
    assert _post(client, fine["id"])["failure"] is None


def test_a_single_post_can_be_made_to_fail(client: TestClient) -> None:
    doomed = _create(client, due_at=START + 10)
    spared = _create(client, due_at=START + 20)
    assert client.put(f"/_mock/posts/{doomed['id']}/failure",
                      json={"message": "Media rejected"}).status_code == 200

    _advance(client, 60)

    assert _post(client, doomed["id"])["failure"] == "Media rejected"
    assert _post(client, spared["id"])["failure"] is None


def test_failure_injection_for_unknown_ids_answers_404(client: TestClient) -> None:
    unknown = "00000000-0000-4000-8000-000000000000"
    assert client.put(f"/_mock/posts/{unknown}/failure", json={"message": "x"}).status_code == 404
    assert client.put(f"/_mock/pages/{unknown}/failure", json={"message": "x"}).status_code == 404


def test_deleted_and_draft_posts_are_never_published(client: TestClient) -> None:
    draft = _create(client, due_at=None)
    deleted = _create(client, due_at=START + 10)
    assert client.delete(f"{POSTS}/{deleted['id']}", headers=AUTH).status_code == 204

    report = _advance(client, 86400 * 30)

    executed = {t["post"] for t in report["transitions"]}
    assert draft["id"] not in executed and deleted["id"] not in executed
    assert DELETE_POST in executed  # the fixtures' scheduled posts do go out
    assert _post(client, draft["id"])["executed_at"] is None


def test_documents_update_example_fails_after_its_due_time(client: TestClient) -> None:
    update = next(e for e in EXCHANGES if e["name"] == "update")
    assert client.put(update["path"], json=update["request"], headers=AUTH).status_code == 200
    report = _advance(client, 1769133200.424 - START + 1)
    assert report["transitions"] == [
        {"post": UPDATE_POST, "brand": BRAND, "from": "scheduled", "to": "failed",
         "at": 1769133200.424, "failure": "Internal Server Error"},
    ]


def test_document_flow_publishes_created_posts_and_fails_the_updated_one(
    client: TestClient,
) -> None:
    # When the document's two creates and its update are sent, and 1200 s pass
    created = []
    for exchange in EXCHANGES:
        if exchange["method"] in {"POST", "PUT"}:
            response = client.request(exchange["method"], exchange["path"],
                                      params=exchange["query"], json=exchange["request"],
                                      headers=AUTH)
            assert response.status_code == 200
            if exchange["method"] == "POST":
                created.append(response.json()["data"]["id"])
    report = _advance(client, 1200)

    # Then both created posts are published, the updated one failed
    outcome = {t["post"]: (t["to"], t["failure"]) for t in report["transitions"]}
    assert outcome == {created[0]: ("published", None), created[1]: ("published", None),
                       UPDATE_POST: ("failed", "Internal Server Error")}
    for post_id in created:
        assert _post(client, post_id)["post_link"]
    # and the executed stats add up to the executed list's total
    executed = client.get(POSTS, params={"status": "executed"}, headers=AUTH).json()
    stats = client.get(STATS, params={"status": "executed"}, headers=AUTH).json()
    assert executed["info"]["total"] == 6
    assert sum(int(v) for k, v in stats.items() if k != "type") == 6


def test_executed_post_leaves_the_scheduled_filter_at_once(client: TestClient) -> None:
    post = _create(client, due_at=START + 10, template_instance=TEMPLATE_INSTANCE, asset=None)
    scheduled = {p["id"] for p in client.get(POSTS, params={"status": "scheduled"},
                                             headers=AUTH).json()["data"]}
    assert post["id"] in scheduled
    _advance(client, 60)
    scheduled = {p["id"] for p in client.get(POSTS, params={"status": "scheduled"},
                                             headers=AUTH).json()["data"]}
    assert post["id"] not in scheduled


def test_executed_post_cannot_be_updated_but_can_be_deleted(client: TestClient) -> None:
    post = _create(client, due_at=START + 10)
    _advance(client, 60)
    response = client.put(f"{POSTS}/{post['id']}", json={"caption": "late"}, headers=AUTH)
    assert response.status_code == 403
    assert "This post is executed" in response.json()["detail"]
    assert response.headers["content-type"] == "application/problem+json"
    assert client.delete(f"{POSTS}/{post['id']}", headers=AUTH).status_code == 204


def test_moving_the_clock_backwards_is_refused_with_409(client: TestClient) -> None:
    response = client.post("/_mock/clock", json={"now": START - 1})
    assert response.status_code == 409
    assert "forward" in response.json()["detail"]


def test_realtime_with_a_speed_factor_publishes_within_a_bounded_wait(
    client: TestClient, state: MockState
) -> None:
    # When a post is due one simulated hour ahead and the clock runs 3600x
    post = _create(client, due_at=START + 3600)
    assert client.post("/_mock/clock",
                       json={"mode": "realtime", "speed": 3600}).status_code == 200

    # Then the publisher's timer executes it within about a wall second, with no request made
    # (requests settle due posts themselves, so the store is watched directly)
    deadline = time.monotonic() + 5
    while (stored := state.store.post(post["id"])) and stored["executed_at"] is None:
        assert time.monotonic() < deadline, "not published within 5 s of wall time"
        time.sleep(0.05)
    assert stored is not None and stored["executed_at"] == START + 3600
    assert _post(client, post["id"])["post_link"]
