"""The cost of the request journal (issue 12: recording costs the list benchmark at most 10 %):
the list at --posts posts on a mock with ``--journal-size 10000`` (the default) against one with
``--journal-size 0``, for the same query and unique queries; and both mocks' RSS afterwards."""

from __future__ import annotations

import dataclasses

import httpx

from bench.context import Bench
from bench.figures import fmt_bytes
from bench.load.compare import Arm, Runs, best, interleave
from bench.load.queries import AUTH, LIST_PATH, Variation
from bench.report.cost import Cost
from bench.report.progress import log
from bench.report.report import Row
from bench.targets.mock import data_note, start_mock, stored_total

JOURNAL_SIZE = 10_000  # serve's default
TARGET_PERCENT = 10.0


def measure_journal(bench: Bench) -> None:
    options, report, n = bench.options, bench.report, bench.options.posts
    root = bench.workdir / "journal"
    root.mkdir()
    on = start_mock(bench, f"mock (journal on, {n} posts)", root / "on.json", n)
    off = start_mock(
        bench, f"mock (journal off, {n} posts)", root / "off.json", n, ["--journal-size", "0"]
    )
    stored = stored_total(on.base)
    unique = Variation("unique", span=max(1, (stored or n) - 49), reorder=6)
    arms = [
        Arm("journal-on-same", on, LIST_PATH),
        Arm("journal-off-same", off, LIST_PATH),
        Arm("journal-on-unique", on, LIST_PATH, unique),
        Arm("journal-off-unique", off, LIST_PATH, unique),
    ]
    runs = Runs(
        options.cost_rounds, options.connections, options.cost_duration, options.cost_warmup
    )
    log(f"journal: list under load, on against off, {options.cost_rounds} round(s)")
    loads = interleave(bench.loadgen, arms, runs, log)
    size = len(httpx.get(on.base + LIST_PATH, headers=AUTH, timeout=30).content)
    data = data_note(bench, n)
    labels = {
        "journal-on": f"mock, {n:,} posts, journal on (`--journal-size {JOURNAL_SIZE}`)",
        "journal-off": f"mock, {n:,} posts, journal off (`--journal-size 0`)",
    }
    for arm in arms:
        which, query = arm.key.rsplit("-", 1)
        label = f"{labels[which]}, {'same query' if query == 'same' else 'unique queries'}"
        report.cost_rows.append(Row.best_of(label, loads[arm.key], data, size, arm.key))
    for query, name in (("same", "same query"), ("unique", "unique queries")):
        report.costs.append(
            Cost.of_loads(
                f"the journal (`--journal-size {JOURNAL_SIZE}` against 0), list at {n:,} posts, "
                f"{name}",
                best(loads[f"journal-off-{query}"]),
                best(loads[f"journal-on-{query}"]),
                at_most=TARGET_PERCENT,
            )
        )
    rss_on, rss_off = on.rss_bytes(), off.rss_bytes()
    report.cost_others.append(
        (
            "RSS of the mock after the journal's list runs, journal on / off",
            f"{fmt_bytes(rss_on)} / {fmt_bytes(rss_off)}",
            f"the journal keeps the last {JOURNAL_SIZE:,} requests, their bodies by reference "
            "(within a byte budget)",
        )
    )
    report.raw["journal"] = {
        "rss_on": rss_on,
        "rss_off": rss_off,
        "list": {key: [dataclasses.asdict(x) for x in value] for key, value in loads.items()},
    }
    bench.servers.stop(on)
    bench.servers.stop(off)
