"""Write blocks of one replica committed together: one row lock, one commit, for all that came.

A write block needs the session's row lock (taken with the catch-up) and a commit (an fsync of
PostgreSQL's log). Blocks arriving while another holds the lock would each wait for the one
before them to commit; instead they join its batch: the first (the leader) opens the transaction,
every member runs its block against memory in turn (under the replica's lock), and the leader
commits the writes of all of them at once. Each member returns only once that commit is done.
New blocks arriving while the leader commits open the next batch. The blocks of requests
writing at the same time usually arrive together from one thread (``PgStore.atomic_each``);
blocks from other threads (the control API, the publisher) join the same way.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import psycopg

from ..base import Record
from .records import Item


@dataclass
class Part:
    """What one block wrote: a load (everything replaced), then records; from ``first_seq``."""

    load: Record | None
    writes: list[Item]
    first_seq: int


@dataclass
class Batch:
    conn: psycopg.Connection | None = None
    parts: list[Part] = field(default_factory=list)
    # Set when some member moved the clock (its state then goes with the commit).
    clock_moved: bool = False
    # Admitted members whose block has not finished yet (the leader waits for them).
    running: int = 0
    sealed: bool = False
    error: BaseException | None = None
    opened: threading.Event = field(default_factory=threading.Event)
    committed: threading.Event = field(default_factory=threading.Event)

    @property
    def empty(self) -> bool:
        return not self.parts and not self.clock_moved


class Batches:
    """The batch a write block joins, or opens."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._open: Batch | None = None

    def join(self) -> tuple[Batch, bool]:
        """The batch to run in, and whether this block leads it."""
        with self._changed:
            batch = self._open
            leader = batch is None or batch.sealed
            if leader:
                batch = self._open = Batch()
            assert batch is not None
            batch.running += 1
            return batch, leader

    def finished(self, batch: Batch) -> None:
        """A member's block is done (or failed): the leader may be waiting for it."""
        with self._changed:
            batch.running -= 1
            self._changed.notify_all()

    def seal(self, batch: Batch) -> None:
        """No more members: wait for the admitted ones to finish their blocks."""
        with self._changed:
            batch.sealed = True
            if self._open is batch:
                self._open = None
            while batch.running:
                self._changed.wait()

