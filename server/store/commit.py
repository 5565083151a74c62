"""The store's lock, with group commit: a write is acknowledged when the outermost hold ends.

``CommitLock`` is a re-entrant lock that remembers, per thread, the last journal line written
while it was held. Its outermost release lets other threads in first, and only then waits for
that line to be durable (``Journal.sync``), so the fsync is shared and never holds the store.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from types import TracebackType
from typing import cast


class CommitLock:
    """An RLock whose outermost release waits until the lines written under it are synced."""

    def __init__(self, sync: Callable[[int], None] | None) -> None:
        self._lock = threading.RLock()
        self._held = threading.local()  # per thread: hold depth, the last line to sync
        self._sync = sync

    @property
    def reading(self) -> AbstractContextManager[None]:
        """The lock for a reader: it writes no lines, so it needs no per-thread bookkeeping
        (inside a hold of its thread's, a write block still syncs at that hold's end)."""
        return cast(AbstractContextManager[None], self._lock)

    def wrote(self, line: int) -> None:
        """Line ``line`` was written under this hold: sync it at the outermost release."""
        self._held.line = line

    def __enter__(self) -> None:
        self._lock.acquire()
        held = self._held
        held.depth = getattr(held, "depth", 0) + 1

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        held = self._held
        held.depth -= 1
        self._lock.release()
        if held.depth == 0 and self._sync is not None:
            line = getattr(held, "line", 0)
            if line:
                held.line = 0
                self._sync(line)
