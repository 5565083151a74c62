"""Two replicas on one database read as one mock: what one acknowledges, the other's next read sees.

Every assertion reads on the replica that did *not* take the write, with the very next request.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.conftest import AUTH, PAGE, POSTS
from tests.pg import scratch_database
from tests.shared.replicas import Replica, clock, create_post, list_posts, post_ids, replicas, stats


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Replica, Replica]]:
    with scratch_database("socialpost_shared") as url:
        with replicas(url, 2, tmp_path_factory.mktemp("logs")) as (a, b):
            yield a, b


@pytest.fixture
def ab(pair: tuple[Replica, Replica], http: httpx.Client) -> tuple[str, str]:
    """The two replicas' URLs, the shared default session reset (through the first) beforehand."""
    a, b = pair
    assert http.post(f"{a.url}/_mock/reset").status_code == 200
    return a.url, b.url


def test_post_created_on_one_replica_is_listed_and_counted_by_the_other(
    ab: tuple[str, str], http: httpx.Client
) -> None:
    a, b = ab
    counted = stats(http, b)
    post = create_post(http, a)
    assert post["id"] in post_ids(http, b)
    after = stats(http, b)
    assert sum(after.values()) == sum(counted.values()) + 1
    assert {k for k in after if after[k] != counted.get(k, 0)} == {"Email"}  # the asset's medium


def test_update_on_one_replica_is_read_on_the_other(
    ab: tuple[str, str], http: httpx.Client
) -> None:
    a, b = ab
    post = create_post(http, a)
    clock(http, a, advance=60)  # so that the update's updated_at differs from created_at
    answer = http.put(f"{b}{POSTS}/{post['id']}", json={"caption": "edited on B"}, headers=AUTH)
    assert answer.status_code == 200, answer.text
    seen = next(p for p in list_posts(http, a) if p["id"] == post["id"])
    assert seen["caption"] == "edited on B"
    assert seen["updated_at"] == answer.json()["data"]["updated_at"] > post["created_at"]


def test_delete_on_one_replica_removes_the_post_from_the_others_list_and_stats(
    ab: tuple[str, str], http: httpx.Client
) -> None:
    a, b = ab
    post = create_post(http, b)
    counted = stats(http, b)
    assert http.delete(f"{a}{POSTS}/{post['id']}", headers=AUTH).status_code == 204
    assert post["id"] not in post_ids(http, b)
    assert sum(stats(http, b).values()) == sum(counted.values()) - 1
    again = http.put(f"{b}{POSTS}/{post['id']}", json={"caption": "x"}, headers=AUTH)
    assert again.status_code == 404, again.text


def test_page_failure_set_on_one_replica_fails_the_publishing_another_settles(
    ab: tuple[str, str], http: httpx.Client
) -> None:
    a, b = ab
    now = clock(http, a)["now"]
    failing = http.put(f"{a}/_mock/pages/{PAGE}/failure", json={"message": "Token expired"})
    assert failing.status_code == 200, failing.text
    doomed = create_post(http, a, due_at=now + 60)
    # When B moves the clock past the due time
    moved = clock(http, b, advance=120)
    # Then B publishes it as failed with A's message, and A reads it so
    mine = [t for t in moved["transitions"] if t["post"] == doomed["id"]]
    assert [(t["to"], t["failure"]) for t in mine] == [("failed", "Token expired")]
    seen = next(p for p in list_posts(http, a) if p["id"] == doomed["id"])
    assert seen["failure"] == "Token expired"
    assert seen["post_link"] is None
    # And once B clears the failure, A's clock move publishes the next post
    assert http.delete(f"{b}/_mock/pages/{PAGE}/failure").status_code == 204
    fine = create_post(http, b, due_at=moved["now"] + 60)
    published = clock(http, a, advance=120)["transitions"]
    assert [t["to"] for t in published if t["post"] == fine["id"]] == ["published"]


@pytest.mark.parametrize("mover", [0, 1], ids=["moved-on-a", "moved-on-b"])
def test_both_replicas_show_the_same_instant_after_a_clock_move_on_either(
    ab: tuple[str, str], http: httpx.Client, mover: int
) -> None:
    before = clock(http, ab[0])["now"]
    moved = clock(http, ab[mover], advance=3600)
    assert moved["now"] == pytest.approx(before + 3600)
    assert clock(http, ab[1 - mover])["now"] == moved["now"]
    assert clock(http, ab[mover])["now"] == moved["now"]


# Passed against the tree as first read; fails (B hangs) since server/sessions/registry.py's
# find() calls create() while create() holds the registry's non-reentrant lock: B deadlocks on its
# first request naming a session another replica created. A server bug, left failing on purpose.
def test_named_session_made_on_one_replica_is_used_on_the_other_with_its_data(
    ab: tuple[str, str], http: httpx.Client
) -> None:
    a, b = ab
    qa = {**AUTH, "X-Mock-Session": "qa-shared"}
    # Given a session created on A by its first request, with a post and a clock move
    answer = http.post(f"{a}{POSTS}", json={"facebook_page": PAGE,
                                            "asset": "55f4cb8e-f8fc-414e-bffa-6dbcc8d919a4",
                                            "caption": "in qa"}, headers=qa)
    assert answer.status_code == 200, answer.text
    assert answer.headers["X-Mock-Session"] == "qa-shared"
    post = answer.json()["data"]
    moved = http.post(f"{a}/_mock/clock", json={"advance": 7200}, headers=qa).json()
    # Then B sees the same posts and the same clock in that session
    assert post_ids(http, b, headers=qa) == post_ids(http, a, headers=qa)
    assert post["id"] in post_ids(http, b, headers=qa)
    assert http.get(f"{b}/_mock/clock", headers=qa).json()["now"] == moved["now"]
    # And the default session has neither
    assert post["id"] not in post_ids(http, b)
    assert clock(http, b)["now"] != moved["now"]


def test_session_created_explicitly_on_one_replica_is_known_to_the_other(
    ab: tuple[str, str], http: httpx.Client
) -> None:
    a, b = ab
    made = http.post(f"{a}/_mock/sessions", json={"name": "qa-explicit", "scenario": "empty"})
    assert made.status_code == 201, made.text
    assert http.get(f"{b}/_mock/sessions/qa-explicit").status_code == 200
    assert http.post(f"{b}/_mock/sessions", json={"name": "qa-explicit"}).status_code == 409
