"""Storage behind one small interface: the handlers and the publisher see ``Store``, never TinyDB.

``TinyStore`` is the embedded default. Its tables live in memory, indexed the way the mock reads
them (by id, posts by brand, posts still to publish), and are kept on disk as a TinyDB database
snapshot plus an append-only journal (``journal.py``): each write appends one line, so its cost
does not grow with the database, and the snapshot is rewritten only every ``compact_every``
writes. ``path=None`` keeps everything in memory (tests).

Every method takes one lock, and ``atomic()`` holds it across a read-check-write, so requests and
the publisher never interleave inside one change. Reads hand out the stored rows themselves,
typed read-only (``Row``): callers build new dicts rather than changing them.

Group commit: a write's journal line is written and applied in memory under the lock, but its
fsync happens after the lock is released, shared by every write that arrived meanwhile. The
writer is acknowledged (its ``atomic()`` block, or a bare write call, returns; nested blocks at
the outermost exit) only once an fsync covering its line has completed. So a concurrent reader
may see a write a few hundred microseconds before its writer is acknowledged (the line is in the
OS but not yet fsynced); a crash in that window loses only writes nobody was told succeeded.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any, TypeVar

from .base import KINDS, POSTS, Kind, Record, Row
from .commit import CommitLock
from .fixtures import FIXTURE_FORMAT
from .journal import Entry, Journal, StoreError, Tables

T = TypeVar("T")

__all__ = ["TinyStore"]

FORMAT_VERSION = 1

class TinyStore:
    """The embedded store: indexed tables in memory, a TinyDB snapshot and a journal on disk."""

    def __init__(self, path: Path | None, compact_every: int = 10_000,
                 fsync: Callable[[int], None] = os.fsync) -> None:
        self.path = path
        self.compact_every = compact_every
        self._journal = Journal(path, fsync) if path is not None else None
        self._lock = CommitLock(self._journal.sync if self._journal is not None else None)
        self._version = 0
        self._meta: Record = {}
        self._tables: dict[str, dict[str, Record]] = {}
        self._tokens: dict[str, str] = {}
        self._failures: dict[str, str] = {}
        self._posts: dict[str, Record] = {}
        self._by_brand: dict[str, dict[str, Record]] = {}
        self._pending: dict[str, Record] = {}
        if self._journal is not None:
            tables, entries = self._journal.open()
            self._index(tables)
            for entry in entries:
                self._apply(entry)

    # -- lifecycle -----------------------------------------------------------------------------

    @property
    def version(self) -> int:
        return self._version

    @property
    def is_empty(self) -> bool:
        return not self._meta

    def check_format(self) -> None:
        """Refuse a database this version does not know how to read."""
        found = self._meta.get("format")
        if found != FORMAT_VERSION:
            raise StoreError(
                f"database {self.path} has format {found!r}, this mock reads format "
                f"{FORMAT_VERSION}"
            )

    def load(self, fixtures: Record) -> None:
        """Replace everything with ``fixtures`` (a fixture file's content), in one write.

        An optional ``post_failures`` list (``{post, message}``, as ``dump()`` gives it) restores
        the failures injected for single posts; without it there are none.
        """
        with self._lock:
            tables: Tables = {"_meta": {"1": {"format": FORMAT_VERSION}}}
            tables["tokens"] = _numbered(
                {"token": token, "user": user} for token, user in fixtures["tokens"].items()
            )
            tables["post_failures"] = _numbered(
                {"post": row["post"], "message": row["message"]}
                for row in fixtures.get("post_failures", [])
            )
            for kind in (*KINDS, POSTS):
                tables[kind] = _numbered(copy.deepcopy(row) for row in fixtures[kind])
            if self._journal is not None:
                self._journal.snapshot(tables)
            self._index(tables)

    def dump(self) -> Record:
        """Everything in fixture-file format, plus ``post_failures``; a copy, not a view."""
        with self._lock:
            data: Record = {"format": FIXTURE_FORMAT, "tokens": dict(self._tokens)}
            for kind in KINDS:
                data[kind] = copy.deepcopy(list(self._tables.get(kind, {}).values()))
            data[POSTS] = copy.deepcopy(list(self._posts.values()))
            data["post_failures"] = [{"post": post, "message": message}
                                     for post, message in self._failures.items()]
            return data

    def close(self) -> None:
        if self._journal is not None:
            self._journal.close()

    @property
    def shared(self) -> bool:
        return False

    def atomic(self) -> AbstractContextManager[None]:
        """Hold the store for a read-check-write; its writes are durable when it exits."""
        return self._lock

    def atomic_each(self, works: Sequence[Callable[[], T]]) -> list[T | Exception]:
        """One block after the other (the group commit joins their fsyncs anyway)."""
        results: list[T | Exception] = []
        for work in works:
            try:
                with self.atomic():
                    results.append(work())
            except Exception as exc:
                results.append(exc)
        return results

    def reading(self) -> AbstractContextManager[None]:
        """One process writes this store: its memory is the newest state, read under the lock."""
        return self._lock.reading

    @contextmanager
    def try_reading(self) -> Iterator[bool]:
        """Always at once: the lock is never held across a disk wait (``CommitLock``)."""
        with self._lock.reading:
            yield True

    def refresh(self) -> None:
        """Nothing to catch up with: only this process writes the file."""

    # -- reads ---------------------------------------------------------------------------------

    def user_for_token(self, token: str) -> str | None:
        return self._tokens.get(token)

    def get(self, kind: Kind, id: str) -> Row | None:
        return self._tables.get(kind, {}).get(id)

    def post(self, id: str) -> Row | None:
        return self._posts.get(id)

    def posts_of_brand(self, brand: str) -> Sequence[Row]:
        """The brand's posts that are not deleted."""
        with self._lock:
            return list(self._by_brand.get(brand, {}).values())

    def pending_posts(self) -> Sequence[Row]:
        """Posts the publisher has still to execute: scheduled, not executed, not deleted."""
        with self._lock:
            return list(self._pending.values())

    def count_posts(self) -> int:
        return len(self._posts)

    def post_failure(self, id: str) -> str | None:
        return self._failures.get(id)

    def tokens(self) -> Mapping[str, str]:
        with self._lock:
            return dict(self._tokens)

    def rows(self, kind: Kind) -> Sequence[Row]:
        with self._lock:
            return list(self._tables.get(kind, {}).values())

    def post_failures(self) -> Mapping[str, str]:
        with self._lock:
            return dict(self._failures)

    # -- writes --------------------------------------------------------------------------------

    def insert_post(self, post: Record) -> None:
        self._write(POSTS, post["id"], dict(post))

    def update_post(self, id: str, changes: Record) -> Row:
        with self._lock:
            current = self._posts.get(id)
            if current is None:
                raise KeyError(id)
            return self._write(POSTS, id, {**current, **changes})

    def update(self, kind: Kind, id: str, changes: Record) -> Row | None:
        """Change a related record (the control API sets a page's failure this way)."""
        with self._lock:
            current = self._tables.get(kind, {}).get(id)
            return None if current is None else self._write(kind, id, {**current, **changes})

    def set_post_failure(self, id: str, message: str | None) -> None:
        record = None if message is None else {"post": id, "message": message}
        self._write("post_failures", id, record)

    def _write(self, table: str, key: str, record: Record | None) -> Record:
        """Journal one change, then apply it; synced when the outermost hold ends."""
        with self._lock:
            entry = {"t": table, "k": key, "r": record}
            if self._journal is not None:
                self._lock.wrote(self._journal.append(entry))
            self._apply(entry)
            if self._journal is not None and self._journal.lines >= self.compact_every:
                self._journal.snapshot(self._as_tables())
            return record or {}

    # -- the in-memory tables --------------------------------------------------------------------

    def _apply(self, entry: Entry) -> None:
        table, key, record = entry["t"], entry["k"], entry["r"]
        self._version += 1
        if table == POSTS:
            self._put_post(record)
        elif table == "post_failures":
            if record is None:
                self._failures.pop(key, None)
            else:
                self._failures[key] = record["message"]
        elif table == "tokens":
            self._tokens[key] = record["user"]
        else:
            self._tables.setdefault(table, {})[key] = record

    def _put_post(self, post: Record) -> None:
        post_id, brand = post["id"], post["brand"]
        self._posts[post_id] = post
        live = post.get("deleted_at") is None
        brand_posts = self._by_brand.setdefault(brand, {})
        if live:
            brand_posts[post_id] = post
        else:
            brand_posts.pop(post_id, None)
        if live and post.get("executed_at") is None and post.get("due_at") is not None:
            self._pending[post_id] = post
        else:
            self._pending.pop(post_id, None)

    def _index(self, tables: Tables) -> None:
        """Rebuild every index from tables in TinyDB's layout (doc id -> document)."""
        self._version += 1
        self._meta = next(iter(tables.get("_meta", {}).values()), {})
        self._tokens = {row["token"]: row["user"] for row in tables.get("tokens", {}).values()}
        self._failures = {row["post"]: row["message"]
                          for row in tables.get("post_failures", {}).values()}
        self._tables = {kind: {row["id"]: row for row in tables.get(kind, {}).values()}
                        for kind in KINDS}
        self._posts, self._by_brand, self._pending = {}, {}, {}
        for post in tables.get(POSTS, {}).values():
            self._put_post(post)

    def _as_tables(self) -> Tables:
        """Everything in TinyDB's layout, for a snapshot."""
        tables: Tables = {"_meta": {"1": dict(self._meta)}}
        tables["tokens"] = _numbered({"token": t, "user": u} for t, u in self._tokens.items())
        tables["post_failures"] = _numbered(
            {"post": p, "message": m} for p, m in self._failures.items()
        )
        for kind in KINDS:
            tables[kind] = _numbered(self._tables.get(kind, {}).values())
        tables[POSTS] = _numbered(self._posts.values())
        return tables


def _numbered(rows: Any) -> dict[str, Record]:
    """Rows as a TinyDB table: document ids from 1."""
    return {str(i): row for i, row in enumerate(rows, start=1)}
