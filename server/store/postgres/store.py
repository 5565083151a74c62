"""``PgStore``: one session of the shared store, as every replica of the mock sees it.

Each replica keeps the session in memory, indexed as the embedded store is (a ``TinyStore``
without a file), and stays current with a version check: the session's row carries a version
that every write moves, and each record the version that last wrote it. ``reading()`` (and
``refresh()``) asks for the version and clock and reads the records written since the version
it holds: one round trip, then the read is answered from memory.

``atomic()`` serialises writers across replicas: it locks the session's row (``FOR UPDATE``),
catches up, runs the block against memory, then writes the block's records, the new version and
the clock in one pipelined round trip and commits. Moving the clock and settling due posts happen
under that lock, so each post is executed by exactly one replica, once. Readers on the replica
wait only for the in-memory part of a write, never for its commit. A failed commit marks the
memory stale: the next read reloads the session.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, Protocol

import orjson
import psycopg

from ...errors import ServiceUnavailable
from ...publishing.clock import Clock
from ..base import FRESH, POSTS, Kind, Record, Row
from ..tiny import TinyStore
from .database import (
    Database,
    Item,
    dumps,
    fixture_data,
    items,
    loads,
    read_all,
    write_all,
)

UPSERT = (
    "INSERT INTO socialpost_rows (session, tbl, key, seq, ord, data)"
    " VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (session, tbl, key)"
    " DO UPDATE SET seq = EXCLUDED.seq, data = EXCLUDED.data"
)

class Watcher(Protocol):
    """Something else kept on the session's row with a version of its own (the fault rules)."""

    version: int

    def take(self, document: Any, version: int) -> None: ...


# A replica records that a session is in use at most this often (seconds), for --session-ttl:
# one small UPDATE per second per busy session, so a short TTL still sees every replica's use.
TOUCH_EVERY = 1.0


class _Block(threading.local):
    """What the current thread's write block has done so far."""

    writes: list[Item] | None = None
    load: Record | None = None


class PgStore:
    """Session ``session`` of ``database``; ``starting`` gives its data if it must be created."""

    def __init__(self, database: Database, session: str, clock: Clock,
                 starting: Callable[[], Record], scenario: str | None = None) -> None:
        self.database = database
        self.session = session
        self._clock = clock
        self._starting = starting
        self._scenario = scenario
        self._memory = TinyStore(None)
        self._lock = threading.RLock()
        self._block = _Block()
        self._generation = 0
        self._version = 0
        self._stale = True
        self._touched = 0.0
        # The session's fault rules, reloaded here when another replica changed them.
        self.faults: Watcher | None = None
        self.created = database.create_session(session, starting(), clock.to_json(), scenario)
        self.refresh()

    # -- versions and blocks ---------------------------------------------------------------

    @property
    def shared(self) -> bool:
        return True

    @property
    def version(self) -> int:
        return self._version

    @property
    def is_empty(self) -> bool:
        return False

    def refresh(self) -> None:
        if FRESH.get() is self:  # this request caught up already
            return
        self.database.run(self._catch_up)

    @contextmanager
    def reading(self) -> Iterator[None]:
        if self._block.writes is None:
            self.refresh()
        with self._lock:
            yield

    @contextmanager
    def atomic(self) -> Iterator[None]:
        block = self._block
        if block.writes is not None:  # nested: the outer block commits
            yield
            return
        with self.database.locked(self._catch_up) as conn:
            with self._lock:
                block.writes, block.load = [], None
                clock_before = self._clock.to_json()
                try:
                    yield
                except BaseException:
                    if block.writes or block.load is not None:
                        self._stale = True
                    raise
                finally:
                    writes, load = block.writes, block.load
                    block.writes = block.load = None
                clock = self._clock.to_json()
                if load is None and not writes and clock == clock_before:
                    return  # nothing written: the lock is released by a rollback
                if load is not None:
                    self._generation += 1
                first_seq = self._version + 1
                loaded = sum(1 for _ in items(load)) if load is not None else 0
                self._version += loaded + len(writes) + 1
            self._commit(conn, load, writes, first_seq, clock)

    def _commit(self, conn: psycopg.Connection, load: Record | None, writes: list[Item],
                first_seq: int, clock: dict[str, Any]) -> None:
        try:
            seq = first_seq - 1
            if load is not None:
                seq = write_all(conn, self.session, items(load), first_seq)
            with conn.pipeline():
                rows = []
                for table, key, record in writes:
                    seq += 1
                    rows.append((self.session, table, key, seq, seq, dumps(record)))
                if rows:
                    conn.cursor().executemany(UPSERT, rows)
                conn.execute(
                    "UPDATE socialpost_sessions SET version = %s, generation = %s,"
                    " clock = %s::jsonb, last_used = %s WHERE name = %s",
                    (self._version, self._generation, orjson.dumps(clock).decode(), time.time(),
                     self.session),
                )
                conn.execute("COMMIT")
        except BaseException:
            self._stale = True
            raise

    def _catch_up(self, conn: psycopg.Connection, lock: bool = False) -> None:
        """Bring memory (and the clock) to the session's committed state."""
        query = ("SELECT generation, version, clock, faults_version FROM socialpost_sessions"
                 " WHERE name = %s")
        found = conn.execute(query + (" FOR UPDATE" if lock else ""), (self.session,)).fetchone()
        if found is None:  # dropped by another replica: created again on use
            self.database.create_session(self.session, self._starting(), self._clock.to_json(),
                                         self._scenario)
            found = conn.execute(query + (" FOR UPDATE" if lock else ""),
                                 (self.session,)).fetchone()
            self._stale = True
            if found is None:
                raise ServiceUnavailable(f"Session {self.session} is being dropped; try again.")
        generation, version, clock, faults_version = found
        if self.faults is not None and faults_version != self.faults.version:
            rules = conn.execute("SELECT faults FROM socialpost_sessions WHERE name = %s",
                                 (self.session,)).fetchone()
            if rules is not None:
                self.faults.take(loads(rules[0]), faults_version)
        if not lock and time.time() - self._touched > TOUCH_EVERY:
            self._touched = time.time()
            conn.execute("UPDATE socialpost_sessions SET last_used = %s WHERE name = %s",
                         (self._touched, self.session))
        with self._lock:
            if self._stale or generation > self._generation:
                self._memory.load(fixture_data(read_all(conn, self.session)))
                self._stale = False
            elif (generation, version) < (self._generation, self._version):
                return  # this replica's own write is committing: nothing newer exists yet
            elif version > self._version:
                rows = conn.execute(
                    "SELECT tbl, key, data FROM socialpost_rows WHERE session = %s AND seq > %s"
                    " ORDER BY seq", (self.session, self._version),
                ).fetchall()
                for table, key, record in rows:
                    self._apply(table, key, loads(record))
            self._generation, self._version = generation, version
            self._clock.restore(clock)

    def _apply(self, table: str, key: str, record: Record | None) -> None:
        if table == POSTS:
            assert record is not None
            self._memory.insert_post(record)
        elif table == "post_failures":
            self._memory.set_post_failure(key, None if record is None else record["message"])
        elif record is not None and table != "tokens":
            self._memory.update(table, key, record)  # type: ignore[arg-type]

    def _record(self, table: str, key: str, record: Record | None) -> None:
        writes = self._block.writes
        assert writes is not None, "writes happen inside atomic()"
        writes.append((table, key, record))

    # -- reads (from memory, current as of the last catch-up) -----------------------------

    def user_for_token(self, token: str) -> str | None:
        return self._memory.user_for_token(token)

    def get(self, kind: Kind, id: str) -> Row | None:
        return self._memory.get(kind, id)

    def post(self, id: str) -> Row | None:
        return self._memory.post(id)

    def posts_of_brand(self, brand: str) -> Sequence[Row]:
        return self._memory.posts_of_brand(brand)

    def pending_posts(self) -> Sequence[Row]:
        return self._memory.pending_posts()

    def count_posts(self) -> int:
        return self._memory.count_posts()

    def post_failure(self, id: str) -> str | None:
        return self._memory.post_failure(id)

    def tokens(self) -> Mapping[str, str]:
        return self._memory.tokens()

    def rows(self, kind: Kind) -> Sequence[Row]:
        return self._memory.rows(kind)

    def post_failures(self) -> Mapping[str, str]:
        return self._memory.post_failures()

    def dump(self) -> Record:
        with self.reading():
            return self._memory.dump()

    # -- writes (inside atomic(); outside one, each is its own) ----------------------------

    def insert_post(self, post: Record) -> None:
        with self.atomic():
            self._memory.insert_post(post)
            self._record(POSTS, post["id"], dict(post))

    def update_post(self, id: str, changes: Record) -> Row:
        with self.atomic():
            current = self._memory.post(id)
            if current is None:
                raise KeyError(id)
            merged = {**current, **changes}
            self._memory.insert_post(merged)
            self._record(POSTS, id, merged)
            return merged

    def update(self, kind: Kind, id: str, changes: Record) -> Row | None:
        with self.atomic():
            current = self._memory.get(kind, id)
            if current is None:
                return None
            merged = {**current, **changes}
            self._memory.update(kind, id, changes)
            self._record(kind, id, merged)
            return merged

    def set_post_failure(self, id: str, message: str | None) -> None:
        with self.atomic():
            self._memory.set_post_failure(id, message)
            self._record("post_failures", id, None if message is None else {"message": message})

    def load(self, fixtures: Record) -> None:
        with self.atomic():
            self._memory.load(fixtures)
            self._block.writes, self._block.load = [], fixtures

    def close(self) -> None:
        """The pool belongs to the ``Database``: nothing of this session's to release."""
