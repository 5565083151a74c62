"""The mock's state, built by the app factory and handed to requests by Connexion's lifespan."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .handlers.views import Views
from .publishing.clock import Clock
from .store import Record, Store
from .store.fixtures import load_fixtures
from .store.generate import with_generated_posts


@dataclass
class MockState:
    """Everything a request may need: storage, the simulated clock, where fixtures come from."""

    store: Store
    clock: Clock
    fixtures_path: Path
    clock_start: float
    generate_posts: int = 0
    views: Views = field(default_factory=Views)
    # Set on every change that may move the next due time; the realtime publisher waits on it.
    wake: asyncio.Event = field(default_factory=asyncio.Event)

    def starting_data(self) -> Record:
        """What the database starts from, and what ``/_mock/reset`` restores."""
        return with_generated_posts(load_fixtures(self.fixtures_path), self.generate_posts,
                                    self.clock_start)

    def changed(self) -> None:
        """Tell the realtime publisher that posts or the clock changed."""
        self.wake.set()


def state_of(request: Any) -> MockState:
    """The mock state of a request (Connexion or Starlette request alike)."""
    mock: MockState = request.state.mock
    return mock
