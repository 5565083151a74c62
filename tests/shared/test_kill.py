"""``kill -9`` of a replica under write load loses no acknowledged write.

Requests to the killed replica may fail (refused, cut): those were never acknowledged. Every
create answered 2xx, by either replica, before, during or after the kill, is listed afterwards.
"""

from __future__ import annotations

import time
from pathlib import Path

import httpx

from tests.conftest import AUTH, POSTS, create_body
from tests.shared.replicas import TIMEOUT, Background, Replica, post_ids, replicas

ROUNDS = 3
CLIENTS = 4


class Load(Background):
    """Clients creating posts on two replicas, alternately, until stopped."""

    def __init__(self, replicas: tuple[Replica, Replica]) -> None:
        super().__init__([(n,) for n in range(CLIENTS)])
        self.replicas = replicas
        self.acknowledged: dict[str, list[str]] = {r.url: [] for r in replicas}
        self.unanswered: dict[str, int] = {r.url: 0 for r in replicas}
        self.other: list[str] = []  # answers that were neither 200 nor a cut connection

    def run(self, number: int) -> None:
        n = 0
        while not self.stopped.is_set():
            url = self.replicas[(number + n) % 2].url
            n += 1
            try:
                with httpx.Client(timeout=TIMEOUT) as client:
                    answer = client.post(f"{url}{POSTS}", headers=AUTH,
                                         json=create_body(caption=f"load {number}/{n}"))
            except httpx.TransportError:
                self.unanswered[url] += 1  # the replica died under it: not acknowledged
                time.sleep(0.1)
                continue
            if answer.status_code == 200:
                self.acknowledged[url].append(answer.json()["data"]["id"])
            else:
                self.other.append(f"{url}: {answer.status_code} {answer.text[:200]}")


def test_acknowledged_creates_survive_three_kill_9s_of_a_replica_under_load(
    store_url: str, tmp_path: Path, http: httpx.Client
) -> None:
    with replicas(store_url, 2, tmp_path) as (a, b):
        before = set(post_ids(http, a.url))
        acknowledged: set[str] = set()
        for _ in range(ROUNDS):
            with Load((a, b)) as load:
                # Mid-load: B has acknowledged some creates and is being sent more
                deadline = time.monotonic() + 15
                while len(load.acknowledged[b.url]) < 5 and time.monotonic() < deadline:
                    time.sleep(0.05)
                acked_by_b_before_kill = len(load.acknowledged[b.url])
                b.kill_hard()  # mid-load: clients are sending to it right now
                time.sleep(0.3)
                b.start()  # on the same port, while the load goes on
                time.sleep(0.4)
            acknowledged |= {i for ids in load.acknowledged.values() for i in ids}
            # The load did hit B before the kill, and the survivor answered every request
            assert acked_by_b_before_kill > 0
            assert load.unanswered[a.url] == 0
            assert load.other == []
            # Then nothing acknowledged is missing, on either replica
            for replica in (a, b):
                missing = acknowledged - set(post_ids(http, replica.url))
                assert missing == set(), f"{len(missing)} acknowledged creates lost"
        listed = post_ids(http, a.url)
        assert len(listed) == len(set(listed))
        assert acknowledged <= set(listed) - before
