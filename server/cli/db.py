"""``socialpost db``: the PostgreSQL store's schema, and data moved to and from TinyDB files.

    init      create the schema and the default session (from the fixtures or a scenario)
    migrate   apply the schema migrations the database lacks (``serve`` does it too)
    import    a TinyDB database file (``serve --db``) into a session
    export    a session into a TinyDB database file that ``serve --db`` opens
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from .. import paths
from ..errors import ApiError

STORE = click.option("--store", "store_url", envvar="SOCIALPOST_STORE", required=True,
                     help="postgresql://user@host:port/db (or $SOCIALPOST_STORE).")
SESSION = click.option("--session", default="default", show_default=True,
                       help="The session to read or write.")


@contextmanager
def _database(store_url: str) -> Iterator[object]:
    from ..store import StoreError
    from ..store.postgres import Database

    database = Database(store_url)
    try:
        database.open(say=lambda line: click.echo(line))
        yield database
    except (StoreError, ApiError) as exc:
        click.echo(f"socialpost db: {getattr(exc, 'detail', None) or exc}", err=True)
        sys.exit(2)
    finally:
        database.close()


@click.group()
def db() -> None:
    """Set up the PostgreSQL store and move data between it and TinyDB files."""


@db.command()
@STORE
@click.option("--fixtures", "fixtures_path", default=str(paths.FIXTURES_PATH),
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              show_default="the bundled fixtures")
@click.option("--scenario", default=None, help="Start the default session from this scenario.")
def init(store_url: str, fixtures_path: Path, scenario: str | None) -> None:
    """Create the schema and the default session (kept as it is if it exists)."""
    from ..publishing.clock import DOCUMENT_INSTANT, Clock
    from ..state import DEFAULT_SESSION, starting_data
    from ..store.postgres import Database

    with _database(store_url) as database:
        assert isinstance(database, Database)
        clock = Clock(DOCUMENT_INSTANT).to_json()
        made = database.create_session(
            DEFAULT_SESSION, lambda: starting_data(fixtures_path, scenario, 0, DOCUMENT_INSTANT),
            clock, scenario)
        click.echo("created the default session" if made else "the default session exists")


@db.command()
@STORE
def migrate(store_url: str) -> None:
    """Apply the schema migrations the database lacks."""
    from ..store.postgres import SCHEMA_VERSION

    with _database(store_url):
        click.echo(f"schema at version {SCHEMA_VERSION}")


@db.command("import")
@STORE
@SESSION
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_(store_url: str, session: str, file: Path) -> None:
    """Replace a session's data by a TinyDB database file's (its journal replayed)."""
    from ..store import TinyStore
    from ..store.postgres import Database

    source = TinyStore(file)
    try:
        if source.is_empty:
            click.echo(f"socialpost db: {file} holds no database", err=True)
            sys.exit(2)
        source.check_format()
        data = source.dump()
    finally:
        source.close()
    with _database(store_url) as database:
        assert isinstance(database, Database)
        database.replace_session(session, data)
        click.echo(f"imported {len(data['social_posts'])} posts into session {session}")


@db.command()
@STORE
@SESSION
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def export(store_url: str, session: str, force: bool, file: Path) -> None:
    """Write a session's data as a TinyDB database file."""
    from ..store import TinyStore
    from ..store.postgres import Database

    if file.exists() and not force:
        click.echo(f"socialpost db: {file} exists; --force replaces it", err=True)
        sys.exit(2)
    with _database(store_url) as database:
        assert isinstance(database, Database)
        data = database.read_session(session)
    if data is None:
        click.echo(f"socialpost db: no session {session}", err=True)
        sys.exit(2)
    file.unlink(missing_ok=True)
    file.with_name(file.name + ".journal").unlink(missing_ok=True)
    target = TinyStore(file)
    try:
        target.load(data)
    finally:
        target.close()
    click.echo(f"exported {len(data['social_posts'])} posts of session {session} to {file}")
