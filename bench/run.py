"""One benchmark run: the measurements of the parts asked for, in order (each failure recorded,
the others kept), then the ratios and the machine's load, into the report."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable

from bench.context import Bench
from bench.load.load import Load
from bench.measure.conform import measure_conform
from bench.measure.creates import measure_creates, measure_recovery
from bench.measure.creates import ratio as creates_ratio
from bench.measure.faults import measure_faults
from bench.measure.journal import measure_journal
from bench.measure.latency import (
    SMALL_POSTS,
    Sequential,
    measure_sequential,
    measure_small,
    summarise,
)
from bench.measure.proxy import measure_proxy
from bench.measure.sessions import measure_sessions
from bench.measure.startup import measure_startup
from bench.measure.stores import measure_stores
from bench.measure.throughput import measure_list
from bench.measure.throughput import ratios as throughput_ratios
from bench.report.machine import machine_info
from bench.report.progress import log
from bench.report.report import Report
from bench.targets.bare import fetch_list_response


@dataclasses.dataclass
class Results:
    """What the final ratios need from the steps (None when a step failed before it)."""

    seq_large: Sequential | None = None
    seq_small: Sequential | None = None
    creates: Load | None = None


def mock_large(bench: Bench, results: Results) -> None:
    """Everything measured on the mock at --posts posts, on one database file, in this order:
    start-up, sequential p50 (before any other request), list throughput, durable creates."""
    n = bench.options.posts
    db = bench.workdir / "large" / "db.json"
    db.parent.mkdir()
    server, stored = measure_startup(bench, db, n)
    listed = fetch_list_response(bench, server)  # the response the bare app will serve
    results.seq_large = measure_sequential(bench, server, n)
    measure_list(bench, server, listed, stored)
    creates = measure_creates(bench, server)
    results.creates = creates.load
    measure_recovery(bench, server, db, creates)


def mock_small(bench: Bench, results: Results) -> None:
    results.seq_small = measure_small(bench)


def run(bench: Bench) -> Report:
    report = bench.report
    report.machine = machine_info(bench.loadgen)
    load_start = os.getloadavg()
    report.raw["loadavg_start"] = load_start
    n = bench.options.posts
    if not bench.generate:
        msg = (
            f"`socialpost serve --generate-posts` does not exist yet: every mock below holds "
            f"the fixtures only, not {n:,} / {SMALL_POSTS} posts"
        )
        log(msg)
        report.problems.append(msg)
    if not bench.loadgen.wrk:
        msg = (
            "wrk is not installed (Debian: `apt-get install wrk`): load rows come from the "
            "Python load generator (httpx + asyncio, one process), which saturates well "
            "below the servers; they are not comparable with wrk figures"
        )
        log(msg)
        report.problems.append(msg)
    report.raw["posts"] = n
    report.raw["generate_posts_available"] = bench.generate
    report.raw["load_generator"] = bench.loadgen.label

    results = Results()
    steps: list[tuple[str, str, Callable[[Bench, Results], None]]] = [
        ("main", "mock at N posts", mock_large),
        ("small", "mock at 100 posts", mock_small),
        ("stores", "stores", lambda bench, _results: measure_stores(bench)),
        ("sessions", "sessions", lambda bench, _results: measure_sessions(bench)),
        ("journal", "journal", lambda bench, _results: measure_journal(bench)),
        ("faults", "faults", lambda bench, _results: measure_faults(bench)),
        ("proxy", "proxy", lambda bench, _results: measure_proxy(bench)),
        ("conform", "conform", lambda bench, _results: measure_conform(bench)),
    ]
    report.raw["parts"] = list(bench.options.parts)
    for part, name, step in steps:
        if part not in bench.options.parts:
            continue
        try:
            step(bench, results)
        except Exception as exc:  # one failing part must not lose the others
            msg = f"{name}: {type(exc).__name__}: {exc}"
            log("FAILED " + msg)
            report.problems.append(msg.splitlines()[0][:500])
        finally:
            bench.servers.stop_all()
    if "main" in bench.options.parts:
        throughput_ratios(report)
    summarise(report, results.seq_large, results.seq_small, n)
    creates_ratio(report, results.creates, n)
    report.raw["sequential_large"] = _asdict(results.seq_large)
    report.raw["sequential_small"] = _asdict(results.seq_small)
    report.raw["ratios"] = [dataclasses.asdict(r) for r in report.ratios]
    load_end = os.getloadavg()
    report.raw["loadavg_end"] = load_end
    report.machine.append(
        (
            "load average (1 min)",
            f"{load_start[0]:.2f} at the start, {load_end[0]:.2f} at the end",
        )
    )
    cpus = os.cpu_count() or 1
    if load_start[0] > 0.5 * cpus:
        report.problems.append(
            f"the machine was busy before the run started (load average {load_start[0]:.1f} on "
            f"{cpus} CPUs): other processes competed with the servers and the load generator, "
            "so every figure is lower than on an idle machine (compare ratios rather than "
            "figures, and rerun on an idle machine for the README)"
        )
    return report


def _asdict(result: Sequential | None) -> dict[str, object] | None:
    return dataclasses.asdict(result) if result else None
