"""Storage behind one small interface: the handlers and the publisher see ``Store``, never TinyDB.

``TinyStore`` is the embedded default: TinyDB over a JSON file that is rewritten atomically
(write a temporary file, fsync, rename), so a crash never leaves it half-written. Every method
takes one lock, and ``atomic()`` holds it across a read-check-write, so requests and the
publisher never interleave inside one change. Records go in and out as plain dicts (copies:
callers cannot change stored state by accident).
"""

from __future__ import annotations

import copy
import json
import os
import tempfile
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any, Literal, Protocol

from tinydb import Query, TinyDB
from tinydb.storages import MemoryStorage, Storage

Record = dict[str, Any]
Kind = Literal[
    "users", "brands", "facebook_pages", "templates", "template_instances", "brand_assets"
]
KINDS: tuple[Kind, ...] = (
    "users", "brands", "facebook_pages", "templates", "template_instances", "brand_assets"
)
FORMAT_VERSION = 1


class StoreError(Exception):
    """The database cannot be used as it is (corrupt, or from an unknown format version)."""


class Store(Protocol):
    """What the mock needs from storage."""

    def atomic(self) -> AbstractContextManager[None]: ...
    def user_for_token(self, token: str) -> str | None: ...
    def get(self, kind: Kind, id: str) -> Record | None: ...
    def post(self, id: str) -> Record | None: ...
    def posts_of_brand(self, brand: str) -> list[Record]: ...
    def pending_posts(self) -> list[Record]: ...
    def insert_post(self, post: Record) -> None: ...
    def update_post(self, id: str, changes: Record) -> Record: ...
    def update(self, kind: Kind, id: str, changes: Record) -> Record | None: ...
    def post_failure(self, id: str) -> str | None: ...
    def set_post_failure(self, id: str, message: str | None) -> None: ...
    def load(self, fixtures: Record) -> None: ...
    def close(self) -> None: ...


class AtomicJSONStorage(Storage):
    """TinyDB storage kept in memory, written through to ``path`` atomically on every write."""

    def __init__(self, path: str) -> None:
        self._path = Path(path)
        self._data: dict[str, Any] | None = None
        # A write interrupted by a crash leaves its temporary file; the database file itself is
        # the last complete write, so the leftover is only litter.
        for leftover in self._path.parent.glob(f".{self._path.name}.*"):
            leftover.unlink(missing_ok=True)
        if self._path.exists():
            try:
                self._data = json.loads(self._path.read_text(encoding="utf-8") or "null")
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise StoreError(f"{self._path} is not a readable JSON database: {exc}") from exc
            if self._data is not None and not isinstance(self._data, dict):
                raise StoreError(f"{self._path} does not hold a database object")

    def read(self) -> dict[str, Any] | None:
        return self._data

    def write(self, data: dict[str, Any]) -> None:
        self._path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self._path.parent, prefix=f".{self._path.name}.")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(json.dumps(data))
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self._path)
            _fsync_directory(self._path.parent)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self._data = data

    def close(self) -> None:
        pass


def _fsync_directory(directory: Path) -> None:
    """Make the rename itself durable (a crash after it must not bring the old file back)."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class TinyStore:
    """The embedded store: TinyDB tables named like the fixture file's keys."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        if path is None:
            self._db = TinyDB(storage=MemoryStorage)
        else:
            self._db = TinyDB(str(path), storage=AtomicJSONStorage)
        self._lock = threading.RLock()

    # -- lifecycle -----------------------------------------------------------------------------

    @property
    def is_empty(self) -> bool:
        with self._lock:
            return not self._db.tables()

    def check_format(self) -> None:
        """Refuse a database this version does not know how to read."""
        meta = self._db.table("_meta").all()
        version = meta[0].get("format") if meta else None
        if version != FORMAT_VERSION:
            raise StoreError(
                f"database {self.path} has format {version!r}, this mock reads format "
                f"{FORMAT_VERSION}"
            )

    def load(self, fixtures: Record) -> None:
        """Replace everything with ``fixtures`` (a fixture file's content), in one write."""
        with self._lock:
            tables: dict[str, dict[str, Record]] = {"_meta": {"1": {"format": FORMAT_VERSION}}}
            tables["tokens"] = {
                str(i): {"token": token, "user": user}
                for i, (token, user) in enumerate(fixtures["tokens"].items(), start=1)
            }
            for kind in (*KINDS, "social_posts"):
                tables[kind] = {
                    str(i): copy.deepcopy(row) for i, row in enumerate(fixtures[kind], start=1)
                }
            self._db.drop_tables()
            self._db.storage.write(tables)
            self._db.clear_cache()

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """Hold the store for a read-check-write that nothing else may interleave with."""
        with self._lock:
            yield

    # -- reads ---------------------------------------------------------------------------------

    def user_for_token(self, token: str) -> str | None:
        with self._lock:
            row = self._db.table("tokens").get(Query().token == token)
            return None if row is None else str(row["user"])

    def get(self, kind: Kind, id: str) -> Record | None:
        with self._lock:
            row = self._db.table(kind).get(Query().id == id)
            return None if row is None else dict(copy.deepcopy(row))

    def post(self, id: str) -> Record | None:
        with self._lock:
            row = self._db.table("social_posts").get(Query().id == id)
            return None if row is None else dict(row)

    def posts_of_brand(self, brand: str) -> list[Record]:
        """The brand's posts that are not deleted."""
        with self._lock:
            rows = self._db.table("social_posts").search(
                (Query().brand == brand) & (Query().deleted_at == None)  # noqa: E711
            )
            return [dict(row) for row in rows]

    def pending_posts(self) -> list[Record]:
        """Posts the publisher has still to execute: scheduled, not executed, not deleted."""
        with self._lock:
            rows = self._db.table("social_posts").search(
                (Query().deleted_at == None)  # noqa: E711
                & (Query().executed_at == None)  # noqa: E711
                & (Query().due_at != None)  # noqa: E711
            )
            return [dict(row) for row in rows]

    # -- writes --------------------------------------------------------------------------------

    def insert_post(self, post: Record) -> None:
        with self._lock:
            self._db.table("social_posts").insert(dict(post))

    def update_post(self, id: str, changes: Record) -> Record:
        with self._lock:
            table = self._db.table("social_posts")
            table.update(dict(changes), Query().id == id)
            row = table.get(Query().id == id)
            if row is None:
                raise KeyError(id)
            return dict(row)

    def update(self, kind: Kind, id: str, changes: Record) -> Record | None:
        """Change a related record (the control API sets a page's failure this way)."""
        with self._lock:
            table = self._db.table(kind)
            if not table.update(dict(changes), Query().id == id):
                return None
            row = table.get(Query().id == id)
            return None if row is None else dict(copy.deepcopy(row))

    # -- failures injected through the control API ----------------------------------------------

    def post_failure(self, id: str) -> str | None:
        with self._lock:
            row = self._db.table("post_failures").get(Query().post == id)
            return None if row is None else str(row["message"])

    def set_post_failure(self, id: str, message: str | None) -> None:
        with self._lock:
            table = self._db.table("post_failures")
            if message is None:
                table.remove(Query().post == id)
            else:
                table.upsert({"post": id, "message": message}, Query().post == id)
