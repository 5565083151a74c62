"""The event loop never waits on a commit: while a create waits for the disk, reads answer,
and the create is answered only once its write is durable."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import httpx

from socialpost.server import paths
from socialpost.server.app import create_app
from socialpost.server.config import Settings
from socialpost.server.publishing.clock import Clock
from socialpost.server.state import MockState
from socialpost.server.store import TinyStore
from tests.conftest import AUTH, POSTS, create_body
from tests.live import serve_asgi


class HangingDisk:
    """An fsync that waits until the test lets it finish."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.release.set()
        self.waiting = threading.Event()

    def __call__(self, fd: int) -> None:
        self.waiting.set()
        self.release.wait(10)


def _mock(db: Path, disk: HangingDisk) -> MockState:
    settings = Settings(db_path=db)
    state = MockState(store=TinyStore(db, fsync=disk), clock=Clock(settings.clock_start),
                      fixtures_path=paths.FIXTURES_PATH, clock_start=settings.clock_start)
    state.store.load(state.starting_data())
    return state


def test_lists_and_stats_answer_while_a_create_waits_for_the_disk(tmp_path: Path) -> None:
    disk = HangingDisk()
    state = _mock(tmp_path / "db.json", disk)
    with serve_asgi(create_app(Settings(db_path=tmp_path / "db.json"), state)) as url:
        disk.release.clear()
        disk.waiting.clear()
        answers: list[httpx.Response] = []
        create = threading.Thread(target=lambda: answers.append(
            httpx.post(url + POSTS, json=create_body(caption="slow disk"), headers=AUTH,
                       timeout=20)))
        create.start()
        assert disk.waiting.wait(5)

        # When the create's commit hangs, the loop still answers reads, from memory
        started = time.monotonic()
        listed = httpx.get(url + POSTS, params={"limit": 1000}, headers=AUTH, timeout=5)
        stats = httpx.get(url + POSTS + "/stats", headers=AUTH, timeout=5)
        assert listed.status_code == stats.status_code == 200
        assert time.monotonic() - started < 2
        # and the create is not acknowledged before its write is durable
        assert answers == []

        disk.release.set()
        create.join(10)
        assert [a.status_code for a in answers] == [200]
        created = answers[0].json()["data"]["id"]
        assert created in {p["id"] for p in httpx.get(
            url + POSTS, params={"limit": 1000}, headers=AUTH, timeout=5).json()["data"]}
