"""The five Social Post operations, through HTTP only, against the fixture data.

Expectations are derived from ``fixtures/social-posts.json`` (read below) by the rules the
contract states, so a test fails when the mock's filters, order, counts or writes drift from
``openapi.yaml``. Every test runs over both stores (``client`` is parametrized in conftest).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from httpx2 import Response
from starlette.testclient import TestClient

from tests.conftest import (
    AGENT,
    AGENT_AUTH,
    ASSET,
    AUTH,
    BRAND,
    DELETE_POST,
    FAILED_POST,
    FAILING_PAGE,
    INSTAGRAM_PAGE,
    OTHER_AUTH,
    OTHER_BRAND,
    OTHER_BRAND_PAGE,
    PAGE,
    POSTS,
    STATS,
    TEMPLATE_INSTANCE,
    UPDATE_POST,
    USER,
    VIDEO_TEMPLATE_INSTANCE,
    create_body,
)

# ---------------------------------------------------------------------------------------------
# The fixture data, and the contract's rules applied to it
# ---------------------------------------------------------------------------------------------

FIXTURES_FILE = Path(__file__).resolve().parents[2] / "fixtures" / "social-posts.json"
FIXTURES: dict[str, Any] = json.loads(FIXTURES_FILE.read_text(encoding="utf-8"))

T0 = 1769132599.587474  # the frozen clock's start instant
PROBLEM_JSON = "application/problem+json"
ALL_ASSOCIATIONS = "social_post.template_instance,social_post.asset,social_post.owner"
POST_FIELDS = {
    "id", "brand", "created_by", "caption", "facebook_page", "post_link", "failed_at", "failure",
    "media_container_id", "type", "created_at", "updated_at", "deleted_at", "due_at",
    "executed_at",
}
STATUSES = ("executed", "scheduled", "draft", "any")
ORDERS = (
    "created_at", "-created_at", "updated_at", "-updated_at",
    "due_at", "-due_at", "executed_at", "-executed_at",
)

DELETED_POST = "4ecf1288-f73e-4e18-a13c-441421aa527e"  # soft-deleted (was published, Social)
EXECUTED_POST = "07c6b52b-f216-4862-aa34-650d5ebbe2da"  # published, Social
EXECUTED_ASSET_POST = "0feb4a88-15ba-4473-8025-6f9259cc064d"  # published, Email asset
VIDEO_POST = "a4450a20-f5b7-4cf4-97f1-7f2514d61204"  # scheduled, InstagramStory video
DRAFTS_BY_CREATED_AT = [  # the brand's three drafts, oldest first
    "28704c77-3702-443a-9fd4-159dbda37ddf",
    "d6c4bafc-f0d1-4177-8fa7-524528cbc81d",
    "fb684ed8-96d4-4bf2-a7d0-02281dcf65eb",
]
OTHER_BRAND_ASSET = "a794320d-d766-4b5c-947d-87b87cf89985"
OTHER_BRAND_INSTANCE = "905def6b-4c06-4969-9919-c81fe711e7ba"
UNKNOWN_UUID = "9f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f"


def _by_id(table: str) -> dict[str, dict[str, Any]]:
    return {row["id"]: row for row in FIXTURES[table]}


TEMPLATES = _by_id("templates")
INSTANCES = _by_id("template_instances")
ASSETS = _by_id("brand_assets")
PAGES = _by_id("facebook_pages")
ALL_POSTS = _by_id("social_posts")
LIVE = [p for p in FIXTURES["social_posts"] if p["brand"] == BRAND and p["deleted_at"] is None]
OTHER_BRAND_LIVE = [
    p for p in FIXTURES["social_posts"] if p["brand"] == OTHER_BRAND and p["deleted_at"] is None
]
# A scheduled (updatable) post of the other brand, so only the brand mismatch can refuse it.
OTHER_BRAND_POST = next(
    p["id"] for p in OTHER_BRAND_LIVE if p["executed_at"] is None and p["due_at"] is not None
)


def medium_of(post: dict[str, Any]) -> str:
    if post["template_instance"] is not None:
        return str(TEMPLATES[INSTANCES[post["template_instance"]]["template"]]["medium"])
    return str(ASSETS[post["asset"]]["medium"])


def is_video(post: dict[str, Any]) -> bool:
    if post["template_instance"] is None:
        return False
    return bool(TEMPLATES[INSTANCES[post["template_instance"]]["template"]]["video"])


def status_of(post: dict[str, Any]) -> str:
    if post["executed_at"] is not None:
        return "executed"
    return "scheduled" if post["due_at"] is not None else "draft"


def matching(
    status: str = "any",
    user: str | None = None,
    video: bool | None = None,
    mediums: set[str] | None = None,
    posts: list[dict[str, Any]] | None = None,
) -> list[dict[str, Any]]:
    """The brand's live fixture posts that pass every filter (the contract's definitions)."""
    return [
        p
        for p in (LIVE if posts is None else posts)
        if (status == "any" or status_of(p) == status)
        and (user is None or p["created_by"] == user)
        and (video is None or is_video(p) == video)
        and (mediums is None or medium_of(p) in mediums)
    ]


def ordered_ids(posts: list[dict[str, Any]], order: str = "created_at") -> list[str]:
    """Ids in the contract's order: missing values last ascending and first descending; ties by
    created_at, then id, ascending, whatever the direction."""
    descending = order.startswith("-")
    field = order.lstrip("-")
    by_tiebreak = sorted(posts, key=lambda p: (p["created_at"], p["id"]))
    present = [p for p in by_tiebreak if p[field] is not None]
    missing = [p for p in by_tiebreak if p[field] is None]
    # A stable sort on the value alone keeps tied posts in tiebreak order in both directions.
    present = sorted(present, key=lambda p: -p[field] if descending else p[field])
    return [p["id"] for p in (missing + present if descending else present + missing)]


def expected_stats(posts: list[dict[str, Any]]) -> dict[str, str]:
    counts = Counter(medium_of(p) for p in posts)
    return {"type": "social_post_stats", **{m: str(n) for m, n in counts.items()}}


def test_fixture_file_has_the_shape_these_expectations_rely_on() -> None:
    # Not a behaviour of the mock: guards the derived expectations against a fixture edit.
    assert ALL_POSTS[DELETED_POST]["deleted_at"] is not None
    assert ALL_POSTS[DELETED_POST]["brand"] == BRAND
    assert ALL_POSTS[FAILED_POST]["failed_at"] is not None
    assert len(LIVE) == 11
    assert {p["id"] for p in matching("draft")} == set(DRAFTS_BY_CREATED_AT)


# ---------------------------------------------------------------------------------------------
# HTTP helpers
# ---------------------------------------------------------------------------------------------


def assert_problem(response: Response, status: int, *names: str) -> dict[str, Any]:
    """An RFC 9457 problem with this status whose `detail` mentions every name given."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].split(";")[0].strip() == PROBLEM_JSON
    problem: dict[str, Any] = response.json()
    assert problem["status"] == status
    assert isinstance(problem.get("detail"), str)
    for name in names:
        assert name in problem["detail"], f"{name!r} not named in {problem['detail']!r}"
    return problem


def get_list(
    client: TestClient, params: dict[str, Any] | str | None = None, headers: dict[str, str] = AUTH
) -> dict[str, Any]:
    """The list body (200 asserted). A string is sent as the raw query string."""
    if isinstance(params, str):
        response = client.get(f"{POSTS}?{params}", headers=headers)
    else:
        response = client.get(POSTS, params=params or {}, headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    body: dict[str, Any] = response.json()
    assert body["code"] == "OK"
    assert body["info"]["count"] == len(body["data"])
    return body


def list_ids(client: TestClient, **params: Any) -> list[str]:
    """Ids of every matching post (one window large enough for all)."""
    body = get_list(client, {"limit": 1000, **params})
    assert body["info"]["total"] == len(body["data"])
    return [p["id"] for p in body["data"]]


def get_stats(client: TestClient, **params: Any) -> dict[str, str]:
    response = client.get(STATS, params=params, headers=AUTH)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    stats: dict[str, str] = response.json()
    return stats


def posts_by_id(client: TestClient, brand_posts: str = POSTS, headers: dict[str, str] = AUTH,
                associations: str = ALL_ASSOCIATIONS) -> dict[str, dict[str, Any]]:
    response = client.get(
        brand_posts, params={"limit": 1000, "associations": associations}, headers=headers
    )
    assert response.status_code == 200, response.text
    return {p["id"]: p for p in response.json()["data"]}


def snapshot(client: TestClient) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    """Everything a failed write must leave as it was: every listed post, and the stats."""
    return posts_by_id(client), get_stats(client)


def advance(client: TestClient, seconds: float) -> float:
    """Move the simulated clock forward; the clock's new now."""
    response = client.post("/_mock/clock", json={"advance": seconds})
    assert response.status_code == 200, response.text
    now: float = response.json()["now"]
    return now


def set_clock(client: TestClient, instant: str) -> None:
    """Move the simulated clock to ``instant`` (ISO-8601)."""
    response = client.post("/_mock/clock", json={"now": instant})
    assert response.status_code == 200, response.text


def create(client: TestClient, body: dict[str, Any], headers: dict[str, str] = AUTH,
           associations: str | None = None) -> dict[str, Any]:
    params = {"associations": associations} if associations else {}
    response = client.post(POSTS, json=body, params=params, headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    envelope: dict[str, Any] = response.json()
    assert envelope["code"] == "OK"
    data: dict[str, Any] = envelope["data"]
    return data


def update(client: TestClient, post_id: str, body: dict[str, Any],
           associations: str | None = None) -> dict[str, Any]:
    params = {"associations": associations} if associations else {}
    response = client.put(f"{POSTS}/{post_id}", json=body, params=params, headers=AUTH)
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()["data"]
    return data


def as_fixture_post(data: dict[str, Any], template_instance: str | None,
                    asset: str | None) -> dict[str, Any]:
    """A post from a response, in the fixture's shape, to feed ``matching``/``ordered_ids``."""
    return {**data, "template_instance": template_instance, "asset": asset}


# ---------------------------------------------------------------------------------------------
# List: status, deleted posts, user
# ---------------------------------------------------------------------------------------------


def test_list_with_status_executed_includes_the_failed_post(client: TestClient) -> None:
    body = get_list(client, {"status": "executed"})

    ids = [p["id"] for p in body["data"]]
    assert ids == [EXECUTED_POST, EXECUTED_ASSET_POST, FAILED_POST]
    assert body["info"] == {"count": 3, "total": 3}
    failed = body["data"][2]
    assert failed["executed_at"] is not None
    assert failed["failed_at"] == ALL_POSTS[FAILED_POST]["failed_at"]
    assert failed["failure"] == "Internal Server Error"
    assert failed["post_link"] is None


@pytest.mark.parametrize("status", STATUSES)
def test_list_with_each_status_returns_exactly_the_posts_of_that_status(
    client: TestClient, status: str
) -> None:
    body = get_list(client, {"status": status, "limit": 1000})

    expected = ordered_ids(matching(status))
    assert [p["id"] for p in body["data"]] == expected
    assert body["info"] == {"count": len(expected), "total": len(expected)}


def test_list_with_status_draft_returns_the_three_drafts(client: TestClient) -> None:
    body = get_list(client, {"status": "draft"})

    assert [p["id"] for p in body["data"]] == DRAFTS_BY_CREATED_AT
    assert all(p["due_at"] is None and p["executed_at"] is None for p in body["data"])


def test_list_with_status_scheduled_has_only_unexecuted_posts_with_a_due_at(
    client: TestClient,
) -> None:
    body = get_list(client, {"status": "scheduled"})

    assert body["info"]["total"] == 5
    assert {UPDATE_POST, DELETE_POST, VIDEO_POST} <= {p["id"] for p in body["data"]}
    assert all(p["due_at"] is not None and p["executed_at"] is None for p in body["data"])


def test_list_without_status_is_status_any(client: TestClient) -> None:
    default = get_list(client)
    any_status = get_list(client, {"status": "any"})

    assert default == any_status
    assert default["info"] == {"count": 11, "total": 11}
    assert {p["id"] for p in default["data"]} == {p["id"] for p in LIVE}


@pytest.mark.parametrize("status", STATUSES)
def test_list_never_shows_the_soft_deleted_post(client: TestClient, status: str) -> None:
    ids = list_ids(client, status=status)

    assert DELETED_POST not in ids


def test_list_by_medium_of_the_deleted_post_leaves_it_out(client: TestClient) -> None:
    # The deleted post is an executed Social post: it must not appear in either filter.
    ids = list_ids(client, status="executed", mediums="Social")

    assert ids == [EXECUTED_POST, FAILED_POST]


@pytest.mark.parametrize("user", [USER, AGENT])
def test_list_with_user_keeps_only_that_users_posts(client: TestClient, user: str) -> None:
    body = get_list(client, {"user": user})

    expected = ordered_ids(matching(user=user))
    assert [p["id"] for p in body["data"]] == expected
    assert body["info"]["total"] == len(expected)
    assert all(p["created_by"] == user for p in body["data"])


def test_list_with_agent_user_returns_the_agents_two_posts(client: TestClient) -> None:
    ids = list_ids(client, user=AGENT)

    assert ids == ["fa1500b1-424d-421d-9c1a-827c2016b031", "d6c4bafc-f0d1-4177-8fa7-524528cbc81d"]


def test_list_with_user_and_status_applies_both(client: TestClient) -> None:
    assert list_ids(client, user=AGENT, status="draft") == ["d6c4bafc-f0d1-4177-8fa7-524528cbc81d"]
    assert list_ids(client, user=AGENT, status="executed") == []


def test_list_with_user_who_has_no_posts_is_empty(client: TestClient) -> None:
    body = get_list(client, {"user": UNKNOWN_UUID})

    assert body == {"code": "OK", "data": [], "info": {"count": 0, "total": 0}}


def test_list_with_non_uuid_user_answers_400_naming_user(client: TestClient) -> None:
    response = client.get(POSTS, params={"user": "not-a-uuid"}, headers=AUTH)

    assert_problem(response, 400, "user")


# ---------------------------------------------------------------------------------------------
# List: start / limit windows
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("limit", [1, 2, 3, 4, 5, 10, 11])
def test_list_windows_tile_the_whole_list_without_gaps_or_overlaps(
    client: TestClient, limit: int
) -> None:
    whole = ordered_ids(LIVE)
    seen: list[str] = []
    for start in range(0, len(whole), limit):
        body = get_list(client, {"start": start, "limit": limit})
        assert body["info"] == {"count": min(limit, len(whole) - start), "total": len(whole)}
        seen.extend(p["id"] for p in body["data"])

    assert seen == whole


@pytest.mark.parametrize("order", ["-due_at", "executed_at"])
def test_list_windows_tile_a_filtered_and_ordered_list(client: TestClient, order: str) -> None:
    whole = ordered_ids(matching("scheduled", user=USER), order)
    seen: list[str] = []
    for start in range(0, len(whole), 2):
        body = get_list(
            client, {"status": "scheduled", "user": USER, "order": order, "start": start,
                     "limit": 2}
        )
        assert body["info"]["total"] == len(whole)
        seen.extend(p["id"] for p in body["data"])

    assert seen == whole


@pytest.mark.parametrize("start", [11, 12, 500])
def test_list_start_at_or_past_the_end_returns_nothing_with_the_full_total(
    client: TestClient, start: int
) -> None:
    body = get_list(client, {"start": start})

    assert body == {"code": "OK", "data": [], "info": {"count": 0, "total": 11}}


def test_list_start_past_a_filtered_end_reports_the_filtered_total(client: TestClient) -> None:
    body = get_list(client, {"status": "draft", "start": 3, "limit": 5})

    assert body["data"] == []
    assert body["info"] == {"count": 0, "total": 3}


def test_list_default_limit_is_100(client: TestClient) -> None:
    for _ in range(90):
        create(client, create_body())

    # When
    body = get_list(client)

    # Then
    assert body["info"] == {"count": 100, "total": 101}
    assert get_list(client, {"limit": 1000})["info"] == {"count": 101, "total": 101}


@pytest.mark.parametrize(("name", "value"), [("limit", 0), ("limit", 1001), ("start", -1)])
def test_list_window_outside_its_range_answers_400_never_clamped(
    client: TestClient, name: str, value: int
) -> None:
    response = client.get(POSTS, params={name: value}, headers=AUTH)

    assert_problem(response, 400, name)


# ---------------------------------------------------------------------------------------------
# List: video and mediums
# ---------------------------------------------------------------------------------------------


def test_list_with_video_true_keeps_only_posts_of_video_templates(client: TestClient) -> None:
    assert list_ids(client, video="true") == [VIDEO_POST]


def test_list_with_video_false_keeps_template_and_asset_posts_that_are_not_video(
    client: TestClient,
) -> None:
    ids = list_ids(client, video="false")

    assert ids == ordered_ids(matching(video=False))
    assert VIDEO_POST not in ids
    assert EXECUTED_ASSET_POST in ids  # asset posts count as not video


def test_list_video_true_and_false_partition_the_whole_list(client: TestClient) -> None:
    video = set(list_ids(client, video="true"))
    not_video = set(list_ids(client, video="false"))

    assert video.isdisjoint(not_video)
    assert video | not_video == set(list_ids(client))


def test_list_video_filter_applies_to_created_posts(client: TestClient) -> None:
    created = create(client, create_body(asset=None, template_instance=VIDEO_TEMPLATE_INSTANCE))

    assert list_ids(client, video="true") == [VIDEO_POST, created["id"]]


EMAIL_OR_LETTER = ordered_ids(matching(mediums={"Email", "Letter"}))


@pytest.mark.parametrize(
    "query",
    [
        "mediums=Email&mediums=Letter",
        "mediums[]=Email&mediums[]=Letter",
        "mediums%5B%5D=Email&mediums%5B%5D=Letter",
        "mediums%5b%5d=Email&mediums%5b%5d=Letter",
    ],
    ids=["repeated-key", "brackets", "percent-encoded-brackets", "lowercase-percent-brackets"],
)
def test_list_with_two_mediums_keeps_posts_of_either_in_every_spelling(
    client: TestClient, query: str
) -> None:
    body = get_list(client, query + "&limit=1000")

    assert [p["id"] for p in body["data"]] == EMAIL_OR_LETTER
    assert set(EMAIL_OR_LETTER) == {
        EXECUTED_ASSET_POST, UPDATE_POST, "a0d578bb-c65b-432d-9ddc-015c0b91b361"
    }
    assert body["info"]["total"] == 3


def test_list_with_one_bracketed_medium_percent_encoded(client: TestClient) -> None:
    body = get_list(client, "mediums%5B%5D=FacebookCover")

    assert [p["id"] for p in body["data"]] == ordered_ids(matching(mediums={"FacebookCover"}))
    assert body["info"]["total"] == 2


@pytest.mark.parametrize(
    "medium", ["Email", "Social", "FacebookCover", "InstagramStory", "LinkedInCover", "Letter",
               "Website", "YouTubeCover"]
)
def test_list_with_one_medium_keeps_exactly_its_posts(client: TestClient, medium: str) -> None:
    assert list_ids(client, mediums=medium) == ordered_ids(matching(mediums={medium}))


def test_list_with_unknown_medium_answers_400_naming_mediums(client: TestClient) -> None:
    assert_problem(client.get(f"{POSTS}?mediums=Billboard", headers=AUTH), 400, "mediums")


def test_list_filters_combine(client: TestClient) -> None:
    ids = list_ids(client, status="scheduled", video="false", mediums=["Email", "FacebookCover"])

    assert ids == [DELETE_POST, UPDATE_POST]


# ---------------------------------------------------------------------------------------------
# List: order
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("order", ORDERS)
def test_list_order_sorts_by_the_field_in_the_direction_given(
    client: TestClient, order: str
) -> None:
    assert list_ids(client, order=order) == ordered_ids(LIVE, order)


def test_list_default_order_is_created_at_ascending(client: TestClient) -> None:
    ids = [p["id"] for p in get_list(client)["data"]]

    created = [ALL_POSTS[i]["created_at"] for i in ids]
    assert created == sorted(created)
    assert ids == list_ids(client, order="created_at")


def test_list_order_due_at_puts_drafts_last_ascending_and_first_descending(
    client: TestClient,
) -> None:
    ascending = list_ids(client, order="due_at")
    descending = list_ids(client, order="-due_at")

    assert ascending[-3:] == DRAFTS_BY_CREATED_AT
    assert descending[:3] == DRAFTS_BY_CREATED_AT  # ties (all null) stay created_at ascending
    due = [ALL_POSTS[i]["due_at"] for i in ascending[:-3]]
    assert due == sorted(due)
    assert [ALL_POSTS[i]["due_at"] for i in descending[3:]] == sorted(due, reverse=True)


def test_list_order_executed_at_breaks_ties_by_created_at_in_both_directions(
    client: TestClient,
) -> None:
    # The three executed posts share one executed_at; the other eight have none.
    executed = [EXECUTED_POST, EXECUTED_ASSET_POST, FAILED_POST]

    ascending = list_ids(client, order="executed_at")
    descending = list_ids(client, order="-executed_at")

    assert ascending[:3] == executed
    assert descending[-3:] == executed
    not_executed = ordered_ids(matching("scheduled") + matching("draft"))
    assert ascending[3:] == not_executed
    assert descending[:8] == not_executed


def test_list_ties_on_created_at_break_by_id_ascending_in_both_directions(
    client: TestClient,
) -> None:
    # Three posts created at the same frozen instant share created_at and updated_at.
    created = [create(client, create_body(due_at=None)) for _ in range(3)]
    new_ids = sorted(p["id"] for p in created)
    assert {p["created_at"] for p in created} == {T0}

    # When
    ascending = list_ids(client, order="created_at")
    descending = list_ids(client, order="-created_at")
    by_updated = list_ids(client, order="-updated_at")

    # Then
    assert [i for i in ascending if i in new_ids] == new_ids
    assert [i for i in descending if i in new_ids] == new_ids
    assert [i for i in by_updated if i in new_ids] == new_ids
    everything = LIVE + [as_fixture_post(p, None, ASSET) for p in created]
    assert ascending == ordered_ids(everything, "created_at")
    assert descending == ordered_ids(everything, "-created_at")


def test_list_with_unknown_order_answers_400_naming_order(client: TestClient) -> None:
    assert_problem(client.get(POSTS, params={"order": "caption"}, headers=AUTH), 400, "order")


# ---------------------------------------------------------------------------------------------
# List: associations
# ---------------------------------------------------------------------------------------------


def test_list_without_associations_has_no_association_keys_and_no_bare_ids(
    client: TestClient,
) -> None:
    for post in get_list(client)["data"]:
        assert set(post) == POST_FIELDS


def test_list_with_all_associations_expands_each_object_or_null(client: TestClient) -> None:
    body = get_list(client, {"associations": ALL_ASSOCIATIONS})

    assert len(body["data"]) == 11
    for post in body["data"]:
        stored = ALL_POSTS[post["id"]]
        assert set(post) == POST_FIELDS | {"template_instance", "asset", "owner"}
        if stored["template_instance"] is None:
            assert post["template_instance"] is None
            assert post["asset"]["id"] == stored["asset"]
            assert post["asset"]["type"] == "brand_asset"
            assert post["asset"]["medium"] == ASSETS[stored["asset"]]["medium"]
        else:
            assert post["asset"] is None
            assert post["template_instance"]["id"] == stored["template_instance"]
            assert post["template_instance"]["type"] == "template_instance"
            assert "template" not in post["template_instance"]
            assert "brand" not in post["template_instance"]
        # the owner is the user who connected the post's page, not necessarily its author
        assert post["owner"]["id"] == PAGES[stored["facebook_page"]]["connected_by"]
        assert post["owner"]["type"] == "user"


def test_list_asset_post_with_template_instance_association_has_it_null(
    client: TestClient,
) -> None:
    body = get_list(client, {"associations": "social_post.template_instance", "status": "executed"})

    shown = {p["id"]: p for p in body["data"]}
    assert shown[EXECUTED_ASSET_POST]["template_instance"] is None
    assert shown[EXECUTED_POST]["template_instance"]["id"] == TEMPLATE_INSTANCE
    for post in body["data"]:
        assert "asset" not in post
        assert "owner" not in post


def test_list_with_only_the_asset_association_adds_only_asset(client: TestClient) -> None:
    body = get_list(client, {"associations": "social_post.asset", "status": "executed"})

    shown = {p["id"]: p for p in body["data"]}
    assert shown[EXECUTED_ASSET_POST]["asset"]["id"] == ASSET
    assert shown[EXECUTED_POST]["asset"] is None
    assert all(set(p) == POST_FIELDS | {"asset"} for p in body["data"])


def test_list_owner_current_time_follows_the_simulated_clock(client: TestClient) -> None:
    def owner_time(page: str) -> str:
        body = get_list(client, {"associations": "social_post.owner"})
        owners = {p["owner"]["id"]: p["owner"] for p in body["data"]
                  if p["facebook_page"] == page}
        (owner,) = owners.values()
        return str(owner["current_time"])

    assert owner_time(PAGE) == "7:43 PM - Thursday Jan 22, 2026"  # America/Chicago
    assert owner_time(INSTAGRAM_PAGE) == "8:43 PM - Thursday Jan 22, 2026"  # America/New_York

    # When
    advance(client, 5 * 3600)

    # Then
    assert owner_time(PAGE) == "12:43 AM - Friday Jan 23, 2026"


def test_owner_current_time_pads_the_day_of_the_month(client: TestClient) -> None:
    # The real server's PostgreSQL format (`Mon DD`): Jan 02, never Jan 2.
    set_clock(client, "2026-02-02T18:05:00Z")

    body = get_list(client, {"associations": "social_post.owner", "limit": 1})

    assert body["data"][0]["owner"]["current_time"] == "12:05 PM - Monday Feb 02, 2026"


@pytest.mark.parametrize(
    "associations",
    ["social_post.comments", "template_instance", "social_post.owner,social_post.nope"],
)
def test_list_with_unknown_association_answers_400_naming_associations(
    client: TestClient, associations: str
) -> None:
    response = client.get(POSTS, params={"associations": associations}, headers=AUTH)

    assert_problem(response, 400, "associations")


def test_list_with_unknown_query_parameter_answers_400_naming_it(client: TestClient) -> None:
    assert_problem(client.get(POSTS, params={"page": 2}, headers=AUTH), 400, "page")


@pytest.mark.parametrize(
    ("name", "value"), [("status", "published"), ("video", "maybe"), ("start", "ten")]
)
def test_list_with_invalid_parameter_value_answers_400_naming_it(
    client: TestClient, name: str, value: str
) -> None:
    assert_problem(client.get(POSTS, params={name: value}, headers=AUTH), 400, name)


# ---------------------------------------------------------------------------------------------
# Stats
# ---------------------------------------------------------------------------------------------


def test_stats_count_every_live_post_per_medium_as_strings(client: TestClient) -> None:
    stats = get_stats(client)

    assert stats == {
        "type": "social_post_stats",
        "Email": "2",
        "FacebookCover": "2",
        "InstagramStory": "1",
        "Letter": "1",
        "LinkedInCover": "1",
        "Social": "3",
        "Website": "1",
    }
    assert stats == expected_stats(LIVE)


def test_stats_of_executed_posts_exclude_the_deleted_one(client: TestClient) -> None:
    # The deleted post was an executed Social post: Social stays 2.
    assert get_stats(client, status="executed") == {
        "type": "social_post_stats", "Email": "1", "Social": "2",
    }


def test_stats_omit_mediums_without_posts(client: TestClient) -> None:
    stats = get_stats(client, status="draft")

    assert stats == {
        "type": "social_post_stats", "FacebookCover": "1", "Social": "1", "Website": "1",
    }


@pytest.mark.parametrize("user", [None, USER, AGENT], ids=["anyone", "user", "agent"])
@pytest.mark.parametrize("status", STATUSES)
def test_stats_count_the_posts_the_list_returns_for_the_same_filters(
    client: TestClient, status: str, user: str | None
) -> None:
    filters = {"status": status, **({"user": user} if user else {})}

    # When
    stats = get_stats(client, **filters)
    listed = get_list(client, {**filters, "limit": 1000})

    # Then
    assert stats == expected_stats(matching(status, user=user))
    counts = {medium: count for medium, count in stats.items() if medium != "type"}
    assert all(isinstance(c, str) and c.isdigit() and c != "0" for c in counts.values())
    assert sum(int(c) for c in counts.values()) == listed["info"]["total"]
    for medium, count in counts.items():
        per_medium = get_list(client, {**filters, "mediums": medium})
        assert per_medium["info"]["total"] == int(count)


def test_stats_of_a_user_without_posts_have_only_the_type(client: TestClient) -> None:
    assert get_stats(client, user=UNKNOWN_UUID) == {"type": "social_post_stats"}


def test_stats_with_invalid_status_answers_400_naming_status(client: TestClient) -> None:
    assert_problem(client.get(STATS, params={"status": "sent"}, headers=AUTH), 400, "status")


# ---------------------------------------------------------------------------------------------
# Create
# ---------------------------------------------------------------------------------------------


def test_create_template_instance_post_answers_200_with_the_new_post(client: TestClient) -> None:
    body = create_body(asset=None, template_instance=TEMPLATE_INSTANCE, due_at=1769140000.25,
                       caption="Just listed")

    post = create(client, body, associations="social_post.template_instance,social_post.owner")

    assert post["brand"] == BRAND
    assert post["created_by"] == USER
    assert post["caption"] == "Just listed"
    assert post["facebook_page"] == PAGE
    assert post["template_instance"]["id"] == TEMPLATE_INSTANCE
    assert "asset" not in post
    assert post["owner"]["id"] == USER
    assert post["type"] == "social_post"
    assert post["due_at"] == 1769140000.25
    assert post["created_at"] == post["updated_at"] == T0
    for unset in ("deleted_at", "executed_at", "post_link", "failed_at", "failure",
                  "media_container_id"):
        assert post[unset] is None


@pytest.mark.parametrize(
    ("headers", "author"), [(AUTH, USER), (AGENT_AUTH, AGENT)], ids=["user", "agent"]
)
def test_create_asset_post_is_authored_by_the_tokens_user(
    client: TestClient, headers: dict[str, str], author: str
) -> None:
    post = create(client, create_body(), headers=headers)

    assert post["created_by"] == author
    assert set(post) == POST_FIELDS
    assert post["id"] in list_ids(client, user=author)


def test_create_echoes_due_at_with_full_precision(client: TestClient) -> None:
    post = create(client, create_body(due_at=1769140000.123))

    assert post["due_at"] == 1769140000.123
    listed = posts_by_id(client)[post["id"]]
    assert listed["due_at"] == 1769140000.123


@pytest.mark.parametrize("due_at", [None, ...], ids=["null", "absent"])
def test_create_with_null_or_absent_due_at_makes_a_draft(client: TestClient, due_at: Any) -> None:
    post = create(client, create_body(due_at=due_at))

    assert post["due_at"] is None
    assert post["id"] in list_ids(client, status="draft")
    assert post["id"] not in list_ids(client, status="scheduled")
    assert get_stats(client, status="draft")["Email"] == "1"


def test_created_post_appears_in_the_list_and_the_stats(client: TestClient) -> None:
    post = create(client, create_body())

    # Then
    ids = list_ids(client)
    assert post["id"] in ids
    assert len(ids) == 12
    assert post["id"] in list_ids(client, status="scheduled", mediums="Email")
    assert get_stats(client)["Email"] == "3"
    assert get_stats(client, status="scheduled")["Email"] == "2"


def test_create_with_a_past_due_at_is_accepted_as_scheduled(client: TestClient) -> None:
    post = create(client, create_body(due_at=T0 - 3600))

    assert post["due_at"] == T0 - 3600
    assert post["executed_at"] is None
    assert post["id"] in list_ids(client, status="scheduled")


def test_create_without_caption_stores_a_null_caption(client: TestClient) -> None:
    post = create(client, create_body(caption=...))

    assert post["caption"] is None
    assert posts_by_id(client)[post["id"]]["caption"] is None


def test_create_stamps_created_at_with_the_clocks_now(client: TestClient) -> None:
    now = advance(client, 600.25)

    post = create(client, create_body())

    assert post["created_at"] == post["updated_at"] == now
    assert list_ids(client, order="-created_at")[0] == post["id"]


def test_create_honours_the_asset_and_template_instance_associations(client: TestClient) -> None:
    post = create(client, create_body(), associations=ALL_ASSOCIATIONS)

    assert post["template_instance"] is None
    assert post["asset"]["id"] == ASSET
    assert post["asset"]["medium"] == "Email"
    assert post["owner"]["id"] == USER


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (create_body(facebook_page=OTHER_BRAND_PAGE), "facebook_page"),
        (create_body(facebook_page=UNKNOWN_UUID), "facebook_page"),
        (create_body(asset=None, template_instance=UNKNOWN_UUID), "template_instance"),
        (create_body(asset=UNKNOWN_UUID), "asset"),
        (create_body(asset=OTHER_BRAND_ASSET), "asset"),
        (create_body(asset=None, template_instance=OTHER_BRAND_INSTANCE), "template_instance"),
    ],
    ids=[
        "page-of-other-brand", "unknown-page", "unknown-template-instance", "unknown-asset",
        "asset-of-other-brand", "template-instance-of-other-brand",
    ],
)
def test_create_referencing_what_the_brand_does_not_have_answers_404_naming_the_field(
    client: TestClient, body: dict[str, Any], field: str
) -> None:
    # The contract: a page, template instance or asset that does not exist, or another brand's
    # template instance or asset, is not found (404, `field` naming it); another brand's page
    # is forbidden (403), as on the real server.
    before = snapshot(client)

    response = client.post(POSTS, json=body, headers=AUTH)

    status = 403 if body.get("facebook_page") == OTHER_BRAND_PAGE else 404
    problem = assert_problem(response, status, field)
    assert problem.get("field") == field
    assert snapshot(client) == before


@pytest.mark.parametrize(
    ("body", "names"),
    [
        (create_body(template_instance=TEMPLATE_INSTANCE), ["template_instance", "asset"]),
        (create_body(asset=...), ["template_instance", "asset"]),
        (create_body(asset=None), ["template_instance", "asset"]),
        (create_body(facebook_page=...), ["facebook_page"]),
        (create_body(status="scheduled"), ["status"]),
        (create_body(caption=42), ["caption"]),
        (create_body(caption="x" * 5001), ["caption"]),
        (create_body(due_at="2026-01-24T09:00:00Z"), ["due_at"]),
        (create_body(due_at=-1), ["due_at"]),
        (create_body(facebook_page="page-1"), ["facebook_page"]),
        (create_body(asset="asset-1"), ["asset"]),
        (create_body(asset=None, template_instance="instance-1"), ["template_instance"]),
    ],
    ids=[
        "both-template-and-asset", "neither-template-nor-asset", "asset-null-without-template",
        "missing-facebook-page", "unknown-field", "caption-not-string", "caption-too-long",
        "due-at-as-text", "negative-due-at", "non-uuid-page", "non-uuid-asset",
        "non-uuid-template-instance",
    ],
)
def test_create_with_invalid_body_answers_400_naming_the_field_and_writes_nothing(
    client: TestClient, body: dict[str, Any], names: list[str]
) -> None:
    before = snapshot(client)

    response = client.post(POSTS, json=body, headers=AUTH)

    assert_problem(response, 400, *names)
    assert snapshot(client) == before


def _raw_create_body(due_at: str) -> bytes:
    return f'{{"facebook_page": "{PAGE}", "asset": "{ASSET}", "due_at": {due_at}}}'.encode()


@pytest.mark.parametrize(
    ("content", "named"),
    [
        (_raw_create_body("NaN"), "NaN"),
        (_raw_create_body("Infinity"), "Infinity"),
        (_raw_create_body("-Infinity"), "Infinity"),
        (b'{"facebook_page": ', "JSON"),
        (b"{'facebook_page': 1}", "JSON"),
        (b"[]", "object"),
        (b'[{"facebook_page": "' + PAGE.encode() + b'", "asset": "' + ASSET.encode() + b'"}]',
         "object"),
        (b'"a string"', "object"),
    ],
    ids=["nan", "infinity", "minus-infinity", "truncated", "single-quotes", "empty-array",
         "array-of-body", "string"],
)
def test_create_with_a_body_that_is_not_a_json_object_answers_400(
    client: TestClient, content: bytes, named: str
) -> None:
    before = snapshot(client)

    response = client.post(
        POSTS, content=content, headers={**AUTH, "Content-Type": "application/json"}
    )

    assert_problem(response, 400, named)
    assert snapshot(client) == before


def test_create_with_text_plain_body_answers_415(client: TestClient) -> None:
    before = snapshot(client)

    response = client.post(
        POSTS, content=json.dumps(create_body()).encode(),
        headers={**AUTH, "Content-Type": "text/plain"},
    )

    assert_problem(response, 415, "text/plain")
    assert snapshot(client) == before


def _padded_create_body(size: int) -> bytes:
    """A valid create body padded with JSON whitespace to ``size`` bytes."""
    body = json.dumps(create_body()).encode()
    return body + b" " * (size - len(body))


def test_create_with_body_over_64_kib_answers_413(client: TestClient) -> None:
    before = snapshot(client)

    response = client.post(
        POSTS, content=_padded_create_body(64 * 1024 + 1),
        headers={**AUTH, "Content-Type": "application/json"},
    )

    assert_problem(response, 413)
    assert snapshot(client) == before


def test_create_with_body_of_exactly_64_kib_is_accepted(client: TestClient) -> None:
    response = client.post(
        POSTS, content=_padded_create_body(64 * 1024),
        headers={**AUTH, "Content-Type": "application/json"},
    )

    assert response.status_code == 200, response.text


def _chunks(content: bytes, size: int = 4096) -> Iterator[bytes]:
    for i in range(0, len(content), size):
        yield content[i : i + size]


def test_create_with_chunked_body_over_64_kib_answers_413(client: TestClient) -> None:
    # No Content-Length: the limit has to be enforced by counting the bytes streamed.
    before = snapshot(client)

    response = client.post(
        POSTS, content=_chunks(_padded_create_body(70 * 1024)),
        headers={**AUTH, "Content-Type": "application/json"},
    )

    assert_problem(response, 413)
    assert snapshot(client) == before


def test_create_with_chunked_body_under_the_limit_creates_the_post(client: TestClient) -> None:
    response = client.post(
        POSTS, content=_chunks(json.dumps(create_body(caption="streamed")).encode(), 16),
        headers={**AUTH, "Content-Type": "application/json"},
    )

    assert response.status_code == 200, response.text
    assert response.json()["data"]["caption"] == "streamed"


def test_create_without_body_answers_400(client: TestClient) -> None:
    response = client.post(POSTS, headers={**AUTH, "Content-Type": "application/json"})

    assert_problem(response, 400)
    assert len(list_ids(client)) == 11


# ---------------------------------------------------------------------------------------------
# Update
# ---------------------------------------------------------------------------------------------

ASSET_AND_INSTANCE = "social_post.template_instance,social_post.asset"


def test_update_replaces_the_fields_sent_and_keeps_the_others(client: TestClient) -> None:
    stored = ALL_POSTS[UPDATE_POST]

    post = update(client, UPDATE_POST, {"caption": "Open house moved to Monday"},
                  associations=ASSET_AND_INSTANCE)

    assert post["caption"] == "Open house moved to Monday"
    for kept in ("facebook_page", "due_at", "created_at", "created_by", "brand", "executed_at"):
        assert post[kept] == stored[kept], kept
    assert post["asset"]["id"] == ASSET
    assert post["template_instance"] is None
    listed = posts_by_id(client)[UPDATE_POST]
    assert listed["caption"] == "Open house moved to Monday"
    assert listed["due_at"] == stored["due_at"]
    assert listed["asset"]["id"] == ASSET


def test_update_of_due_at_and_page_keeps_the_caption(client: TestClient) -> None:
    post = update(client, UPDATE_POST, {"due_at": 1769200000.5, "facebook_page": FAILING_PAGE})

    assert post["due_at"] == 1769200000.5
    assert post["facebook_page"] == FAILING_PAGE
    assert post["caption"] == ALL_POSTS[UPDATE_POST]["caption"]


def test_update_switches_an_asset_post_to_a_template_instance_with_asset_null(
    client: TestClient,
) -> None:
    body = {"due_at": 1769133200.424, "template_instance": TEMPLATE_INSTANCE,
            "facebook_page": FAILING_PAGE, "asset": None, "caption": "test"}

    post = update(client, UPDATE_POST, body, associations=ASSET_AND_INSTANCE)

    # Then
    assert post["template_instance"]["id"] == TEMPLATE_INSTANCE
    assert post["asset"] is None
    assert post["due_at"] == 1769133200.424
    assert post["facebook_page"] == FAILING_PAGE
    assert post["caption"] == "test"
    assert UPDATE_POST in list_ids(client, mediums="Social")
    assert UPDATE_POST not in list_ids(client, mediums="Email")
    stats = get_stats(client)
    assert (stats["Email"], stats["Social"]) == ("1", "4")


def test_update_switches_a_template_instance_post_to_an_asset(client: TestClient) -> None:
    post = update(client, DELETE_POST, {"template_instance": None, "asset": ASSET},
                  associations=ASSET_AND_INSTANCE)

    assert post["asset"]["id"] == ASSET
    assert post["template_instance"] is None
    assert DELETE_POST in list_ids(client, mediums="Email")


def test_update_with_only_a_template_instance_replaces_the_kept_asset(
    client: TestClient,
) -> None:
    # The contract: sending one source replaces the post's source, the other becoming null
    # whether it is sent as null or not sent.
    post = update(client, UPDATE_POST, {"template_instance": TEMPLATE_INSTANCE},
                  associations=ASSET_AND_INSTANCE)

    assert post["template_instance"]["id"] == TEMPLATE_INSTANCE
    assert post["asset"] is None
    listed = posts_by_id(client)[UPDATE_POST]
    assert listed["template_instance"]["id"] == TEMPLATE_INSTANCE
    assert listed["asset"] is None
    assert UPDATE_POST in list_ids(client, mediums="Social")
    assert UPDATE_POST not in list_ids(client, mediums="Email")


def test_update_with_only_an_asset_replaces_the_kept_template_instance(
    client: TestClient,
) -> None:
    post = update(client, DELETE_POST, {"asset": ASSET}, associations=ASSET_AND_INSTANCE)

    assert post["asset"]["id"] == ASSET
    assert post["template_instance"] is None
    assert get_stats(client, status="scheduled")["Email"] == "2"


@pytest.mark.parametrize(
    "body",
    [
        {"template_instance": TEMPLATE_INSTANCE, "asset": ASSET},
        {"template_instance": None, "asset": None},
    ],
    ids=["both-set", "both-null"],
)
def test_update_with_both_sources_set_or_both_null_answers_400(
    client: TestClient, body: dict[str, Any]
) -> None:
    before = snapshot(client)

    response = client.put(f"{POSTS}/{UPDATE_POST}", json=body, headers=AUTH)

    assert_problem(response, 400, "template_instance", "asset")
    assert snapshot(client) == before


@pytest.mark.parametrize(
    ("post_id", "field"), [(UPDATE_POST, "asset"), (DELETE_POST, "template_instance")],
    ids=["asset-post", "template-instance-post"],
)
def test_update_nulling_the_only_source_answers_409_naming_it(
    client: TestClient, post_id: str, field: str
) -> None:
    before = snapshot(client)

    response = client.put(f"{POSTS}/{post_id}", json={field: None}, headers=AUTH)

    problem = assert_problem(response, 409, field)
    assert problem.get("field") == field
    assert snapshot(client) == before


def test_update_with_due_at_null_turns_the_post_into_a_draft(client: TestClient) -> None:
    post = update(client, UPDATE_POST, {"due_at": None})

    assert post["due_at"] is None
    assert UPDATE_POST in list_ids(client, status="draft")
    assert UPDATE_POST not in list_ids(client, status="scheduled")
    assert get_stats(client, status="draft")["Email"] == "1"


def test_update_of_a_draft_with_due_at_schedules_it(client: TestClient) -> None:
    draft = DRAFTS_BY_CREATED_AT[0]

    update(client, draft, {"due_at": 1769300000.0})

    assert draft in list_ids(client, status="scheduled")
    assert draft not in list_ids(client, status="draft")


def test_update_sets_updated_at_to_the_clocks_now(client: TestClient) -> None:
    now = advance(client, 1234.5)
    assert now == pytest.approx(T0 + 1234.5)

    # When
    post = update(client, UPDATE_POST, {"caption": "later"})

    # Then
    assert post["updated_at"] == now
    assert post["created_at"] == ALL_POSTS[UPDATE_POST]["created_at"]
    assert posts_by_id(client)[UPDATE_POST]["updated_at"] == now
    assert list_ids(client, order="-updated_at")[0] == UPDATE_POST


@pytest.mark.parametrize(
    "post_id", [FAILED_POST, EXECUTED_POST, EXECUTED_ASSET_POST], ids=["failed", "published",
                                                                      "published-asset"]
)
def test_update_of_an_executed_post_answers_403_this_post_is_executed(
    client: TestClient, post_id: str
) -> None:
    before = snapshot(client)

    response = client.put(f"{POSTS}/{post_id}", json={"caption": "too late"}, headers=AUTH)

    problem = assert_problem(response, 403, post_id, "This post is executed")
    assert problem["code"] == "AccessForbidden"
    assert snapshot(client) == before


def test_update_of_the_deleted_post_answers_404(client: TestClient) -> None:
    response = client.put(f"{POSTS}/{DELETED_POST}", json={"caption": "revive"}, headers=AUTH)

    assert_problem(response, 404, DELETED_POST)
    assert DELETED_POST not in list_ids(client)


def test_update_of_another_brands_post_through_this_brands_path_answers_404(
    client: TestClient,
) -> None:
    response = client.put(f"{POSTS}/{OTHER_BRAND_POST}", json={"caption": "mine"}, headers=AUTH)

    assert_problem(response, 404, OTHER_BRAND_POST)
    theirs = posts_by_id(client, f"/brands/{OTHER_BRAND}/social-posts", OTHER_AUTH)
    assert theirs[OTHER_BRAND_POST]["caption"] == ALL_POSTS[OTHER_BRAND_POST]["caption"]
    assert theirs[OTHER_BRAND_POST]["updated_at"] == ALL_POSTS[OTHER_BRAND_POST]["updated_at"]


def test_update_of_an_unknown_post_answers_404(client: TestClient) -> None:
    response = client.put(f"{POSTS}/{UNKNOWN_UUID}", json={"caption": "x"}, headers=AUTH)

    assert_problem(response, 404, UNKNOWN_UUID)


def test_update_with_an_empty_object_answers_400(client: TestClient) -> None:
    before = snapshot(client)

    response = client.put(f"{POSTS}/{UPDATE_POST}", json={}, headers=AUTH)

    assert_problem(response, 400, "Body")
    assert snapshot(client) == before


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"facebook_page": OTHER_BRAND_PAGE}, "facebook_page"),
        ({"facebook_page": UNKNOWN_UUID}, "facebook_page"),
        ({"asset": OTHER_BRAND_ASSET}, "asset"),
        ({"asset": UNKNOWN_UUID}, "asset"),
        ({"asset": None, "template_instance": UNKNOWN_UUID}, "template_instance"),
        ({"template_instance": OTHER_BRAND_INSTANCE}, "template_instance"),
    ],
    ids=["page-of-other-brand", "unknown-page", "asset-of-other-brand", "unknown-asset",
         "unknown-template-instance", "template-instance-of-other-brand"],
)
def test_update_referencing_what_the_brand_does_not_have_answers_404_naming_the_field(
    client: TestClient, body: dict[str, Any], field: str
) -> None:
    before = snapshot(client)

    response = client.put(f"{POSTS}/{UPDATE_POST}", json=body, headers=AUTH)

    status = 403 if body.get("facebook_page") == OTHER_BRAND_PAGE else 404
    problem = assert_problem(response, status, field)
    assert problem.get("field") == field
    assert snapshot(client) == before


@pytest.mark.parametrize(
    ("body", "names"),
    [
        ({"facebook_page": None}, ["facebook_page"]),
        ({"facebook_page": "page-1"}, ["facebook_page"]),
        ({"asset": None, "template_instance": "instance-1"}, ["template_instance"]),
        ({"caption": 7}, ["caption"]),
        ({"caption": None}, ["caption"]),
        ({"due_at": "tomorrow"}, ["due_at"]),
        ({"status": "draft"}, ["status"]),
        ({"created_by": AGENT}, ["created_by"]),
    ],
    ids=["page-null", "non-uuid-page", "non-uuid-template-instance", "caption-not-string",
         "caption-null", "due-at-as-text", "unknown-field", "read-only-field"],
)
def test_update_with_invalid_body_answers_400_naming_the_field_and_changes_nothing(
    client: TestClient, body: dict[str, Any], names: list[str]
) -> None:
    before = snapshot(client)

    response = client.put(f"{POSTS}/{UPDATE_POST}", json=body, headers=AUTH)

    assert_problem(response, 400, *names)
    assert snapshot(client) == before


def test_update_with_nan_answers_400(client: TestClient) -> None:
    response = client.put(
        f"{POSTS}/{UPDATE_POST}", content=b'{"due_at": NaN}',
        headers={**AUTH, "Content-Type": "application/json"},
    )

    assert_problem(response, 400, "NaN")
    assert posts_by_id(client)[UPDATE_POST]["due_at"] == ALL_POSTS[UPDATE_POST]["due_at"]


def test_update_with_text_plain_body_answers_415(client: TestClient) -> None:
    response = client.put(
        f"{POSTS}/{UPDATE_POST}", content=b'{"caption": "x"}',
        headers={**AUTH, "Content-Type": "text/plain"},
    )

    assert_problem(response, 415, "text/plain")


def test_update_with_body_over_64_kib_answers_413(client: TestClient) -> None:
    before = snapshot(client)
    content = b'{"caption": "x"}' + b" " * (64 * 1024)

    response = client.put(
        f"{POSTS}/{UPDATE_POST}", content=content,
        headers={**AUTH, "Content-Type": "application/json"},
    )

    assert_problem(response, 413)
    assert snapshot(client) == before


def test_update_with_non_uuid_post_id_answers_400_naming_the_parameter(
    client: TestClient,
) -> None:
    response = client.put(f"{POSTS}/post-1", json={"caption": "x"}, headers=AUTH)

    assert_problem(response, 400, "socialPostId")


def test_update_by_a_brand_member_who_did_not_author_the_post_is_allowed(
    client: TestClient,
) -> None:
    response = client.put(f"{POSTS}/{UPDATE_POST}", json={"caption": "by Dana"},
                          headers=AGENT_AUTH)

    assert response.status_code == 200, response.text
    assert response.json()["data"]["created_by"] == USER


# ---------------------------------------------------------------------------------------------
# Delete
# ---------------------------------------------------------------------------------------------


def test_delete_answers_204_with_an_empty_body(client: TestClient) -> None:
    response = client.delete(f"{POSTS}/{DELETE_POST}", headers=AUTH)

    assert response.status_code == 204
    assert response.content == b""


def test_deleted_post_is_gone_from_the_list_and_the_stats(client: TestClient) -> None:
    assert get_stats(client)["FacebookCover"] == "2"

    # When
    assert client.delete(f"{POSTS}/{DELETE_POST}", headers=AUTH).status_code == 204

    # Then
    ids = list_ids(client, status="any")
    assert DELETE_POST not in ids
    assert len(ids) == 10
    assert DELETE_POST not in list_ids(client, status="scheduled")
    assert get_stats(client)["FacebookCover"] == "1"
    assert get_stats(client, status="scheduled") == expected_stats(
        [p for p in matching("scheduled") if p["id"] != DELETE_POST]
    )


def test_delete_of_an_executed_post_removes_it_from_history(client: TestClient) -> None:
    response = client.delete(f"{POSTS}/{FAILED_POST}", headers=AUTH)

    assert response.status_code == 204
    assert list_ids(client, status="executed") == [EXECUTED_POST, EXECUTED_ASSET_POST]
    assert get_stats(client, status="executed") == {
        "type": "social_post_stats", "Email": "1", "Social": "1",
    }


def test_second_delete_answers_404(client: TestClient) -> None:
    assert client.delete(f"{POSTS}/{DELETE_POST}", headers=AUTH).status_code == 204

    response = client.delete(f"{POSTS}/{DELETE_POST}", headers=AUTH)

    assert_problem(response, 404, DELETE_POST)


def test_update_after_delete_answers_404(client: TestClient) -> None:
    assert client.delete(f"{POSTS}/{DELETE_POST}", headers=AUTH).status_code == 204

    response = client.put(f"{POSTS}/{DELETE_POST}", json={"caption": "back"}, headers=AUTH)

    assert_problem(response, 404, DELETE_POST)
    assert DELETE_POST not in list_ids(client)


def test_delete_of_the_fixture_deleted_post_answers_404(client: TestClient) -> None:
    assert_problem(client.delete(f"{POSTS}/{DELETED_POST}", headers=AUTH), 404, DELETED_POST)


def test_delete_of_an_unknown_post_answers_404(client: TestClient) -> None:
    before = snapshot(client)

    response = client.delete(f"{POSTS}/{UNKNOWN_UUID}", headers=AUTH)

    assert_problem(response, 404, UNKNOWN_UUID)
    assert snapshot(client) == before


def test_delete_of_another_brands_post_through_this_brands_path_answers_404(
    client: TestClient,
) -> None:
    response = client.delete(f"{POSTS}/{OTHER_BRAND_POST}", headers=AUTH)

    assert_problem(response, 404, OTHER_BRAND_POST)
    theirs = posts_by_id(client, f"/brands/{OTHER_BRAND}/social-posts", OTHER_AUTH)
    assert set(theirs) == {p["id"] for p in OTHER_BRAND_LIVE}
    assert theirs[OTHER_BRAND_POST]["deleted_at"] is None


def test_delete_with_non_uuid_post_id_answers_400_naming_the_parameter(
    client: TestClient,
) -> None:
    assert_problem(client.delete(f"{POSTS}/post-1", headers=AUTH), 400, "socialPostId")


# ---------------------------------------------------------------------------------------------
# Authentication, brand access and isolation
# ---------------------------------------------------------------------------------------------

OPERATIONS = ("list", "stats", "create", "update", "delete")


def call(client: TestClient, operation: str, brand: str, headers: dict[str, str]) -> Response:
    """One request of each operation on ``brand``; writes target the brand's own posts."""
    base = f"/brands/{brand}/social-posts"
    if operation == "list":
        return client.get(base, headers=headers)
    if operation == "stats":
        return client.get(f"{base}/stats", headers=headers)
    if operation == "create":
        return client.post(base, json=create_body(), headers=headers)
    if operation == "update":
        return client.put(f"{base}/{UPDATE_POST}", json={"caption": "changed"}, headers=headers)
    assert operation == "delete"
    return client.delete(f"{base}/{DELETE_POST}", headers=headers)


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer "}, {"Authorization": "Bearer not-a-known-token"}],
    ids=["no-header", "empty-bearer", "unknown-token"],
)
@pytest.mark.parametrize("operation", OPERATIONS)
def test_request_without_a_valid_token_answers_401_and_changes_nothing(
    client: TestClient, operation: str, headers: dict[str, str]
) -> None:
    before = snapshot(client)

    response = call(client, operation, BRAND, headers)

    problem = assert_problem(response, 401)
    assert "token" in problem["detail"].lower() or "authorization" in problem["detail"].lower()
    assert snapshot(client) == before


@pytest.mark.parametrize("operation", OPERATIONS)
def test_user_of_another_brand_gets_403_and_changes_nothing(
    client: TestClient, operation: str
) -> None:
    before = snapshot(client)

    response = call(client, operation, BRAND, OTHER_AUTH)

    assert_problem(response, 403, BRAND)
    assert snapshot(client) == before


@pytest.mark.parametrize("operation", OPERATIONS)
def test_unknown_brand_answers_403_as_a_brand_one_is_not_a_member_of(
    client: TestClient, operation: str
) -> None:
    before = snapshot(client)

    unknown = call(client, operation, UNKNOWN_UUID, AUTH)
    not_member = call(client, operation, OTHER_BRAND, AUTH)

    assert_problem(unknown, 403, UNKNOWN_UUID)
    # Nothing tells an unknown brand from one the user may not reach.
    assert unknown.json()["detail"].replace(UNKNOWN_UUID, "B") == \
        not_member.json()["detail"].replace(OTHER_BRAND, "B")
    assert snapshot(client) == before


@pytest.mark.parametrize("operation", OPERATIONS)
def test_non_uuid_brand_answers_400_naming_brand(client: TestClient, operation: str) -> None:
    before = snapshot(client)

    response = call(client, operation, "unit-test-realty", AUTH)

    assert_problem(response, 400, "brand")
    assert snapshot(client) == before


def test_each_brand_sees_only_its_own_posts(client: TestClient) -> None:
    theirs = posts_by_id(client, f"/brands/{OTHER_BRAND}/social-posts", OTHER_AUTH)
    ours = posts_by_id(client)

    assert set(theirs) == {p["id"] for p in OTHER_BRAND_LIVE}
    assert set(ours) == {p["id"] for p in LIVE}
    assert all(p["brand"] == OTHER_BRAND for p in theirs.values())


def test_brand_member_cannot_reach_another_brand(client: TestClient) -> None:
    response = client.get(f"/brands/{OTHER_BRAND}/social-posts", headers=AUTH)

    assert_problem(response, 403, OTHER_BRAND)


def test_a_post_created_in_one_brand_is_not_seen_by_the_other(client: TestClient) -> None:
    post = create(client, create_body())

    theirs = posts_by_id(client, f"/brands/{OTHER_BRAND}/social-posts", OTHER_AUTH)

    assert post["id"] not in theirs
    assert len(theirs) == len(OTHER_BRAND_LIVE)


# ---------------------------------------------------------------------------------------------
# CORS
# ---------------------------------------------------------------------------------------------

ORIGIN = "https://app.example.com"


def test_cors_preflight_for_a_post_answers_with_the_allowed_origin(client: TestClient) -> None:
    response = client.options(
        POSTS,
        headers={
            "Origin": ORIGIN,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "Authorization, Content-Type",
        },
    )

    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] in ("*", ORIGIN)
    assert "POST" in response.headers["access-control-allow-methods"]
    allowed_headers = response.headers["access-control-allow-headers"].lower()
    assert "authorization" in allowed_headers
    assert "content-type" in allowed_headers


def test_cors_simple_get_carries_the_allowed_origin(client: TestClient) -> None:
    response = client.get(POSTS, headers={**AUTH, "Origin": ORIGIN})

    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] in ("*", ORIGIN)


def test_cors_error_response_carries_the_allowed_origin(client: TestClient) -> None:
    response = client.get(POSTS, headers={"Origin": ORIGIN})

    assert_problem(response, 401)
    assert response.headers["access-control-allow-origin"] in ("*", ORIGIN)
