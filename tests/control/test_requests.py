"""The request journal over HTTP: what a test finds at /_mock/requests after a client's calls."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest
from starlette.testclient import TestClient

from socialpost.server.app import create_app
from socialpost.server.config import Settings
from socialpost.server.journal.entry import BODY_LIMIT
from tests.conftest import AUTH, POSTS, create_body
from tests.live import serve_asgi

JOURNAL = "/_mock/requests"
ASSOCIATIONS = "social_post.template_instance,social_post.asset,social_post.owner"


@pytest.fixture
def journal(client: TestClient) -> TestClient:
    """The shared test client, with the default session's journal emptied."""
    assert client.delete(JOURNAL).status_code == 204
    return client


def entries(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    response = client.get(JOURNAL, params=params)
    assert response.status_code == 200, response.text
    data: list[dict[str, Any]] = response.json()["data"]
    return data


def count(client: TestClient, **params: Any) -> int:
    response = client.get(f"{JOURNAL}/count", params=params)
    assert response.status_code == 200, response.text
    found: int = response.json()["count"]
    return found


def test_a_create_is_found_by_its_operation_with_its_parsed_body(journal: TestClient) -> None:
    body = create_body(caption="Hello from the app")
    created = journal.post(POSTS, json=body, headers=AUTH)
    journal.get(POSTS, headers=AUTH)

    found = journal.get(JOURNAL, params={"operation": "createSocialPost"}).json()

    assert found["info"]["count"] == found["info"]["total"] == 1
    [entry] = found["data"]
    assert (entry["operation"], entry["method"], entry["path"], entry["status"]) \
        == ("createSocialPost", "POST", POSTS, 200)
    assert entry["request"]["body"] == body
    assert entry["response"]["body"] == created.json()
    assert entry["response"]["headers"]["content-type"] == "application/json"
    assert entry["session"] == "default" and entry["fault"] is None
    assert entry["duration_ms"] > 0


def test_entries_come_newest_first_with_the_simulated_instant(journal: TestClient) -> None:
    journal.get(POSTS, headers=AUTH)
    now = journal.post("/_mock/clock", json={"advance": 60}).json()["now"]
    journal.get(POSTS, headers=AUTH, params={"associations": "asset"})

    newest, oldest = entries(journal)

    assert newest["id"] > oldest["id"]
    assert newest["now"] == now and oldest["now"] == now - 60
    assert newest["query"] == {"associations": ["asset"]} and oldest["query"] == {}
    assert newest["at"].endswith("Z")
    assert [e["id"] for e in entries(journal, order="asc")] == [oldest["id"], newest["id"]]


def test_the_control_api_and_the_docs_are_not_recorded_but_unknown_paths_are(
    journal: TestClient,
) -> None:
    journal.get("/_mock/clock")
    journal.get("/openapi.json")
    journal.get("/brands/nope/elsewhere", headers=AUTH)

    [entry] = entries(journal)

    assert (entry["path"], entry["operation"], entry["status"]) \
        == ("/brands/nope/elsewhere", None, 404)


def test_count_takes_the_same_filters(journal: TestClient) -> None:
    for caption in ("one", "two"):
        journal.post(POSTS, json=create_body(caption=caption), headers=AUTH)
    journal.get(POSTS, headers=AUTH)

    assert count(journal) == 3
    assert count(journal, operation="createSocialPost") == 2
    assert count(journal, method="get") == 1
    assert count(journal, field="caption", equals="two") == 1
    assert count(journal, path=f"{POSTS}*", status="2xx") == 3


def test_status_filters_take_a_code_or_a_class(journal: TestClient) -> None:
    journal.post(POSTS, json=create_body(caption=None), headers=AUTH)  # 400
    journal.delete(f"{POSTS}/{uuid.uuid4()}", headers=AUTH)  # 404
    journal.get(POSTS, headers=AUTH)

    assert [e["status"] for e in entries(journal, status="4xx")] == [404, 400]
    assert [e["status"] for e in entries(journal, status="404")] == [404]
    assert count(journal, status="5XX") == 0


def test_clear_empties_the_journal_and_a_tail_goes_on(journal: TestClient) -> None:
    journal.get(POSTS, headers=AUTH)
    last = journal.get(JOURNAL).json()["info"]["last_id"]

    assert journal.delete(JOURNAL).status_code == 204
    assert count(journal) == 0
    journal.get(POSTS, headers=AUTH)

    [entry] = entries(journal, after=last, order="asc")
    assert entry["id"] == last + 1


def test_paging_says_what_it_answered(journal: TestClient) -> None:
    for _ in range(3):
        journal.get(POSTS, headers=AUTH)
    info = journal.get(JOURNAL, params={"start": 1, "limit": 1}).json()["info"]
    assert {k: info[k] for k in ("count", "total", "start", "limit")} \
        == {"count": 1, "total": 3, "start": 1, "limit": 1}


@pytest.mark.parametrize(("params", "field"), [
    ({"status": "4yy"}, "status"), ({"since": "last tuesday"}, "since"),
    ({"equals": "x"}, "equals"), ({"after": "-1"}, "after"), ({"order": "up"}, "order"),
    ({"limit": "0"}, "limit"),
])
def test_a_bad_filter_is_a_400_naming_it(
    journal: TestClient, params: dict[str, str], field: str,
) -> None:
    for url in (JOURNAL, f"{JOURNAL}/count"):
        if url.endswith("count") and field in ("order", "limit"):
            continue
        response = journal.get(url, params=params)
        assert response.status_code == 400, (url, params)
        assert response.json()["field"] == field
        assert field in response.json()["detail"]


def test_an_unknown_filter_is_a_400(journal: TestClient) -> None:
    assert journal.get(JOURNAL, params={"operationId": "createSocialPost"}).status_code == 400


def test_credentials_are_masked(journal: TestClient) -> None:
    journal.get(POSTS, headers={**AUTH, "Cookie": "sid=abc123"})
    response = journal.get(JOURNAL)
    headers = response.json()["data"][0]["request"]["headers"]
    assert headers["authorization"] == "Bearer test…"
    assert headers["cookie"] == "sid=…"
    assert "test-token" not in response.text and "abc123" not in response.text


def test_sessions_keep_their_own_journals(journal: TestClient) -> None:
    name = f"journal-{uuid.uuid4().hex[:8]}"
    journal.post(POSTS, json=create_body(caption="in a"), headers={**AUTH, "X-Mock-Session": name})
    journal.get(f"/_sessions/{name}{POSTS}", headers=AUTH)

    mine = journal.get(JOURNAL, headers={"X-Mock-Session": name}).json()["data"]

    assert [(e["operation"], e["path"], e["session"]) for e in mine] == [
        ("listSocialPosts", POSTS, name), ("createSocialPost", POSTS, name)]
    assert count(journal) == 0
    prefixed = journal.get(f"/_sessions/{name}{JOURNAL}/count").json()
    assert prefixed == {"count": 2}


def test_the_journal_keeps_the_newest_journal_size_requests() -> None:
    app = create_app(Settings(db_path=None, journal_size=3))
    with app.test_client(client=("127.0.0.1", 50000)) as client:
        for _ in range(5):
            client.get(POSTS, headers=AUTH)
        answer = client.get(JOURNAL).json()
    assert [e["id"] for e in answer["data"]] == [5, 4, 3]
    assert answer["info"]["total"] == 3


def test_a_page_of_posts_is_recorded_as_it_was_sent(journal: TestClient) -> None:
    listed = journal.get(POSTS, params={"associations": ASSOCIATIONS}, headers=AUTH)

    [entry] = entries(journal, operation="listSocialPosts")
    assert entry["response"]["body"] == listed.json()
    assert entry["response"]["size"] == len(listed.content)
    assert entry["response"]["truncated"] is False


def test_a_page_longer_than_the_shown_limit_is_shown_cut_as_it_was_sent() -> None:
    app = create_app(Settings(db_path=None, generate_posts=300))
    with app.test_client(client=("127.0.0.1", 50000)) as client:
        listed = client.get(POSTS, params={"limit": 300, "associations": ASSOCIATIONS},
                            headers=AUTH)
        [entry] = entries(client)
    assert len(listed.content) > BODY_LIMIT
    assert entry["response"]["size"] == len(listed.content)
    assert entry["response"]["truncated"] is True
    assert entry["response"]["body"] == listed.content[:BODY_LIMIT].decode("utf-8", "replace")


def test_an_answer_a_fault_rule_gave_names_the_rule(journal: TestClient) -> None:
    session = {"X-Mock-Session": f"faulted-{uuid.uuid4().hex[:8]}"}
    rule = journal.post("/_mock/faults", json={"operation": "createSocialPost", "status": 503,
                                               "times": 1}, headers=session).json()
    assert journal.post(POSTS, json=create_body(), headers={**AUTH, **session}
                        ).status_code == 503

    [entry] = journal.get(JOURNAL, headers=session).json()["data"]

    assert (entry["status"], entry["fault"]) == (503, rule["id"])
    assert entry["request"]["body"] == create_body()


def test_a_request_whose_connection_a_fault_closed_is_recorded_without_a_status() -> None:
    with serve_asgi(create_app(Settings(db_path=None))) as url:
        rule = httpx.post(f"{url}/_mock/faults", json={
            "operation": "createSocialPost", "connection": "empty-response", "times": 1,
        }).json()
        with pytest.raises(httpx.RemoteProtocolError):
            httpx.post(f"{url}{POSTS}", json=create_body(caption="lost"), headers=AUTH)

        [entry] = httpx.get(f"{url}{JOURNAL}").json()["data"]

    assert (entry["operation"], entry["status"], entry["fault"]) \
        == ("createSocialPost", None, rule["id"])
    assert entry["response"] == {"headers": {}, "body": None, "size": 0, "truncated": False}


def test_over_a_real_server_a_refused_requests_body_is_still_recorded() -> None:
    """uvicorn has no body left to give once the answer is sent: the journal reads it before."""
    with serve_asgi(create_app(Settings(db_path=None))) as url:
        httpx.post(f"{url}/_mock/faults", json={"operation": "createSocialPost", "status": 503,
                                                 "times": 1})
        faulted = httpx.post(f"{url}{POSTS}", json=create_body(caption="faulted"), headers=AUTH)
        unauthorized = httpx.post(f"{url}{POSTS}", json=create_body(caption="no token"))

        entries = httpx.get(f"{url}{JOURNAL}").json()["data"]

    assert (faulted.status_code, unauthorized.status_code) == (503, 401)
    assert [(e["status"], e["request"]["body"]["caption"]) for e in entries] \
        == [(401, "no token"), (503, "faulted")]
