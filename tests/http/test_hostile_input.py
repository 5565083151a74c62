"""Whatever a client sends, the mock answers a 4xx problem, writes nothing and stays healthy."""

from __future__ import annotations

import json
from typing import Any

import pytest
from starlette.testclient import TestClient

from tests.conftest import AUTH, POSTS, UPDATE_POST, create_body

PROBLEM = "application/problem+json"
JSON_HEADERS = {**AUTH, "Content-Type": "application/json"}

BAD_BODIES: list[tuple[str, bytes]] = [
    ("malformed json", b'{"facebook_page": '),
    ("json array", b"[]"),
    ("json scalar number", b"42"),
    ("json scalar string", b'"post"'),
    ("json null", b"null"),
    ("empty body", b""),
    ("nan", b'{"facebook_page": "5383b70e-bd8f-481f-a605-0664736def2d", "due_at": NaN}'),
    ("infinity", b'{"due_at": Infinity}'),
    ("minus infinity", b'{"due_at": -Infinity}'),
    ("huge number", b'{"due_at": 1e308}'),
    ("overflowing number", b'{"due_at": 1e999}'),
    ("deeply nested", b'{"caption": ' + b"[" * 5000 + b"]" * 5000 + b"}"),
    ("moderately nested", b'{"caption": ' + b"[" * 40 + b"]" * 40 + b"}"),
    ("invalid utf-8", b'{"caption": "\xff\xfe"}'),
    ("duplicate-free but unknown field", b'{"facebook_page": "x", "admin": true}'),
]

WRONG_TYPES: dict[str, list[Any]] = {
    "facebook_page": [1, True, [], {}, None, "not-a-uuid", "../../etc/passwd"],
    "template_instance": [1, True, [], {}, "1' OR '1'='1"],
    "asset": [1, False, [], {}, "%00"],
    "due_at": ["tomorrow", True, [], {}, -1, "1769132000"],
    "caption": [1, 1.5, True, [], {}, "x" * 5001],
}


def _total(client: TestClient) -> int:
    total: int = client.get(POSTS, params={"limit": 1}, headers=AUTH).json()["info"]["total"]
    return total


def _assert_refused(response: Any, statuses: range = range(400, 500)) -> None:
    assert response.status_code in statuses, response.text
    assert response.headers["content-type"] == PROBLEM
    problem = response.json()
    assert problem["status"] == response.status_code and problem["detail"]
    for leak in ("Traceback", "/work/", "site-packages", ".py\"", 'File "'):
        assert leak not in response.text


@pytest.fixture
def healthy_after(client: TestClient) -> Any:
    before = _total(client)
    yield
    assert client.get("/_mock/health").status_code == 200
    assert _total(client) == before, "a refused request wrote something"


@pytest.mark.parametrize(("name", "raw"), BAD_BODIES, ids=[name for name, _ in BAD_BODIES])
@pytest.mark.parametrize("method", ["POST", "PUT"])
def test_bad_bodies_are_refused(
    client: TestClient, healthy_after: None, name: str, raw: bytes, method: str
) -> None:
    path = POSTS if method == "POST" else f"{POSTS}/{UPDATE_POST}"
    _assert_refused(client.request(method, path, content=raw, headers=JSON_HEADERS))


@pytest.mark.parametrize(
    ("field", "value"),
    [(field, value) for field, values in WRONG_TYPES.items() for value in values],
)
def test_wrong_value_in_a_field_is_refused_naming_it(
    client: TestClient, healthy_after: None, field: str, value: Any
) -> None:
    response = client.post(POSTS, json=create_body(**{field: value}), headers=AUTH)
    _assert_refused(response)
    if response.status_code == 400:
        assert field in response.json()["detail"]


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
     "application/xml"],
)
def test_bodies_that_are_not_json_answer_415(
    client: TestClient, healthy_after: None, content_type: str
) -> None:
    response = client.post(POSTS, content=json.dumps(create_body()).encode(),
                           headers={**AUTH, "Content-Type": content_type})
    _assert_refused(response, range(415, 416))


def test_body_over_the_limit_answers_413(client: TestClient, healthy_after: None) -> None:
    big = json.dumps(create_body(caption="x" * 70_000)).encode()
    _assert_refused(client.post(POSTS, content=big, headers=JSON_HEADERS), range(413, 414))


def test_body_over_the_limit_without_content_length_answers_413(
    client: TestClient, healthy_after: None
) -> None:
    def chunks() -> Any:
        yield b'{"caption": "'
        for _ in range(80):
            yield b"x" * 1024
        yield b'"}'

    response = client.post(POSTS, content=chunks(), headers=JSON_HEADERS)
    _assert_refused(response, range(413, 414))


@pytest.mark.parametrize(
    "post_id",
    ["not-a-uuid", "..%2F..%2Fetc%2Fpasswd", "1%27%20OR%20%271%27%3D%271", "%00", "x" * 300,
     "c802583b-073f-4580-bb35-6ddca119f4c8%27"],
)
@pytest.mark.parametrize("method", ["PUT", "DELETE"])
def test_ids_that_are_not_uuids_are_refused(
    client: TestClient, healthy_after: None, post_id: str, method: str
) -> None:
    response = client.request(method, f"{POSTS}/{post_id}",
                              json={"caption": "x"} if method == "PUT" else None, headers=AUTH)
    _assert_refused(response)


@pytest.mark.parametrize("method", ["PUT", "DELETE"])
def test_unknown_ids_answer_404(client: TestClient, healthy_after: None, method: str) -> None:
    response = client.request(method, f"{POSTS}/00000000-0000-4000-8000-000000000000",
                              json={"caption": "x"} if method == "PUT" else None, headers=AUTH)
    _assert_refused(response, range(404, 405))


@pytest.mark.parametrize(
    ("name", "value"),
    [("start", "-1"), ("start", "1000000000000"), ("start", "abc"), ("start", "1.5"),
     ("start", ""), ("limit", "0"), ("limit", "-5"), ("limit", "1001"), ("limit", "many"),
     ("limit", "1e3"), ("status", "bogus"), ("status", "EXECUTED"), ("order", "-bogus"),
     ("order", "caption"), ("order", "created_at; DROP TABLE posts"), ("mediums", "Fax"),
     ("mediums", "social"), ("associations", "social_post.bogus"),
     ("associations", "social_post.owner,social_post.owner"), ("video", "maybe"),
     ("user", "someone"), ("user", "")],
)
def test_bad_query_parameters_are_refused_naming_the_parameter(
    client: TestClient, name: str, value: str
) -> None:
    response = client.get(POSTS, params={name: value}, headers=AUTH)
    _assert_refused(response, range(400, 401))
    assert f"'{name}'" in response.json()["detail"]


def test_unknown_query_parameters_are_refused(client: TestClient) -> None:
    response = client.get(POSTS, params={"sort": "-created_at"}, headers=AUTH)
    _assert_refused(response, range(400, 401))
    assert "sort" in response.json()["detail"]


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer "}, {"Authorization": "Bearer nope"},
     {"Authorization": "Basic dGVzdDp0ZXN0"}, {"Authorization": "test-token"}],
)
def test_missing_or_bad_credentials_answer_401(
    client: TestClient, healthy_after: None, headers: dict[str, str]
) -> None:
    _assert_refused(client.get(POSTS, headers=headers), range(401, 402))
    _assert_refused(client.post(POSTS, json=create_body(), headers=headers), range(401, 402))


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [("OPTIONS", POSTS, "GET, POST"), ("PATCH", f"{POSTS}/{UPDATE_POST}", "DELETE, PUT"),
     ("DELETE", f"{POSTS}/stats", "GET"), ("PUT", "/_mock/clock", "GET, POST")],
)
def test_undocumented_methods_answer_405_listing_the_documented_ones(
    client: TestClient, healthy_after: None, method: str, path: str, allowed: str
) -> None:
    response = client.request(method, path, headers=AUTH)
    _assert_refused(response, range(405, 406))
    assert response.headers["allow"] == allowed
