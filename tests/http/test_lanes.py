"""What the fast lane admits of a list request's path and query, however often it saw them."""

from __future__ import annotations

from typing import Any

import pytest
from connexion.json_schema import resolve_refs

from socialpost.server import paths
from socialpost.server.app import _load
from socialpost.server.handlers.social_posts import FAST_LANE
from socialpost.server.http.lanes import Lane, build_lanes
from tests.conftest import POSTS

ASSOCIATIONS = "social_post.asset,social_post.owner"


@pytest.fixture
def lane() -> Lane:
    return build_lanes(resolve_refs(_load(paths.SPEC_PATH)), FAST_LANE)["listSocialPosts"]


def admitted(lane: Lane, query: str) -> dict[str, Any] | None:
    return lane.admit(POSTS, query.encode())


def test_the_query_becomes_the_handlers_arguments_with_defaults(lane: Lane) -> None:
    for _ in range(2):  # the second time from what was remembered
        found = admitted(lane, f"start=5&associations={ASSOCIATIONS}&order=-due_at")
        assert found is not None
        assert (found["start"], found["order"]) == (5, "-due_at")
        assert found["associations"] == ASSOCIATIONS.split(",")
        assert found["limit"] == 100 and found["status"] == "any"


def test_a_remembered_array_is_a_new_list_each_time(lane: Lane) -> None:
    first = admitted(lane, f"associations={ASSOCIATIONS}")
    assert first is not None
    first["associations"].append("changed by a handler")

    again = admitted(lane, f"associations={ASSOCIATIONS}")
    assert again is not None and again["associations"] == ASSOCIATIONS.split(",")


@pytest.mark.parametrize("query", [
    "start=1&start=2",  # sent twice
    "start=-1", "start=01", "start=", "limit=0", "order=sideways", "nonsense=1",
    "associations=social_post.asset&associations=social_post.owner",
])
def test_what_is_not_certainly_valid_goes_the_long_way(lane: Lane, query: str) -> None:
    for _ in range(2):
        assert admitted(lane, query) is None, query
    assert admitted(lane, "start=1") is not None  # its parts alone still pass


def test_an_exploded_array_may_repeat_and_escapes_are_read(lane: Lane) -> None:
    found = admitted(lane, "mediums=Social&mediums=Email&order=%2Ddue_at")
    assert found is not None
    assert found["mediums"] == ["Social", "Email"] and found["order"] == "-due_at"
