"""The document's six example requests, sent as written, get the document's responses."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from tests.conftest import AUTH, DELETE_POST, POSTS

EXCHANGES = json.loads((Path(__file__).parent / "data" / "document-examples.json").read_text())
# Values a replay cannot reproduce: ids and creation times of rows it creates, and the owner's
# local time (it follows the clock, which the document does not pin to the microsecond).
NEW_ROW_FIELDS = {"id", "created_at", "updated_at"}


def _send(client: TestClient, exchange: dict[str, Any]) -> Any:
    return client.request(
        exchange["method"],
        exchange["path"],
        params=exchange["query"],
        json=exchange.get("request"),
        headers=AUTH,
    )


def _comparable(value: Any, *, new_row: bool) -> Any:
    """``value`` without what a replay cannot reproduce."""
    if isinstance(value, list):
        return [_comparable(item, new_row=new_row) for item in value]
    if not isinstance(value, dict):
        return value
    skip = {"current_time"} | (NEW_ROW_FIELDS if new_row and value.get("type") == "social_post"
                               else set())
    return {k: _comparable(v, new_row=new_row) for k, v in value.items() if k not in skip}


@pytest.mark.parametrize("exchange", EXCHANGES, ids=[e["name"] for e in EXCHANGES])
def test_document_example_gets_the_document_response(
    client: TestClient, exchange: dict[str, Any]
) -> None:
    response = _send(client, exchange)

    assert response.status_code == exchange["status"]
    if exchange["response"] is None:
        assert response.content == b""
        assert "content-type" not in response.headers  # nothing to label
        return
    assert response.headers["content-type"] == "application/json"
    new_row = exchange["method"] == "POST"
    assert _comparable(response.json(), new_row=new_row) == _comparable(
        exchange["response"], new_row=new_row
    )


def test_replaying_all_six_in_order_keeps_the_document_consistent(client: TestClient) -> None:
    for exchange in EXCHANGES:
        response = _send(client, exchange)
        assert response.status_code == exchange["status"], exchange["name"]
        if exchange["response"] is not None:
            assert _comparable(response.json(), new_row=exchange["method"] == "POST") == \
                _comparable(exchange["response"], new_row=exchange["method"] == "POST")
    # Then the deleted post is gone from everything and a second delete answers 404.
    listed = client.get(POSTS, params={"status": "any", "limit": 1000}, headers=AUTH).json()
    assert DELETE_POST not in {post["id"] for post in listed["data"]}
    assert client.delete(f"{POSTS}/{DELETE_POST}", headers=AUTH).status_code == 404


def test_owner_current_time_is_the_users_local_time_on_the_simulated_clock(
    client: TestClient,
) -> None:
    exchange = EXCHANGES[0]
    owner = _send(client, exchange).json()["data"][0]["owner"]
    assert owner["current_time"] == "7:43 PM - Thursday Jan 22, 2026"

    client.post("/_mock/clock", json={"advance": 2 * 86400 + 3600})
    owner = _send(client, exchange).json()["data"][0]["owner"]
    assert owner["current_time"] == "8:43 PM - Saturday Jan 24, 2026"
