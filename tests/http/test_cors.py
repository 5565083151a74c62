"""CORS: a browser app on another origin may send any header its preflight names."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from socialpost.server.app import create_app
from socialpost.server.config import Settings
from tests.conftest import AUTH, POSTS

ORIGIN = "https://app.example.com"
REAL_APP_HEADERS = "authorization,x-rechat-format,x-rechat-brand,x-request-id,traceparent"


def preflight(client: TestClient, headers: str) -> tuple[int, str]:
    response = client.options(POSTS, headers={
        "Origin": ORIGIN, "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": headers,
    })
    return response.status_code, response.headers.get("access-control-allow-headers", "")


@pytest.fixture
def narrowed() -> Iterator[TestClient]:
    app = create_app(Settings(db_path=None, cors_allow_headers=("X-RECHAT-FORMAT",)))
    with app.test_client(client=("127.0.0.1", 50000)) as client:
        yield client


def test_a_preflight_naming_any_header_is_allowed_by_default(client: TestClient) -> None:
    status, allowed = preflight(client, REAL_APP_HEADERS)

    assert status == 200
    assert set(allowed.lower().split(",")) == set(REAL_APP_HEADERS.split(","))


def test_cors_allow_header_narrows_what_a_preflight_may_name(narrowed: TestClient) -> None:
    assert preflight(narrowed, "authorization,x-rechat-format")[0] == 200
    assert preflight(narrowed, "content-type")[0] == 200

    status, _ = preflight(narrowed, "authorization,x-rechat-format,x-rechat-brand")

    assert status == 400


def test_the_answer_after_the_preflight_carries_the_origin(client: TestClient) -> None:
    response = client.get(POSTS, headers={**AUTH, "Origin": ORIGIN,
                                          "X-RECHAT-FORMAT": "references"})

    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] in ("*", ORIGIN)

