"""Connection faults on a real server: what a client's HTTP library sees."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest

from socialpost.server.app import create_app
from socialpost.server.config import Settings
from tests.conftest import AUTH, POSTS, create_body
from tests.live import serve_asgi


@pytest.fixture(scope="module")
def served() -> Iterator[str]:
    with serve_asgi(create_app(Settings(db_path=None))) as url:
        yield url


@pytest.fixture
def url(served: str) -> Iterator[str]:
    httpx.delete(f"{served}/_mock/faults")
    yield served
    httpx.delete(f"{served}/_mock/faults")


def fault(url: str, **rule: object) -> None:
    assert httpx.post(f"{url}/_mock/faults", json=rule).status_code == 201


def total(url: str) -> int:
    listed = httpx.get(f"{url}{POSTS}", params={"limit": 1}, headers=AUTH).json()
    count: int = listed["info"]["total"]
    return count


def test_reset_aborts_the_connection_with_a_rst(url: str) -> None:
    fault(url, operation="listSocialPosts", connection="reset", times=1)

    with pytest.raises(httpx.ReadError, match="reset"):
        httpx.get(f"{url}{POSTS}", headers=AUTH)

    assert httpx.get(f"{url}{POSTS}", headers=AUTH).status_code == 200


def test_a_reset_create_fails_and_writes_nothing(url: str) -> None:
    before = total(url)
    fault(url, operation="createSocialPost", connection="reset", times=1)

    # The RST may reach the client while it still sends the body: the write fails, httpx then
    # reads an end of stream and reports a disconnect instead of the reset; a failure either way.
    with pytest.raises(httpx.TransportError):
        httpx.post(f"{url}{POSTS}", json=create_body(), headers=AUTH)

    assert total(url) == before
    assert httpx.post(f"{url}{POSTS}", json=create_body(), headers=AUTH).status_code == 200


def test_empty_response_closes_the_connection_without_a_byte(url: str) -> None:
    fault(url, operation="listSocialPosts", connection="empty-response", times=1)

    with pytest.raises(httpx.RemoteProtocolError):
        httpx.get(f"{url}{POSTS}", headers=AUTH)

    assert httpx.get(f"{url}{POSTS}", headers=AUTH).status_code == 200


def test_malformed_json_is_a_200_whose_body_does_not_parse(url: str) -> None:
    fault(url, operation="getSocialPostStats", connection="malformed-json")

    response = httpx.get(f"{url}{POSTS}/stats", headers=AUTH)

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.headers["X-Mock-Fault"]
    with pytest.raises(json.JSONDecodeError):
        json.loads(response.content)
