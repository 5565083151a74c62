"""``PgStore``: one session of the shared store, as every replica of the mock sees it.

Each replica keeps the session in memory, indexed as the embedded store is (a ``TinyStore``
without a file), and stays current with a version check: the session's row carries a version
that every write moves, and each record the version that last wrote it. ``reading()`` (and
``refresh()``) asks for the version and clock and reads the records written since the version
it holds: one round trip, then the read is answered from memory.

``atomic()`` serialises writers across replicas: it locks the session's row (``FOR NO KEY
UPDATE``: writers wait for each other, while inserts that only reference the session, such as
the request journal's, never wait for a writer's commit), catches up, runs the block against
memory, then writes the block's records, the new version and the clock in one pipelined round
trip and commits. Moving the clock and settling due posts happen
under that lock, so each post is executed by exactly one replica, once. Readers on the replica
wait only for the in-memory part of a write, never for its commit. A failed commit marks the
memory stale: the next read reloads the session.

The commit does not wait for PostgreSQL's log flush (the fsync) while holding the row lock: the
next replica's writers would wait for it too, one fsync after another. The transaction commits
asynchronously, the lock goes, and then a transaction of its own (``FLUSHED``) flushes the log
past it, sharing the fsync with whatever other replicas flush meanwhile; only then are the
batch's writes acknowledged. So, as on the embedded store, a write may be read (here by another
replica too) a few milliseconds before it is durable, and is acknowledged only once it is.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Protocol, TypeVar

import orjson
import psycopg

from ...errors import ServiceUnavailable
from ...publishing.clock import Clock
from ..base import FRESH, POSTS, Kind, Record, Row
from .batch import Batch, Batches, Part
from .database import Database
from .mirror import Mirror
from .records import Item, dumps, fixture_data, items, loads, read_all, write_all

T = TypeVar("T")

HEAD = ("SELECT generation, version, clock, faults_version, faults FROM socialpost_sessions"
        " WHERE name = %s")
SINCE = ("SELECT tbl, key, data, seq FROM socialpost_rows WHERE session = %s AND seq > %s"
         " ORDER BY seq")
UPSERT = (
    "INSERT INTO socialpost_rows (session, tbl, key, seq, ord, data)"
    " VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (session, tbl, key)"
    " DO UPDATE SET seq = EXCLUDED.seq, data = EXCLUDED.data"
)

# A transaction of its own that writes to the log and commits synchronously: its commit flushes
# the log up to its own record, so past every commit made before it on this database. A plain
# role may run it (PostgreSQL 15, any ``wal_level``); it changes no table.
FLUSHED = "SELECT pg_logical_emit_message(true, 'socialpost', '')"


def _joined(error: BaseException) -> BaseException:
    """What a member raises when the batch it joined could not open or commit."""
    if isinstance(error, ServiceUnavailable):
        return error
    return ServiceUnavailable("The mock's database failed this write; try again.")


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


class PgStore(Mirror):
    """Session ``session`` of ``database``; ``starting`` gives its data if it must be created."""

    def __init__(self, database: Database, session: str, clock: Clock,
                 starting: Callable[[], Record], scenario: str | None = None) -> None:
        self.database = database
        self.session = session
        self._clock = clock
        self._starting = starting
        self._scenario = scenario
        super().__init__()
        self._lock = threading.RLock()
        self._block = _Block()
        self._batches = Batches()
        self._generation = 0
        self._version = 0
        self._stale = True
        self._touched = 0.0
        # The session's fault rules, reloaded here when another replica changed them.
        self.faults: Watcher | None = None
        database.create_session(session, starting, clock.to_json(), scenario)
        self.refresh()

    # -- versions and blocks ---------------------------------------------------------------

    @property
    def shared(self) -> bool:
        return True

    @property
    def version(self) -> int:
        return self._version

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
    def try_reading(self) -> Iterator[bool]:
        """At once only if this request caught up already (``FRESH``) and no other thread holds
        memory (a write block, a catch-up, a reload, whose round trips are made holding it)."""
        if FRESH.get() is not self or not self._lock.acquire(blocking=False):
            yield False
            return
        try:
            yield True
        finally:
            self._lock.release()

    @contextmanager
    def atomic(self) -> Iterator[None]:
        if self._block.writes is not None:  # nested: the outer block commits
            yield
            return
        with self._in_batch() as batch, self._lock, self._member(batch):
            yield

    def atomic_each(self, works: Sequence[Callable[[], T]]) -> list[T | Exception]:
        """Each of ``works`` as a write block of its own, all members of one batch: one lock and
        one commit for them all (``batch``). A block that raises leaves the others' writes; if
        the commit fails, every block fails with it."""
        results: list[T | Exception] = []
        with self._in_batch() as batch:
            for work in works:
                try:
                    with self._lock, self._member(batch):
                        results.append(work())
                except Exception as exc:
                    results.append(exc)
        return results

    @contextmanager
    def _in_batch(self) -> Iterator[Batch]:
        """A place in the batch being formed (its leader opens and commits it); the caller's
        blocks run inside, and it leaves once the batch's commit is done."""
        batch, leader = self._batches.join()
        if leader:
            try:
                batch.conn = self.database.begin(self._catch_up)
            except BaseException as exc:
                batch.error = exc
                raise
            finally:
                batch.opened.set()
                if batch.error is not None:
                    self._batches.finished(batch)
                    self._batches.seal(batch)
        else:
            batch.opened.wait()
            if batch.error is not None:
                self._batches.finished(batch)
                raise _joined(batch.error)
        failure: BaseException | None = None
        try:
            yield batch
        except BaseException as exc:
            failure = exc
        finally:
            self._batches.finished(batch)
        if leader:
            self._commit(batch)
        else:
            batch.committed.wait()
        if failure is not None:
            raise failure
        if batch.error is not None:
            raise _joined(batch.error) if not leader else batch.error

    @contextmanager
    def _member(self, batch: Batch) -> Iterator[None]:
        """One member's block, against memory (the caller holds the replica's lock)."""
        block = self._block
        block.writes, block.load = [], None
        clock_before = self._clock.to_json()
        try:
            yield
        except BaseException:
            if block.writes or block.load is not None:
                self._stale = True  # written in memory, never committed: reload
            raise
        finally:
            writes, load = block.writes, block.load
            block.writes = block.load = None
        batch.clock_moved |= self._clock.to_json() != clock_before
        if load is None and not writes:
            return
        if load is not None:
            self._generation += 1
        first_seq = self._version + 1
        loaded = sum(1 for _ in items(load)) if load is not None else 0
        self._version += loaded + len(writes)
        batch.parts.append(Part(load, writes, first_seq))

    def _commit(self, batch: Batch) -> None:
        """The leader: every member's writes, the version and the clock, in one commit."""
        conn = batch.conn
        assert conn is not None
        try:
            self._batches.seal(batch)
            if batch.empty:
                return  # nothing written: the lock is released by a rollback
            with self._lock:
                self._version += 1  # the clock (and the batch) as a version of its own
                head = (self._version, self._generation, self._clock.to_json())
            rows: list[tuple[Any, ...]] = []
            for part in batch.parts:
                seq = part.first_seq - 1
                if part.load is not None:  # replaces everything, earlier writes included
                    rows = []
                    seq = write_all(conn, self.session, items(part.load), part.first_seq)
                for table, key, record in part.writes:
                    seq += 1
                    rows.append((self.session, table, key, seq, seq, dumps(record)))
            with conn.pipeline():
                if rows:
                    conn.cursor().executemany(UPSERT, rows)
                conn.execute(
                    "UPDATE socialpost_sessions SET version = %s, generation = %s,"
                    " clock = %s::jsonb, last_used = %s WHERE name = %s",
                    (head[0], head[1], orjson.dumps(head[2]).decode(), time.time(),
                     self.session),
                )
                # The commit lets the row lock go without waiting for the log's flush...
                conn.execute("SET LOCAL synchronous_commit TO OFF")
                conn.execute("COMMIT")
            # ...and the members are answered once the log is flushed past it (``FLUSHED``).
            conn.execute(FLUSHED)
        except BaseException as exc:
            self._stale = True
            batch.error = self.database.failure(exc)
        finally:
            self.database.finish(conn)
            batch.committed.set()

    def _catch_up(self, conn: psycopg.Connection, lock: bool = False) -> None:
        """Bring memory (and the clock, and the fault rules) to the session's committed state.

        One round trip: the session's row and the records written since the version held here,
        read in one snapshot (a read-only repeatable-read transaction), or, with ``lock``, after
        taking the row's lock in the transaction a write block then goes on with.
        """
        since = self._version
        with conn.pipeline():
            if lock:
                conn.execute("BEGIN")
                head = conn.execute(HEAD + " FOR NO KEY UPDATE", (self.session,))
            else:
                conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                head = conn.execute(HEAD, (self.session,))
            delta = conn.execute(SINCE, (self.session, since))
            if not lock:
                conn.execute("COMMIT")
        found, rows = head.fetchone(), delta.fetchall()
        if found is None:  # dropped by another replica: created again on use
            if lock:
                conn.execute("ROLLBACK")
            self.database.create_session(self.session, self._starting, self._clock.to_json(),
                                         self._scenario)
            self._stale = True
            self._catch_up(conn, lock)
            return
        generation, version, clock, faults_version, faults = found
        if self.faults is not None and faults_version != self.faults.version:
            self.faults.take(loads(faults), faults_version)
        with self._lock:
            if self._stale or generation > self._generation:
                self._reload(conn, lock)
                return
            if (generation, version) < (self._generation, self._version):
                return  # this replica's own write is committing: nothing newer exists yet
            for table, key, record, seq in rows:
                if seq > self._version:  # not applied by a write of this replica meanwhile
                    self._apply(table, key, loads(record))
            self._generation, self._version = generation, version
            self._clock.restore(clock)
        if not lock and time.time() - self._touched > TOUCH_EVERY:
            self._touched = time.time()
            conn.execute("UPDATE socialpost_sessions SET last_used = %s WHERE name = %s",
                         (self._touched, self.session))

    def _reload(self, conn: psycopg.Connection, lock: bool) -> None:
        """Every record again (a reset, a restored snapshot, a failed commit), in one snapshot."""
        if not lock:
            conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        found = conn.execute(HEAD, (self.session,)).fetchone()
        data = fixture_data(read_all(conn, self.session))
        if not lock:
            conn.execute("COMMIT")
        if found is None:
            raise ServiceUnavailable(f"Session {self.session} is being dropped; try again.")
        self._memory.load(data)
        self._stale = False
        self._generation, self._version = found[0], found[1]
        self._clock.restore(found[2])

    def _record(self, table: str, key: str, record: Record | None) -> None:
        writes = self._block.writes
        assert writes is not None, "writes happen inside atomic()"
        writes.append((table, key, record))

    def dump(self) -> Record:
        """As of the last catch-up, as every read here (callers hold ``reading()``)."""
        with self._lock:
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
