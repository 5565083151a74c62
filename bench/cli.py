"""The command line: every option, its default, and the defaults --quick changes."""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

COMMAND = "python -m bench"

# The parts of a run, in the order they run (--only picks some).
PARTS = ("main", "small", "stores", "sessions", "journal", "faults", "proxy", "conform")
# The PostgreSQL server the `stores` part creates its databases on (and drops them).
PG_URL = "postgresql://postgres@127.0.0.1:5432/test"

HELP = """\
Benchmark the socialpost mock side by side with Prism and a bare Starlette app.

Run from the repository with the project's venv:

    .venv/bin/python -m bench            # the full run (about 9 minutes, conform included)
    .venv/bin/python -m bench --quick    # a smoke test: short durations, conform --quick
    .venv/bin/python -m bench --only sessions,journal,faults   # issue 12's costs (~2 minutes)
    .venv/bin/python -m bench --skip-prism --posts 2000 > bench.md

What it measures, on this machine, in one run (the report goes to stdout as Markdown, progress
to stderr):

* the list request ``GET /brands/{brand}/social-posts?status=any&limit=50&associations=`` (all
  three associations) with --posts posts stored: req/s, p50 and p99 under wrk (1 thread, 32
  connections, --duration seconds after a warm-up; every target runs at the same time and is
  measured in turn, --rounds times, keeping the median) for
  - the mock (``socialpost serve --generate-posts N`` on a fresh database),
  - the mock with a ``start`` that varies 0..49 per request (defeats a cache of the last
    response only),
  - the mock with unique queries: ``start`` 0..N-50 and then the next of the 8 ``order``
    values, so no URL repeats within the run and no response cache can answer (the uncached
    cost),
  - a bare Starlette app (bench/bare_app.py, uvicorn, one worker) answering the very same bytes,
  - Prism (``prism mock openapi.yaml -v error``, @stoplight/prism-cli 5, pinned in
    bench/package.json) serving the spec's example for the same operation;
* durable creates per second at --posts posts (wrk POSTs of the document's create-with-asset
  body, 16 connections, p50/p99); then the mock is killed with SIGKILL and started again on the
  same file, and the report says whether every acknowledged create is still there;
* list p50 at --posts posts against 100 posts (sequential requests on a server that has
  answered nothing else yet, measured client-side), for the same query and for unique queries;
  at --posts posts also timed by wrk on one connection (the server's latency, without httpx's);
* ``socialpost serve`` start to the first 200 of /_mock/health, on a fresh database (generating
  the posts) and on the existing one;
* the stores side by side (issue 14): the uncached list (unique queries) and durable creates
  at --posts posts on the embedded TinyDB store, on PostgreSQL with one process
  (``serve --store URL``) and on PostgreSQL with ``--workers 2``; the bench creates its own
  databases on --pg-url (``socialpost_bench_<pid>_<n>``) and drops them afterwards;
  --skip-postgresql leaves those two rows out;
* a full ``socialpost conform`` run against a fresh mock (wall time and exit code);
* the cost of sessions, the journal and faults (issue 12), in shorter load runs (--cost-duration
  seconds after --cost-warmup, every configuration measured in turn, --cost-rounds times, the
  best round kept):
  - sessions: creating one (the first request naming a new ``X-Mock-Session``, and
    ``POST /_mock/sessions``), p50 and p99; memory per session (RSS of the mock before and
    after creating --sessions sessions of the fixtures, then --busy-sessions of the ``busy``
    scenario); list req/s on a mock without named sessions against one holding
    --live-sessions of them (``--max-sessions 2000``, more if needed), in its default session
    and in a named one, same query and uncached (``limit`` and ``order`` varied: no URL
    repeats within the response cache's reach);
  - the journal: the list at --posts posts with ``--journal-size 10000`` (the default) against
    ``--journal-size 0``, same and unique queries; the cost against the issue's 10 %;
  - faults: the list at --posts posts with 10 fault rules that never match it against none
    (same query); the measured p50 of a list delayed by a ``delay_ms: 300`` rule; list p50/p99
    under load of ``serve --latency 50-300ms``.

Parts: ``--only sessions,journal,faults`` runs those alone (``main``: everything at --posts
posts (start-up, list, creates); ``small``: list p50 at 100 posts; ``stores``: TinyDB against
PostgreSQL; ``conform``).

Each load row also gives the CPU the server process used during the run (100 % = one core: the
server was the bottleneck) and how busy the whole machine was; the header gives the load average
before and after, and the report warns when other processes were competing for the CPUs.

Missing tools: Prism is installed into bench/node_modules with npm when npm exists (else its row
says why it is skipped); without wrk a Python load generator (httpx + asyncio, one process) runs
instead, and every row it produced says so: its figures are not comparable with wrk's.

Every server listens on 127.0.0.1 on a free port, is started in its own process group and is
stopped when the run ends, also on errors and Ctrl-C. Every request loop is bounded in count and
time.
"""


@dataclasses.dataclass(frozen=True)
class Options:
    """The parsed command line, with the --quick-dependent defaults filled in."""

    quick: bool
    skip_prism: bool
    rounds: int
    posts: int
    duration: float
    warmup: float
    connections: int
    create_connections: int
    sequential: int
    start_timeout: float
    conform_timeout: float
    python_load: bool
    json: Path | None
    keep: bool
    parts: tuple[str, ...]  # of PARTS, in their order
    cost_duration: float
    cost_warmup: float
    cost_rounds: int
    sessions: int
    session_creates: int
    live_sessions: int
    busy_sessions: int
    pg_url: str = PG_URL
    skip_postgresql: bool = False
    access_log: bool = False


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=COMMAND,
        description=HELP.split("\n\n")[0],
        epilog=HELP.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="Smoke test: 2 s runs after 1 s warm-up, 100 sequential requests, `conform --quick`.",
    )
    parser.add_argument("--skip-prism", action="store_true", help="Do not run (or install) Prism.")
    parser.add_argument(
        "--pg-url",
        default=PG_URL,
        metavar="URL",
        help=f"PostgreSQL server of the `stores` part's databases (default {PG_URL}); the "
        "bench creates socialpost_bench_<pid>_<n> there and drops them afterwards.",
    )
    parser.add_argument(
        "--skip-postgresql",
        action="store_true",
        help="Leave the PostgreSQL rows out of the `stores` part (TinyDB only).",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=None,
        help="Measure every list target this many times, interleaved, and keep the round with "
        "the median req/s (default 3; --quick: 1).",
    )
    parser.add_argument(
        "--posts",
        type=int,
        default=10_000,
        metavar="N",
        help="Posts generated for the large-data measures (default 10000).",
    )
    parser.add_argument(
        "--duration",
        type=float,
        default=None,
        metavar="S",
        help="Seconds of each load run (default 10; --quick: 2).",
    )
    parser.add_argument(
        "--warmup",
        type=float,
        default=None,
        metavar="S",
        help="Seconds of unmeasured load before each run (default 3; --quick: 1).",
    )
    parser.add_argument(
        "--connections",
        type=int,
        default=32,
        help="Concurrent connections of the list runs (default 32).",
    )
    parser.add_argument(
        "--create-connections",
        type=int,
        default=16,
        help="Concurrent connections of the create run (default 16).",
    )
    parser.add_argument(
        "--sequential",
        type=int,
        default=None,
        metavar="COUNT",
        help="Sequential requests of each list p50 measure (default 400; --quick: 100); the "
        "unique-query measure makes at most 400 (its distinct URLs).",
    )
    parser.add_argument(
        "--start-timeout",
        type=float,
        default=300,
        metavar="S",
        help="Longest wait for a mock to answer its first 200 (default 300).",
    )
    parser.add_argument(
        "--conform-timeout",
        type=float,
        default=1800,
        metavar="S",
        help="Longest `socialpost conform` run (default 1800).",
    )
    parser.add_argument(
        "--python-load",
        action="store_true",
        help="Use the Python load generator even when wrk is installed.",
    )
    parser.add_argument(
        "--access-log",
        action="store_true",
        help="Run the mocks with their default log level (a line per request; the bare app "
        "then logs too) instead of `--log-level warning`, the match of Prism's `-v error`.",
    )
    parser.add_argument(
        "--only",
        metavar="PARTS",
        help=f"Run these parts only, comma-separated, of: {', '.join(PARTS)} (default: all).",
    )
    parser.add_argument(
        "--cost-duration",
        type=float,
        default=None,
        metavar="S",
        help="Seconds of each load run of the sessions, journal and faults parts (default 2; "
        "--quick: 1).",
    )
    parser.add_argument(
        "--cost-warmup",
        type=float,
        default=1.0,
        metavar="S",
        help="Seconds of unmeasured load before each of those runs (default 1).",
    )
    parser.add_argument(
        "--cost-rounds",
        type=int,
        default=None,
        help="Measure every configuration of those parts this many times, interleaved, and "
        "keep the best round (default 2; --quick: 1).",
    )
    parser.add_argument(
        "--sessions",
        type=int,
        default=500,
        metavar="N",
        help="Sessions of the fixtures created for the memory per session (default 500).",
    )
    parser.add_argument(
        "--session-creates",
        type=int,
        default=300,
        metavar="N",
        help="Sessions created by a first request naming them, timed (default 300).",
    )
    parser.add_argument(
        "--live-sessions",
        type=int,
        default=1000,
        metavar="N",
        help="Live sessions of the many-sessions mock the list runs against (default 1000).",
    )
    parser.add_argument(
        "--busy-sessions",
        type=int,
        default=100,
        metavar="N",
        help="Sessions of the `busy` scenario created for its memory per session "
        "(default 100; 0: skip).",
    )
    parser.add_argument(
        "--json", type=Path, metavar="FILE", help="Also write the raw figures here."
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="Keep the temporary directory (databases, server logs, conform output).",
    )
    return parser


def parse_options(argv: list[str] | None = None) -> Options:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.posts < 1:
        parser.error("--posts must be at least 1")
    rounds = args.rounds if args.rounds is not None else (1 if args.quick else 3)
    if rounds < 1:
        parser.error("--rounds must be at least 1")
    cost_rounds = args.cost_rounds if args.cost_rounds is not None else (1 if args.quick else 2)
    if cost_rounds < 1:
        parser.error("--cost-rounds must be at least 1")
    for name in ("sessions", "session_creates", "live_sessions"):
        if getattr(args, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1")
    if args.busy_sessions < 0:
        parser.error("--busy-sessions must be at least 0")
    parts: tuple[str, ...] = PARTS
    if args.only is not None:
        asked = [part.strip() for part in args.only.split(",") if part.strip()]
        unknown = [part for part in asked if part not in PARTS]
        if unknown or not asked:
            what = f"{', '.join(unknown)} is not a part" if unknown else "name at least one part"
            parser.error(f"--only: {what}; the parts are {', '.join(PARTS)}")
        parts = tuple(part for part in PARTS if part in asked)
    return Options(
        quick=args.quick,
        skip_prism=args.skip_prism,
        rounds=rounds,
        posts=args.posts,
        duration=args.duration if args.duration is not None else (2.0 if args.quick else 10.0),
        warmup=args.warmup if args.warmup is not None else (1.0 if args.quick else 3.0),
        connections=args.connections,
        create_connections=args.create_connections,
        sequential=(
            args.sequential if args.sequential is not None else (100 if args.quick else 400)
        ),
        start_timeout=args.start_timeout,
        conform_timeout=args.conform_timeout,
        python_load=args.python_load,
        json=args.json,
        keep=args.keep,
        parts=parts,
        cost_duration=(
            args.cost_duration if args.cost_duration is not None else (1.0 if args.quick else 2.0)
        ),
        cost_warmup=args.cost_warmup,
        cost_rounds=cost_rounds,
        sessions=args.sessions,
        session_creates=args.session_creates,
        live_sessions=args.live_sessions,
        busy_sessions=args.busy_sessions,
        pg_url=args.pg_url,
        skip_postgresql=args.skip_postgresql,
        access_log=args.access_log,
    )
