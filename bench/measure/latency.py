"""List p50 at --posts posts against 100 posts: sequential requests (keep-alive, measured
client-side) on a server that has answered nothing else yet, for the same query and for 400
unique queries (the same URLs at both sizes)."""

from __future__ import annotations

import dataclasses
import statistics
import time

import httpx

from bench.context import Bench
from bench.figures import fmt_ms, percentile
from bench.load.load import Load
from bench.load.queries import AUTH, LIST_PATH, SAME, SEQ_UNIQUE, Variation
from bench.processes import Server
from bench.report.progress import log
from bench.report.report import Ratio, Report
from bench.targets.mock import start_mock, stored_total

SMALL_POSTS = 100


@dataclasses.dataclass(frozen=True)
class Sequential:
    """The sequential list latencies at one database size (ms)."""

    count: int
    varied_count: int
    p50_ms: float | None
    p99_ms: float | None
    varied_p50_ms: float | None
    varied_p99_ms: float | None
    non_200: int
    stored: int | None
    distinct: int
    # The same requests timed by wrk on one connection (None without wrk): the server's
    # latency without the Python client's own (httpx reading 121 KiB costs it ~1 ms).
    wrk_same: Load | None = None
    wrk_varied: Load | None = None


def sequential_latencies(
    server: Server, path: str, count: int, time_budget: float, vary: Variation = SAME
) -> tuple[list[float], int]:
    """`count` requests one after another (keep-alive), after 20 unmeasured ones; ms each and
    the number of non-200 answers. Stops early when time_budget seconds have passed."""
    out: list[float] = []
    bad = 0
    deadline = time.perf_counter() + time_budget
    server.settle()
    with httpx.Client(base_url=server.base, headers=AUTH, timeout=30.0) as client:
        for _ in range(20):
            client.get(path)
        for i in range(count):
            if time.perf_counter() > deadline:
                break
            url = vary.path(path, i)
            t0 = time.perf_counter()
            response = client.get(url)
            out.append((time.perf_counter() - t0) * 1000)
            if response.status_code != 200:
                bad += 1
    return out, bad


def measure_sequential(bench: Bench, server: Server, n: int, by_wrk: bool = True) -> Sequential:
    """Same query, then unique queries (URLs 0..count-1 of SEQ_UNIQUE; a later load run uses
    the ones after them)."""
    count = bench.options.sequential
    budget = bench.options.duration * 6
    stored = stored_total(server.base)
    # the same URLs at both sizes: start 0..49 (a full page at 100 posts too) x 8 orders
    unique = SEQ_UNIQUE
    log(f"list p50 at {n:,} posts: {count} sequential requests, same query and unique queries")
    same, bad_same = sequential_latencies(server, LIST_PATH, count, budget)
    varied, bad_varied = sequential_latencies(
        server, LIST_PATH, min(count, unique.distinct), budget, vary=unique
    )
    # Then wrk, one connection: the same query, and the same unique URLs a second time (no
    # response cache answers them yet: an answer is kept the second time it is asked for).
    wrk_budget = 5.0
    wrk_same = wrk_varied = None
    if by_wrk:
        wrk_same = bench.loadgen.sequential(server, LIST_PATH, count, wrk_budget)
        wrk_varied = bench.loadgen.sequential(server, LIST_PATH, min(count, unique.distinct),
                                              wrk_budget, vary=unique)
    result = Sequential(
        wrk_same=wrk_same,
        wrk_varied=wrk_varied,
        count=len(same),
        varied_count=len(varied),
        p50_ms=statistics.median(same) if same else None,
        p99_ms=percentile(same, 99) if same else None,
        varied_p50_ms=statistics.median(varied) if varied else None,
        varied_p99_ms=percentile(varied, 99) if varied else None,
        non_200=bad_same + bad_varied,
        stored=stored,
        distinct=unique.distinct,
    )
    log(f"  p50 {fmt_ms(result.p50_ms)}, unique {fmt_ms(result.varied_p50_ms)}")
    if wrk_same and wrk_varied:
        log(f"  wrk, one connection: p50 {fmt_ms(wrk_same.p50_ms)}, "
            f"unique {fmt_ms(wrk_varied.p50_ms)}")
    return result


def measure_small(bench: Bench) -> Sequential:
    """The sequential latencies on a fresh mock of SMALL_POSTS posts."""
    db = bench.workdir / "small" / "db.json"
    db.parent.mkdir()
    server = start_mock(bench, f"mock ({SMALL_POSTS} posts)", db, SMALL_POSTS)
    result = measure_sequential(bench, server, SMALL_POSTS, by_wrk=False)
    bench.servers.stop(server)
    return result


def summarise(report: Report, large: Sequential | None, small: Sequential | None, n: int) -> None:
    """The p50 rows of what was measured and, with both sizes, their ratios."""
    if large:
        report.others.append(
            (
                f"list p50 at {n:,} posts, sequential, same query",
                fmt_ms(large.p50_ms),
                f"{large.count} requests, p99 {fmt_ms(large.p99_ms)}",
            )
        )
        report.others.append(
            (
                f"list p50 at {n:,} posts, sequential, unique queries",
                fmt_ms(large.varied_p50_ms),
                f"{large.varied_count} requests (`start` 0..49 × 8 `order`s, no repeat), "
                f"p99 {fmt_ms(large.varied_p99_ms)}",
            )
        )
        for load, what in ((large.wrk_same, "same query"), (large.wrk_varied, "unique queries")):
            if load is not None:
                report.others.append(
                    (
                        f"list p50 at {n:,} posts, sequential, {what}, timed by wrk",
                        fmt_ms(load.p50_ms),
                        f"{load.requests} requests on one connection"
                        + (", the unique URLs above asked a second time (uncached: an answer"
                           " is kept the second time)" if what == "unique queries" else "")
                        + f", p99 {fmt_ms(load.p99_ms)}; the server's latency, without the"
                        " Python client's own",
                    )
                )
    if small:
        stored = small.stored
        report.others.append(
            (
                f"list p50 at {SMALL_POSTS} posts, sequential, same query",
                fmt_ms(small.p50_ms),
                f"{small.count} requests, p99 {fmt_ms(small.p99_ms)}"
                + (f"; {stored:,} live posts of the brand" if stored else ""),
            )
        )
        report.others.append(
            (
                f"list p50 at {SMALL_POSTS} posts, sequential, unique queries",
                fmt_ms(small.varied_p50_ms),
                f"{small.varied_count} requests, the same URLs, p99 {fmt_ms(small.varied_p99_ms)}",
            )
        )
    if large and small:
        report.ratios.append(
            Ratio(
                f"list p50 at {n:,} / at {SMALL_POSTS} posts, same query",
                large.p50_ms,
                small.p50_ms,
                at_most=2.0,
            )
        )
        report.ratios.append(
            Ratio(
                f"list p50 at {n:,} / at {SMALL_POSTS} posts, unique queries",
                large.varied_p50_ms,
                small.varied_p50_ms,
                at_most=2.0,
            )
        )
        if large.non_200 or small.non_200:
            report.problems.append("some sequential list requests did not answer 200")
