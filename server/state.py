"""The mock's state, built by the app factory and handed to requests by Connexion's lifespan.

One ``MockState`` per session: the default session's is durable (the ``--db`` file), every named
session's lives in memory (``sessions.registry``). Each carries its own store, clock, views,
fault rules, request journal and snapshots.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .coalesce import Coalescer
from .faults.rules import FaultRules
from .handlers.views import Views
from .http.freshness import catch_up_all
from .journal.log import RequestLog
from .publishing.clock import Clock
from .store import Record, Store
from .store.backends import DEFAULT_SESSION, Backend, Embedded
from .store.fixtures import load_fixtures
from .store.generate import with_generated_posts
from .store.scenarios import load_scenario

__all__ = ["DEFAULT_SESSION", "MockState", "starting_data", "state_of"]


def starting_data(fixtures_path: Path, scenario: str | None, generate_posts: int,
                  clock_start: float) -> Record:
    """A session's starting data: the fixtures or a scenario, plus generated posts."""
    data = load_fixtures(fixtures_path) if scenario is None else load_scenario(scenario)
    return with_generated_posts(data, generate_posts, clock_start)


@dataclass
class MockState:
    """Everything a request may need: storage, the simulated clock, where fixtures come from."""

    store: Store
    clock: Clock
    fixtures_path: Path
    clock_start: float
    generate_posts: int = 0
    # The scenario this session starts from (and a plain reset restores); None: the fixtures.
    scenario: str | None = None
    name: str = DEFAULT_SESSION
    views: Views = field(default_factory=Views)
    faults: FaultRules = field(default_factory=FaultRules)
    journal: RequestLog = field(default_factory=lambda: RequestLog(10_000))
    snapshots: MutableMapping[str, Any] = field(default_factory=dict)
    # Wall-clock epoch seconds (for listing and expiring sessions), not simulated time.
    created: float = field(default_factory=time.time)
    last_used: float = field(default_factory=time.time)
    # Unique per state object: caches keyed on a store's version also key on this.
    key: str = field(default_factory=lambda: uuid.uuid4().hex)
    # Set on every change that may move the next due time; the realtime publisher waits on it.
    wake: asyncio.Event = field(default_factory=asyncio.Event)
    # The event loop the publisher task runs on (``bind``); None: no task (tests).
    loop: asyncio.AbstractEventLoop | None = None
    # Where this session's store came from, and where named sessions' stores come from.
    backend: Backend = field(default_factory=lambda: Embedded(None))
    # A shared store's catch-ups, one for the requests that wait at the same time.
    catch_ups: Coalescer[Store, None] = field(
        default_factory=lambda: Coalescer(catch_up_all), repr=False, compare=False)
    # A shared store's write blocks: those of requests writing at the same time, in one batch.
    writes: Coalescer[Callable[[], Any], Any] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.writes = Coalescer(lambda works: self.store.atomic_each(works))

    def starting_data(self) -> Record:
        """What the session starts from, and what a plain ``/_mock/reset`` restores."""
        return starting_data(self.fixtures_path, self.scenario, self.generate_posts,
                             self.clock_start)

    def bind(self, loop: asyncio.AbstractEventLoop) -> asyncio.Event:
        """A new wake-up event for the publisher task running on ``loop``."""
        self.loop = loop
        self.wake = asyncio.Event()
        return self.wake

    def changed(self) -> None:
        """Tell the realtime publisher that posts or the clock changed (from any thread)."""
        loop = self.loop
        if loop is None or loop.is_closed():
            self.wake.set()
            return
        try:
            on_loop = asyncio.get_running_loop() is loop
        except RuntimeError:
            on_loop = False
        if on_loop:
            self.wake.set()
        else:
            loop.call_soon_threadsafe(self.wake.set)


def state_of(request: Any) -> MockState:
    """The mock state of a request (Connexion or Starlette request alike)."""
    mock: MockState = request.state.mock
    return mock
