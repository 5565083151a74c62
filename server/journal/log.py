"""A session's request journal: the newest ``size`` requests, oldest dropped first.

Entries get ids that only grow (1, 2, …, across ``clear`` too), in the order requests finished,
so ``after=<last id seen>`` tails the journal without missing or repeating one. Bodies are kept
by reference (see ``entry``); to bound memory, their bytes count against ``body_budget`` and,
past it, the oldest entries lose their bodies (kept: everything else, ``truncated: true``).

Requests are recorded on the event loop while a test client may query from its own thread: a
lock guards the ring; queries filter a snapshot outside it.
"""

from __future__ import annotations

import threading
from bisect import bisect_right
from collections import deque
from dataclasses import dataclass

import anyio

from .entry import Entry
from .filters import Filters

DEFAULT_BODY_BUDGET = 64 * 1024 * 1024


@dataclass(frozen=True)
class Page:
    entries: list[Entry]
    # How many entries match the filters, this page's and the others.
    total: int
    # The newest entry's id, matching or not (None: the journal is empty).
    last_id: int | None


class RequestLog:
    """The requests a session received, at most ``size`` of them (0: none are recorded)."""

    # Kept by a database other replicas share: recording is a round trip (made off the loop).
    shared = False

    def __init__(self, size: int, body_budget: int = DEFAULT_BODY_BUDGET) -> None:
        self.size = size
        self.body_budget = body_budget
        self._entries: deque[Entry] = deque()
        # The entries still holding bodies, oldest first, and the bytes they hold.
        self._bodied: deque[Entry] = deque()
        self._body_bytes = 0
        self._last_id = 0
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def record(self, entry: Entry) -> None:
        """Add a finished request (its ``id`` is set here)."""
        if self.size <= 0:
            return
        size = entry.body_size
        with self._lock:
            self._last_id += 1
            entry.id = self._last_id
            if len(self._entries) >= self.size:
                oldest = self._entries.popleft()
                if self._bodied and self._bodied[0] is oldest:
                    self._bodied.popleft()
                    self._body_bytes -= oldest.body_size
            self._entries.append(entry)
            if size:
                self._bodied.append(entry)
                self._body_bytes += size
                while self._body_bytes > self.body_budget and self._bodied:
                    dropped = self._bodied.popleft()
                    self._body_bytes -= dropped.body_size
                    dropped.drop_bodies()

    async def record_off_loop(self, entry: Entry) -> None:
        """``record`` in a worker thread: a shared journal's is a round trip to its database."""
        await anyio.to_thread.run_sync(self.record, entry)

    def clear(self) -> None:
        """Forget every entry (ids keep growing)."""
        with self._lock:
            self._entries.clear()
            self._bodied.clear()
            self._body_bytes = 0

    def query(self, filters: Filters, start: int = 0, limit: int = 100,
              newest_first: bool = True) -> Page:
        """The entries matching ``filters``, ``limit`` of them from the ``start``-th."""
        found, last_id = self._matching(filters)
        if newest_first:
            found.reverse()
        return Page(found[start:start + limit], len(found), last_id)

    def count(self, filters: Filters) -> int:
        return len(self._matching(filters)[0])

    def _matching(self, filters: Filters) -> tuple[list[Entry], int | None]:
        with self._lock:
            snapshot = list(self._entries)
            last_id = snapshot[-1].id if snapshot else None
        if filters.after is not None:  # ids grow along the ring: skip the older ones at once
            snapshot = snapshot[bisect_right(snapshot, filters.after, key=_id):]
        return [entry for entry in snapshot if filters.matches(entry)], last_id


def _id(entry: Entry) -> int:
    return entry.id
