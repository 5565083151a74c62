"""The stores side by side (issue 14): the uncached list and durable creates at --posts posts on
the embedded TinyDB store, on PostgreSQL with one process and on PostgreSQL with
``--workers 2``. The list runs interleave (every server running at once, measured in turn);
the create runs follow, one store after the other, each checked against what the list counts.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json

import httpx

from bench.context import Bench
from bench.figures import fmt_int
from bench.load.compare import Arm, Runs, best, interleave
from bench.load.load import Load
from bench.load.queries import AUTH, CREATE_BODY, CREATE_PATH, LIST_PATH, LUA_POST, Variation
from bench.processes import Server
from bench.report.progress import log
from bench.report.report import Row
from bench.targets.mock import start_mock, stored_total
from bench.targets.postgres import (
    bench_database_name,
    has_store_option,
    scratch_database,
    start_shared,
)

WORKERS = 2


@dataclasses.dataclass(frozen=True)
class Store:
    key: str
    label: str
    server: Server


def measure_stores(bench: Bench) -> None:
    n = bench.options.posts
    with contextlib.ExitStack() as stack:
        root = bench.workdir / "stores"
        root.mkdir()
        stores = [Store("tinydb", f"TinyDB (embedded, `--db`), {n:,} posts",
                        start_mock(bench, "mock (TinyDB)", root / "db.json", n))]
        stores += _postgres_stores(bench, stack)
        _list(bench, stores)
        for store in stores:
            _creates(bench, store)
        for store in stores:
            bench.servers.stop(store.server)


def _postgres_stores(bench: Bench, stack: contextlib.ExitStack) -> list[Store]:
    """The PostgreSQL mocks, each on a database of its own; none (and a note) if skipped."""
    options, report, n = bench.options, bench.report, bench.options.posts
    if options.skip_postgresql:
        report.store_notes.append("PostgreSQL rows skipped (--skip-postgresql)")
        return []
    try:
        if not has_store_option(bench.cmd):
            raise RuntimeError("`socialpost serve --store` does not exist yet")
        stores = []
        for i, workers in enumerate((1, WORKERS), start=1):
            url = stack.enter_context(scratch_database(options.pg_url, bench_database_name(i)))
            what = "one process" if workers == 1 else f"`--workers {workers}`"
            server = start_shared(bench, f"mock (PostgreSQL, {what})", url, n, workers)
            stores.append(Store(f"postgresql-{workers}",
                                f"PostgreSQL (`--store`), {what}, {n:,} posts", server))
        return stores
    except Exception as exc:  # the TinyDB row still counts
        why = f"{type(exc).__name__}: {str(exc).splitlines()[0][:300]}" if str(exc) else repr(exc)
        log(f"PostgreSQL rows skipped: {why}")
        report.store_notes.append(f"PostgreSQL rows skipped: {why}")
        report.problems.append(f"PostgreSQL rows skipped: {why}")
        return []


def _list(bench: Bench, stores: list[Store]) -> None:
    """The uncached list (unique queries) on every store, interleaved, the best round kept."""
    options, report = bench.options, bench.report
    stored = {s.key: stored_total(s.server.base) for s in stores}
    arms = [Arm(s.key, s.server, LIST_PATH,
                Variation("unique", span=max(1, (stored[s.key] or options.posts) - 49),
                          reorder=6))
            for s in stores]
    runs = Runs(options.cost_rounds, options.connections, options.cost_duration,
                options.cost_warmup)
    log(f"stores: the uncached list under load, {len(arms)} stores, {runs.rounds} round(s)")
    loads = interleave(bench.loadgen, arms, runs, log)
    size = len(httpx.get(stores[0].server.base + LIST_PATH, headers=AUTH, timeout=30).content)
    for store in stores:
        note = f"unique queries; {fmt_int(stored[store.key])} live posts of the brand"
        report.store_rows.append(Row.best_of(f"{store.label}: list, unique queries",
                                             loads[store.key], note, size, store.key))
        chosen = best(loads[store.key])
        report.raw[f"stores_{store.key}_list"] = dataclasses.asdict(chosen) if chosen else None


def _creates(bench: Bench, store: Store) -> None:
    """Durable creates for --duration seconds; the list must then count every one answered."""
    options, report = bench.options, bench.report
    before = stored_total(store.server.base)
    log(f"stores: durable creates on {store.key}, {options.create_connections} connections")
    body = json.dumps(CREATE_BODY)
    load: Load = bench.loadgen.run(
        store.server, path=CREATE_PATH, connections=options.create_connections,
        duration=options.duration, warmup=0, lua=LUA_POST.format(body=body), method="POST",
        body=body.encode(),
    )
    after = stored_total(store.server.base)
    acked = load.requests - load.non_2xx
    gained = after - before if after is not None and before is not None else None
    note = f"{acked:,} acknowledged, the list then counted {fmt_int(gained)} more posts"
    if gained is None or gained < acked:
        note = f"**{note}**"
        report.problems.append(f"{store.label}: {note.strip('*')}: acknowledged creates lost")
    report.store_rows.append(Row(f"{store.label}: durable creates", load, note=note,
                                 key=f"{store.key}-creates"))
    report.raw[f"stores_{store.key}_creates"] = dataclasses.asdict(load) | {
        "acknowledged": acked, "gained": gained}
