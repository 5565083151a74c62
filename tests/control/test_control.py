"""The control API: health, reset, and the clock (publishing is in test_publisher.py)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from starlette.testclient import TestClient

from socialpost.server.app import create_app, open_state
from socialpost.server.config import Settings
from socialpost.server.state import MockState
from tests.conftest import AUTH, DELETE_POST, PAGE, POSTS, create_body

START = 1769132599.587474


def test_health_answers_200(client: TestClient) -> None:
    response = client.get("/_mock/health")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_get_clock_shows_now_and_mode(client: TestClient) -> None:
    assert client.get("/_mock/clock").json() == {
        "now": START, "iso": "2026-01-23T01:43:19.587Z", "mode": "frozen", "speed": 1.0,
    }


def test_post_clock_advance_answers_the_new_now(client: TestClient) -> None:
    response = client.post("/_mock/clock", json={"advance": 90})
    assert response.status_code == 200
    assert response.json()["now"] == START + 90
    assert client.get("/_mock/clock").json()["now"] == START + 90


def test_post_clock_now_accepts_epoch_seconds_and_iso(client: TestClient) -> None:
    assert client.post("/_mock/clock", json={"now": START + 5}).json()["now"] == START + 5
    answer = client.post("/_mock/clock", json={"now": "2026-01-24T09:00Z"}).json()
    assert answer["now"] == 1769245200.0


def test_post_clock_mode_switches_to_realtime(client: TestClient) -> None:
    answer = client.post("/_mock/clock", json={"mode": "realtime", "speed": 60}).json()
    assert (answer["mode"], answer["speed"]) == ("realtime", 60)


def test_post_clock_rejects_ambiguous_or_invalid_bodies(client: TestClient) -> None:
    for body in ({}, {"advance": 1, "now": START + 10}, {"advance": -5}, {"advance": "1h"},
                 {"mode": "fast"}, {"speed": 0}, {"now": "tomorrow"}):
        response = client.post("/_mock/clock", json=body)
        assert response.status_code == 400, body
        assert response.headers["content-type"] == "application/problem+json"
    assert client.get("/_mock/clock").json()["now"] == START


def test_reset_restores_fixtures_and_the_clock(client: TestClient) -> None:
    # When posts change and time moves
    created = client.post(POSTS, json=create_body(), headers=AUTH).json()["data"]
    assert client.delete(f"{POSTS}/{DELETE_POST}", headers=AUTH).status_code == 204
    client.put(f"/_mock/pages/{PAGE}/failure", json={"message": "down"})
    client.post("/_mock/clock", json={"advance": 3600})

    # Then reset puts everything back as the fixtures have it
    response = client.post("/_mock/reset")
    assert response.status_code == 200
    assert response.json()["now"] == START
    ids = {p["id"] for p in client.get(POSTS, params={"limit": 1000}, headers=AUTH).json()["data"]}
    assert created["id"] not in ids
    assert DELETE_POST in ids
    fresh = client.post(POSTS, json=create_body(due_at=START + 1), headers=AUTH).json()["data"]
    report = client.post("/_mock/clock", json={"advance": 10}).json()
    assert report["transitions"][0]["post"] == fresh["id"]
    assert report["transitions"][0]["to"] == "published"


def test_control_api_needs_no_token_and_is_not_in_the_contract(client: TestClient) -> None:
    assert client.get("/_mock/clock").status_code == 200
    assert client.get("/openapi.json").json()["paths"].keys().isdisjoint(
        {"/_mock/clock", "/clock", "/health", "/reset"}
    )


def test_swagger_ui_serves_the_contract(client: TestClient) -> None:
    assert client.get("/ui/").status_code == 200
    assert client.get("/openapi.json").json()["info"]["title"] == "Social Post API"


def _client_from(settings: Settings, state: MockState, host: str) -> TestClient:
    client: TestClient = create_app(settings, state).test_client(client=(host, 40000))
    return client


@pytest.fixture
def own() -> tuple[Settings, MockState]:
    """A mock of its own (these tests build apps with other settings around it)."""
    settings = Settings(db_path=None)
    return settings, open_state(settings)


def test_control_api_refuses_clients_beyond_loopback(own: tuple[Settings, MockState]) -> None:
    settings, state = own
    with _client_from(settings, state, "192.0.2.10") as remote:
        response = remote.post("/_mock/clock", json={"advance": 60})
        assert response.status_code == 403
        assert "loopback" in response.json()["detail"]
        assert remote.get("/_mock/health").status_code == 200
    assert state.clock.now() == START


def test_control_token_opens_the_control_api_to_those_who_carry_it(
    own: tuple[Settings, MockState],
) -> None:
    settings, state = own
    guarded = replace(settings, control_token="s3cret")
    with _client_from(guarded, state, "192.0.2.10") as remote:
        assert remote.post("/_mock/clock", json={"advance": 60}).status_code == 403
        wrong = {"Authorization": "Bearer nope"}
        assert remote.post("/_mock/clock", json={"advance": 60}, headers=wrong).status_code == 403
        right = {"Authorization": "Bearer s3cret"}
        assert remote.post("/_mock/clock", json={"advance": 60}, headers=right).status_code == 200
    with _client_from(guarded, state, "127.0.0.1") as local:
        assert local.get("/_mock/clock").status_code == 403
    assert state.clock.now() == START + 60
