"""CORS: a browser app on another origin may send any header its preflight names."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from starlette.datastructures import MutableHeaders
from starlette.testclient import TestClient
from starlette.types import Message, Receive, Scope, Send

from socialpost.server.app import create_app
from socialpost.server.config import Settings
from socialpost.server.http.cors import CORS, vary_origin
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



def test_an_answer_to_a_request_without_origin_varies_on_origin(client: TestClient) -> None:
    response = client.get(POSTS, headers=AUTH)

    assert response.status_code == 200
    assert response.headers.get_list("vary") == ["Origin"]
    assert "access-control-allow-origin" not in response.headers


VARIED = [
    [],
    [(b"content-type", b"application/json")],
    [(b"vary", b"Accept")],
    [(b"vary", b"Accept"), (b"content-length", b"2"), (b"vary", b"Accept-Encoding")],
    [(b"Vary", b"Accept")],  # a spelling Starlette's lookup does not match: kept apart
]


@pytest.mark.parametrize("headers", VARIED)
def test_the_short_way_adds_vary_exactly_as_starlette_does(
    headers: list[tuple[bytes, bytes]],
) -> None:
    expected = MutableHeaders(raw=list(headers))
    expected["Vary"] = ", ".join([*expected.getlist("Vary"), "Origin"])

    assert vary_origin(list(headers)) == expected.raw


def test_a_request_without_origin_leaves_the_inner_answers_headers_alone() -> None:
    sent_headers = [(b"content-type", b"text/plain")]
    sent: list[Message] = []

    async def inner(scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": sent_headers})
        await send({"type": "http.response.body", "body": b"ok"})

    async def collect(message: Message) -> None:
        sent.append(message)

    async def nothing() -> Message:
        return {"type": "http.request", "body": b""}

    cors = CORS(inner, allow_origins=[ORIGIN])
    asyncio.run(cors({"type": "http", "method": "GET", "headers": []}, nothing, collect))

    assert sent[0]["headers"] == [(b"content-type", b"text/plain"), (b"vary", b"Origin")]
    assert sent_headers == [(b"content-type", b"text/plain")]
