"""Start-up time: ``socialpost serve`` from spawn to the first 200 of /_mock/health, on a fresh
database (generating the posts) and again on the same file. (The start after a kill -9 is timed
by the durable-creates measure.)"""

from __future__ import annotations

from pathlib import Path

from bench.context import Bench
from bench.figures import fmt_bytes, fmt_s
from bench.processes import Server
from bench.targets.mock import data_note, start_mock, stored_total


def measure_startup(bench: Bench, db: Path, n: int) -> tuple[Server, int | None]:
    """Both starts, as report rows; the mock of the second start, still running, and the live
    posts the first one held."""
    report = bench.report
    # 1. start on a fresh database: the posts are generated
    fresh = start_mock(bench, f"mock (fresh db, {n} posts)", db, n)
    total = stored_total(fresh.base)
    bench.servers.stop(fresh)
    report.raw["start_fresh_s"] = fresh.ready_after
    report.raw["stored_posts"] = total
    note = data_note(bench, n) or (
        f"{total:,} live posts of the brand" if total is not None else ""
    )
    report.others.append(
        (
            f"`serve` start to first 200, fresh db ({n:,} posts generated)",
            fmt_s(fresh.ready_after),
            note,
        )
    )
    # 2. start again on the same file
    server = start_mock(bench, "mock (existing db)", db, None)
    report.raw["start_existing_s"] = server.ready_after
    files = sorted(f for f in db.parent.iterdir() if f.is_file())
    size = sum(f.stat().st_size for f in files)
    report.others.append(
        (
            f"`serve` start to first 200, existing {n:,}-post db",
            fmt_s(server.ready_after),
            f"database files {fmt_bytes(size)} ({', '.join(f.name for f in files)})",
        )
    )
    report.raw["db_bytes"] = size
    return server, total
