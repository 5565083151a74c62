"""``socialpost serve``: the stateful mock on a port."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import click

from .. import paths
from ..config import DEFAULT_DB, DEFAULT_MAX_BODY
from ..publishing.clock import MODES, Mode
from . import collector
from .workers import ENV, FACTORY, encode

LOG_LEVELS = ("debug", "info", "warning", "error")


def _duration(_ctx: click.Context, param: click.Parameter, value: str) -> float:
    """Seconds from ``90``, ``90s``, ``30m``, ``1h`` or ``2d``."""
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    text = value.strip().lower()
    number, unit = (text[:-1], units[text[-1]]) if text[-1:] in units else (text, 1)
    try:
        seconds = float(number) * unit
    except ValueError:
        seconds = -1
    if seconds <= 0:
        raise click.BadParameter(f"{value!r} is not a duration such as 90s, 30m or 1h.",
                                 param=param)
    return seconds


def _latency(_ctx: click.Context, param: click.Parameter,
             value: str | None) -> tuple[float, float] | None:
    from ..faults.latency import parse_latency

    if value is None:
        return None
    try:
        return parse_latency(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param=param) from exc


def _control_origins(_ctx: click.Context, param: click.Parameter,
                     values: tuple[str, ...]) -> tuple[str, ...]:
    from ..http.control_cors import parse_origin

    try:
        return tuple(parse_origin(value) for value in values)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param=param) from exc


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--db",
    "db_path",
    default=str(DEFAULT_DB),
    show_default=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="TinyDB JSON file; created from the fixtures when missing.",
)
@click.option(
    "--store",
    "store_url",
    envvar="SOCIALPOST_STORE",
    default=None,
    help="postgresql://user@host:port/db: keep every session in PostgreSQL, shared by every "
    "mock started on it (instead of --db).",
)
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Processes serving the port; more than one needs --store.")
@click.option(
    "--fixtures",
    "fixtures_path",
    default=str(paths.FIXTURES_PATH),
    show_default="the bundled fixtures",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Fixture file a new database (and /_mock/reset) starts from.",
)
@click.option(
    "--clock",
    "clock_mode",
    type=click.Choice(MODES),
    default="frozen",
    show_default=True,
    help="frozen: time moves only through /_mock/clock; realtime: with the wall clock.",
)
@click.option(
    "--clock-start",
    default=None,
    help="Start instant, epoch seconds or ISO-8601 [default: the document's, "
    "2026-01-23T01:43:19.587474Z].",
)
@click.option("--clock-speed", default=1.0, show_default=True, type=click.FloatRange(min=0.001),
              help="In realtime mode, simulated seconds per wall second.")
@click.option("--cors-origin", "cors_origins", multiple=True, default=("*",), show_default=True,
              help="Allowed browser origin; repeat for several.")
@click.option("--cors-allow-header", "cors_allow_headers", multiple=True, default=("*",),
              show_default=True,
              help="Request header a browser may send cross-origin; repeat for several. Default: "
              "any header a preflight names. Authorization and Content-Type are always allowed.")
@click.option("--max-body", default=DEFAULT_MAX_BODY, show_default=True, type=click.IntRange(1),
              help="Largest request body in bytes (larger: 413).")
@click.option("--generate-posts", default=0, show_default=True, type=click.IntRange(0, 1_000_000),
              help="Add N deterministic synthetic posts to the document's brand when the "
              "database is created (and on /_mock/reset).")
@click.option("--control-token", envvar="SOCIALPOST_CONTROL_TOKEN", default=None,
              help="Let clients other than loopback use /_mock with this bearer token "
              "[default: loopback only].")
@click.option("--control-origin", "control_origins", multiple=True, callback=_control_origins,
              help="Let browser pages of this origin (scheme://host[:port], or null, or *) use "
              "/_mock; repeatable [default: only the mock's own pages].")
@click.option("--scenario", default=None,
              help="Start a new database, resets and new sessions from this scenario (a name "
              "in fixtures/scenarios/, or a fixture file) instead of the fixtures.")
@click.option("--session-ttl", default="1h", show_default=True, callback=_duration,
              help="Drop a named session idle for this long (e.g. 90s, 30m, 1h).")
@click.option("--max-sessions", default=1000, show_default=True, type=click.IntRange(1),
              help="Most named sessions kept; beyond it the one idle longest is dropped.")
@click.option("--journal-size", default=10_000, show_default=True, type=click.IntRange(0),
              help="Requests kept in each session's journal (oldest dropped; 0: none).")
@click.option("--latency", default=None, callback=_latency,
              help="Random delay added to every API answer, e.g. 50-300ms or 100ms "
              "(not to the control API).")
@click.option("--log-level", type=click.Choice(LOG_LEVELS), default="info", show_default=True,
              help="info logs every request (uvicorn's access log); warning and error log "
              "only problems, as Prism's -v error.")
def serve(
    host: str,
    port: int,
    db_path: Path,
    store_url: str | None,
    workers: int,
    fixtures_path: Path,
    clock_mode: Mode,
    clock_start: str | None,
    clock_speed: float,
    cors_origins: tuple[str, ...],
    cors_allow_headers: tuple[str, ...],
    max_body: int,
    generate_posts: int,
    control_token: str | None,
    control_origins: tuple[str, ...],
    scenario: str | None,
    session_ttl: float,
    max_sessions: int,
    journal_size: int,
    latency: tuple[float, float] | None,
    log_level: str,
) -> None:
    """Serve the stateful mock of the Social Post API."""
    import uvicorn

    from ..app import create_app, open_backend, open_state
    from ..config import Settings
    from ..errors import ApiError
    from ..http.wire import Protocol
    from ..publishing.clock import DOCUMENT_INSTANT, parse_instant
    from ..store import StoreError
    from ..store.fixtures import FixtureError
    from ..store.scenarios import scenario_path

    try:
        start = DOCUMENT_INSTANT if clock_start is None else parse_instant(clock_start)
    except ApiError as exc:
        raise click.BadParameter(exc.detail, param_hint="--clock-start") from exc
    if workers > 1 and store_url is None:
        raise click.BadParameter("several processes cannot share a --db file; give --store "
                                 "postgresql://... to share one database.", param_hint="--workers")
    settings = Settings(
        db_path=None if store_url else db_path,
        store_url=store_url,
        fixtures_path=fixtures_path,
        clock_mode=clock_mode,
        clock_start=start,
        clock_speed=clock_speed,
        cors_origins=cors_origins,
        cors_allow_headers=cors_allow_headers,
        max_body_bytes=max_body,
        control_token=control_token,
        generate_posts=generate_posts,
        control_origins=control_origins,
        scenario=scenario,
        session_ttl=session_ttl,
        max_sessions=max_sessions,
        journal_size=journal_size,
        latency_ms=latency,
    )
    try:
        if scenario is not None:
            scenario_path(scenario)  # a typo fails now, not at the first reset
        backend = open_backend(settings, say=lambda line: click.echo(f"socialpost: {line}"))
        state = open_state(settings, backend)
    except StoreError as exc:
        click.echo(f"socialpost: cannot use the database: {exc}", err=True)
        if store_url is None:
            click.echo(
                f"  The mock never resets a database silently. Move {db_path} away (or pass "
                "another --db) to start again from the fixtures.",
                err=True,
            )
        sys.exit(2)
    except FixtureError as exc:
        click.echo(f"socialpost: {exc}", err=True)
        sys.exit(2)
    app = create_app(settings, state)
    collector.settle()  # what is loaded now lives as long as the process
    base = f"http://{host}:{port}"
    click.echo(f"Social Post mock on {base}  (brand routes under {base}/brands/...)")
    click.echo(f"  Swagger UI:  {base}/ui/")
    click.echo(f"  Dashboard:   {base}/_mock/  (schedule, clock, failures, requests)")
    click.echo(f"  Control API: {base}/_mock/ (clock, reset, health; docs at {base}/_mock/ui/)")
    where = redacted(store_url) if store_url else db_path.resolve()
    click.echo(f"  Database:    {where}" + (f"  ({workers} processes)" if workers > 1 else ""))
    click.echo(f"  Clock:       {clock_mode}, starting at {start}")
    if scenario:
        click.echo(f"  Scenario:    {scenario}")
    click.echo(f"  Sessions:    X-Mock-Session: <name> or {base}/_sessions/<name>/...")
    click.echo("  Test token:  Authorization: Bearer test-token")
    # Above info the access log's lines are dropped anyway: uvicorn then does not format the
    # client's address and the path of every request for nothing.
    access_log = log_level in ("debug", "info")
    if workers > 1:
        # Each worker opens the store itself; this process's state only checked it and migrated.
        backend.close()
        os.environ[ENV] = encode(settings)
        uvicorn.run(FACTORY, factory=True, host=host, port=port, workers=workers,
                    log_level=log_level, access_log=access_log, http=Protocol)
        return
    uvicorn.run(app, host=host, port=port, log_level=log_level, access_log=access_log,
                http=Protocol)


def redacted(url: str) -> str:
    """A database URL fit to print: its password hidden."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
    return urlunsplit(parts._replace(netloc=netloc))
