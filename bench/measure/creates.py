"""Durable creates: creates per second at --posts posts (POSTs of the document's
create-with-asset body), then kill -9 of the mock and a start on the same file, and whether
every acknowledged create is still there."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from bench.context import Bench
from bench.figures import fmt_int, fmt_ms, fmt_s
from bench.load.load import Load
from bench.load.queries import CREATE_BODY, CREATE_PATH, LUA_POST
from bench.processes import Server
from bench.report.progress import log
from bench.report.report import Ratio, Report
from bench.targets.mock import data_note, start_mock, stored_total


@dataclasses.dataclass(frozen=True)
class Creates:
    """The create run and what the list counted around it."""

    load: Load
    before: int | None  # the brand's live posts before the run
    gained: int | None  # how many more the list counted after it
    acked: int  # creates answered 2xx
    note: str  # the row's notes so far


def measure_creates(bench: Bench, server: Server) -> Creates:
    options, n = bench.options, bench.options.posts
    before = stored_total(server.base)
    log(
        f"durable creates: {bench.loadgen.label}, {options.create_connections} connections, "
        f"{options.duration:.0f} s"
    )
    body = json.dumps(CREATE_BODY)
    creates = bench.loadgen.run(
        server,
        path=CREATE_PATH,
        connections=options.create_connections,
        duration=options.duration,
        warmup=0,
        lua=LUA_POST.format(body=body),
        method="POST",
        body=body.encode(),
    )
    after = stored_total(server.base)
    log(f"  {creates.rps:,.0f} creates/s")
    acked = creates.requests - creates.non_2xx
    gained = (after - before) if after is not None and before is not None else None
    note = (
        f"{bench.loadgen.label}, {options.create_connections} connections, {creates.seconds:.0f} s"
    )
    note += f"; {acked:,} acknowledged, the list then counted {fmt_int(gained)} more posts"
    if creates.non_2xx or creates.errors:
        note += f"; **{creates.non_2xx} non-2xx, {creates.errors} socket errors**"
    if data_note(bench, n):
        note += "; " + data_note(bench, n)
    return Creates(load=creates, before=before, gained=gained, acked=acked, note=note)


def measure_recovery(bench: Bench, server: Server, db: Path, creates: Creates) -> None:
    """kill -9, start again on the same file: every acknowledged create must be there. Adds the
    create row (with this verdict) and the start-after-kill row."""
    report, n = bench.report, bench.options.posts
    before, acked = creates.before, creates.acked
    log("kill -9 of the mock, then a start on the same database")
    server.kill()
    bench.servers.stop(server)
    again = start_mock(bench, "mock (after kill -9)", db, None)
    kept = stored_total(again.base)
    bench.servers.stop(again)
    kept_gain = (kept - before) if kept is not None and before is not None else None
    if kept_gain is None:
        durable = "could not count the posts after the restart"
    elif kept_gain >= acked:
        durable = (
            f"after kill -9 and a restart ({fmt_s(again.ready_after)}) the db holds "
            f"{kept_gain:,} new posts ≥ {acked:,} acknowledged"
        )
    else:
        durable = (
            f"**after kill -9 and a restart the db holds {kept_gain:,} new posts, "
            f"fewer than the {acked:,} acknowledged: acknowledged writes were lost**"
        )
        report.problems.append(durable.strip("*"))
    load = creates.load
    report.others.append(
        (
            f"durable creates/s at {n:,} posts (create-with-asset body)",
            f"**{fmt_int(load.rps)}/s**, p50 {fmt_ms(load.p50_ms)}, p99 {fmt_ms(load.p99_ms)}",
            f"{creates.note}; {durable}",
        )
    )
    report.others.append(
        (
            "`serve` start to first 200 after a kill -9 (following the creates)",
            fmt_s(again.ready_after),
            "",
        )
    )
    report.raw["creates"] = dataclasses.asdict(load) | {
        "acknowledged": acked,
        "gained": creates.gained,
        "after_kill_restart": kept_gain,
        "start_after_kill_s": again.ready_after,
    }


def ratio(report: Report, load: Load | None, n: int) -> None:
    """Creates per second against the issue's target (when the create run happened)."""
    if load:
        report.ratios.append(
            Ratio(
                f"durable creates/s at {n:,} posts",
                load.rps,
                1.0,
                at_least=300,
                goal=1000,
                unit="/s",
            )
        )
