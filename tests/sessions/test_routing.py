"""A request picks its session by header or path prefix; neither is the default session."""

from __future__ import annotations

from starlette.testclient import TestClient

from tests.conftest import AUTH, BRAND, POSTS, create_body

START = 1769132599.587474


def total(client: TestClient, prefix: str = "", **headers: str) -> int:
    answer = client.get(prefix + POSTS, headers={**AUTH, **headers})
    assert answer.status_code == 200, answer.text
    result: int = answer.json()["info"]["total"]
    return result


def test_a_write_in_a_named_session_is_seen_only_there(client: TestClient) -> None:
    before = total(client)
    created = client.post(POSTS, json=create_body(), headers={**AUTH, "X-Mock-Session": "r-one"})
    assert created.status_code == 200
    assert created.headers["X-Mock-Session"] == "r-one"
    assert total(client, **{"X-Mock-Session": "r-one"}) == before + 1
    assert total(client) == before
    assert total(client, **{"X-Mock-Session": "r-two"}) == before


def test_the_path_prefix_and_the_header_name_the_same_session(client: TestClient) -> None:
    before = total(client)
    created = client.post(f"/_sessions/r-prefix{POSTS}", json=create_body(), headers=AUTH)
    assert created.status_code == 200
    assert total(client, **{"X-Mock-Session": "r-prefix"}) == before + 1
    assert total(client, "/_sessions/r-prefix") == before + 1
    post = created.json()["data"]["id"]
    assert client.get(f"/_sessions/r-prefix/brands/{BRAND}/social-posts/stats",
                      headers=AUTH).status_code == 200
    assert post not in {p["id"] for p in client.get(POSTS, headers=AUTH).json()["data"]}


def test_the_control_api_acts_on_the_callers_session(client: TestClient) -> None:
    moved = client.post("/_sessions/r-clock/_mock/clock", json={"advance": 3600})
    assert moved.json()["now"] == START + 3600
    assert client.get("/_mock/clock", headers={"X-Mock-Session": "r-clock"}).json()["now"] \
        == START + 3600
    assert client.get("/_mock/clock").json()["now"] == START


def test_default_names_the_default_session(client: TestClient) -> None:
    client.post(POSTS, json=create_body(), headers=AUTH)
    assert total(client, **{"X-Mock-Session": "default"}) == total(client)
    assert "X-Mock-Session" not in client.get(POSTS, headers=AUTH).headers


def test_a_bad_session_name_is_a_problem_naming_the_header(client: TestClient) -> None:
    answer = client.get(POSTS, headers={**AUTH, "X-Mock-Session": "no spaces/here"})
    assert answer.status_code == 400
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["field"] == "X-Mock-Session"


def test_a_header_and_a_prefix_that_disagree_are_refused(client: TestClient) -> None:
    answer = client.get(f"/_sessions/r-a{POSTS}", headers={**AUTH, "X-Mock-Session": "r-b"})
    assert answer.status_code == 400
    assert "'r-b'" in answer.json()["detail"] and "'r-a'" in answer.json()["detail"]


def test_errors_inside_a_session_are_the_contracts_errors(client: TestClient) -> None:
    answer = client.get(f"/_sessions/r-err{POSTS}")
    assert answer.status_code == 401
    assert client.get("/_sessions/r-err/brands/nope/social-posts",
                      headers=AUTH).status_code in (400, 403)
