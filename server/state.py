"""The mock's state, built by the app factory and handed to requests by Connexion's lifespan.

One ``MockState`` per session: the default session's is durable (the ``--db`` file), every named
session's lives in memory (``sessions.registry``). Each carries its own store, clock, views,
fault rules, request journal and snapshots.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .faults.rules import FaultRules
from .handlers.views import Views
from .journal.log import RequestLog
from .publishing.clock import Clock
from .store import Record, Store
from .store.fixtures import load_fixtures
from .store.generate import with_generated_posts
from .store.scenarios import load_scenario

DEFAULT_SESSION = "default"


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
    snapshots: dict[str, Any] = field(default_factory=dict)
    # Wall-clock epoch seconds (for listing and expiring sessions), not simulated time.
    created: float = field(default_factory=time.time)
    last_used: float = field(default_factory=time.time)
    # Unique per state object: caches keyed on a store's version also key on this.
    key: str = field(default_factory=lambda: uuid.uuid4().hex)
    # Set on every change that may move the next due time; the realtime publisher waits on it.
    wake: asyncio.Event = field(default_factory=asyncio.Event)

    def starting_data(self) -> Record:
        """What the session starts from, and what a plain ``/_mock/reset`` restores."""
        data = (load_fixtures(self.fixtures_path) if self.scenario is None
                else load_scenario(self.scenario))
        return with_generated_posts(data, self.generate_posts, self.clock_start)

    def changed(self) -> None:
        """Tell the realtime publisher that posts or the clock changed."""
        self.wake.set()


def state_of(request: Any) -> MockState:
    """The mock state of a request (Connexion or Starlette request alike)."""
    mock: MockState = request.state.mock
    return mock
