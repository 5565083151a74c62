"""The validating proxy in front of the mock: answers pass unchanged, what breaks the contract
is counted on the answer and listed at ``/_proxy/violations``."""

from __future__ import annotations

import gzip
import json
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from socialpost.conformance.proxy.app import create_proxy
from socialpost.server.app import create_app
from socialpost.server.config import Settings
from tests.conformance.proxy.session import ASSET, AUTH, LIST, PAGE, TOKEN, browse
from tests.live import free_port, serve_asgi


@pytest.fixture
def mock() -> Iterator[str]:
    with serve_asgi(create_app(Settings(db_path=None))) as url:
        yield url


@pytest.fixture
def proxy(mock: str) -> Iterator[httpx.Client]:
    with serve_asgi(create_proxy(mock)) as url, httpx.Client(base_url=url) as client:
        yield client


def listing(client: httpx.Client, **params: str) -> dict[str, Any]:
    answer = client.get("/_proxy/violations", params=params)
    assert answer.status_code == 200
    found: dict[str, Any] = answer.json()
    return found


def checks(client: httpx.Client) -> list[tuple[str, str]]:
    return [(v["check"], v["kind"]) for v in listing(client)["violations"]]


def test_clean_traffic_passes_unchanged_with_no_violation(proxy: httpx.Client,
                                                           mock: str) -> None:
    seen = browse(proxy)
    assert [a.status_code for a in seen.values()] == [200] * 7 + [204, 200, 404, 404]
    assert all("x-contract-violations" not in a.headers for a in seen.values())
    found = listing(proxy)
    assert (found["exchanges"], found["broken"], found["failures"]) == (11, 0, 0)
    # The same bytes as the mock's own answer, its headers too.
    direct = httpx.get(mock + LIST, params={"limit": 3}, headers=AUTH)
    through = proxy.get(LIST, params={"limit": 3}, headers=AUTH)
    assert through.content == direct.content
    assert through.headers["content-type"] == direct.headers["content-type"]
    assert through.headers.get_list("vary") == direct.headers.get_list("vary")


def test_a_request_the_contract_refuses_is_counted_and_named(proxy: httpx.Client) -> None:
    answer = proxy.get(LIST, params={"limit": "many", "user": "nobody"}, headers=AUTH)
    assert answer.status_code == 400  # the upstream's own answer
    assert answer.headers["x-contract-violations"] == "2"
    found = listing(proxy)
    messages = [v["message"] for v in found["violations"]]
    assert found["failures"] == 2
    assert any("`limit`" in m and "not an integer" in m for m in messages)
    assert any("`user`" in m and "uuid" in m for m in messages)
    violation = found["violations"][0]
    assert violation["check"] == "request_parameters_conformance"
    assert violation["side"] == "request"
    assert violation["exchange"]["operation"] == "listSocialPosts"
    assert violation["exchange"]["status"] == 400


def test_an_undeclared_query_parameter_is_a_deviation(proxy: httpx.Client) -> None:
    answer = proxy.get(LIST, params={"page": "2"}, headers=AUTH)
    assert answer.headers["x-contract-violations"] == "1"
    found = listing(proxy)
    assert (found["failures"], found["deviations"]) == (0, 1)
    assert listing(proxy, kind="failure")["violations"] == []
    assert "`page`" in listing(proxy, kind="deviation")["violations"][0]["message"]


@pytest.mark.parametrize(("request_args", "check"), [
    (("GET", LIST, {}), "request_credentials"),
    (("GET", "/brands/not-a-uuid/social-posts", AUTH), "request_parameters_conformance"),
    (("PATCH", f"{LIST}/{uuid.uuid4()}", AUTH), "undocumented_operation"),
    (("GET", "/nowhere", AUTH), "undocumented_operation"),
])
def test_requests_outside_the_contract(proxy: httpx.Client, request_args: tuple[str, str, Any],
                                       check: str) -> None:
    method, path, headers = request_args
    answer = proxy.request(method, path, headers=headers)
    assert int(answer.headers["x-contract-violations"]) >= 1
    assert (check, "failure") in checks(proxy)


@pytest.mark.parametrize(("body", "content_type", "check"), [
    (b'{"caption": 5}', "application/json", "request_body_conformance"),
    (b"{not json", "application/json", "request_body_conformance"),
    (b"", "application/json", "request_body_conformance"),
    (b'{"caption": "x"}', "text/plain", "request_content_type_conformance"),
])
def test_request_bodies_outside_the_contract(proxy: httpx.Client, body: bytes,
                                             content_type: str, check: str) -> None:
    answer = proxy.post(LIST, content=body, headers={**AUTH, "Content-Type": content_type})
    assert answer.status_code in (400, 415)
    assert answer.headers["x-contract-violations"] == "1"
    assert checks(proxy) == [(check, "failure")]


def test_a_body_error_names_the_field(proxy: httpx.Client) -> None:
    proxy.post(LIST, json={"facebook_page": PAGE, "asset": ASSET, "due_at": "soon"},
               headers=AUTH)
    message = listing(proxy)["violations"][0]["message"]
    assert "due_at" in message


def test_tokens_are_never_kept_in_full(proxy: httpx.Client) -> None:
    secret = "a-long-secret-token-0123456789"
    proxy.get(LIST, params={"limit": "x"}, headers={"Authorization": f"Bearer {secret}"})
    proxy.get(LIST, params={"limit": "x"}, headers=AUTH)
    text = proxy.get("/_proxy/violations").text
    assert secret not in text and TOKEN not in text
    assert listing(proxy)["failures"] == 2


def test_violations_can_be_cleared(proxy: httpx.Client) -> None:
    proxy.get(LIST, params={"limit": "x"}, headers=AUTH)
    assert proxy.delete("/_proxy/violations").status_code == 204
    assert listing(proxy) == {"exchanges": 0, "broken": 0, "failures": 0, "deviations": 0,
                              "violations": []}


def test_own_endpoints_answer_problems_for_the_wrong_method_or_query(
        proxy: httpx.Client) -> None:
    assert proxy.get("/_proxy/health").json()["status"] == "ok"
    wrong = proxy.put("/_proxy/violations")
    assert wrong.status_code == 405
    assert wrong.headers["content-type"] == "application/problem+json"
    assert proxy.get("/_proxy/violations", params={"kind": "other"}).status_code == 400
    assert proxy.get("/_proxy/nothing").status_code == 404


def test_cross_origin_pages_can_read_the_count(proxy: httpx.Client) -> None:
    origin = {"Origin": "http://app.example"}
    preflight = proxy.options(LIST, headers={**origin, "Access-Control-Request-Method": "GET",
                                             "Access-Control-Request-Headers": "authorization"})
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "*"
    answer = proxy.get(LIST, params={"limit": "x"}, headers={**origin, **AUTH})
    assert answer.headers["access-control-allow-origin"] == "*"
    exposed = answer.headers["access-control-expose-headers"].lower()
    assert "x-contract-violations" in exposed
    assert answer.headers.get_list("vary") == ["Origin"]
    # The preflight was the proxy's own: it reached no operation, so nothing was checked.
    assert listing(proxy)["exchanges"] == 1


def test_an_unreachable_upstream_is_a_502_problem() -> None:
    with serve_asgi(create_proxy(f"http://127.0.0.1:{free_port()}")) as url:
        answer = httpx.get(url + LIST, headers=AUTH)
        assert answer.status_code == 502
        assert answer.headers["content-type"] == "application/problem+json"
        assert "could not be reached" in answer.json()["detail"]
        assert httpx.get(url + "/_proxy/violations").json()["exchanges"] == 0


def test_bodies_past_the_limit_stream_through_unchecked(mock: str) -> None:
    with serve_asgi(create_proxy(mock, body_limit=256)) as url:
        big = httpx.get(url + LIST, params={"status": "any", "limit": 20}, headers=AUTH)
        assert big.status_code == 200
        assert big.content == httpx.get(mock + LIST, params={"status": "any", "limit": 20},
                                        headers=AUTH).content
        assert len(big.content) > 256
        caption = "c" * 300  # a request body past the limit reaches the upstream whole
        created = httpx.post(url + LIST, headers=AUTH, json={
            "facebook_page": PAGE, "asset": ASSET, "due_at": 1769132000.0, "caption": caption})
        assert created.status_code == 200
        assert created.json()["data"]["caption"] == caption
        assert "x-contract-violations" not in created.headers
        found = httpx.get(url + "/_proxy/violations").json()
        assert (found["exchanges"], found["broken"]) == (2, 0)


def test_a_compressed_answer_passes_compressed_and_is_checked_decoded() -> None:
    async def gzipping(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            await receive()
            await send({"type": "lifespan.startup.complete"})
            await receive()
            await send({"type": "lifespan.shutdown.complete"})
            return
        body = gzip.compress(json.dumps({"code": "OK", "data": [{"id": 1}],
                                         "info": {"count": 1, "total": 1}}).encode())
        await send({"type": "http.response.start", "status": 200, "headers": [
            (b"content-type", b"application/json"), (b"content-encoding", b"gzip"),
            (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})

    with serve_asgi(gzipping) as upstream, serve_asgi(create_proxy(upstream)) as url:
        answer = httpx.get(url + LIST, headers=AUTH)
        assert answer.json()["data"] == [{"id": 1}]  # httpx decoded what came gzipped
        assert answer.headers["content-encoding"] == "gzip"
        found = httpx.get(url + "/_proxy/violations").json()["violations"]
        assert answer.headers["x-contract-violations"] == str(len(found))
        assert {v["check"] for v in found} == {"response_schema_conformance"}
        assert any("'id'" in v["message"] or "1 is not" in v["message"] for v in found)


@pytest.mark.parametrize("query", [
    "associations=social_post.asset,social_post.owner",
    "associations=social_post.asset&associations=social_post.owner",
    "associations[]=social_post.asset&associations%5B%5D=social_post.owner",
    "associations[]=social_post.asset&associations=social_post.asset,social_post.owner",
    "mediums=Social&mediums[]=Email",
])
def test_every_spelling_the_contract_accepts_is_clean(proxy: httpx.Client, query: str) -> None:
    answer = proxy.get(f"{LIST}?{query}", headers=AUTH)
    assert answer.status_code == 200
    assert "x-contract-violations" not in answer.headers, listing(proxy)


def test_a_bracket_on_a_single_valued_parameter_is_undeclared(proxy: httpx.Client) -> None:
    proxy.get(f"{LIST}?limit[]=5", headers=AUTH)
    assert checks(proxy) == [("request_parameters_conformance", "deviation")]


def test_enforce_answers_a_request_that_breaks_the_contract_400(mock: str) -> None:
    with serve_asgi(create_proxy(mock, enforce=True)) as url:
        before = httpx.get(mock + LIST, params={"status": "any"}, headers=AUTH).json()
        refused = httpx.post(url + LIST, headers=AUTH, json={"asset": ASSET, "caption": 5})
        assert refused.status_code == 400
        assert refused.headers["content-type"] == "application/problem+json"
        assert refused.headers["x-contract-violations"] == "1"
        problem = refused.json()
        assert problem["detail"].startswith("The request breaks the contract: request body:")
        assert [v["check"] for v in problem["violations"]] == ["request_body_conformance"]
        # Never forwarded: the upstream holds the same posts.
        after = httpx.get(mock + LIST, params={"status": "any"}, headers=AUTH).json()
        assert after["info"]["total"] == before["info"]["total"]
        # A deviation is forwarded, and a clean request passes as ever.
        assert httpx.get(url + LIST, params={"page": "1"}, headers=AUTH).status_code == 400
        clean = httpx.get(url + LIST, headers=AUTH)
        assert clean.status_code == 200 and "x-contract-violations" not in clean.headers
        found = httpx.get(url + "/_proxy/violations").json()
    assert (found["exchanges"], found["failures"], found["deviations"]) == (3, 1, 1)
    assert found["violations"][0]["exchange"]["status"] == 400


def test_a_head_request_is_checked_without_a_body(proxy: httpx.Client) -> None:
    answer = proxy.head(LIST, headers=AUTH)
    assert answer.status_code == 200 and answer.content == b""
    assert "x-contract-violations" not in answer.headers, listing(proxy)
