"""Write blocks of one replica that arrive together are committed together, none lost."""

from __future__ import annotations

import threading
import time
import uuid
from typing import Any

import pytest

from socialpost.server.errors import NotFound
from socialpost.server.publishing.clock import Clock
from socialpost.server.store import Record
from socialpost.server.store.postgres import Database, PgStore
from tests.conftest import BRAND, FIXTURES, PAGE, USER

WRITERS = 8


def _post() -> Record:
    return {"id": str(uuid.uuid4()), "brand": BRAND, "created_by": USER, "caption": "batched",
            "facebook_page": PAGE, "template_instance": None, "asset": None, "post_link": None,
            "failed_at": None, "failure": None, "media_container_id": None,
            "type": "social_post", "created_at": 1.0, "updated_at": 1.0, "deleted_at": None,
            "due_at": None, "executed_at": None}


@pytest.fixture
def database(database_url: str) -> Any:
    database = Database(database_url)
    database.open()
    yield database
    database.close()


def _replica(database: Database) -> PgStore:
    return PgStore(database, "default", Clock(), lambda: FIXTURES)


def _version(database: Database) -> int:
    found = database.run(lambda conn: conn.execute(
        "SELECT version FROM socialpost_sessions WHERE name = 'default'").fetchone())
    assert found is not None
    return int(found[0])


def _write_together(store: PgStore, work: Any) -> list[BaseException]:
    errors: list[BaseException] = []
    start = threading.Barrier(WRITERS)

    def writer(number: int) -> None:
        start.wait()
        try:
            with store.atomic():
                work(number)
                time.sleep(0.02)  # a block that takes a while: the others queue behind it
        except BaseException as exc:  # noqa: BLE001  (collected for the test to look at)
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(t.is_alive() for t in threads)
    return errors


def test_blocks_that_arrive_together_share_commits_and_all_are_kept(database: Database) -> None:
    store = _replica(database)
    before = _version(database)
    posts = [_post() for _ in range(WRITERS)]
    assert _write_together(store, lambda n: store.insert_post(posts[n])) == []
    # Each commit moves the version once more than the records it writes: fewer commits here
    commits = _version(database) - before - WRITERS
    assert 1 <= commits < WRITERS
    # And another replica reads every one of them
    other = _replica(database)
    assert all(other.post(p["id"]) == p for p in posts)


def test_a_block_that_fails_loses_nothing_of_the_others(database: Database) -> None:
    store = _replica(database)
    posts = [_post() for _ in range(WRITERS)]

    def work(number: int) -> None:
        if number == 3:
            raise NotFound("refused before writing")
        store.insert_post(posts[number])

    errors = _write_together(store, work)
    assert [type(e) for e in errors] == [NotFound]
    other = _replica(database)
    kept = [p["id"] for p in posts if other.post(p["id"]) is not None]
    assert kept == [p["id"] for n, p in enumerate(posts) if n != 3]


def test_blocks_handed_over_together_are_one_commit_each_with_its_own_outcome(
    database: Database,
) -> None:
    store = _replica(database)
    before = _version(database)
    posts = [_post() for _ in range(4)]

    def insert(post: Record) -> Any:
        def work() -> str:
            with store.atomic():  # as the handlers write: nested in the batch's block
                store.insert_post(post)
            return str(post["id"])
        return work

    def refused() -> str:
        with store.atomic():
            raise NotFound("refused before writing")

    results = store.atomic_each([insert(posts[0]), refused, insert(posts[1]), insert(posts[2])])

    assert results[0] == posts[0]["id"] and isinstance(results[1], NotFound)
    assert results[2:] == [posts[1]["id"], posts[2]["id"]]
    # One commit for the three writes: the version moves by them and once for the commit
    assert _version(database) == before + 3 + 1
    other = _replica(database)
    assert [other.post(p["id"]) is not None for p in posts] == [True, True, True, False]
