"""Fault rules through the control API: ``/_mock/faults``."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from socialpost.server.state import MockState
from tests.conftest import AUTH, POSTS, STATS, UPDATE_POST, create_body

FAULTS = "/_mock/faults"


@pytest.fixture
def faults(client: TestClient, state: MockState) -> Iterator[TestClient]:
    """A client whose default session has no fault rule before and after the test."""
    client.delete(FAULTS)
    yield client
    client.delete(FAULTS)


def add(client: TestClient, **rule: Any) -> dict[str, Any]:
    response = client.post(FAULTS, json=rule)
    assert response.status_code == 201, response.text
    added: dict[str, Any] = response.json()
    return added


def total(client: TestClient, **headers: str) -> int:
    count: int = client.get(POSTS, params={"limit": 1}, headers={**AUTH, **headers}).json()[
        "info"]["total"]
    return count


def create(client: TestClient, **fields: Any) -> Any:
    return client.post(POSTS, json=create_body(**fields), headers=AUTH)


def test_a_status_fault_answers_once_then_creates_work_again(faults: TestClient) -> None:
    before = total(faults)
    rule = add(faults, operation="createSocialPost", status=503, times=1)
    assert rule["id"]
    assert (rule["times"], rule["remaining"], rule["fired"]) == (1, 1, 0)

    failed = create(faults)
    assert failed.status_code == 503
    assert failed.headers["X-Mock-Fault"] == rule["id"]
    assert failed.headers["content-type"] == "application/problem+json"
    assert (failed.json()["code"], failed.json()["http"]) == ("Unavailable", 503)
    assert total(faults) == before  # the fault wrote nothing

    created = create(faults)
    assert created.status_code == 200
    assert "X-Mock-Fault" not in created.headers
    assert total(faults) == before + 1
    assert faults.get(f"{FAULTS}/{rule['id']}").json()["remaining"] == 0


def test_a_fault_message_is_the_problems_detail(faults: TestClient) -> None:
    add(faults, operation="getSocialPostStats", status=500, message="Database down")

    body = faults.get(STATS, headers=AUTH).json()

    assert (body["detail"], body["message"], body["code"]) == (
        "Database down", "Database down", "Internal")


def test_a_delay_still_handles_and_writes(faults: TestClient) -> None:
    before = total(faults)
    rule = add(faults, operation="createSocialPost", delay_ms=50)
    assert rule["delay_ms"] == 50

    started = time.perf_counter()
    created = create(faults)

    assert time.perf_counter() - started >= 0.05
    assert created.status_code == 200
    assert created.headers["X-Mock-Fault"] == rule["id"]
    assert total(faults) == before + 1


def test_a_status_fault_with_a_delay_waits_then_answers(faults: TestClient) -> None:
    add(faults, operation="listSocialPosts", status=502, delay_ms={"min": 30, "max": 40})

    started = time.perf_counter()
    response = faults.get(POSTS, headers=AUTH)

    assert time.perf_counter() - started >= 0.03
    assert response.status_code == 502


def test_the_pinned_slow_list_rule_is_accepted(faults: TestClient) -> None:
    rule = add(faults, operation="listSocialPosts", delay_ms=300)

    assert rule["id"] and rule["operation"] == "listSocialPosts"
    assert faults.get(FAULTS).json()["data"] == [rule]


def test_after_lets_n_matching_requests_pass_first(faults: TestClient) -> None:
    add(faults, operation="getSocialPostStats", status=500, after=2)

    statuses = [faults.get(STATS, headers=AUTH).status_code for _ in range(4)]

    assert statuses == [200, 200, 500, 500]


def test_probability_zero_never_fires_and_one_always_does(faults: TestClient) -> None:
    never = add(faults, operation="getSocialPostStats", status=500, probability=0)
    assert {faults.get(STATS, headers=AUTH).status_code for _ in range(5)} == {200}
    assert faults.get(f"{FAULTS}/{never['id']}").json() == {**never, "matched": 5, "fired": 0}

    always = add(faults, operation="getSocialPostStats", status=500, probability=1)
    assert {faults.get(STATS, headers=AUTH).status_code for _ in range(5)} == {500}
    assert faults.get(f"{FAULTS}/{always['id']}").json()["fired"] == 5


def test_a_body_field_selects_the_requests(faults: TestClient) -> None:
    add(faults, operation="createSocialPost", body={"caption": "fail me"}, status=500)

    assert create(faults, caption="fail me").status_code == 500
    assert create(faults, caption="fine").status_code == 200
    assert create(faults, caption=...).status_code == 200


def test_method_and_path_glob_match(faults: TestClient) -> None:
    add(faults, method="PUT", path="/brands/*/social-posts/*", status=409)

    updated = faults.put(f"{POSTS}/{UPDATE_POST}", json={"caption": "x"}, headers=AUTH)
    listed = faults.get(POSTS, headers=AUTH)

    assert (updated.status_code, listed.status_code) == (409, 200)


def test_rules_apply_in_order_and_the_first_that_fires_answers(faults: TestClient) -> None:
    first = add(faults, operation="getSocialPostStats", status=500, times=1)
    second = add(faults, operation="getSocialPostStats", status=502)

    assert faults.get(STATS, headers=AUTH).headers["X-Mock-Fault"] == first["id"]
    assert faults.get(STATS, headers=AUTH).headers["X-Mock-Fault"] == second["id"]


def test_malformed_json_answers_200_with_a_body_that_is_not_json(faults: TestClient) -> None:
    add(faults, operation="listSocialPosts", connection="malformed-json")

    response = faults.get(POSTS, headers=AUTH)

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    with pytest.raises(ValueError):
        response.json()


def test_connection_faults_give_an_in_process_client_no_answer(faults: TestClient) -> None:
    add(faults, operation="listSocialPosts", connection="empty-response", times=1)

    with pytest.raises(AssertionError, match="did not receive any response"):
        faults.get(POSTS, headers=AUTH)
    assert faults.get(POSTS, headers=AUTH).status_code == 200


def test_faults_never_apply_to_the_control_api(faults: TestClient) -> None:
    add(faults, path="*", status=500)

    assert faults.get("/_mock/health").status_code == 200
    assert faults.get("/_mock/clock").status_code == 200
    assert faults.get(POSTS, headers=AUTH).status_code == 500


def test_delete_one_rule_and_clear_all(faults: TestClient) -> None:
    one = add(faults, operation="listSocialPosts", status=500)
    two = add(faults, operation="getSocialPostStats", status=500)

    assert faults.delete(f"{FAULTS}/{one['id']}").status_code == 204
    assert faults.get(f"{FAULTS}/{one['id']}").status_code == 404
    assert faults.delete(f"{FAULTS}/{one['id']}").status_code == 404
    assert [rule["id"] for rule in faults.get(FAULTS).json()["data"]] == [two["id"]]
    assert faults.get(POSTS, headers=AUTH).status_code == 200

    assert faults.delete(FAULTS).status_code == 204
    assert faults.get(FAULTS).json() == {"data": []}
    assert faults.get(STATS, headers=AUTH).status_code == 200


@pytest.mark.parametrize(("rule", "field"), [
    ({"operation": "createPost", "status": 503}, "operation"),
    ({"operation": "createSocialPost", "method": "GET", "status": 503}, "method"),
    ({"operation": "createSocialPost", "status": 503, "connection": "reset"}, "connection"),
    ({"operation": "createSocialPost"}, "status"),
    ({"operation": "createSocialPost", "message": "down", "delay_ms": 5}, "message"),
    ({"status": 302}, "status"),
    ({"connection": "hang-up"}, "connection"),
    ({"delay_ms": {"min": 50, "max": 10}}, "delay_ms.min"),
    ({"delay_ms": "slow"}, "delay_ms"),
    ({"status": 500, "probability": 1.5}, "probability"),
    ({"status": 500, "times": 0}, "times"),
    ({"status": 500, "after": -1}, "after"),
    ({"status": 500, "when": "always"}, "when"),
])
def test_a_rule_that_cannot_be_is_400_naming_the_field(
    faults: TestClient, rule: dict[str, Any], field: str
) -> None:
    response = faults.post(FAULTS, json=rule)

    assert response.status_code == 400
    assert response.json()["field"] == field
    assert faults.get(FAULTS).json() == {"data": []}


def test_an_unknown_operation_lists_the_operation_ids(faults: TestClient) -> None:
    detail = faults.post(FAULTS, json={"operation": "createPost", "status": 503}).json()["detail"]

    assert "createSocialPost" in detail and "listSocialPosts" in detail


def test_a_fault_of_one_session_leaves_the_others_alone(faults: TestClient) -> None:
    session = {"X-Mock-Session": "faults-a"}
    response = faults.post(FAULTS, json={"operation": "listSocialPosts", "status": 503},
                           headers=session)
    assert response.status_code == 201

    assert faults.get(POSTS, headers={**AUTH, **session}).status_code == 503
    assert faults.get(POSTS, headers=AUTH).status_code == 200
    assert faults.get(FAULTS).json() == {"data": []}
    faults.delete(FAULTS, headers=session)


def test_a_faulted_answer_is_readable_cross_origin(faults: TestClient) -> None:
    rule = add(faults, operation="listSocialPosts", status=503)

    response = faults.get(POSTS, headers={**AUTH, "Origin": "https://app.example.com"})

    assert response.status_code == 503
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "X-Mock-Fault" in response.headers["Access-Control-Expose-Headers"]
    assert response.headers["X-Mock-Fault"] == rule["id"]
