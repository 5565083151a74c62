"""The embedded database on disk: a TinyDB snapshot file and an append-only journal beside it.

``db.json`` is a TinyDB database (tables of documents, written atomically: temporary file,
fsync, rename, directory fsync). ``db.json.journal`` holds one JSON line per write made since
that snapshot, so a write costs the same at 10 or 10,000 posts.

Group commit: ``append`` only writes the line (``os.write``, under the store's lock); ``sync``
makes it durable, outside that lock. The first writer to call ``sync`` leads: it fsyncs
everything written so far, and every writer whose line that fsync covered returns without one
of its own (the followers wait for it). A write is acknowledged only once ``sync`` returns for
it, so ``kill -9`` at any moment loses nothing acknowledged.

Every snapshot has a generation; journal lines carry the generation they extend. Compaction
(and restoring fixtures) writes a snapshot of the next generation and then empties the journal:
a crash between the two leaves lines of an older generation, which replay skips because the new
snapshot already holds them. A line cut short by a crash mid-append is the unacknowledged
last write: it is dropped on open.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage

Tables = dict[str, dict[str, dict[str, Any]]]
Entry = dict[str, Any]


class StoreError(Exception):
    """The database cannot be used as it is (corrupt, or from an unknown format version)."""


class SnapshotStorage(Storage):
    """TinyDB storage of one snapshot file: read once, written whole and atomically."""

    def __init__(self, path: str) -> None:
        self._path = Path(path)
        self._data: dict[str, Any] | None = None
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
        write_atomically(self._path, json.dumps(data).encode("utf-8"))
        self._data = data

    def close(self) -> None:
        pass


def write_atomically(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        _fsync_directory(path.parent)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _fsync_directory(directory: Path) -> None:
    """Make a rename itself durable (a crash after it must not bring the old file back)."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class Journal:
    """Snapshot plus journal of one database path."""

    def __init__(self, path: Path, fsync: Callable[[int], None] = os.fsync) -> None:
        self.path = path
        self.journal_path = path.with_name(path.name + ".journal")
        self.generation = 0
        self.lines = 0
        self._fd: int | None = None
        self._fsync = fsync
        # Group commit: lines written (a sequence number), lines an fsync has covered.
        self._commit = threading.Condition(threading.Lock())
        self._written = 0
        self._synced = 0
        self._syncing = False

    def open(self) -> tuple[Tables, list[Entry]]:
        """The snapshot's tables and the journal entries to replay on top of them."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # A snapshot write interrupted by a crash leaves its temporary file: litter.
        for leftover in self.path.parent.glob(f".{self.path.name}.*"):
            leftover.unlink(missing_ok=True)
        db = TinyDB(str(self.path), storage=SnapshotStorage)
        tables: Tables = {name: {str(doc.doc_id): dict(doc) for doc in db.table(name).all()}
                          for name in db.tables()}
        meta = next(iter(tables.get("_meta", {}).values()), {})
        self.generation = int(meta.get("generation", 0))
        entries = self._replay() if tables else []
        self._fd = os.open(self.journal_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        return tables, entries

    def _replay(self) -> list[Entry]:
        if not self.journal_path.exists():
            return []
        raw = self.journal_path.read_bytes()
        entries: list[Entry] = []
        offset = 0
        for line in raw.splitlines(keepends=True):
            try:
                entry = json.loads(line)
                if not line.endswith(b"\n") or not isinstance(entry, dict):
                    raise ValueError("incomplete line")
            except ValueError as exc:
                if offset + len(line) < len(raw):
                    raise StoreError(
                        f"{self.journal_path} is corrupt at byte {offset}: {exc}"
                    ) from exc
                # The last line, cut short by a crash: that write was never acknowledged.
                os.truncate(self.journal_path, offset)
                break
            offset += len(line)
            if entry.get("g") == self.generation:
                entries.append(entry)
        self.lines = len(entries)
        return entries

    def append(self, entry: Entry) -> int:
        """Write one entry (not yet durable: ``sync`` the number this returns)."""
        assert self._fd is not None, "journal not open"
        line = json.dumps({"g": self.generation, **entry}).encode("utf-8") + b"\n"
        os.write(self._fd, line)
        self.lines += 1
        with self._commit:
            self._written += 1
            return self._written

    def sync(self, written: int) -> None:
        """Return once an fsync that began after line ``written`` was written has completed.

        Leader or follower: while another thread fsyncs, wait for it; if its fsync did not
        cover this line, lead the next one, covering every line written by then.
        """
        with self._commit:
            while self._synced < written:
                if self._syncing:
                    self._commit.wait()
                    continue
                self._syncing = True
                covered = self._written
                fd = self._fd
                self._commit.release()
                try:
                    if fd is not None:
                        self._fsync(fd)
                finally:
                    self._commit.acquire()
                    self._syncing = False
                    self._commit.notify_all()
                self._synced = max(self._synced, covered)

    def snapshot(self, tables: Tables) -> None:
        """Write ``tables`` as the next generation's snapshot, then empty the journal."""
        self.generation += 1
        tables = {**tables, "_meta": {"1": {**tables.get("_meta", {}).get("1", {}),
                                            "generation": self.generation}}}
        write_atomically(self.path, json.dumps(tables).encode("utf-8"))
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            self._fsync(self._fd)
        self.lines = 0
        with self._commit:  # every line written so far is in the snapshot: durable
            self._synced = self._written
            self._commit.notify_all()

    def close(self) -> None:
        with self._commit:
            while self._syncing:
                self._commit.wait()
            if self._fd is not None:
                os.close(self._fd)
                self._fd = None
