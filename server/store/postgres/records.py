"""A session's records as rows of ``socialpost_rows``, and back.

A record is stored as its JSON bytes (``bytea``: PostgreSQL text cannot hold ``\\u0000``, which
JSON may carry); rows keep the order records were written in (``ord``), so a session read back
lists them as it was given them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import orjson
import psycopg

from ..base import KINDS, POSTS, Record
from ..fixtures import FIXTURE_FORMAT

Item = tuple[str, str, Record | None]  # (table, key, record); None: a cleared post failure


def dumps(record: Record | None) -> bytes | None:
    """A record as stored: JSON bytes (``bytea``: ``\u0000`` is no text PostgreSQL keeps)."""
    return None if record is None else orjson.dumps(record)


def loads(stored: bytes | None) -> Any:
    return None if stored is None else orjson.loads(stored)


def items(data: Record) -> Iterator[Item]:
    """A fixture file's content (plus ``post_failures``) as rows, in file order."""
    for token, user in data["tokens"].items():
        yield "tokens", token, {"user": user}
    for kind in KINDS:
        for row in data[kind]:
            yield kind, row["id"], row
    for post in data[POSTS]:
        yield POSTS, post["id"], post
    for failure in data.get("post_failures", []):
        yield "post_failures", failure["post"], {"message": failure["message"]}


def fixture_data(rows: Iterable[Item]) -> Record:
    """Rows (in insertion order) back in fixture-file format, plus ``post_failures``."""
    data: Record = {"format": FIXTURE_FORMAT, "tokens": {}, POSTS: [], "post_failures": []}
    for kind in KINDS:
        data[kind] = []
    for table, key, record in rows:
        if record is None:
            continue
        if table == "tokens":
            data["tokens"][key] = record["user"]
        elif table == "post_failures":
            data["post_failures"].append({"post": key, "message": record["message"]})
        else:
            data[table].append(record)
    return data


def read_all(conn: psycopg.Connection, session: str) -> list[Item]:
    rows = conn.execute("SELECT tbl, key, data FROM socialpost_rows WHERE session = %s"
                        " ORDER BY ord", (session,)).fetchall()
    return [(table, key, loads(record)) for table, key, record in rows]


def write_all(conn: psycopg.Connection, session: str, rows: Iterable[Item],
              first_seq: int) -> int:
    """Replace the session's rows by ``rows`` (COPY); the last sequence number used."""
    conn.execute("DELETE FROM socialpost_rows WHERE session = %s", (session,))
    seq = first_seq - 1
    with conn.cursor().copy(
        "COPY socialpost_rows (session, tbl, key, seq, ord, data) FROM STDIN"
    ) as copy:
        for table, key, record in rows:
            seq += 1
            copy.write_row((session, table, key, seq, seq,
                            dumps(record)))
    return seq
