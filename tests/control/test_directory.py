"""``GET /_mock/directory`` and ``GET /_mock/scenarios``: what a tool needs to drive the API."""

from __future__ import annotations

from typing import Any

from starlette.testclient import TestClient

from tests.conftest import (
    AGENT,
    BRAND,
    FAILING_PAGE,
    OTHER_BRAND,
    OTHER_USER,
    PAGE,
    UPDATE_POST,
    USER,
)

DIRECTORY = "/_mock/directory"


def directory(client: TestClient, **headers: str) -> dict[str, Any]:
    response = client.get(DIRECTORY, headers=headers)
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found


def test_tokens_name_the_users_the_api_knows_them_as(client: TestClient) -> None:
    tokens = {t["token"]: t["user"] for t in directory(client)["tokens"]}

    assert tokens == {"test-token": USER, "agent-token": AGENT, "other-brand-token": OTHER_USER}


def test_users_carry_their_time_zone_and_brands(client: TestClient) -> None:
    users = {u["id"]: u for u in directory(client)["users"]}

    assert users[USER]["timezone"] == "America/Chicago"
    assert users[USER]["display_name"] == "Unit Test"
    assert users[USER]["brands"] == [BRAND]
    assert users[OTHER_USER]["brands"] == [OTHER_BRAND]


def test_pages_show_the_failure_publishing_to_them_meets(client: TestClient) -> None:
    pages = {p["id"]: p for p in directory(client)["pages"]}

    assert pages[FAILING_PAGE]["failure"] == "Internal Server Error"
    assert pages[PAGE]["failure"] is None
    assert pages[PAGE]["brand"] == BRAND and pages[PAGE]["platform"] == "facebook"


def test_failures_set_through_the_control_api_show_at_once(client: TestClient) -> None:
    assert client.put(f"/_mock/pages/{PAGE}/failure", json={"message": "Page gone"}).is_success
    assert client.put(f"/_mock/posts/{UPDATE_POST}/failure",
                      json={"message": "Video too long"}).is_success

    found = directory(client)

    assert {p["id"]: p["failure"] for p in found["pages"]}[PAGE] == "Page gone"
    assert found["post_failures"] == [{"post": UPDATE_POST, "message": "Video too long"}]


def test_a_session_has_its_own_directory(client: TestClient) -> None:
    session = {"X-Mock-Session": "directory-own"}
    client.put(f"/_mock/pages/{PAGE}/failure", json={"message": "Page gone"}, headers=session)
    try:
        assert {p["id"]: p["failure"] for p in directory(client, **session)["pages"]}[PAGE] \
            == "Page gone"
        assert {p["id"]: p["failure"] for p in directory(client)["pages"]}[PAGE] is None
    finally:
        client.delete("/_mock/sessions/directory-own")


def test_scenarios_are_listed_by_name_with_what_they_hold(client: TestClient) -> None:
    response = client.get("/_mock/scenarios")

    assert response.status_code == 200, response.text
    scenarios = {s["name"]: s["description"] for s in response.json()["data"]}
    assert list(scenarios) == ["busy", "disconnected", "empty"]
    assert scenarios["busy"].startswith("300 posts")


def test_a_listed_scenario_is_one_a_reset_accepts(client: TestClient) -> None:
    [first, *_] = client.get("/_mock/scenarios").json()["data"]

    assert client.post("/_mock/reset", json={"scenario": first["name"]}).status_code == 200
