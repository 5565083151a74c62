"""The embedded store: atomic JSON file, reopening, refusing what it cannot read."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from socialpost.server import paths
from socialpost.server.store import StoreError, TinyStore
from socialpost.server.store.fixtures import FixtureError, load_fixtures

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


def test_a_write_appends_one_journal_line_and_leaves_the_snapshot_alone(tmp_path: Path) -> None:
    store = _open(tmp_path / "db.json")
    snapshot = (tmp_path / "db.json").read_bytes()
    store.insert_post(POST)
    assert (tmp_path / "db.json").read_bytes() == snapshot
    lines = (tmp_path / "db.json.journal").read_text().splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["r"]["id"] == POST["id"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["db.json", "db.json.journal"]


def test_compaction_folds_the_journal_into_a_new_snapshot(tmp_path: Path) -> None:
    store = TinyStore(tmp_path / "db.json", compact_every=3)
    store.load(FIXTURES)
    for n in range(4):
        store.insert_post({**POST, "id": f"00000000-0000-4000-8000-00000000000{n}"})
    # three writes made a snapshot; the fourth is the journal's only line
    assert len((tmp_path / "db.json.journal").read_text().splitlines()) == 1
    store.close()
    reopened = _open(tmp_path / "db.json")
    assert all(reopened.post(f"00000000-0000-4000-8000-00000000000{n}") for n in range(4))


def test_journal_lines_older_than_the_snapshot_are_not_replayed(tmp_path: Path) -> None:
    # When a crash came between writing a new snapshot and emptying the journal
    store = _open(tmp_path / "db.json")
    store.insert_post(POST)
    stale = (tmp_path / "db.json.journal").read_bytes()
    store.load(FIXTURES)  # a new generation without the post
    store.close()
    (tmp_path / "db.json.journal").write_bytes(stale)
    # Then the stale line does not bring the post back
    assert _open(tmp_path / "db.json").post(POST["id"]) is None


def test_a_line_cut_short_by_a_crash_is_dropped(tmp_path: Path) -> None:
    store = _open(tmp_path / "db.json")
    store.insert_post(POST)
    store.close()
    with (tmp_path / "db.json.journal").open("ab") as journal:
        journal.write(b'{"g": 1, "t": "social_posts", "k": "x", "r": {"id": "x", "br')
    reopened = _open(tmp_path / "db.json")
    assert reopened.post(POST["id"]) is not None and reopened.post("x") is None
    reopened.insert_post({**POST, "id": "00000000-0000-4000-8000-000000000009"})
    reopened.close()
    assert _open(tmp_path / "db.json").post("00000000-0000-4000-8000-000000000009")


def test_a_corrupt_line_inside_the_journal_is_refused(tmp_path: Path) -> None:
    store = _open(tmp_path / "db.json")
    store.insert_post(POST)
    store.close()
    journal = tmp_path / "db.json.journal"
    journal.write_bytes(b"garbage\n" + journal.read_bytes())
    with pytest.raises(StoreError, match="corrupt"):
        _open(tmp_path / "db.json")


def test_indexes_follow_deletes_and_publishing(tmp_path: Path) -> None:
    store = _open(tmp_path / "db.json")
    store.insert_post(POST)
    assert POST["id"] in {p["id"] for p in store.pending_posts()}
    assert POST["id"] in {p["id"] for p in store.posts_of_brand("b")}
    store.update_post(POST["id"], {"executed_at": 6.0})
    assert POST["id"] not in {p["id"] for p in store.pending_posts()}
    store.update_post(POST["id"], {"deleted_at": 7.0})
    assert store.posts_of_brand("b") == []
    assert store.post(POST["id"]) is not None


def test_version_grows_with_every_write() -> None:
    store = TinyStore(None)
    store.load(FIXTURES)
    before = store.version
    store.insert_post(POST)
    store.set_post_failure(POST["id"], "boom")
    assert store.version == before + 2


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


def test_fixture_file_of_the_wrong_shape_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "fixtures.json"
    bad.write_text(json.dumps({"format": 1, "tokens": {}, "users": "nobody"}))
    with pytest.raises(FixtureError, match="'users' must be a list"):
        load_fixtures(bad)
    bad.write_text("[]")
    with pytest.raises(FixtureError, match="JSON object"):
        load_fixtures(bad)


def test_blocks_handed_over_together_each_have_their_own_outcome() -> None:
    from socialpost.server.errors import NotFound

    store = TinyStore(None)
    store.load(FIXTURES)
    first, second = dict(POST, id="p-1"), dict(POST, id="p-2")

    def refused() -> None:
        raise NotFound("refused before writing")

    results = store.atomic_each([lambda: store.insert_post(first), refused,
                                 lambda: store.insert_post(second)])

    assert results[0] is None and isinstance(results[1], NotFound) and results[2] is None
    assert store.post("p-1") is not None and store.post("p-2") is not None
