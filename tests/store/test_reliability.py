"""Every acknowledged write is kept: under concurrent clients and across ``kill -9``."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx

from tests.conftest import AUTH, POSTS, create_body
from tests.live import serve_process

CLIENTS = 16
POSTS_EACH = 40


def _all_posts(url: str) -> list[dict[str, Any]]:
    """Every live post of the brand, paging through the list."""
    posts: list[dict[str, Any]] = []
    while True:
        page = httpx.get(f"{url}{POSTS}", params={"start": len(posts), "limit": 1000},
                         headers=AUTH, timeout=30).json()
        posts.extend(page["data"])
        if len(posts) >= page["info"]["total"]:
            return posts


def _create_many(url: str, client_no: int) -> list[tuple[int, str]]:
    results = []
    with httpx.Client(base_url=url, headers=AUTH, timeout=60) as http:
        for i in range(POSTS_EACH):
            response = http.post(POSTS, json=create_body(caption=f"client {client_no} post {i}"))
            results.append((response.status_code, response.json()["data"]["id"]
                            if response.status_code == 200 else response.text))
    return results


def test_sixteen_clients_creating_forty_posts_each_lose_and_duplicate_nothing(
    tmp_path: Path,
) -> None:
    with serve_process(tmp_path / "db.json") as server:
        before = len(_all_posts(server.url))

        # When 16 clients each create 40 posts at once
        with ThreadPoolExecutor(CLIENTS) as pool:
            outcomes = [r for rs in pool.map(lambda n: _create_many(server.url, n),
                                             range(CLIENTS)) for r in rs]

        # Then every request succeeded and every post is there exactly once
        assert [status for status, _ in outcomes] == [200] * CLIENTS * POSTS_EACH
        posts = _all_posts(server.url)
        assert len(posts) == before + CLIENTS * POSTS_EACH
        created = [p for p in posts if (p["caption"] or "").startswith("client ")]
        assert sorted(p["caption"] for p in created) == sorted(
            f"client {c} post {i}" for c in range(CLIENTS) for i in range(POSTS_EACH)
        )
        assert len({p["id"] for p in created}) == CLIENTS * POSTS_EACH

    # And all of it is on disk: a restart finds the same posts
    with serve_process(tmp_path / "db.json") as again:
        assert len(_all_posts(again.url)) == before + CLIENTS * POSTS_EACH


def test_reads_during_writes_always_see_consistent_totals(tmp_path: Path) -> None:
    with serve_process(tmp_path / "db.json") as server:
        stop = threading.Event()
        problems: list[str] = []

        def read() -> None:
            with httpx.Client(base_url=server.url, headers=AUTH, timeout=30) as http:
                while not stop.is_set():
                    listed = http.get(POSTS, params={"status": "scheduled", "limit": 1000}).json()
                    stats = http.get(f"{POSTS}/stats", params={"status": "scheduled"}).json()
                    if listed["info"]["count"] != len(listed["data"]):
                        problems.append(f"count {listed['info']['count']} != rows")
                    del stats["type"]
                    # stats may be taken a moment later; they never count fewer posts
                    if sum(int(v) for v in stats.values()) < listed["info"]["total"]:
                        problems.append(f"stats {stats} behind list {listed['info']}")

        reader = threading.Thread(target=read)
        reader.start()
        with ThreadPoolExecutor(4) as pool:
            list(pool.map(lambda n: _create_many(server.url, n), range(4)))
        stop.set()
        reader.join()
        assert problems == []


def _write_until_stopped(url: str, label: str, stop: threading.Event,
                         acknowledged: list[str], lock: threading.Lock) -> None:
    """Create posts as fast as possible; record each acknowledged (200) one."""
    with httpx.Client(base_url=url, headers=AUTH, timeout=10) as http:
        n = 0
        while not stop.is_set():
            try:
                response = http.post(POSTS, json=create_body(caption=f"{label} #{n}"))
            except httpx.TransportError:
                return  # the server is gone: this write was never acknowledged
            if response.status_code == 200:
                with lock:
                    acknowledged.append(response.json()["data"]["id"])
            n += 1


def test_acknowledged_writes_survive_kill_9_three_times(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    acknowledged: list[str] = []
    lock = threading.Lock()
    for round_no in range(3):
        with serve_process(db) as server:
            stop = threading.Event()
            writers = [
                threading.Thread(target=_write_until_stopped, args=(
                    server.url, f"round {round_no} writer {w}", stop, acknowledged, lock))
                for w in range(4)
            ]
            for thread in writers:
                thread.start()
            time.sleep(0.6 + 0.3 * round_no)
            # When the server is killed mid-write
            server.kill_hard()
            stop.set()
            for thread in writers:
                thread.join()

        # Then it restarts on the same database, and every acknowledged write is there
        with serve_process(db) as restarted:
            ids = {p["id"] for p in _all_posts(restarted.url)}
        missing = [post_id for post_id in acknowledged if post_id not in ids]
        assert missing == [], f"round {round_no}: {len(missing)} acknowledged posts lost"
    assert len(acknowledged) > 30  # the test did write under load
    # and no temporary file of an interrupted write is left once the database was reopened
    assert sorted(p.name for p in tmp_path.glob(".db.json.*")) == []
