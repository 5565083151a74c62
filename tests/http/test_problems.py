"""Every error is problem+json carrying the real server's `code`, `http` and `message` too."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from tests.conftest import AGENT_AUTH, AUTH, OTHER_BRAND_PAGE, POSTS, UPDATE_POST

UNKNOWN = "9f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f"


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status", "code"),
    [
        ("GET", f"{POSTS}?status=bogus", {"headers": AUTH}, 400, "Validation"),
        ("GET", POSTS, {}, 401, "UnauthorizedAccess"),
        ("GET", f"/brands/{UNKNOWN}/social-posts", {"headers": AUTH}, 403, "AccessForbidden"),
        ("PUT", f"{POSTS}/{UNKNOWN}", {"headers": AUTH, "json": {"caption": "x"}}, 404,
         "ResourceNotFound"),
        ("PATCH", POSTS, {"headers": AUTH}, 405, "MethodNotAllowed"),
        ("PUT", f"{POSTS}/{UPDATE_POST}", {"headers": AUTH, "json": {"asset": None}}, 409,
         "Conflict"),
        ("POST", POSTS, {"headers": {**AUTH, "Content-Type": "text/plain"}, "content": "x"},
         415, "UnsupportedMediaType"),
        ("POST", POSTS, {"headers": AUTH, "content": b"{" + b" " * 70000 + b"}"}, 413,
         "PayloadTooLarge"),
    ],
    ids=["400", "401", "403", "404", "405", "409", "415", "413"],
)
def test_every_error_carries_code_http_and_message(
    client: TestClient, method: str, path: str, kwargs: dict[str, object], status: int, code: str
) -> None:
    response = client.request(method, path, **kwargs)  # type: ignore[arg-type]

    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == problem["http"] == status
    assert problem["code"] == code
    assert problem["message"] == problem["detail"]
    assert problem["title"]


@pytest.mark.parametrize(("query", "field"), [("limit=0", "limit"), ("start=-1", "start")])
def test_a_parameter_error_names_the_parameter_in_field(
    client: TestClient, query: str, field: str
) -> None:
    response = client.get(f"{POSTS}?{query}", headers=AUTH)

    assert response.status_code == 400
    assert response.json()["field"] == field


def test_a_body_error_names_the_field(client: TestClient) -> None:
    response = client.put(f"{POSTS}/{UPDATE_POST}", json={"caption": 42}, headers=AUTH)

    assert response.status_code == 400
    assert response.json()["field"] == "caption"


def test_another_brands_page_is_403_naming_facebook_page(client: TestClient) -> None:
    response = client.put(f"{POSTS}/{UPDATE_POST}", json={"facebook_page": OTHER_BRAND_PAGE},
                          headers=AUTH)

    assert response.status_code == 403
    assert response.json()["field"] == "facebook_page"
    assert response.json()["code"] == "AccessForbidden"


def test_a_token_pasted_with_its_bearer_prefix_gets_a_401_saying_to_enter_it_alone(
    client: TestClient,
) -> None:
    response = client.get(POSTS, headers={"Authorization": "Bearer Bearer test-token"})

    assert response.status_code == 401
    assert "enter the token alone" in response.json()["detail"]
    assert response.headers["www-authenticate"] == "Bearer"


def test_a_member_who_is_not_the_author_cannot_delete_and_nothing_changes(
    client: TestClient,
) -> None:
    # UPDATE_POST was created by the document's user; the agent is a member of the same brand.
    response = client.delete(f"{POSTS}/{UPDATE_POST}", headers=AGENT_AUTH)

    assert response.status_code == 403
    assert "author" in response.json()["detail"]
    listed = client.get(POSTS, headers=AUTH).json()["data"]
    assert UPDATE_POST in {p["id"] for p in listed}
    assert client.delete(f"{POSTS}/{UPDATE_POST}", headers=AUTH).status_code == 204


@pytest.mark.parametrize(("length", "status"), [(2200, 200), (2201, 400)])
def test_caption_is_at_most_2200_characters(client: TestClient, length: int, status: int) -> None:
    response = client.put(f"{POSTS}/{UPDATE_POST}", json={"caption": "é" * length},
                          headers=AUTH)

    assert response.status_code == status, response.text
    if status == 400:
        assert response.json()["field"] == "caption"
    else:
        assert response.json()["data"]["caption"] == "é" * length
