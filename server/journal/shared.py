"""A session's request journal kept in PostgreSQL, so any replica lists every replica's requests.

Each finished request is one row (its metadata as JSON, its bodies as bytes: no more of a body
than the journal ever shows, ``BODY_LIMIT`` bytes, its size in the metadata), inserted before the
answer's last bytes leave (the recorder waits for it off the event loop), without waiting for
the disk (``synchronous_commit`` off for it): a client that got its answer finds the request in
the journal through any replica. The requests of a replica that finish together are inserted
together (``recording``: one round trip for all of them). Ids come from one sequence, so they
only grow; ``after=<id>`` tails the journal as it does in memory. Beyond ``size`` rows per
session the oldest are deleted, and beyond ``BODIES_KEPT`` the oldest lose their bodies, every
``TRIM_EVERY`` inserts, in a thread of its own (one at a time): a trim walks the index past the
rows deleted before (~30 ms at 10,000 rows), and made inside an insert it held back every
request waiting for the next one (durable creates on PostgreSQL, one process: ~1,400/s with
it there, ~1,500/s with it aside, ~2,400/s with no journal, on this project's 2-core machine).
"""

from __future__ import annotations

import logging
import threading
from typing import Any

import orjson
import psycopg

from ..coalesce import Coalescer
from ..store.postgres import Database
from .entry import BODY_LIMIT, Entry
from .filters import Filters
from .log import RequestLog

logger = logging.getLogger(__name__)

TRIM_EVERY = 100
INSERT = ("INSERT INTO socialpost_journal (session, entry, request_body, response_body)"
          " VALUES (%s, %s, %s, %s) RETURNING id")
# Entries of a session that keep their bodies (older ones keep the rest, ``truncated: true``),
# as the in-memory journal keeps bodies within a byte budget: 64 KiB at most per body.
BODIES_KEPT = 500


def _headers(headers: Any) -> list[list[str]]:
    return [[name.decode("latin-1"), value.decode("latin-1")] for name, value in headers]


def _raw(headers: list[list[str]]) -> list[tuple[bytes, bytes]]:
    return [(name.encode("latin-1"), value.encode("latin-1")) for name, value in headers]


def to_row(entry: Entry) -> tuple[dict[str, Any], bytes, bytes]:
    meta = {"at": entry.at, "now": entry.now, "session": entry.session, "method": entry.method,
            "path": entry.path, "query": entry.query.decode("latin-1"),
            "operation": entry.operation, "status": entry.status,
            "request_headers": _headers(entry.request_headers),
            "response_headers": _headers(entry.response_headers),
            "duration_ms": entry.duration_ms, "fault": entry.fault,
            "request_size": entry.request_size, "response_size": entry.response_size}
    return meta, _kept(entry.request_body), _kept(entry.response_body)


def _kept(chunks: Any) -> bytes:
    """What is stored of a body: all the journal ever shows of it (``BODY_LIMIT`` bytes), and
    one more byte, which says it was longer (its size is kept in the metadata)."""
    kept = b"".join(chunks)
    return kept[:BODY_LIMIT + 1] if len(kept) > BODY_LIMIT else kept


def from_row(id: int, meta: dict[str, Any], request_body: bytes, response_body: bytes,
             dropped: bool = False) -> Entry:
    entry = Entry(
        at=meta["at"], now=meta["now"], session=meta["session"], method=meta["method"],
        path=meta["path"], query=meta["query"].encode("latin-1"), operation=meta["operation"],
        request_headers=_raw(meta["request_headers"]),
        request_body=[request_body] if request_body else [], status=meta["status"],
        response_headers=_raw(meta["response_headers"]),
        response_body=[response_body] if response_body else [],
        duration_ms=meta["duration_ms"], fault=meta["fault"],
    )
    entry.id = id
    entry.dropped = dropped
    if not dropped:  # the bodies may have been kept cut: their sizes were written down
        entry.request_size = meta.get("request_size", entry.request_size)
        entry.response_size = meta.get("response_size", entry.response_size)
    return entry


class SharedRequestLog(RequestLog):
    """``RequestLog`` whose entries live in the session's rows of ``socialpost_journal``."""

    shared = True

    def __init__(self, database: Database, session: str, size: int) -> None:
        super().__init__(size)
        self._database = database
        self._session = session
        self._inserted = 0
        self._trimming = threading.Lock()  # held while a trim runs
        # What the recorder awaits: the entries of requests finishing together, in one insert.
        self.recording: Coalescer[Entry, None] = Coalescer(self.record_many)

    def __len__(self) -> int:
        def work(conn: psycopg.Connection) -> int:
            found = conn.execute("SELECT count(*) FROM socialpost_journal WHERE session = %s",
                                 (self._session,)).fetchone()
            return int(found[0]) if found else 0
        return self._database.run(work)

    def record(self, entry: Entry) -> None:
        self.record_many([entry])

    async def record_off_loop(self, entry: Entry) -> None:
        await self.recording(entry)

    def record_many(self, entries: list[Entry]) -> list[None]:
        """Insert ``entries`` in one round trip (their ids set), or raise for all of them."""
        if self.size <= 0 or not entries:
            return [None] * len(entries)
        rows = [to_row(entry) for entry in entries]

        def work(conn: psycopg.Connection) -> list[int]:
            # One round trip, and no wait for the disk: the journal is what a test reads back,
            # not data the API acknowledged (a database crash may lose its last entries).
            # The rows go as one executemany: the statement is prepared once for them all.
            with conn.cursor() as cursor:
                with conn.pipeline():
                    conn.execute("BEGIN")
                    conn.execute("SET LOCAL synchronous_commit TO OFF")
                    cursor.executemany(INSERT, [(self._session, orjson.dumps(meta), request,
                                                 response) for meta, request, response in rows],
                                       returning=True)
                    conn.execute("COMMIT")
                return [int(row[0]) for result in cursor.results()
                        if (row := result.fetchone()) is not None]
        for entry, id in zip(entries, self._database.run(work, attempts=1), strict=True):
            entry.id = id
        before, self._inserted = self._inserted, self._inserted + len(entries)
        if before // TRIM_EVERY != self._inserted // TRIM_EVERY:
            self._trim_aside()
        return [None] * len(entries)

    def clear(self) -> None:
        self._database.run(lambda conn: conn.execute(
            "DELETE FROM socialpost_journal WHERE session = %s", (self._session,)))

    def _trim_aside(self) -> None:
        """``_trim`` in a thread of its own, unless one is under way (it trims to the newest)."""
        if not self._trimming.acquire(blocking=False):
            return

        def run() -> None:
            try:
                self._trim()
            except Exception as exc:  # the database down, the session dropped: the next trim
                logger.warning("journal not trimmed: %r", exc)
            finally:
                self._trimming.release()

        threading.Thread(target=run, name="journal-trim", daemon=True).start()

    def _trim(self) -> None:
        """Beyond ``size`` entries, the oldest go; beyond ``BODIES_KEPT``, their bodies."""
        def work(conn: psycopg.Connection) -> None:
            with conn.pipeline():
                conn.execute(
                    "DELETE FROM socialpost_journal WHERE session = %s AND id <= (SELECT id FROM"
                    " socialpost_journal WHERE session = %s ORDER BY id DESC OFFSET %s LIMIT 1)",
                    (self._session, self._session, self.size))
                conn.execute(
                    "UPDATE socialpost_journal SET request_body = '', response_body = '',"
                    " dropped = true WHERE session = %s AND NOT dropped AND id <= (SELECT id"
                    " FROM socialpost_journal WHERE session = %s ORDER BY id DESC OFFSET %s"
                    " LIMIT 1)", (self._session, self._session, BODIES_KEPT))
        self._database.run(work)

    def _matching(self, filters: Filters) -> tuple[list[Entry], int | None]:
        after = filters.after if filters.after is not None else 0

        def work(conn: psycopg.Connection) -> tuple[list[Entry], int | None]:
            newest = conn.execute("SELECT max(id) FROM socialpost_journal WHERE session = %s",
                                  (self._session,)).fetchone()
            rows = conn.execute(
                "SELECT id, entry, request_body, response_body, dropped FROM (SELECT * FROM"
                " socialpost_journal WHERE session = %s AND id > %s ORDER BY id DESC LIMIT %s)"
                " newest ORDER BY id", (self._session, after, self.size)).fetchall()
            entries = [from_row(id, orjson.loads(meta), bytes(req), bytes(res), dropped)
                       for id, meta, req, res, dropped in rows]
            return entries, (None if newest is None or newest[0] is None else int(newest[0]))
        found, last_id = self._database.run(work)
        return [entry for entry in found if filters.matches(entry)], last_id
