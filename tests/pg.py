"""A PostgreSQL database of the test run's own, created on the machine's server and dropped after.

The server is ``$SOCIALPOST_TEST_PG`` (default: the local PostgreSQL 15, trust authentication,
database ``test``), which ``.ci/run`` starts. Nothing is mocked: the shared store's tests talk to
that real server.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from psycopg import sql

SERVER = os.environ.get("SOCIALPOST_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")


def url_of(database: str) -> str:
    """``SERVER``'s URL with another database name."""
    base, _, _ = SERVER.rpartition("/")
    return f"{base}/{database}"


@contextmanager
def scratch_database(prefix: str = "socialpost_test") -> Iterator[str]:
    """A new, empty database; its URL. Dropped (connections and all) on exit."""
    name = f"{prefix}_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(SERVER, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield url_of(name)
    finally:
        with psycopg.connect(SERVER, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(name)))
