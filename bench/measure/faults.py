"""The cost of faults (issue 12), on mocks of --posts posts:

- the list with 10 fault rules that never match it (``createSocialPost`` answers 503) against
  none, for the same query (answered from the response cache, after the rules are checked);
- the list delayed by a ``delay_ms: 300`` rule on ``listSocialPosts``: sequential p50 and p99,
  against the same list without the rule (it should add the 300 ms and nothing else);
- ``serve --latency 50-300ms``: list p50 and p99 under load.
"""

from __future__ import annotations

import dataclasses
import json
import statistics
import time

import httpx

from bench.context import Bench
from bench.figures import fmt_int, fmt_ms, percentile
from bench.load.compare import Arm, Runs, best, interleave
from bench.load.queries import AUTH, LIST_PATH
from bench.processes import Server
from bench.report.cost import Cost
from bench.report.progress import log
from bench.report.report import Row
from bench.targets.control import add_fault, clear_faults, control_client, faults
from bench.targets.mock import data_note, start_mock

RULES = 10
NON_MATCHING = {"operation": "createSocialPost", "status": 503}
DELAY_MS = 300
DELAYED = 20  # sequential requests of the delayed list
UNDELAYED = 100  # sequential requests of the same list without the rule
LATENCY = "50-300ms"
FAULT_HEADER = "x-mock-fault"


def sequential_ms(server: Server, count: int) -> tuple[list[float], int]:
    """`count` list requests one after another (keep-alive), after 5 unmeasured ones: ms each,
    and how many answers a fault rule marked."""
    out: list[float] = []
    marked = 0
    server.settle()
    with httpx.Client(base_url=server.base, headers=AUTH, timeout=30.0) as client:
        for _ in range(5):
            client.get(LIST_PATH)
        for _ in range(count):
            t0 = time.perf_counter()
            response = client.get(LIST_PATH)
            out.append((time.perf_counter() - t0) * 1000)
            marked += FAULT_HEADER in response.headers
    return out, marked


def measure_faults(bench: Bench) -> None:
    n = bench.options.posts
    root = bench.workdir / "faults"
    root.mkdir()
    plain = start_mock(bench, f"mock (no fault rules, {n} posts)", root / "none.json", n)
    ruled = start_mock(bench, f"mock ({RULES} fault rules, {n} posts)", root / "rules.json", n)
    measure_rules(bench, plain, ruled)
    bench.servers.stop(ruled)
    measure_delay(bench, plain)
    bench.servers.stop(plain)
    measure_latency(bench)


def measure_rules(bench: Bench, plain: Server, ruled: Server) -> None:
    """The same list on a mock without rules and on one with RULES rules for creates. The
    rules are checked for every API request before the response cache answers, so the cached
    list (the cheapest request) is where they weigh the most."""
    options, report, n = bench.options, bench.report, bench.options.posts
    with control_client(ruled) as client:
        for _ in range(RULES):
            add_fault(client, NON_MATCHING)
    arms = [Arm("faults-none", plain, LIST_PATH), Arm("faults-rules", ruled, LIST_PATH)]
    runs = Runs(
        options.cost_rounds, options.connections, options.cost_duration, options.cost_warmup
    )
    log(f"faults: list under load, {RULES} non-matching rules against none")
    loads = interleave(bench.loadgen, arms, runs, log)
    with control_client(ruled) as client:
        matched = sum(int(rule["matched"]) for rule in faults(client))
    if matched:
        report.problems.append(f"the {RULES} fault rules for creates matched {matched} lists")
    size = len(httpx.get(plain.base + LIST_PATH, headers=AUTH, timeout=30).content)
    data = data_note(bench, n)
    rule = f"{RULES} × `{json.dumps(NON_MATCHING)}`"
    report.cost_rows.append(
        Row.best_of(
            f"mock, {n:,} posts, no fault rules, same query",
            loads["faults-none"],
            data,
            size,
            "faults-none",
        )
    )
    report.cost_rows.append(
        Row.best_of(
            f"mock, {n:,} posts, {RULES} fault rules matching no list, same query",
            loads["faults-rules"],
            "; ".join(x for x in (rule, data) if x),
            size,
            "faults-rules",
        )
    )
    report.costs.append(
        Cost.of_loads(
            f"{RULES} fault rules matching no list, list at {n:,} posts, same query",
            best(loads["faults-none"]),
            best(loads["faults-rules"]),
            note=f"the rules matched {matched} requests",
        )
    )
    report.raw["faults"] = {
        "matched": matched,
        "list": {key: [dataclasses.asdict(x) for x in value] for key, value in loads.items()},
    }


def measure_delay(bench: Bench, server: Server) -> None:
    """The same list, sequentially, without and then with a ``delay_ms`` rule."""
    log(f"faults: list p50 without, then with a delay_ms: {DELAY_MS} rule")
    with control_client(server) as client:
        clear_faults(client)
    normal, _ = sequential_ms(server, UNDELAYED)
    with control_client(server) as client:
        add_fault(client, {"operation": "listSocialPosts", "delay_ms": DELAY_MS})
    delayed, marked = sequential_ms(server, DELAYED)
    p50, base = statistics.median(delayed), statistics.median(normal)
    report = bench.report
    report.cost_others.append(
        (
            f"list answer delayed by a `delay_ms: {DELAY_MS}` fault rule, p50",
            fmt_ms(p50),
            f"{len(delayed)} sequential requests ({marked} marked `X-Mock-Fault`), p99 "
            f"{fmt_ms(percentile(delayed, 99))}; without the rule p50 {fmt_ms(base)} "
            f"({len(normal)} requests): the rule adds {fmt_ms(p50 - base)}",
        )
    )
    report.raw["delay"] = {"delayed_ms": delayed, "normal_ms": normal, "marked": marked}
    if marked != len(delayed):
        report.problems.append(
            f"the delay_ms rule marked {marked} of {len(delayed)} list answers with X-Mock-Fault"
        )


def measure_latency(bench: Bench) -> None:
    """One load run against a mock started with ``--latency``."""
    options, report, n = bench.options, bench.report, bench.options.posts
    db = bench.workdir / "faults" / "latency.json"
    server = start_mock(bench, f"mock (--latency {LATENCY})", db, n, ["--latency", LATENCY])
    log(f"faults: list under load with serve --latency {LATENCY}")
    loads = interleave(
        bench.loadgen,
        [Arm("latency", server, LIST_PATH)],
        Runs(1, options.connections, options.cost_duration, options.cost_warmup),
        log,
    )
    bench.servers.stop(server)
    label = f"mock, {n:,} posts, `serve --latency {LATENCY}`, same query"
    report.cost_rows.append(
        Row.best_of(label, loads["latency"], data_note(bench, n), None, "latency")
    )
    load = best(loads["latency"])
    if load:
        report.cost_others.append(
            (
                f"`serve --latency {LATENCY}`: list p50 under load",
                fmt_ms(load.p50_ms),
                f"p99 {fmt_ms(load.p99_ms)}, {fmt_int(load.rps)} req/s, {options.connections} "
                "connections; a delay drawn uniformly in 50–300 ms adds 175 ms at the median "
                "and 297.5 ms at p99, plus the list's own time",
            )
        )
    report.raw["latency"] = [dataclasses.asdict(x) for x in loads["latency"]]
