"""A store's dump: everything in fixture-file format, and ``load(dump())`` brings it all back."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from socialpost.server import paths
from socialpost.server.store import TinyStore
from socialpost.server.store.fixtures import FixtureError, load_fixtures

FIXTURES = load_fixtures(paths.FIXTURES_PATH)
SCHEDULED = "db5aa459-2ec6-4c1a-850a-ad5bf64f7159"
PAGE = "5383b70e-bd8f-481f-a605-0664736def2d"
NEW_POST: dict[str, Any] = {
    "id": "00000000-0000-4000-8000-000000000001", "brand": "b", "deleted_at": None,
    "executed_at": None, "due_at": 5.0, "created_at": 1.0, "updated_at": 1.0,
}


@pytest.fixture(params=["memory", "disk"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[TinyStore]:
    """A store in the fixtures' state, changed the ways the mock changes it."""
    opened = TinyStore(None if request.param == "memory" else tmp_path / "db.json")
    opened.load(FIXTURES)
    opened.insert_post(NEW_POST)
    opened.update_post(SCHEDULED, {"caption": "edited"})
    opened.update("facebook_pages", PAGE, {"failure": "Access token has expired"})
    opened.set_post_failure(SCHEDULED, "injected")
    yield opened
    opened.close()


def test_a_fresh_store_dumps_its_fixtures_and_no_post_failures() -> None:
    store = TinyStore(None)
    store.load(FIXTURES)
    assert store.dump() == {**FIXTURES, "post_failures": []}


def test_the_dump_holds_every_change_and_the_post_failures(store: TinyStore) -> None:
    dumped = store.dump()
    assert dumped["format"] == 1 and dumped["tokens"] == FIXTURES["tokens"]
    posts = {post["id"]: post for post in dumped["social_posts"]}
    assert posts[NEW_POST["id"]] == NEW_POST
    assert posts[SCHEDULED]["caption"] == "edited"
    assert {p["id"]: p["failure"] for p in dumped["facebook_pages"]}[PAGE] == (
        "Access token has expired"
    )
    assert dumped["post_failures"] == [{"post": SCHEDULED, "message": "injected"}]


def test_load_of_a_dump_restores_exactly(store: TinyStore) -> None:
    dumped = store.dump()
    # When everything changes after the dump
    store.load(FIXTURES)
    assert store.post(NEW_POST["id"]) is None and store.post_failure(SCHEDULED) is None
    # Then loading the dump brings back every post, page and post failure
    store.load(dumped)
    assert store.dump() == dumped
    assert store.post_failure(SCHEDULED) == "injected"
    assert NEW_POST["id"] in {post["id"] for post in store.pending_posts()}


def test_later_writes_do_not_change_a_dump(store: TinyStore) -> None:
    dumped = store.dump()
    before = repr(dumped)
    store.update_post(SCHEDULED, {"caption": "edited again"})
    store.update("facebook_pages", PAGE, {"failure": None})
    store.set_post_failure(SCHEDULED, None)
    assert repr(dumped) == before
    # and changing the dump does not change the store
    dumped["social_posts"][0]["caption"] = "changed in the dump"
    assert store.post(dumped["social_posts"][0]["id"]) != dumped["social_posts"][0]


def test_a_loaded_dump_survives_reopening_the_database(tmp_path: Path) -> None:
    store = TinyStore(tmp_path / "db.json")
    store.load(FIXTURES)
    store.set_post_failure(SCHEDULED, "injected")
    store.insert_post(NEW_POST)
    dumped = store.dump()
    store.load(FIXTURES)
    store.load(dumped)
    store.close()
    reopened = TinyStore(tmp_path / "db.json")
    assert reopened.dump() == dumped
    assert reopened.post_failure(SCHEDULED) == "injected"
    reopened.close()


def test_a_dump_written_as_a_file_reads_as_fixtures(store: TinyStore, tmp_path: Path) -> None:
    file = tmp_path / "snapshot.json"
    file.write_text(json.dumps(store.dump()))
    assert load_fixtures(file) == store.dump()


def test_a_file_with_malformed_post_failures_is_refused(tmp_path: Path) -> None:
    file = tmp_path / "snapshot.json"
    file.write_text(json.dumps({**FIXTURES, "post_failures": [{"post": SCHEDULED}]}))
    with pytest.raises(FixtureError, match="'post_failures' must be a list"):
        load_fixtures(file)
