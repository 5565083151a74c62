"""Where sessions' stores come from: the embedded file (default) or the shared PostgreSQL store.

The app opens every session's store through a ``Backend``: the default session's when it starts,
a named session's on first use. The embedded backend keeps the default session in the ``--db``
file and named ones in memory, all in this process. The PostgreSQL backend keeps every session in
the database, so each replica opening a session by name reaches the same one, clock included.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from ..publishing.clock import Clock, Mode
from .base import Record, Store
from .postgres import Database, PgStore
from .tiny import TinyStore

DEFAULT_SESSION = "default"
Starting = Callable[[], Record]


class Backend(Protocol):
    @property
    def shared(self) -> bool: ...
    def clock(self, start: float, mode: Mode, speed: float) -> Clock: ...
    def open(self, name: str, clock: Clock, starting: Starting,
             scenario: str | None) -> Store: ...
    def drop(self, name: str) -> None: ...
    def names(self) -> list[str]:
        """The sessions the store holds, whichever process opened them."""
        ...

    def expire(self, idle: float, keep: str) -> list[str]:
        """Drop the sessions no process has used for ``idle`` seconds (but ``keep``)."""
        ...

    def close(self) -> None: ...


class Embedded:
    """The default session in a TinyDB file (``None``: in memory), named sessions in memory."""

    shared = False

    def __init__(self, path: Path | None) -> None:
        self.path = path

    def clock(self, start: float, mode: Mode, speed: float) -> Clock:
        return Clock(start, mode, speed)

    def open(self, name: str, clock: Clock, starting: Starting,
             scenario: str | None) -> Store:
        store = TinyStore(self.path if name == DEFAULT_SESSION else None)
        if store.is_empty:
            store.load(starting())
        else:
            store.check_format()
        return store

    def drop(self, name: str) -> None:
        """A named session's memory goes with its store."""

    def names(self) -> list[str]:
        return []  # only this process's registry knows its sessions

    def expire(self, idle: float, keep: str) -> list[str]:
        return []  # the registry drops its idle sessions itself

    def close(self) -> None:
        """Each store closes its own file."""


class Shared:
    """Every session in one PostgreSQL database, shared by every replica that opens it."""

    shared = True

    def __init__(self, database: Database) -> None:
        self.database = database

    def clock(self, start: float, mode: Mode, speed: float) -> Clock:
        # Epoch seconds, not this host's monotonic clock: replicas on several hosts share it.
        return Clock(start, mode, speed, wall=time.time)

    def open(self, name: str, clock: Clock, starting: Starting,
             scenario: str | None) -> Store:
        return PgStore(self.database, name, clock, starting, scenario)

    def drop(self, name: str) -> None:
        self.database.drop_session(name)

    def names(self) -> list[str]:
        return self.database.sessions()

    def expire(self, idle: float, keep: str) -> list[str]:
        return self.database.expire_sessions(idle, keep)

    def close(self) -> None:
        self.database.close()
