"""The ledger deletes exactly the posts the run created, and nothing else."""

from __future__ import annotations

from socialpost.conformance.target.http import Client
from socialpost.conformance.target.ledger import Ledger, clean_up
from tests.conformance.conftest import BRAND, brand_posts

POSTS = f"/brands/{BRAND}/social-posts"
PAGE = "5383b70e-bd8f-481f-a605-0664736def2d"
ASSET = "55f4cb8e-f8fc-414e-bffa-6dbcc8d919a4"


def _create(client: Client, caption: str | None) -> str:
    body = {"facebook_page": PAGE, "asset": ASSET}
    if caption is not None:
        body["caption"] = caption
    answer = client.request("POST", POSTS, json_body=body)
    assert answer.status == 200
    post_id: str = answer.json()["data"]["id"]
    return post_id


def test_cleanup_deletes_recorded_and_captioned_posts_only(live_mock: str) -> None:
    # Given: the brand as the fixtures have it, plus four posts
    before = {p["id"] for p in brand_posts(live_mock)}
    client = Client(live_mock, "test-token")
    ledger = Ledger()
    recorded = _create(client, None)  # a fuzzer's post: no caption, but its id is recorded
    ledger.record_response(200, {"code": "OK", "data": {"id": recorded}})
    captioned = _create(client, "[socialpost-conform run1] lost create answer")
    stranger = _create(client, "[socialpost-conform run2] another run's post")
    unrelated = _create(client, "somebody's real post")
    # When
    cleanup = clean_up(ledger, client, POSTS, "[socialpost-conform run1]", None)
    client.close()
    # Then
    left = {p["id"] for p in brand_posts(live_mock)}
    assert cleanup.deleted == 2 and cleanup.left == ()
    assert recorded not in left and captioned not in left
    assert {stranger, unrelated} <= left
    assert before <= left


def test_cleanup_reports_what_it_could_not_delete() -> None:
    ledger = Ledger()
    ledger.record("11111111-1111-4111-8111-111111111111")
    client = Client("http://127.0.0.1:9", "test-token")
    try:
        cleanup = clean_up(ledger, client, POSTS, "[socialpost-conform x]", None)
    finally:
        client.close()
    assert cleanup.left == ("11111111-1111-4111-8111-111111111111",)


def test_only_2xx_creates_with_an_id_are_recorded() -> None:
    ledger = Ledger()
    assert ledger.record_response(400, {"data": {"id": "a"}}) is None
    assert ledger.record_response(201, {"data": {"id": "b"}}) == "b"
    assert ledger.record_response(200, ["not", "an", "envelope"]) is None
    assert ledger.pending() == ["b"]
