"""Named scenarios: each loads into a store and holds what fixtures/README.md promises."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from socialpost.server import paths
from socialpost.server.publishing.clock import DOCUMENT_INSTANT as T0
from socialpost.server.publishing.publisher import settle
from socialpost.server.store import Kind, Row, TinyStore
from socialpost.server.store.fixtures import FixtureError, load_fixtures
from socialpost.server.store.scenarios import (
    ScenarioError,
    available,
    load_scenario,
    scenario_path,
)

BRAND = "b3ad887b-a14e-4bff-b618-a2edb675d19b"
OTHER_BRAND = "4d74ae35-499f-4bff-9ffd-478c72705e64"
HOUR, DAY = 3600.0, 86400.0
FIXTURES = load_fixtures(paths.FIXTURES_PATH)
DISCONNECTED = (
    "Error validating access token: The session has been invalidated because the user changed "
    "their password or Facebook has changed the session for security reasons."
)
ROOT = Path(__file__).resolve().parents[2]


def _store(name: str) -> TinyStore:
    store = TinyStore(None)
    store.load(load_scenario(name))
    return store


def _status(post: Row) -> str:
    if post["executed_at"] is not None:
        return "failed" if post["failed_at"] else "published"
    return "draft" if post["due_at"] is None else "scheduled"


def _row(store: TinyStore, kind: Kind, id: str) -> Row:
    row = store.get(kind, id)
    assert row is not None, f"no {kind} {id}"
    return row


def _medium(store: TinyStore, post: Row) -> str:
    if post["asset"] is not None:
        return str(_row(store, "brand_assets", post["asset"])["medium"])
    instance = _row(store, "template_instances", post["template_instance"])
    return str(_row(store, "templates", instance["template"])["medium"])


def test_the_bundled_scenarios_are_available() -> None:
    assert available() == ["busy", "disconnected", "empty"]


@pytest.mark.parametrize("name", ["busy", "disconnected", "empty"])
def test_every_scenario_keeps_the_bundled_tokens_brands_and_sources(name: str) -> None:
    store = _store(name)
    for token, user in FIXTURES["tokens"].items():
        assert store.user_for_token(token) == user
    for kind in ("users", "brands", "templates", "template_instances", "brand_assets"):
        assert store.dump()[kind] == FIXTURES[kind], kind
    assert isinstance(load_scenario(name)["description"], str)


def test_empty_has_no_posts() -> None:
    store = _store("empty")
    assert store.dump()["social_posts"] == []
    assert store.posts_of_brand(BRAND) == [] and store.pending_posts() == []


def test_busy_spreads_a_few_hundred_posts_over_statuses_mediums_pages_and_authors() -> None:
    store = _store("busy")
    posts = [p for p in store.dump()["social_posts"] if p["brand"] == BRAND]
    live = store.posts_of_brand(BRAND)
    # the counts fixtures/README.md gives
    assert len(posts) == 300 and len(posts) - len(live) == 11  # soft-deleted
    assert Counter(_status(post) for post in live) == {
        "published": 111, "failed": 26, "scheduled": 112, "draft": 40,
    }
    assert len({_medium(store, post) for post in live}) >= 3
    pages = {page["id"]: page["platform"] for page in store.dump()["facebook_pages"]
             if page["brand"] == BRAND}
    assert {post["facebook_page"] for post in live} == set(pages)
    assert {post["created_by"] for post in live} == set(_row(store, "brands", BRAND)["members"])
    dues = [post["due_at"] for post in live if post["due_at"] is not None]
    assert 25 * DAY <= max(dues) - min(dues) <= 35 * DAY
    # as the publisher leaves them
    for post in live:
        if _status(post) == "published":
            assert post["post_link"] and post["media_container_id"], post["id"]
        if _status(post) == "failed":
            assert post["failure"] and post["post_link"] is None and "T" in post["failed_at"]


def test_busy_publishes_some_posts_within_the_first_hour() -> None:
    store = _store("busy")
    assert all(post["due_at"] > T0 for post in store.pending_posts())
    within_hour = settle(store, T0 + HOUR)
    assert len(within_hour) >= 5
    assert {t.to for t in within_hour} <= {"published", "failed"}
    assert len(settle(store, T0 + DAY)) >= 10


def test_busy_leaves_the_other_brand_as_bundled() -> None:
    store = _store("busy")
    bundled = [p for p in FIXTURES["social_posts"] if p["brand"] == OTHER_BRAND]
    assert [p for p in store.dump()["social_posts"] if p["brand"] == OTHER_BRAND] == bundled


def test_disconnected_fails_every_post_of_the_brand_with_the_platform_message() -> None:
    store = _store("disconnected")
    transitions = settle(store, T0 + 30 * DAY)
    mine = [t for t in transitions if t.brand == BRAND]
    assert len(mine) >= 5
    assert all(t.to == "failed" and t.failure == DISCONNECTED for t in mine)
    assert all((store.post(t.post) or {}).get("failure") == DISCONNECTED for t in mine)
    # the other brand's pages are still connected
    assert any(t.to == "published" for t in transitions if t.brand == OTHER_BRAND)


def test_a_bare_name_and_a_file_path_both_name_a_scenario(tmp_path: Path) -> None:
    assert scenario_path("busy") == paths.SCENARIOS_DIR / "busy.json"
    own = tmp_path / "mine.json"
    own.write_text((paths.SCENARIOS_DIR / "empty.json").read_text())
    assert scenario_path(str(own)) == own
    assert load_scenario(str(own))["social_posts"] == []


def test_an_unknown_scenario_lists_the_available_names() -> None:
    with pytest.raises(ScenarioError, match="'crowded'.*busy, disconnected, empty"):
        scenario_path("crowded")
    with pytest.raises(FixtureError, match="busy, disconnected, empty"):
        load_scenario("no/such/file.json")


def test_a_description_that_is_not_text_is_refused(tmp_path: Path) -> None:
    own = tmp_path / "mine.json"
    own.write_text(json.dumps({**FIXTURES, "description": ["busy"]}))
    with pytest.raises(FixtureError, match="'description' must be a string"):
        load_scenario(str(own))


def test_the_scenario_files_are_what_the_generator_makes() -> None:
    check = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_scenarios.py"), "--check"],
        capture_output=True, text=True, check=False,
    )
    assert check.returncode == 0, check.stderr
