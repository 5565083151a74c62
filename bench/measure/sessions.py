"""The cost of sessions (issue 12), on mocks of the fixtures (what a named session starts from):

- creating one: the first request naming a new ``X-Mock-Session`` (``GET /_mock/clock``) and
  ``POST /_mock/sessions``, p50 and p99 of sequential creations, client-side;
- memory per session: the mock's RSS before and after creating --sessions sessions, divided by
  their number; then the same with --busy-sessions of the ``busy`` scenario;
- list req/s on a mock without named sessions against one holding --live-sessions of them, in
  its default session and in a named one, for the same query and uncached queries.
"""

from __future__ import annotations

import dataclasses
import statistics
import time
from collections.abc import Callable

import httpx

from bench.context import Bench
from bench.figures import fmt_bytes, fmt_int, fmt_ms, percentile
from bench.load.compare import Arm, Runs, best, interleave
from bench.load.queries import AUTH, LIST_ANY_LIMIT, LIST_PATH, MAX_LIMIT, SESSION_HEADER, Variation
from bench.processes import Server
from bench.report.cost import Cost
from bench.report.progress import log
from bench.report.report import Row
from bench.targets.control import control_client, create_session, live_sessions, touch_session
from bench.targets.mock import start_mock, stored_total

BUSY = "busy"
QUERIES = {"same": "same query", "uncached": "uncached"}


@dataclasses.dataclass(frozen=True)
class Creations:
    """Sequential session creations: ms each, and the mock's RSS around them."""

    ms: list[float]
    rss_before: int | None
    rss_after: int | None

    @property
    def per_session(self) -> int | None:
        if self.rss_before is None or self.rss_after is None or not self.ms:
            return None
        return (self.rss_after - self.rss_before) // len(self.ms)


def create_many(
    server: Server, names: list[str], create: Callable[[httpx.Client, str], None]
) -> Creations:
    """Create the sessions one after another (keep-alive), timing each."""
    ms: list[float] = []
    with control_client(server) as client:
        live_sessions(client)  # the connection open, the route warm
        server.settle()
        before = server.rss_bytes()
        for name in names:
            t0 = time.perf_counter()
            create(client, name)
            ms.append((time.perf_counter() - t0) * 1000)
        after = server.rss_bytes()
    return Creations(ms, before, after)


def measure_sessions(bench: Bench) -> None:
    options = bench.options
    created = max(options.live_sessions, options.sessions + options.session_creates)
    flags = ["--max-sessions", str(max(2000, 2 * created))]  # none is ever dropped
    root = bench.workdir / "sessions"
    root.mkdir()
    one = start_mock(bench, "mock (fixtures, no named session)", root / "one.json", None, flags)
    many = start_mock(bench, "mock (fixtures, named sessions)", root / "many.json", None, flags)
    named = measure_creation(bench, many)
    measure_list(bench, one, many, named)
    bench.servers.stop(many)
    if options.busy_sessions:
        measure_busy(bench, one)  # on the mock without named sessions, now unloaded
    bench.servers.stop(one)


def measure_creation(bench: Bench, many: Server) -> int:
    """Sessions created with POST (RSS around them), then by a first request naming them, then
    with POST up to --live-sessions; the named sessions the mock then holds."""
    options, report = bench.options, bench.report
    n = options.sessions
    log(f"sessions: {n} created with POST /_mock/sessions, RSS before and after")
    posted = create_many(many, [f"bench-{i}" for i in range(n)], create_session)
    log(f"sessions: {options.session_creates} created by a first request naming them")
    touched = create_many(
        many, [f"bench-touch-{i}" for i in range(options.session_creates)], touch_session
    )
    with control_client(many) as client:
        for i in range(n + options.session_creates, options.live_sessions):
            create_session(client, f"bench-{i}")
        named = live_sessions(client) - 1
    report.cost_others.append(
        (
            f"session created by its first request (`GET /_mock/clock` naming a new "
            f"`{SESSION_HEADER}`), p50",
            fmt_ms(statistics.median(touched.ms)),
            f"p99 {fmt_ms(percentile(touched.ms, 99))}, {len(touched.ms)} sessions of the "
            "fixtures, one after another",
        )
    )
    report.cost_others.append(
        (
            "session created with `POST /_mock/sessions`, p50",
            fmt_ms(statistics.median(posted.ms)),
            f"p99 {fmt_ms(percentile(posted.ms, 99))}, {len(posted.ms)} sessions",
        )
    )
    report.cost_others.append(memory_row("the fixtures", posted))
    report.raw["sessions"] = {
        "touch_ms": touched.ms,
        "post_ms": posted.ms,
        "rss_before": posted.rss_before,
        "rss_after": posted.rss_after,
        "named": named,
    }
    return named


def measure_list(bench: Bench, one: Server, many: Server, named: int) -> None:
    """The list in the mock without named sessions, and in the default and a named session of
    the mock holding `named` of them; same query and uncached."""
    options, report = bench.options, bench.report
    stored = stored_total(one.base) or 1
    low = min(stored, MAX_LIMIT)
    uncached = Variation("limits", span=MAX_LIMIT - low + 1, low=low)
    session = {SESSION_HEADER: "bench-0"}
    arms = [
        Arm("none-same", one, LIST_PATH),
        Arm("default-same", many, LIST_PATH),
        Arm("named-same", many, LIST_PATH, headers=session),
        Arm("none-uncached", one, LIST_ANY_LIMIT, uncached),
        Arm("default-uncached", many, LIST_ANY_LIMIT, uncached),
        Arm("named-uncached", many, LIST_ANY_LIMIT, uncached, session),
    ]
    runs = Runs(
        options.cost_rounds, options.connections, options.cost_duration, options.cost_warmup
    )
    log(f"sessions: list under load, no named session against {named:,}")
    loads = interleave(bench.loadgen, arms, runs, log)
    size = len(httpx.get(one.base + LIST_PATH, headers=AUTH, timeout=30).content)
    many_named = f"{named:,} named sessions"
    where = {
        "none": "no named session",
        "default": f"{many_named}, in the default session",
        "named": f"{many_named}, in a named session",
    }
    for arm in arms:
        which, query = arm.key.split("-")
        label = f"mock of the fixtures, {where[which]}, {QUERIES[query]}"
        note = ""
        if arm.key == "none-uncached":
            note = (
                f"`limit` {low}..{MAX_LIMIT} then the next of 8 `order`s: a cycle of "
                f"{uncached.distinct:,} URLs, each answering the brand's {stored} posts"
            )
        report.cost_rows.append(Row.best_of(label, loads[arm.key], note, size, arm.key))
    for query in QUERIES:
        for which in ("default", "named"):
            report.costs.append(
                Cost.of_loads(
                    f"{many_named} against none, in the {which} session, {QUERIES[query]}",
                    best(loads[f"none-{query}"]),
                    best(loads[f"{which}-{query}"]),
                )
            )
    report.raw["sessions"]["list"] = {
        key: [dataclasses.asdict(x) for x in value] for key, value in loads.items()
    }


def measure_busy(bench: Bench, one: Server) -> None:
    """Memory per session of the busy scenario."""
    options, report = bench.options, bench.report
    log(f"sessions: {options.busy_sessions} created from the `{BUSY}` scenario")
    busy = create_many(
        one,
        [f"bench-busy-{i}" for i in range(options.busy_sessions)],
        lambda client, name: create_session(client, name, BUSY),
    )
    label, value, note = memory_row(f"the `{BUSY}` scenario", busy)
    note += f"; created with `POST /_mock/sessions`, p50 {fmt_ms(statistics.median(busy.ms))}"
    report.cost_others.append((label, value, note))
    report.raw["sessions"]["busy"] = dataclasses.asdict(busy)


def memory_row(what: str, made: Creations) -> tuple[str, str, str]:
    return (
        f"memory per session of {what}",
        fmt_bytes(made.per_session),
        f"RSS of the mock {fmt_bytes(made.rss_before)} → {fmt_bytes(made.rss_after)} after "
        f"{fmt_int(len(made.ms))} session{'' if len(made.ms) == 1 else 's'}",
    )
