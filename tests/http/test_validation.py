"""Validation: responses outside the contract never leave the mock; errors name the field."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient

from socialpost.server.handlers import posts
from socialpost.server.http.validation import compiled, to_json_schema
from tests.conftest import AUTH, POSTS


def test_a_response_outside_the_contract_becomes_a_500(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = posts.Renderer.post

    def drifting(self: posts.Renderer, post: Any) -> dict[str, Any]:
        return {**original(self, post), "id": 42}

    monkeypatch.setattr(posts.Renderer, "post", drifting)
    response = client.get(POSTS, params={"limit": 1}, headers=AUTH)
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"


def test_nullable_becomes_a_null_type() -> None:
    schema = {"type": "object", "properties": {"due_at": {"type": "number", "nullable": True}},
              "x-problem-detail": "ignored", "example": {}}
    assert to_json_schema(schema) == {
        "type": "object", "properties": {"due_at": {"type": ["number", "null"]}},
    }


def test_compiled_validator_checks_formats_and_nullability() -> None:
    schema = {"type": "object", "required": ["id"], "properties": {
        "id": {"type": "string", "format": "uuid"},
        "failed_at": {"type": "string", "format": "date-time", "nullable": True},
    }}
    validator = compiled(schema)
    assert validator.is_valid({"id": "07c6b52b-f216-4862-aa34-650d5ebbe2da", "failed_at": None})
    assert not validator.is_valid({"id": "not-a-uuid"})
    assert not validator.is_valid({"id": "07c6b52b-f216-4862-aa34-650d5ebbe2da",
                                   "failed_at": "yesterday"})
    assert compiled(schema) is validator


def test_a_stored_post_that_breaks_the_contract_is_refused_after_its_page_was_served(
    client: TestClient, state: Any
) -> None:
    served = client.get(POSTS, params={"limit": 5}, headers=AUTH)
    assert served.status_code == 200
    # When a post already shown changes into something the contract forbids
    with state.store.atomic():
        state.store.update_post(served.json()["data"][2]["id"], {"caption": 12345})
    # Then the same page is refused, naming the post's field
    response = client.get(POSTS, params={"limit": 5}, headers=AUTH)
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert "data/2/caption" in response.text
