"""``socialpost serve``: the stateful mock on a port."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import paths
from ..config import DEFAULT_DB, DEFAULT_MAX_BODY
from ..publishing.clock import MODES, Mode


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
def serve(
    host: str,
    port: int,
    db_path: Path,
    fixtures_path: Path,
    clock_mode: Mode,
    clock_start: str | None,
    clock_speed: float,
    cors_origins: tuple[str, ...],
    cors_allow_headers: tuple[str, ...],
    max_body: int,
    generate_posts: int,
    control_token: str | None,
) -> None:
    """Serve the stateful mock of the Social Post API."""
    import uvicorn

    from ..app import create_app, open_state
    from ..config import Settings
    from ..errors import ApiError
    from ..publishing.clock import DOCUMENT_INSTANT, parse_instant
    from ..store import StoreError
    from ..store.fixtures import FixtureError

    try:
        start = DOCUMENT_INSTANT if clock_start is None else parse_instant(clock_start)
    except ApiError as exc:
        raise click.BadParameter(exc.detail, param_hint="--clock-start") from exc
    settings = Settings(
        db_path=db_path,
        fixtures_path=fixtures_path,
        clock_mode=clock_mode,
        clock_start=start,
        clock_speed=clock_speed,
        cors_origins=cors_origins,
        cors_allow_headers=cors_allow_headers,
        max_body_bytes=max_body,
        control_token=control_token,
        generate_posts=generate_posts,
    )
    try:
        state = open_state(settings)
    except StoreError as exc:
        click.echo(f"socialpost: cannot use the database: {exc}", err=True)
        click.echo(
            f"  The mock never resets a database silently. Move {db_path} away (or pass another "
            "--db) to start again from the fixtures.",
            err=True,
        )
        sys.exit(2)
    except FixtureError as exc:
        click.echo(f"socialpost: {exc}", err=True)
        sys.exit(2)
    app = create_app(settings, state)
    base = f"http://{host}:{port}"
    click.echo(f"Social Post mock on {base}  (brand routes under {base}/brands/...)")
    click.echo(f"  Swagger UI:  {base}/ui/")
    click.echo(f"  Control API: {base}/_mock/ (clock, reset, health; docs at {base}/_mock/ui/)")
    click.echo(f"  Database:    {db_path.resolve()}")
    click.echo(f"  Clock:       {clock_mode}, starting at {start}")
    click.echo("  Test token:  Authorization: Bearer test-token")
    uvicorn.run(app, host=host, port=port, log_level="info")
