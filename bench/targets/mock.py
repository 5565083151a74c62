"""The socialpost mock as a benchmark target: started on a database file (generating posts on
a fresh one), and asked how many posts it holds."""

from __future__ import annotations

import contextlib
from pathlib import Path

import httpx

from bench.context import Bench
from bench.load.queries import AUTH, BRAND, HEALTH_PATH
from bench.processes import Server, free_port
from bench.report.progress import log


def start_mock(
    bench: Bench, name: str, db: Path, posts: int | None, flags: list[str] | None = None
) -> Server:
    """`socialpost serve` on db, generating `posts` posts when given, with more `flags`
    (``--journal-size 0``); ready when it answers."""
    port = free_port()
    cmd = bench.cmd + ["serve", "--db", str(db), "--port", str(port), *bench.log_flags,
                       *(flags or [])]
    if posts is not None and bench.generate:
        cmd[len(bench.cmd) + 1 : len(bench.cmd) + 1] = ["--generate-posts", str(posts)]
    log(f"starting {name}: {' '.join(cmd[len(bench.cmd) - 1 :])}")
    server = bench.servers.spawn(name, cmd, port)
    server.wait_ready(HEALTH_PATH, timeout=bench.options.start_timeout)
    log(f"  {name} answered 200 after {server.ready_after:.2f} s")
    return server


def data_note(bench: Bench, posts: int) -> str:
    """Why a mock holds fewer posts than asked for, or ''."""
    if bench.generate:
        return ""
    return f"`serve --generate-posts` does not exist yet: the fixtures only, not {posts:,} posts"


def stored_total(base: str) -> int | None:
    """The brand's live posts (info.total of status=any), or None when the answer has none."""
    with contextlib.suppress(httpx.HTTPError, ValueError, KeyError, TypeError):
        response = httpx.get(
            base + f"/brands/{BRAND}/social-posts?status=any&limit=1", headers=AUTH, timeout=30
        )
        return int(response.json()["info"]["total"])
    return None
