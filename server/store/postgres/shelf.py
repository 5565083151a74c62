"""Named values of one session kept in PostgreSQL (its snapshots), read like a dict.

Every operation is a round trip, so a snapshot saved through one replica is listed, restored or
deleted through any other. Values are stored as JSON through the ``encode``/``decode`` given.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, MutableMapping
from typing import Any, Generic, TypeVar

import orjson
import psycopg

from .database import Database

V = TypeVar("V")
Json = dict[str, Any]


class SharedShelf(MutableMapping[str, V], Generic[V]):
    def __init__(self, database: Database, session: str, encode: Callable[[V], Json],
                 decode: Callable[[Json], V]) -> None:
        self._database = database
        self._session = session
        self._encode = encode
        self._decode = decode

    def __getitem__(self, name: str) -> V:
        found = self._one("SELECT snapshot FROM socialpost_snapshots WHERE session = %s"
                          " AND name = %s", name)
        if found is None:
            raise KeyError(name)
        return self._decode(orjson.loads(found))

    def __setitem__(self, name: str, value: V) -> None:
        document = orjson.dumps(self._encode(value))
        self._database.run(lambda conn: conn.execute(
            "INSERT INTO socialpost_snapshots (session, name, created, snapshot)"
            " VALUES (%s, %s, %s, %s) ON CONFLICT (session, name)"
            " DO UPDATE SET snapshot = EXCLUDED.snapshot, created = EXCLUDED.created",
            (self._session, name, time.time(), document)))

    def __delitem__(self, name: str) -> None:
        def work(conn: psycopg.Connection) -> int:
            return conn.execute("DELETE FROM socialpost_snapshots WHERE session = %s"
                                " AND name = %s", (self._session, name)).rowcount
        if not self._database.run(work):
            raise KeyError(name)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self._one(
            "SELECT true FROM socialpost_snapshots WHERE session = %s AND name = %s", name
        ) is not None

    def __iter__(self) -> Iterator[str]:
        return iter([name for name, _ in self._all("name")])

    def __len__(self) -> int:
        def work(conn: psycopg.Connection) -> int:
            found = conn.execute("SELECT count(*) FROM socialpost_snapshots WHERE session = %s",
                                 (self._session,)).fetchone()
            return int(found[0]) if found else 0
        return self._database.run(work)

    def values(self) -> list[V]:  # type: ignore[override]  # one query, not one per name
        return [self._decode(orjson.loads(document)) for _, document in self._all("snapshot")]

    def clear(self) -> None:
        self._database.run(lambda conn: conn.execute(
            "DELETE FROM socialpost_snapshots WHERE session = %s", (self._session,)))

    def _one(self, query: str, name: str) -> Any:
        def work(conn: psycopg.Connection) -> Any:
            found = conn.execute(query, (self._session, name)).fetchone()
            return None if found is None else found[0]
        return self._database.run(work)

    def _all(self, column: str) -> list[tuple[str, Any]]:
        query = ("SELECT name, name FROM socialpost_snapshots WHERE session = %s ORDER BY created"
                 if column == "name" else
                 "SELECT name, snapshot FROM socialpost_snapshots WHERE session = %s"
                 " ORDER BY created")
        def work(conn: psycopg.Connection) -> list[tuple[str, Any]]:
            return [(row[0], row[1]) for row in conn.execute(query, (self._session,))]
        return self._database.run(work)
