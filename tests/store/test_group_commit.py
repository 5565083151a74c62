"""Group commit: writes that arrive together share one fsync, and none is acknowledged before
an fsync covering its journal line has completed; the fsync never holds the store."""

from __future__ import annotations

import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest

from socialpost.server import paths
from socialpost.server.store import TinyStore
from socialpost.server.store.fixtures import load_fixtures
from tests.conftest import AUTH, POSTS, create_body
from tests.live import serve_process

FIXTURES = load_fixtures(paths.FIXTURES_PATH)
THREADS = 8
WRITES_EACH = 25


class CountingFsync:
    """An fsync that counts its calls, remembers how much of the file each one covered, and
    takes ``delay`` seconds (a slow disk: writers pile up behind it)."""

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay
        self.calls = 0
        self.covered = 0  # bytes of the journal the last completed fsync made durable
        self.gate = threading.Event()
        self.gate.set()
        self.entered = threading.Event()
        self._lock = threading.Lock()

    def __call__(self, fd: int) -> None:
        size = os.fstat(fd).st_size
        self.entered.set()
        self.gate.wait(10)
        time.sleep(self.delay)
        os.fsync(fd)
        with self._lock:
            self.calls += 1
            self.covered = max(self.covered, size)


def _post(n: int, label: str = "writer") -> dict[str, Any]:
    return {"id": f"{label}-{n:05d}", "brand": "b", "deleted_at": None, "executed_at": None,
            "due_at": None, "created_at": float(n), "created_by": "u"}


def _open(path: Path, fsync: CountingFsync) -> TinyStore:
    store = TinyStore(path, fsync=fsync)
    if store.is_empty:
        store.load(FIXTURES)
    return store


def test_concurrent_writers_share_fsyncs_and_every_write_survives_reopening(
    tmp_path: Path,
) -> None:
    fsync = CountingFsync(delay=0.002)
    store = _open(tmp_path / "db.json", fsync)
    loaded = fsync.calls

    # When 8 threads each write 25 posts at once
    def write(worker: int) -> None:
        for i in range(WRITES_EACH):
            store.insert_post(_post(worker * 1000 + i))

    with ThreadPoolExecutor(THREADS) as pool:
        list(pool.map(write, range(THREADS)))
    store.close()

    # Then they needed far fewer fsyncs than writes
    writes = THREADS * WRITES_EACH
    assert fsync.calls - loaded < writes / 2
    # and every one of them is there when the file is opened again
    again = TinyStore(tmp_path / "db.json")
    assert all(again.post(_post(w * 1000 + i)["id"]) is not None
               for w in range(THREADS) for i in range(WRITES_EACH))


def test_a_write_returns_only_once_an_fsync_covering_its_line_has_completed(
    tmp_path: Path,
) -> None:
    fsync = CountingFsync(delay=0.001)
    store = _open(tmp_path / "db.json", fsync)
    journal = tmp_path / "db.json.journal"
    late: list[str] = []

    def write(worker: int) -> None:
        for i in range(10):
            post = _post(worker * 1000 + i)
            store.insert_post(post)
            # The moment the write is acknowledged, its line lies within the synced bytes.
            end = journal.read_bytes().index(post["id"].encode()) + len(post["id"])
            if end > fsync.covered:
                late.append(post["id"])

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(write, range(4)))
    assert late == []


@pytest.fixture
def counted(tmp_path: Path) -> tuple[TinyStore, CountingFsync]:
    """A store on a disk whose fsyncs are counted."""
    fsync = CountingFsync()
    return _open(tmp_path / "db.json", fsync), fsync


def test_a_nested_atomic_block_syncs_once_at_the_outermost_exit(
        counted: tuple[TinyStore, CountingFsync]) -> None:
    store, fsync = counted
    before = fsync.calls

    with store.atomic():
        store.insert_post(_post(1))
        with store.atomic():
            store.insert_post(_post(2))
        with store.reading():  # a read inside leaves the sync to the block's end too
            assert store.post(_post(2)["id"]) is not None
        store.update_post(_post(1)["id"], {"caption": "changed"})
        # Nothing is synced while the block is open
        assert fsync.calls == before

    assert fsync.calls == before + 1
    with store.reading():  # a read alone syncs nothing
        assert store.post(_post(1)["id"]) is not None
    assert fsync.calls == before + 1


def test_reads_and_writes_go_on_while_a_commit_waits_for_the_disk(tmp_path: Path) -> None:
    fsync = CountingFsync()
    store = _open(tmp_path / "db.json", fsync)
    fsync.gate.clear()  # the disk hangs
    fsync.entered.clear()
    first = threading.Thread(target=store.insert_post, args=(_post(1),))
    first.start()
    assert fsync.entered.wait(5)

    # When the first writer waits in its fsync, the store is free: reads answer at once
    with store.reading():
        assert store.post(_post(1)["id"]) is not None
    # and a second writer writes its line (it waits for its own commit, not for the lock)
    second = threading.Thread(target=store.insert_post, args=(_post(2),))
    second.start()
    deadline = time.monotonic() + 5
    while store.post(_post(2)["id"]) is None and time.monotonic() < deadline:
        time.sleep(0.001)
    assert store.post(_post(2)["id"]) is not None
    assert first.is_alive() and second.is_alive()  # neither acknowledged yet

    fsync.gate.set()
    first.join(5)
    second.join(5)
    assert not first.is_alive() and not second.is_alive()
    store.close()
    again = TinyStore(tmp_path / "db.json")
    assert again.post(_post(2)["id"]) is not None


def test_compaction_under_concurrent_writers_keeps_every_write(tmp_path: Path) -> None:
    fsync = CountingFsync()
    store = TinyStore(tmp_path / "db.json", compact_every=7, fsync=fsync)
    store.load(FIXTURES)

    def write(worker: int) -> None:
        for i in range(20):
            store.insert_post(_post(worker * 1000 + i))

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(write, range(4)))
    store.close()
    again = TinyStore(tmp_path / "db.json")
    assert sum(1 for w in range(4) for i in range(20)
               if again.post(_post(w * 1000 + i)["id"]) is not None) == 80


def test_creates_acknowledged_by_a_served_mock_survive_kill_9_under_concurrent_load(
    tmp_path: Path,
) -> None:
    db = tmp_path / "db.json"
    acknowledged: list[str] = []
    lock = threading.Lock()
    with serve_process(db) as server:
        stop = threading.Event()

        def create(writer: int) -> None:
            with httpx.Client(base_url=server.url, headers=AUTH, timeout=10) as http:
                n = 0
                while not stop.is_set():
                    try:
                        response = http.post(POSTS, json=create_body(caption=f"{writer}/{n}"))
                    except httpx.TransportError:
                        return  # the server is gone: this create was never acknowledged
                    if response.status_code == 200:
                        with lock:
                            acknowledged.append(response.json()["data"]["id"])
                    n += 1

        # When 16 clients create at once and the server is killed mid-write
        writers = [threading.Thread(target=create, args=(w,)) for w in range(16)]
        for thread in writers:
            thread.start()
        time.sleep(1.5)
        server.kill_hard()
        stop.set()
        for thread in writers:
            thread.join()

    # Then every create it answered is there after a restart
    with serve_process(db) as restarted:
        kept: set[str] = set()
        while True:
            page = httpx.get(restarted.url + POSTS, params={"start": len(kept), "limit": 1000},
                             headers=AUTH, timeout=30).json()
            kept.update(p["id"] for p in page["data"])
            if not page["data"]:
                break
    assert len(acknowledged) > 50
    assert set(acknowledged) - kept == set()
