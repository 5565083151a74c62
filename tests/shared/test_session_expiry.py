"""A named session in use on one replica stays, whatever another replica's idle timer says."""

from __future__ import annotations

import time
from pathlib import Path

import httpx

from tests.conftest import AUTH, POSTS, create_body
from tests.shared.replicas import post_ids, replicas


def test_session_busy_on_one_replica_is_not_dropped_by_another_replica_where_it_is_idle(
    store_url: str, tmp_path: Path, http: httpx.Client
) -> None:
    with replicas(store_url, 2, tmp_path, "--session-ttl", "3s") as (a, b):
        qa = {**AUTH, "X-Mock-Session": "busy-on-b"}
        # Given a session first used on A, then used only on B, for longer than the TTL
        made = http.post(f"{a.url}{POSTS}", json=create_body(caption="kept"), headers=qa)
        assert made.status_code == 200, made.text
        post = made.json()["data"]["id"]
        until = time.monotonic() + 4.5
        while time.monotonic() < until:
            assert post in post_ids(http, b.url, headers=qa)
            time.sleep(0.3)
        # When A's sweeper has run meanwhile (every TTL/2: 1.5 s), idle as the session is on A;
        # (B records its use at most once a second: the session is idle under 3 s for B)
        assert http.get(f"{a.url}/_mock/clock").status_code == 200
        time.sleep(1.6)
        # Then the session B kept busy still holds its post
        assert post in post_ids(http, b.url, headers=qa)
