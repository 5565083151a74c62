"""The request journal's ring: what it keeps, how it filters and pages, what it shows."""

from __future__ import annotations

from typing import Any

import orjson
import pytest

from socialpost.server.errors import BadRequest
from socialpost.server.journal.entry import BODY_LIMIT, Entry
from socialpost.server.journal.filters import Filters
from socialpost.server.journal.log import RequestLog

JSON = [(b"content-type", b"application/json")]
POSTS = "/brands/b3ad887b-a14e-4bff-b618-a2edb675d19b/social-posts"


def entry(method: str = "GET", path: str = POSTS, status: int | None = 200,
          operation: str | None = "listSocialPosts", body: Any = None, at: float = 1000.0,
          headers: list[tuple[bytes, bytes]] | None = None, answer: bytes = b'{"data": []}',
          query: bytes = b"") -> Entry:
    chunks = [orjson.dumps(body)] if body is not None else []
    return Entry(
        at=at, now=1769132599.5, session="default", method=method, path=path, query=query,
        operation=operation, request_headers=(headers or []) + (JSON if chunks else []),
        request_body=chunks, status=status, response_headers=JSON, response_body=[answer],
        duration_ms=1.5, fault=None,
    )


def ids(log: RequestLog, newest_first: bool = True, start: int = 0, limit: int = 100,
        **filters: Any) -> list[int]:
    page = log.query(Filters.parse(**filters), start=start, limit=limit,
                     newest_first=newest_first)
    return [e.id for e in page.entries]


@pytest.fixture
def log() -> RequestLog:
    """A list, a create, a 404, a failed update and a connection closed by a fault."""
    journal = RequestLog(100)
    journal.record(entry(at=1000.0))
    journal.record(entry("POST", status=201, operation="createSocialPost", at=1001.0,
                         body={"caption": "Hello", "due_at": 1769140000.5, "draft": True}))
    journal.record(entry(path="/brands/nope", status=404, operation=None, at=1002.0))
    journal.record(entry("PUT", f"{POSTS}/db5a", status=400, operation="updateSocialPost",
                         body={"caption": 42}, at=1003.0))
    closed = entry("POST", status=None, operation="createSocialPost", at=1004.0,
                   body={"caption": "lost"})
    closed.fault = "f1"
    journal.record(closed)
    return journal


def test_entries_get_growing_ids_and_come_newest_first(log: RequestLog) -> None:
    assert ids(log) == [5, 4, 3, 2, 1]
    assert ids(log, newest_first=False) == [1, 2, 3, 4, 5]


def test_filters_by_operation_method_and_status(log: RequestLog) -> None:
    assert ids(log, operation="createSocialPost") == [5, 2]
    assert ids(log, method="put") == [4]
    assert ids(log, status="404") == [3]
    assert ids(log, status="4xx") == [4, 3]
    assert ids(log, status="2XX", method="POST") == [2]


def test_a_request_never_answered_matches_no_status(log: RequestLog) -> None:
    assert 5 not in ids(log, status="5xx") + ids(log, status="2xx")


def test_path_is_exact_unless_it_has_a_star(log: RequestLog) -> None:
    assert ids(log, path=POSTS) == [5, 2, 1]
    assert ids(log, path=f"{POSTS}*") == [5, 4, 2, 1]
    assert ids(log, path="/brands/*/db5a") == [4]
    assert ids(log, path="/brands/") == []


def test_body_field_equals_compares_strings_as_sent_and_the_rest_as_json(
    log: RequestLog,
) -> None:
    assert ids(log, field="caption", equals="Hello") == [2]
    assert ids(log, field="caption", equals='"Hello"') == [2]
    assert ids(log, field="caption", equals="42") == [4]
    assert ids(log, field="due_at", equals="1769140000.5") == [2]
    assert ids(log, field="draft", equals="true") == [2]
    assert ids(log, field="draft", equals="1") == []
    assert ids(log, field="draft") == [2]
    assert ids(log, field="caption") == [5, 4, 2]


def test_since_takes_epoch_seconds_or_iso(log: RequestLog) -> None:
    assert ids(log, since="1003") == [5, 4]
    assert ids(log, since="1970-01-01T00:16:43Z") == [5, 4]


def test_after_tails_the_journal(log: RequestLog) -> None:
    assert ids(log, after=3, newest_first=False) == [4, 5]
    assert ids(log, after=5) == []
    log.record(entry())
    assert ids(log, after=5) == [6]


def test_paging_counts_the_total_and_names_the_newest_id(log: RequestLog) -> None:
    page = log.query(Filters.parse(), start=1, limit=2)
    assert [e.id for e in page.entries] == [4, 3]
    assert (page.total, page.last_id) == (5, 5)
    assert log.count(Filters.parse(method="POST")) == 2
    assert log.query(Filters.parse(method="DELETE")).last_id == 5


@pytest.mark.parametrize(("filters", "field"), [
    ({"status": "4yy"}, "status"), ({"status": "600"}, "status"), ({"status": "40"}, "status"),
    ({"since": "yesterday"}, "since"), ({"equals": "x"}, "equals"), ({"after": -1}, "after"),
])
def test_bad_filters_name_the_parameter(filters: dict[str, Any], field: str) -> None:
    with pytest.raises(BadRequest) as raised:
        Filters.parse(**filters)
    assert raised.value.ext == {"field": field}


def test_the_ring_keeps_the_newest_and_ids_survive_clear() -> None:
    log = RequestLog(3)
    for _ in range(5):
        log.record(entry())
    assert ids(log) == [5, 4, 3]
    log.clear()
    assert len(log) == 0
    log.record(entry())
    assert ids(log) == [6]


def test_size_zero_records_nothing() -> None:
    log = RequestLog(0)
    log.record(entry())
    assert len(log) == 0 and log.query(Filters()).last_id is None


def test_past_the_body_budget_the_oldest_entries_lose_their_bodies() -> None:
    log = RequestLog(10, body_budget=250)
    for n in range(3):
        log.record(entry("POST", body={"n": n}, answer=b"x" * 100))
    oldest, middle, newest = (e.to_json() for e in log.query(Filters(), newest_first=False)
                              .entries)
    assert oldest["response"]["body"] is None and oldest["response"]["truncated"] is True
    assert oldest["request"]["body"] is None and oldest["status"] == 200
    assert middle["request"]["body"] == {"n": 1}
    assert newest["response"]["body"] == "x" * 100


def test_an_entry_shows_parsed_json_and_masks_credentials() -> None:
    log = RequestLog(10)
    log.record(entry("POST", body={"caption": "Hi"}, query=b"a=1&a=2&b=", headers=[
        (b"authorization", b"Bearer test-token"), (b"cookie", b"sid=secret; theme=dark"),
        (b"x-mock-session", b"a"),
    ]))
    shown = log.query(Filters()).entries[0].to_json()
    assert shown["request"]["body"] == {"caption": "Hi"}
    assert shown["request"]["headers"]["authorization"] == "Bearer test…"
    assert shown["request"]["headers"]["cookie"] == "sid=…; theme=…"
    assert shown["request"]["headers"]["x-mock-session"] == "a"
    assert shown["response"] == {"headers": {"content-type": "application/json"},
                                 "body": {"data": []}, "size": 12, "truncated": False}
    assert shown["query"] == {"a": ["1", "2"], "b": [""]}
    assert shown["at"] == "1970-01-01T00:16:40.000Z"
    assert {"id", "now", "session", "operation", "method", "path", "status", "duration_ms",
            "fault"} <= shown.keys()


def test_a_short_credential_is_masked_whole() -> None:
    log = RequestLog(10)
    log.record(entry(headers=[(b"authorization", b"Bearer abc")]))
    assert log.query(Filters()).entries[0].to_json()["request"]["headers"]["authorization"] \
        == "Bearer …"


def test_a_body_over_the_limit_is_cut_to_text() -> None:
    log = RequestLog(10)
    big = b'{"data": "' + b"x" * BODY_LIMIT + b'"}'
    log.record(entry(answer=big))
    response = log.query(Filters()).entries[0].to_json()["response"]
    assert response["truncated"] is True and response["size"] == len(big)
    assert response["body"] == big[:BODY_LIMIT].decode()
