"""``Prefer: code=…`` / ``example=…``: a documented answer of the contract, forced, and nothing
written (the handler is never called)."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml
from openapi_schema_validator import OAS30ReadValidator
from starlette.testclient import TestClient

from socialpost.server import paths
from socialpost.server.faults.prefer import ForcedAnswers, UnforcibleAnswer
from tests.conftest import AUTH, DELETE_POST, POSTS, STATS, UPDATE_POST, create_body

SPEC: dict[str, Any] = yaml.safe_load(paths.SPEC_PATH.read_text(encoding="utf-8"))

# One request per operation: valid, so that "nothing written" means the handler never ran.
REQUESTS: dict[str, tuple[str, str, dict[str, Any] | None]] = {
    "listSocialPosts": ("GET", POSTS, None),
    "createSocialPost": ("POST", POSTS, create_body()),
    "getSocialPostStats": ("GET", STATS, None),
    "updateSocialPost": ("PUT", f"{POSTS}/{UPDATE_POST}", {"caption": "changed by a forced call"}),
    "deleteSocialPost": ("DELETE", f"{POSTS}/{DELETE_POST}", None),
}


def _operations() -> dict[str, dict[str, Any]]:
    return {op["operationId"]: op for item in SPEC["paths"].values()
            for key, op in item.items() if key in ("get", "post", "put", "delete")}


def _response(operation: str, status: int) -> dict[str, Any]:
    response: dict[str, Any] = _operations()[operation]["responses"][str(status)]
    if "$ref" in response:
        response = SPEC["components"]["responses"][response["$ref"].rsplit("/", 1)[-1]]
    return response


DOCUMENTED = [(operation, int(status)) for operation, op in _operations().items()
              for status in op["responses"]]


def everything(client: TestClient) -> Any:
    """Every post of the brand as listed: a write of any kind changes it."""
    return client.get(POSTS, params={"limit": 1000}, headers=AUTH).json()


def send(client: TestClient, operation: str, prefer: str, **headers: str) -> Any:
    method, path, body = REQUESTS[operation]
    return client.request(method, path, json=body, headers={**AUTH, "Prefer": prefer, **headers})


def assert_valid(operation: str, status: int, media_type: str, body: Any) -> None:
    schema = _response(operation, status)["content"][media_type]["schema"]
    OAS30ReadValidator({**schema, "components": SPEC["components"]}).validate(body)


def test_every_operation_covered() -> None:
    assert set(REQUESTS) == set(_operations())


@pytest.mark.parametrize(("operation", "status"), DOCUMENTED)
def test_a_documented_status_is_answered_valid_and_nothing_is_written(
    client: TestClient, operation: str, status: int
) -> None:
    before = everything(client)

    response = send(client, operation, f"code={status}")

    assert response.status_code == status
    assert response.headers["X-Mock-Fault"] == "prefer"
    content = _response(operation, status).get("content")
    if content:
        media_type = next(iter(content))
        assert response.headers["content-type"] == media_type
        assert_valid(operation, status, media_type, response.json())
    else:
        assert response.content == b""
    assert everything(client) == before


def test_an_error_status_answers_the_mocks_problem_document(client: TestClient) -> None:
    body = send(client, "createSocialPost", "code=503").json()

    assert (body["status"], body["http"], body["code"]) == (503, 503, "Unavailable")
    assert "Prefer" in body["detail"]


def test_accept_chooses_among_documented_media_types(client: TestClient) -> None:
    response = send(client, "listSocialPosts", "code=404", Accept="application/json")

    assert response.headers["content-type"] == "application/json"
    assert response.json()["code"] == "ResourceNotFound"
    assert_valid("listSocialPosts", 404, "application/json", response.json())


def test_a_status_the_operation_does_not_document_is_400_listing_those_it_does(
    client: TestClient,
) -> None:
    before = everything(client)

    response = send(client, "createSocialPost", "code=409")

    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["field"] == "Prefer"
    assert "200, 400, 401, 403, 404, 413, 415, 503" in body["detail"]
    assert everything(client) == before


def test_a_named_example_is_answered_as_documented(client: TestClient) -> None:
    before = everything(client)
    example = SPEC["components"]["examples"]["create-with-asset-response"]["value"]

    response = send(client, "createSocialPost", "example=create-with-asset")

    assert response.status_code == 200
    assert response.json() == example
    assert everything(client) == before


def test_code_and_example_combine(client: TestClient) -> None:
    example = SPEC["components"]["examples"]["create-with-asset-response"]["value"]

    response = send(client, "createSocialPost", "code=200, example=create-with-asset")

    assert response.json() == example


def test_an_unknown_example_name_is_400_listing_the_names(client: TestClient) -> None:
    response = send(client, "createSocialPost", "example=with-video")

    assert response.status_code == 400
    detail = response.json()["detail"]
    assert "create-with-template-instance" in detail and "create-with-asset" in detail


def test_prefer_answers_before_authentication_and_validation(client: TestClient) -> None:
    response = client.post(POSTS, json={"caption": 5}, headers={"Prefer": "code=200"})

    assert response.status_code == 200
    assert response.json()["code"] == "OK"


def test_other_preferences_are_ignored(client: TestClient) -> None:
    response = client.get(POSTS, headers={**AUTH, "Prefer": "return=minimal"})

    assert response.status_code == 200
    assert "X-Mock-Fault" not in response.headers


def test_prefer_does_not_apply_to_the_control_api(client: TestClient) -> None:
    response = client.get("/_mock/health", headers={"Prefer": "code=503"})

    assert response.status_code == 200
    assert "X-Mock-Fault" not in response.headers


def test_a_contract_whose_example_breaks_its_schema_cannot_be_forced() -> None:
    broken = copy.deepcopy(SPEC)
    broken["components"]["examples"]["stats-executed"]["value"]["Email"] = 1  # not a string

    with pytest.raises(UnforcibleAnswer, match="getSocialPostStats 200 .*stats-executed"):
        ForcedAnswers(broken)
