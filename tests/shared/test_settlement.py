"""Three replicas moving one clock at once publish each due post exactly once.

The replicas start with ``--generate-posts`` (about half of them scheduled over the 30 days after
the clock's start); three clients then advance the clock in small steps, each on its own replica,
all at once, until past the last due time. The settlement reports together name every post that
was due once, and no other.
"""

from __future__ import annotations

import threading
from collections import Counter
from pathlib import Path
from typing import Any

import httpx

from tests.conftest import AUTH, BRAND, OTHER_AUTH, OTHER_BRAND
from tests.shared.replicas import TIMEOUT, clock, list_posts, replicas

GENERATED = 2000
STEP = 2 * 3600  # seconds per advance


def scheduled(http: httpx.Client, url: str) -> dict[str, dict[str, Any]]:
    """Every scheduled post of both brands, by id."""
    found = {}
    for brand, auth in ((BRAND, AUTH), (OTHER_BRAND, OTHER_AUTH)):
        for post in list_posts(http, url, headers=auth, brand=brand, status="scheduled"):
            found[post["id"]] = post
    return found


def test_three_replicas_advancing_the_clock_at_once_publish_each_due_post_exactly_once(
    store_url: str, tmp_path: Path, http: httpx.Client
) -> None:
    with replicas(store_url, 3, tmp_path, "--generate-posts", str(GENERATED)) as started:
        urls = [replica.url for replica in started]
        due = scheduled(http, urls[0])
        assert len(due) > 900  # about half of the generated posts, plus the fixtures'
        last = max(post["due_at"] for post in due.values())
        reports: list[list[dict[str, Any]]] = [[] for _ in urls]
        refused: list[str] = []
        go = threading.Barrier(len(urls))

        def mover(number: int) -> None:
            with httpx.Client(timeout=TIMEOUT) as own:
                go.wait()
                while True:
                    answer = own.post(f"{urls[number]}/_mock/clock", json={"advance": STEP})
                    if answer.status_code != 200:
                        refused.append(f"{answer.status_code} {answer.text[:200]}")
                        return
                    reports[number].extend(answer.json()["transitions"])
                    if answer.json()["now"] > last:
                        return

        threads = [threading.Thread(target=mover, args=(n,)) for n in range(len(urls))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert not any(thread.is_alive() for thread in threads), "a clock mover hung"

        assert refused == []
        # Each replica settled some of them: the moves did interleave
        assert all(report for report in reports)
        settled = Counter(t["post"] for report in reports for t in report)
        assert [post for post, times in settled.items() if times > 1] == []
        assert set(settled) == set(due)
        assert sum(settled.values()) == len(due)
        # And every replica reads them all as executed, nothing left scheduled
        for url in urls:
            assert scheduled(http, url) == {}
            executed = {p["id"]: p for p in list_posts(http, url, status="executed")}
            executed |= {p["id"]: p for p in list_posts(http, url, headers=OTHER_AUTH,
                                                        brand=OTHER_BRAND, status="executed")}
            assert set(due) <= set(executed)
            assert all(executed[post]["executed_at"] is not None for post in due)
        assert clock(http, urls[0])["now"] == clock(http, urls[2])["now"]
