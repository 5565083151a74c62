"""Concurrent creates on two replicas: every acknowledged post is listed once, none is lost, and
each request is in the shared journal once (inserted together with those finishing with it)."""

from __future__ import annotations

import threading
from collections import Counter
from pathlib import Path

import httpx

from tests.conftest import AUTH, POSTS, create_body
from tests.shared.replicas import TIMEOUT, post_ids, replicas, run_all

CLIENTS = 16
CREATES = 40


def test_sixteen_clients_creating_on_two_replicas_at_once_lose_and_duplicate_nothing(
    store_url: str, tmp_path: Path, http: httpx.Client
) -> None:
    with replicas(store_url, 2, tmp_path) as (a, b):
        before = set(post_ids(http, a.url))
        acknowledged: list[str] = []
        refused: list[str] = []
        go = threading.Barrier(CLIENTS)

        def client(number: int) -> None:
            with httpx.Client(timeout=TIMEOUT) as own:
                go.wait()
                for n in range(CREATES):
                    url = (a, b)[(number + n) % 2].url  # alternating replicas
                    body = create_body(caption=f"client {number} post {n}")
                    answer = own.post(f"{url}{POSTS}", json=body, headers=AUTH)
                    if answer.status_code == 200:
                        acknowledged.append(answer.json()["data"]["id"])
                    else:
                        refused.append(f"{answer.status_code} {answer.text[:200]}")

        run_all(client, CLIENTS)

        assert refused == []
        assert len(acknowledged) == len(set(acknowledged)) == CLIENTS * CREATES
        for replica in (a, b):
            listed = post_ids(http, replica.url)
            duplicated = [i for i, times in Counter(listed).items() if times > 1]
            assert duplicated == []
            assert set(listed) - before == set(acknowledged)
            assert len(listed) == len(before) + CLIENTS * CREATES

        # The journal both replicas share holds each create once, whichever replica took it
        journal = http.get(f"{a.url}/_mock/requests",
                           params={"operation": "createSocialPost", "limit": 10_000}).json()
        created = [entry for entry in journal["data"] if entry["status"] == 200]
        assert len(created) == CLIENTS * CREATES
        assert len({entry["id"] for entry in created}) == CLIENTS * CREATES
        count = http.get(f"{b.url}/_mock/requests/count", params={"operation": "createSocialPost"})
        assert count.json()["count"] == CLIENTS * CREATES
