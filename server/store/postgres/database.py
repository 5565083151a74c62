"""One PostgreSQL database holding every session: the connection pool and session-wide actions.

Connections come from a psycopg pool. When the database cannot be reached (refused, timed out, a
connection broken by a restart), the request in hand fails with ``ServiceUnavailable`` (503 with
``Retry-After``) after at most ``timeout`` seconds, never hanging; the pool replaces broken
connections by itself, so requests succeed again as soon as the database is back.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

import orjson
import psycopg
from psycopg.types.json import set_json_loads
from psycopg_pool import ConnectionPool, PoolTimeout

from ...errors import ServiceUnavailable
from ...publishing.clock import DOCUMENT_INSTANT
from ..base import Record
from ..journal import StoreError
from . import schema
from .records import fixture_data, items, read_all, write_all

T = TypeVar("T")
# The clock of a session created by an import: the document's instant, frozen.
DEFAULT_CLOCK = {"anchor": DOCUMENT_INSTANT, "wall_anchor": 0.0, "mode": "frozen", "speed": 1.0}
# Seconds a client is told to wait (Retry-After) and the mock stops asking a failed database.
RETRY_AFTER = 1
UNREACHABLE = (psycopg.OperationalError, psycopg.InterfaceError, PoolTimeout)


def _configure(conn: psycopg.Connection) -> None:
    set_json_loads(orjson.loads, conn)


class Database:
    """The shared store's database, reached through a pool of ``size`` connections."""

    def __init__(self, url: str, *, size: int = 8, timeout: float = 3.0) -> None:
        self.url = url
        self.timeout = timeout
        # When the database last failed us (monotonic; 0: it did not): see ``_gate``.
        self._failed_at = 0.0
        self._pool = ConnectionPool(
            url, min_size=1, max_size=size, timeout=timeout, open=False, name="socialpost",
            configure=_configure,
            kwargs={"autocommit": True, "connect_timeout": max(1, int(timeout))},
        )

    def open(self, say: Callable[[str], None] = lambda _: None) -> list[int]:
        """Connect, and bring the schema up to date (the migrations applied)."""
        try:
            self._pool.open(wait=True, timeout=self.timeout)
        except UNREACHABLE as exc:
            raise StoreError(f"cannot reach the PostgreSQL store {self.url}: {exc}") from exc
        with self._pool.connection() as conn:
            return schema.migrate(conn, say)

    def close(self) -> None:
        self._pool.close()

    def _gate(self) -> None:
        """Fail at once for ``RETRY_AFTER`` seconds after the database failed us.

        Without it, each of a request's round trips (catch-up, handler, journal) would wait out
        the pool's timeout in turn; with it a request waits at most once, and one request per
        interval tries the database again.
        """
        if self._failed_at and time.monotonic() - self._failed_at < RETRY_AFTER:
            raise ServiceUnavailable(
                "The mock's database is unreachable; try again shortly.", RETRY_AFTER)

    def _failed(self, exc: BaseException) -> ServiceUnavailable:
        self._failed_at = time.monotonic()
        return _unavailable(exc)

    def begin(self, catch_up: Callable[[psycopg.Connection, bool], None]) -> psycopg.Connection:
        """A connection in a transaction holding a session's row lock (``catch_up`` begins it,
        takes the lock and catches up); give it back with ``finish``.

        Taking the lock is retried once on a fresh connection (one the pool held may have been
        broken by a database restart); what is done with it afterwards never is.
        """
        self._gate()
        return self._begin(catch_up)

    def finish(self, conn: psycopg.Connection) -> None:
        """Back to the pool, its transaction rolled back unless it was committed."""
        _rollback(conn)
        self._pool.putconn(conn)

    def failure(self, exc: BaseException) -> BaseException:
        """``exc`` as the mock answers it: the database out of reach is a 503."""
        return self._failed(exc) if isinstance(exc, UNREACHABLE) else exc

    def _begin(self, catch_up: Callable[[psycopg.Connection, bool], None]) -> psycopg.Connection:
        for attempt in range(2):
            try:
                conn = self._pool.getconn()
            except PoolTimeout as exc:
                raise self._failed(exc) from exc
            try:
                catch_up(conn, True)  # it begins the transaction
                self._failed_at = 0.0
                return conn
            except UNREACHABLE as exc:
                self._pool.putconn(conn)
                if attempt == 0:
                    continue
                raise self._failed(exc) from exc
            except BaseException:
                _rollback(conn)
                self._pool.putconn(conn)
                raise
        raise AssertionError("unreachable")

    def run(self, work: Callable[[psycopg.Connection], T], attempts: int = 2) -> T:
        """Run an idempotent ``work``, once more on a fresh connection if one was broken."""
        self._gate()
        for attempt in range(attempts):
            try:
                with self._pool.connection() as conn:
                    result = work(conn)
                self._failed_at = 0.0
                return result
            except UNREACHABLE as exc:
                if attempt + 1 < attempts and not isinstance(exc, PoolTimeout):
                    continue
                raise self._failed(exc) from exc
        raise AssertionError("unreachable")

    # -- sessions as a whole ---------------------------------------------------------------------

    def create_session(self, name: str, starting: Callable[[], Record], clock: dict[str, Any],
                       scenario: str | None) -> bool:
        """Create session ``name`` holding ``starting()``, unless it exists (then ``starting``
        is not called: generating its posts may take a while); whether it was created."""
        def work(conn: psycopg.Connection) -> bool:
            with conn.transaction():
                made = conn.execute(
                    "INSERT INTO socialpost_sessions (name, generation, version, clock, scenario,"
                    " created, last_used) VALUES (%s, 1, 0, %s::jsonb, %s, %s, %s)"
                    " ON CONFLICT DO NOTHING RETURNING name",
                    (name, orjson.dumps(clock).decode(), scenario, time.time(), time.time()),
                ).fetchone()
                if made is None:
                    return False
                version = write_all(conn, name, items(starting()), first_seq=1)
                conn.execute("UPDATE socialpost_sessions SET version = %s WHERE name = %s",
                             (version, name))
                return True
        return self.run(work)

    def replace_session(self, name: str, data: Record) -> None:
        """Give session ``name`` (created if need be) ``data``; replicas reload it."""
        def work(conn: psycopg.Connection) -> None:
            with conn.transaction():
                conn.execute(
                    "INSERT INTO socialpost_sessions (name, generation, version, clock, created,"
                    " last_used) VALUES (%s, 0, 0, %s::jsonb, %s, %s) ON CONFLICT DO NOTHING",
                    (name, orjson.dumps(DEFAULT_CLOCK).decode(), time.time(), time.time()),
                )
                found = conn.execute("SELECT generation, version FROM socialpost_sessions"
                                     " WHERE name = %s FOR NO KEY UPDATE", (name,)).fetchone()
                assert found is not None
                version = write_all(conn, name, items(data), first_seq=found[1] + 1)
                conn.execute("UPDATE socialpost_sessions SET generation = %s, version = %s"
                             " WHERE name = %s", (found[0] + 1, version + 1, name))
        self.run(work, attempts=1)

    def expire_sessions(self, idle: float, keep: str) -> list[str]:
        """Drop every session but ``keep`` unused (by any replica) for ``idle`` seconds."""
        def work(conn: psycopg.Connection) -> list[str]:
            rows = conn.execute("DELETE FROM socialpost_sessions WHERE name <> %s AND"
                                " last_used < %s RETURNING name",
                                (keep, time.time() - idle)).fetchall()
            return [row[0] for row in rows]
        return self.run(work)

    def sessions(self) -> list[str]:
        def work(conn: psycopg.Connection) -> list[str]:
            rows = conn.execute("SELECT name FROM socialpost_sessions ORDER BY created").fetchall()
            return [row[0] for row in rows]
        return self.run(work)

    def drop_session(self, name: str) -> None:
        self.run(lambda conn: conn.execute(
            "DELETE FROM socialpost_sessions WHERE name = %s", (name,)))

    def read_session(self, name: str) -> Record | None:
        """A session's data in fixture-file format (``post_failures`` included), or None."""
        def work(conn: psycopg.Connection) -> Record | None:
            if conn.execute("SELECT 1 FROM socialpost_sessions WHERE name = %s",
                            (name,)).fetchone() is None:
                return None
            return fixture_data(read_all(conn, name))
        return self.run(work)


def _unavailable(exc: BaseException) -> ServiceUnavailable:
    return ServiceUnavailable(
        f"The mock's database is unreachable ({type(exc).__name__}); try again shortly.",
        RETRY_AFTER,
    )


def _rollback(conn: psycopg.Connection) -> None:
    """End an open transaction (a committed or broken one needs nothing)."""
    if conn.closed or conn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE:
        return
    try:
        conn.execute("ROLLBACK")
    except UNREACHABLE:
        pass
