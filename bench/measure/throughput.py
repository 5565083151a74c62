"""List throughput under load: the mock (same URL, `start` 0..49, unique queries), the bare
Starlette app and Prism, all running at once and measured in turn, --rounds times; each row
keeps the round with the median req/s. Then the mock's ratios to Prism and to the bare app."""

from __future__ import annotations

import dataclasses

import httpx

from bench.context import Bench
from bench.figures import fmt_int
from bench.load.load import Load
from bench.load.queries import AUTH, LIST_PATH, SAME, SEQ_UNIQUE, Variation
from bench.processes import Server, run_text
from bench.report.progress import log
from bench.report.report import Ratio, Report, Row
from bench.targets.bare import ListResponse, start_bare
from bench.targets.mock import data_note
from bench.targets.prism import start_prism

# the order of the rows in the report
ROW_ORDER = ["mock", "mock-start50", "mock-unique", "bare", "prism"]


@dataclasses.dataclass(frozen=True)
class Target:
    """A server under load and how its row reads."""

    key: str  # one of ROW_ORDER
    label: str
    server: Server
    vary: Variation
    size: int  # bytes of its list response
    note: str


def measure_list(bench: Bench, mock: Server, listed: ListResponse, stored: int | None) -> None:
    """Interleaving keeps every target's runs in the same stretch of time, so that what else
    the machine does weighs on all of them alike."""
    options, report, n = bench.options, bench.report, bench.options.posts
    data = data_note(bench, n)
    size = len(listed.body)
    targets = [Target("mock", f"socialpost mock, {n:,} posts", mock, SAME, size, data)]
    try:
        bare: Server | None = start_bare(bench, listed)
    except Exception as exc:  # the other rows still count
        bare = None
        report.problems.append(f"bare Starlette: {type(exc).__name__}: {exc}"[:500])
    try:
        prism, prism_label, prism_why = start_prism(bench)
    except Exception as exc:
        prism, prism_label = None, "Prism 5 mock of openapi.yaml, `-v error`"
        prism_why = f"{type(exc).__name__}: {str(exc).splitlines()[0][:300]}"
    if bare:
        note = "uvicorn, 1 worker, same bytes and content-type; access log " + (
            "on, as the mock's" if listed.access_log else "off, as the mock's"
        )
        label = "bare Starlette, fixed bytes (the practical limit)"
        targets.append(Target("bare", label, bare, SAME, size, note))
    start50 = Variation("start50")
    label = f"socialpost mock, {n:,} posts, varied queries (`start` 0..49 in turn)"
    note = "; ".join(
        x for x in ("50 distinct URLs: a response cache answers all but 50", data) if x
    )
    targets.append(Target("mock-start50", label, mock, start50, size, note))
    if prism:  # measured just before the unique queries: the pair the paired ratio compares
        prism_size = len(httpx.get(prism.base + LIST_PATH, headers=AUTH, timeout=30).content)
        note = f"node {run_text(['node', '--version'])}"
        targets.append(Target("prism", prism_label, prism, SAME, prism_size, note))
    unique = Variation("unique", span=max(1, (stored or n) - 49), offset=SEQ_UNIQUE.distinct,
                       reorder=6)
    note = (
        f"`start` 0..{unique.span - 1} then the next of 8 `order`s, then the associations "
        f"in the next of {unique.reorder} orders: "
        f"{unique.distinct:,} distinct URLs"
    )
    label = f"socialpost mock, {n:,} posts, unique queries"
    targets.append(Target("mock-unique", label, mock, unique, size, note))

    runs: dict[str, list[Load]] = {target.key: [] for target in targets}
    used = SEQ_UNIQUE.distinct  # unique URLs already requested
    log(
        f"list under load: {bench.loadgen.label}, {options.connections} connections, "
        f"{options.duration:.0f} s after {options.warmup:.0f} s warm-up, {len(targets)} targets, "
        f"{options.rounds} round(s)"
    )
    for round_ in range(options.rounds):
        for target in targets:
            vary = target.vary
            if vary.kind == "unique":
                vary = dataclasses.replace(vary, offset=used)
            load = bench.loadgen.run(
                target.server,
                path=LIST_PATH,
                connections=options.connections,
                duration=options.duration,
                warmup=options.warmup,
                vary=vary,
            )
            if vary.kind == "unique":
                used += load.requests + options.connections
            runs[target.key].append(load)
            log(f"  round {round_ + 1}, {target.key}: {fmt_int(load.rps)} req/s")
    for target in sorted(targets, key=lambda t: ROW_ORDER.index(t.key)):
        loads = sorted(runs[target.key], key=lambda x: x.rps or 0.0)
        chosen = loads[len(loads) // 2]
        notes = [target.note] if target.note else []
        if target.vary.kind == "unique" and used > target.vary.distinct:
            notes.append(f"**{used - SEQ_UNIQUE.distinct:,} requests: some URLs repeated**")
        if len(loads) > 1:
            notes.insert(
                0,
                f"median of {len(loads)} rounds "
                f"({fmt_int(loads[0].rps)}–{fmt_int(loads[-1].rps)} req/s)",
            )
        report.throughput.append(
            Row(target.label, chosen, bytes_=target.size, note="; ".join(notes), key=target.key)
        )
        report.raw[f"list_{target.key}"] = [dataclasses.asdict(x) for x in runs[target.key]]
    if not prism:
        report.throughput.append(Row(prism_label, note=f"skipped: {prism_why}", key="prism"))
        if not options.skip_prism:
            report.problems.append(f"Prism skipped: {prism_why}")
    for extra in (bare, prism):
        if extra:
            bench.servers.stop(extra)


def paired(report: Report, key: str, other: str) -> float | None:
    """The median over rounds of ``key``'s req/s over ``other``'s in the same round.

    On a shared virtual machine whose speed drifts by tens of percent within minutes, two runs
    made one after the other see nearly the same machine, while the medians of each target's
    rounds may come from different stretches of time: each round's ratio cancels the drift.
    """
    ours, theirs = report.raw.get(f"list_{key}") or [], report.raw.get(f"list_{other}") or []
    found: list[float] = sorted(a["rps"] / b["rps"] for a, b in zip(ours, theirs, strict=False)
                                if a.get("rps") and b.get("rps"))
    if not found:
        return None
    middle = len(found) // 2
    return found[middle] if len(found) % 2 else (found[middle - 1] + found[middle]) / 2


def ratios(report: Report) -> None:
    """The mock's req/s against Prism's and against the bare app's (the issue's targets)."""

    def rps(key: str) -> float | None:
        row = next((r for r in report.throughput if r.key == key and r.load), None)
        return row.load.rps if row and row.load else None

    bare, prism = rps("bare"), rps("prism")
    mocks = (
        ("mock", "mock"),
        ("mock-start50", "mock, `start` 0..49"),
        ("mock-unique", "mock, unique queries"),
    )
    for key, name in mocks:
        report.ratios.append(
            Ratio(f"{name} / Prism, req/s", rps(key), prism, at_least=1.5, goal=2.0)
        )
    each_round = paired(report, "mock-unique", "prism")
    if each_round is not None:
        report.ratios.append(
            Ratio("mock, unique queries / Prism, req/s, paired (median of each round's ratio)",
                  each_round, 1.0, at_least=1.5, goal=2.0)
        )
    for key, name in mocks:
        report.ratios.append(Ratio(f"{name} / bare Starlette, req/s", rps(key), bare, goal=0.35))
