"""The sessions a mock holds: the durable default one and named ones created on first use.

A named session starts from the fixtures (or the mock's ``--scenario``, or the scenario it was
created with) at the clock's start instant, in the mock's clock mode and speed, and lives in
memory: it does not survive a restart. Idle sessions (by wall-clock time) are dropped after
``ttl`` seconds; beyond ``limit`` named sessions, the one idle longest is dropped to make room.
Each session in realtime mode has its own publisher task.
"""

from __future__ import annotations

import asyncio
import logging
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import suppress

from ..errors import BadRequest, Conflict, NotFound
from ..publishing.clock import Clock
from ..publishing.publisher import run_realtime
from ..state import DEFAULT_SESSION, MockState, starting_data
from ..store import Record
from ..store.scenarios import ScenarioError, scenario_path
from .side import side_of

logger = logging.getLogger(__name__)

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._~-]{0,63}$")
# Expiry is checked on use, at most this often (seconds), and by the lifespan's sweeper.
SWEEP_EVERY = 1.0


def check_name(name: str, field: str = "X-Mock-Session") -> str:
    if not NAME.match(name):
        raise BadRequest(
            f"{field}: '{name[:80]}' is not a session name (1-64 letters, digits, '.', '_', '~' "
            "or '-', starting with a letter or digit).",
            field=field,
        )
    return name


def checked_scenario(name: str) -> str:
    """A scenario name the control API was sent, if there is such a scenario (400 if not)."""
    try:
        scenario_path(name)
    except ScenarioError as exc:
        raise BadRequest(f"Body field 'scenario': {exc}.", field="scenario") from exc
    return name


class Sessions:
    """The default session and the named ones, by name."""

    def __init__(self, default: MockState, *, clock: Callable[[], Clock], journal_size: int,
                 ttl: float, limit: int, scenario: str | None = None,
                 wall: Callable[[], float] = time.time) -> None:
        self.default = default
        # What a new session starts from unless told otherwise: the mock's --scenario (not the
        # default session's, which a reset to another scenario changes).
        self.scenario = scenario
        self.ttl = ttl
        self.limit = limit
        self._clock = clock
        self._journal_size = journal_size
        self._wall = wall
        self._named: dict[str, MockState] = {}
        self._publishers: dict[str, asyncio.Task[None]] = {}
        self._lock = threading.Lock()
        self._swept = 0.0
        # Each scenario's starting data, read (and posts generated) once: every load copies it.
        self._starting: dict[str | None, Record] = {}
        try:  # the loop realtime publishers run on (sessions may be opened from threads)
            self._loop: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
        except RuntimeError:
            self._loop = None

    @property
    def shared(self) -> bool:
        """Whether the sessions live in a database other replicas share (opening one then
        costs round trips: done off the event loop)."""
        return self.default.backend.shared

    def is_open(self, name: str | None) -> bool:
        return name is None or name == DEFAULT_SESSION or name in self._named

    def all(self) -> list[MockState]:
        """Every session: with a shared store, those other replicas created too."""
        if self.shared:
            held = set(self.default.backend.names())
            with self._lock:
                for name in [name for name in self._named if name not in held]:
                    self._drop(name, forget=False)  # another replica dropped it
            for name in held:
                if name != DEFAULT_SESSION and name not in self._named:
                    self.create(name, exist_ok=True)
        return list(self)

    def __iter__(self) -> Iterator[MockState]:
        with self._lock:
            return iter([self.default, *self._named.values()])

    def __len__(self) -> int:
        return 1 + len(self._named)

    def find(self, name: str) -> MockState | None:
        if name == DEFAULT_SESSION:
            return self.default
        found = self._named.get(name)
        if not self.shared:
            return found
        held = name in self.default.backend.names()
        if found is None and held:
            found = self.create(name, exist_ok=True)  # another replica created it
        elif found is not None and not held:
            with self._lock:  # another replica dropped it
                if name in self._named:
                    self._drop(name, forget=False)
            found = None
        return found

    def use(self, name: str | None) -> MockState:
        """The session called ``name`` (None: the default), created on first use."""
        now = self._wall()
        if now - self._swept >= SWEEP_EVERY and not self.shared:  # shared: the sweeper's job
            self.expire()
        if name is None or name == DEFAULT_SESSION:
            state = self.default
        else:
            state = self._named.get(name) or self.create(name, exist_ok=True)
        state.last_used = now
        return state

    def create(self, name: str, scenario: str | None = None, *,
               exist_ok: bool = False) -> MockState:
        """A new named session from ``scenario`` (None: what the mock starts from)."""
        check_name(name, "name")
        if scenario is not None:
            checked_scenario(scenario)
        # Made by another replica (shared store): known here only once opened.
        elsewhere = (self.shared and not exist_ok and name not in self._named
                     and name in self.default.backend.names())
        with self._lock:
            found = self.default if name == DEFAULT_SESSION else self._named.get(name)
            if found is not None or elsewhere:
                if exist_ok and found is not None:
                    return found
                raise Conflict(f"Session '{name}' already exists; DELETE it first to start over.",
                               field="name")
            state = self._new_state(name, scenario)
            while len(self._named) >= self.limit:
                oldest = min(self._named.values(), key=lambda s: s.last_used)
                logger.warning("dropping session %r, idle the longest, to stay within "
                               "--max-sessions %d", oldest.name, self.limit)
                # Shared: only this replica's copy (others may be using it).
                self._drop(oldest.name, forget=not self.shared)
            self._named[name] = state
        self._start_publisher(state)
        return state

    def drop(self, name: str) -> None:
        if name == DEFAULT_SESSION:
            raise Conflict("The default session cannot be dropped; POST /_mock/reset restores it.")
        if self.shared:
            self.find(name)  # known here if another replica created it
        with self._lock:
            if name not in self._named:
                raise NotFound(f"No session '{name}'.")
            self._drop(name)

    def expire(self) -> list[str]:
        """Drop every named session idle for longer than the TTL; their names."""
        now = self._wall()
        self._swept = now
        with self._lock:
            idle = [s.name for s in self._named.values() if now - s.last_used > self.ttl]
            for name in idle:
                logger.info("session %r expired after %.0f s idle", name, self.ttl)
                self._drop(name, forget=not self.shared)
        if self.shared:  # idle for every replica (each records use): gone from the database
            idle += self.default.backend.expire(self.ttl, keep=DEFAULT_SESSION)
        return idle

    async def close(self) -> None:
        """Stop every named session's publisher (the lifespan ends)."""
        with self._lock:
            tasks = list(self._publishers.values())
            self._publishers.clear()
        for task in tasks:
            task.cancel()
            with suppress(asyncio.CancelledError):
                await task

    def _new_state(self, name: str, scenario: str | None) -> MockState:
        base = self.default
        scenario = scenario if scenario is not None else self.scenario
        clock = self._clock()

        def starting() -> Record:
            if scenario not in self._starting:
                self._starting[scenario] = starting_data(
                    base.fixtures_path, scenario, base.generate_posts, base.clock_start)
            return self._starting[scenario]

        store = base.backend.open(name, clock, starting, scenario)
        side = side_of(base.backend, name, store, self._journal_size)
        return MockState(
            store=store,
            clock=clock,
            fixtures_path=base.fixtures_path,
            clock_start=base.clock_start,
            generate_posts=base.generate_posts,
            scenario=scenario,
            name=name,
            faults=side.faults,
            journal=side.journal,
            snapshots=side.snapshots,
            backend=base.backend,
        )

    def _drop(self, name: str, forget: bool = True) -> None:
        """Close a session here; ``forget``: delete it from the store too."""
        state = self._named.pop(name)
        task = self._publishers.pop(name, None)
        if task is not None:
            task.cancel()
        state.store.close()
        if forget:
            state.backend.drop(name)

    def _start_publisher(self, state: MockState) -> None:
        try:
            loop: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        if loop is not None:
            self._publishers[state.name] = loop.create_task(run_realtime(state, state.bind(loop)))
        elif self._loop is not None and not self._loop.is_closed():  # opened in a worker thread
            self._loop.call_soon_threadsafe(self._start_publisher, state)
        # else: created outside any app (tests): no realtime publishing task
