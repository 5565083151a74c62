"""The fast lane answers exactly as Connexion does: same status, bytes and headers, or it steps
aside. Each request of a corpus is sent to two mocks, fast lane on and off, from the same
fixtures; creates run in the same order on both, so only the new post's id differs."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from socialpost.server.app import create_app, open_state
from socialpost.server.config import Settings
from socialpost.server.errors import ServiceUnavailable
from socialpost.server.handlers import social_posts
from socialpost.server.state import MockState
from tests.conftest import (
    AGENT_AUTH,
    ASSET,
    AUTH,
    BRAND,
    OTHER_AUTH,
    OTHER_BRAND,
    OTHER_BRAND_PAGE,
    PAGE,
    POSTS,
    TEMPLATE_INSTANCE,
    UPDATE_POST,
    USER,
    create_body,
)

ALL = "social_post.template_instance,social_post.asset,social_post.owner"
MISSING = "0d3a3bc1-6b2f-4c6e-9a43-1e2d3c4b5a69"
LISTS = [
    "", "?status=any&limit=50&associations=" + ALL, "?status=executed", "?status=draft",
    "?status=scheduled&order=-due_at", "?start=1&limit=2", "?start=0&limit=1000",
    "?video=true", "?video=false", "?mediums=Social", "?mediums=Social&mediums=Email",
    "?order=-executed_at&associations=social_post.asset", f"?user={USER}",
    "?associations=social_post.template_instance,template_instance.template",
    f"?status=executed&start=0&limit=3&video=false&mediums=Social&order=-created_at&user={USER}"
    f"&associations={ALL}", "?associations=social_post%2Csocial_post.owner",
    "?associations=social_post.asset%2Csocial_post.owner", "?st%61tus=draft",
    # not the happy path: Connexion answers
    "?status=nope", "?limit=0", "?limit=1001", "?limit=abc", "?limit=", "?limit=+5",
    "?limit=05", "?start=-1", "?video=yes", "?video=True", "?mediums=Nope", "?mediums=",
    "?mediums=Social,Email", "?order=name", "?user=nope", "?associations=nope",
    "?associations=social_post.asset,social_post.asset", "?associations=",
    "?unknown=1", "?status=any&status=draft", "?limit=5&limit=6",
    "?associations=social_post.asset&associations=social_post.owner",
    "?associations[]=social_post.asset", "?associations%5B%5D=social_post.asset",
    "?mediums[]=Social", "?associations[0]=social_post.asset", "?status",
]
HEADERS: list[dict[str, str]] = [
    AUTH, AGENT_AUTH, OTHER_AUTH, {}, {"Authorization": "Bearer nope"},
    {"Authorization": "bearer test-token"}, {"Authorization": "Bearer Bearer test-token"},
    {"Authorization": "Bearer "}, {"Authorization": "Basic dGVzdA=="},
    {**AUTH, "Accept": "application/json"}, {**AUTH, "Accept": "text/html"},
    {**AUTH, "Accept": "*/*"},
]
PATHS = [POSTS, f"/brands/{OTHER_BRAND}/social-posts", f"/brands/{MISSING}/social-posts",
         "/brands/nope/social-posts", f"{POSTS}/", f"/brands/{BRAND.upper()}/social-posts"]
CREATES: list[tuple[dict[str, str], bytes]] = [
    ({}, b'{"facebook_page": "%s", "asset": "%s"}' % (PAGE.encode(), ASSET.encode())),
    ({}, b'{"facebook_page": "%s", "template_instance": "%s", "due_at": null}'
     % (PAGE.encode(), TEMPLATE_INSTANCE.encode())),
    ({}, b'{"facebook_page": "%s", "asset": "%s", "due_at": NaN}'
     % (PAGE.encode(), ASSET.encode())),
    ({}, b'{"facebook_page": "%s", "asset": "%s", "due_at": Infinity}'
     % (PAGE.encode(), ASSET.encode())),
    ({}, b'{"facebook_page": '), ({}, b""), ({}, b"[]"), ({}, b"null"), ({}, b"\xff\xfe"),
    ({}, b'{"asset": "%s"}' % ASSET.encode()),
    ({}, b'{"facebook_page": "%s"}' % PAGE.encode()),
    ({}, b'{"facebook_page": "%s", "asset": "%s", "template_instance": "%s"}'
     % (PAGE.encode(), ASSET.encode(), TEMPLATE_INSTANCE.encode())),
    ({}, b'{"facebook_page": "%s", "asset": "%s"}' % (MISSING.encode(), ASSET.encode())),
    ({}, b'{"facebook_page": "%s", "asset": "%s"}' % (PAGE.encode(), MISSING.encode())),
    ({}, b'{"facebook_page": "%s", "asset": "%s"}' % (OTHER_BRAND_PAGE.encode(),
                                                      ASSET.encode())),
    ({}, b'{"facebook_page": "%s", "asset": "%s", "extra": 1}' % (PAGE.encode(),
                                                                 ASSET.encode())),
    ({}, b'{"facebook_page": "%s", "asset": "%s", "caption": "%s"}'
     % (PAGE.encode(), ASSET.encode(), b"x" * 2201)),
    ({}, b'{"facebook_page": "%s", "asset": "%s", "caption": "%s"}'
     % (PAGE.encode(), ASSET.encode(), b"x" * 70_000)),
    ({}, b'{"facebook_page": "%s", "asset": "%s", "caption": "\xc3\xa9t\xc3\xa9"}'
     % (PAGE.encode(), ASSET.encode())),
    ({"Content-Type": "text/plain"}, b'{"facebook_page": "%s", "asset": "%s"}'
     % (PAGE.encode(), ASSET.encode())),
    ({"Content-Type": "application/json; charset=latin-1"},
     b'{"facebook_page": "%s", "asset": "%s"}' % (PAGE.encode(), ASSET.encode())),
    ({"Content-Type": "application/json; charset=utf-8"},
     b'{"facebook_page": "%s", "asset": "%s"}' % (PAGE.encode(), ASSET.encode())),
    ({"Content-Type": "application/merge-patch+json"},
     b'{"facebook_page": "%s", "asset": "%s"}' % (PAGE.encode(), ASSET.encode())),
    (OTHER_AUTH, b'{"facebook_page": "%s", "asset": "%s"}' % (PAGE.encode(), ASSET.encode())),
    ({"Authorization": "Bearer nope"}, b'{"facebook_page": "%s"}' % PAGE.encode()),
]


def _mock(fast_lane: bool, state: MockState | None = None) -> Iterator[TestClient]:
    settings = Settings(db_path=None, fast_lane=fast_lane)
    app = create_app(settings, state or open_state(settings))
    with app.test_client(client=("127.0.0.1", 50000)) as client:
        yield client


@pytest.fixture(scope="module")
def fast() -> Iterator[TestClient]:
    yield from _mock(True)


@pytest.fixture(scope="module")
def slow() -> Iterator[TestClient]:
    yield from _mock(False)


def _answer(response: Any) -> tuple[int, bytes, list[tuple[bytes, bytes]]]:
    body = re.sub(rb'"id":"[0-9a-f-]{36}","brand"', b'"id":"ID","brand"', response.content)
    return response.status_code, body, sorted(response.headers.raw)


@pytest.mark.parametrize("query", LISTS)
def test_every_list_query_answers_alike_on_both_lanes(
    query: str, fast: TestClient, slow: TestClient
) -> None:
    for headers in HEADERS[:3] if query else HEADERS:
        assert _answer(fast.get(POSTS + query, headers=headers)) \
            == _answer(slow.get(POSTS + query, headers=headers)), headers


@pytest.mark.parametrize("path", PATHS)
def test_every_list_path_answers_alike_on_both_lanes(
    path: str, fast: TestClient, slow: TestClient
) -> None:
    assert _answer(fast.get(path, headers=AUTH)) == _answer(slow.get(path, headers=AUTH))


@pytest.mark.parametrize("associations", ["", "?associations=" + ALL, "?associations=nope"])
@pytest.mark.parametrize(("headers", "body"), CREATES)
def test_every_create_answers_alike_on_both_lanes(
    headers: dict[str, str], body: bytes, associations: str, fast: TestClient, slow: TestClient
) -> None:
    sent = {**AUTH, "Content-Type": "application/json", **headers}
    assert _answer(fast.post(POSTS + associations, content=body, headers=sent)) \
        == _answer(slow.post(POSTS + associations, content=body, headers=sent))
    # the stores stay alike too: the same list on both
    assert _answer(fast.get(POSTS + "?order=-created_at&limit=3", headers=AUTH)) \
        == _answer(slow.get(POSTS + "?order=-created_at&limit=3", headers=AUTH))


def test_the_happy_path_never_reaches_the_connexion_handlers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    called: list[str] = []
    original_list = social_posts.list_social_posts
    original_create = social_posts.create_social_post

    @functools.wraps(original_list)  # Connexion passes what the signature names
    async def spy_list(**kwargs: Any) -> Any:
        called.append("list")
        return await original_list(**kwargs)

    @functools.wraps(original_create)
    async def spy_create(**kwargs: Any) -> Any:
        called.append("create")
        return await original_create(**kwargs)

    monkeypatch.setattr(social_posts, "list_social_posts", spy_list)
    monkeypatch.setattr(social_posts, "create_social_post", spy_create)
    for fast_lane, expected in ((True, []), (False, ["list", "create", "list"])):
        called.clear()
        for client in _mock(fast_lane):
            assert client.get(POSTS + "?associations=" + ALL, headers=AUTH).status_code == 200
            assert client.post(POSTS, json=create_body(), headers=AUTH).status_code == 200
            assert client.get(POSTS + "?status=nope", headers=AUTH).status_code == 400
            assert client.get(POSTS + "?status=draft", headers=AUTH).status_code == 200
        assert called == expected
    called.clear()
    for client in _mock(True):
        client.get(f"/brands/{OTHER_BRAND}/social-posts", headers=AUTH)  # 403: Connexion's
    assert called == ["list"]


def test_a_post_that_breaks_the_contract_is_a_500_naming_the_field_on_both_lanes() -> None:
    answers = []
    for fast_lane in (True, False):
        state = open_state(Settings(db_path=None))
        with state.store.atomic():
            state.store.update_post(UPDATE_POST, {"caption": 5})
        for client in _mock(fast_lane, state):
            response = client.get(POSTS + "?status=any", headers=AUTH)
            answers.append(_answer(response))
    assert answers[0] == answers[1]
    status, body, _ = answers[0]
    assert status == 500 and b"caption" in body and b"does not conform" in body


def test_the_journal_cors_and_sessions_still_see_fast_answers(client: TestClient) -> None:
    client.delete("/_mock/requests")
    origin = {"Origin": "http://app.example"}
    listed = client.get(POSTS, headers={**AUTH, **origin})
    created = client.post("/_sessions/fast/" + POSTS.lstrip("/"), json=create_body(),
                          headers={**AUTH, **origin})

    assert listed.status_code == created.status_code == 200
    assert listed.headers["access-control-allow-origin"] == "*"
    assert created.headers["x-mock-session"] == "fast"
    [entry] = client.get("/_mock/requests").json()["data"]
    assert (entry["operation"], entry["status"]) == ("listSocialPosts", 200)
    assert client.get("/_mock/requests", headers={"X-Mock-Session": "fast"}).json()["data"][0][
        "response"]["body"] == created.json()


def test_a_fault_rule_on_create_still_answers_before_the_fast_lane(client: TestClient) -> None:
    client.post("/_mock/faults", json={"operation": "createSocialPost", "status": 503,
                                       "times": 1})
    total = client.get(POSTS, headers=AUTH).json()["info"]["total"]

    faulted = client.post(POSTS, json=create_body(), headers=AUTH)
    created = client.post(POSTS, json=create_body(), headers=AUTH)

    assert faulted.status_code == 503 and faulted.headers["x-mock-fault"]
    assert created.status_code == 200
    assert client.get(POSTS, headers=AUTH).json()["info"]["total"] == total + 1
    client.delete("/_mock/faults")


@pytest.mark.parametrize("error", [RuntimeError("a bug"),
                                   ServiceUnavailable("The mock's database is unreachable.")])
def test_a_failure_inside_the_lane_answers_as_connexion_would_without_a_second_try(
    monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    tries: list[str] = []

    async def failing(*_: Any, **__: Any) -> Any:
        tries.append("create")
        raise error

    monkeypatch.setattr(social_posts, "create_post", failing)
    answers = []
    for lane in (True, False):
        for client in _mock(lane):
            answers.append(_answer(client.post(POSTS, json=create_body(), headers=AUTH)))
    # The same problem on both lanes, each from one try (a 503 may come after a write)
    assert answers[0] == answers[1]
    assert answers[0][0] == (500 if isinstance(error, RuntimeError) else 503)
    assert (b"content-type", b"application/problem+json") in answers[0][2]
    assert tries == ["create", "create"]


def test_a_parameter_parsed_before_is_a_new_list_each_time() -> None:
    from socialpost.server.http.lanes import Parameter

    parameter = Parameter("mediums", {"type": "array", "items": {"type": "string"}}, False)
    first = parameter.parse(["facebook,instagram"])
    first[1].append("changed by a handler")

    assert parameter.parse(["facebook,instagram"]) == (True, ["facebook", "instagram"])
    assert parameter.parse([""]) == (False, None)
