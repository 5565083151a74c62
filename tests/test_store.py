"""The embedded store: atomic JSON file, reopening, refusing what it cannot read."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from server import paths
from server.fixtures import FixtureError, load_fixtures
from server.store import StoreError, TinyStore

FIXTURES = load_fixtures(paths.FIXTURES_PATH)
POST: dict[str, Any] = {
    "id": "00000000-0000-4000-8000-000000000001", "brand": "b", "deleted_at": None,
    "executed_at": None, "due_at": 5.0, "created_at": 1.0,
}


def _open(path: Path) -> TinyStore:
    store = TinyStore(path)
    if store.is_empty:
        store.load(FIXTURES)
    store.check_format()
    return store


def test_new_database_is_created_from_the_fixtures(tmp_path: Path) -> None:
    store = _open(tmp_path / "db.json")
    assert store.user_for_token("test-token") == "80a227b2-29a0-11e7-b636-e4a7a08e15d4"
    assert (tmp_path / "db.json").exists()


def test_writes_survive_reopening(tmp_path: Path) -> None:
    store = _open(tmp_path / "db.json")
    store.insert_post(POST)
    store.close()
    assert _open(tmp_path / "db.json").post(POST["id"]) == POST


def test_write_leaves_no_temporary_file_behind(tmp_path: Path) -> None:
    store = _open(tmp_path / "db.json")
    store.insert_post(POST)
    assert [p.name for p in tmp_path.iterdir()] == ["db.json"]
    json.loads((tmp_path / "db.json").read_text())


def test_corrupt_database_is_refused_not_reset(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    db.write_text('{"social_posts": {"1": {"id": "x"')
    with pytest.raises(StoreError, match="not a readable JSON database"):
        _open(db)
    assert db.read_text().startswith('{"social_posts"')


def test_database_of_unknown_format_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    db.write_text(json.dumps({"_meta": {"1": {"format": 99}}, "social_posts": {}}))
    with pytest.raises(StoreError, match="format 99"):
        _open(db)


def test_returned_records_are_copies(tmp_path: Path) -> None:
    store = _open(tmp_path / "db.json")
    page = store.get("facebook_pages", "5383b70e-bd8f-481f-a605-0664736def2d")
    assert page is not None
    page["failure"] = "changed by a caller"
    again = store.get("facebook_pages", "5383b70e-bd8f-481f-a605-0664736def2d")
    assert again is not None and again["failure"] is None


def test_fixture_file_of_the_wrong_shape_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "fixtures.json"
    bad.write_text(json.dumps({"format": 1, "tokens": {}, "users": "nobody"}))
    with pytest.raises(FixtureError, match="'users' must be a list"):
        load_fixtures(bad)
    bad.write_text("[]")
    with pytest.raises(FixtureError, match="JSON object"):
        load_fixtures(bad)
