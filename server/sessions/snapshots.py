"""Snapshots: a session's state and clock saved under a name, to come back to later.

A snapshot holds everything the session's store holds (posts, pages and their failures, post
failures) and its clock (instant, mode, speed); not its fault rules or journal. With the embedded
store, snapshots live in memory with their session (the default session's included) and do not
survive a restart; with the shared store they are kept in PostgreSQL (``sessions.side``).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from ..errors import Conflict, NotFound
from ..publishing.clock import Mode, clock_json, iso
from ..state import MockState
from ..store.base import POSTS, Record

# Per session; a snapshot of the fixtures costs ~100 KB, of the busy scenario ~1 MB.
LIMIT = 50


@dataclass(frozen=True)
class Snapshot:
    name: str
    data: Record
    now: float
    mode: Mode
    speed: float
    created: float = field(default_factory=time.time)

    def to_json(self) -> dict[str, Any]:
        """Everything, for a shared store (``from_json`` reads it back)."""
        return {"name": self.name, "data": self.data, "now": self.now, "mode": self.mode,
                "speed": self.speed, "created": self.created}

    @classmethod
    def from_json(cls, saved: dict[str, Any]) -> Snapshot:
        return cls(name=saved["name"], data=saved["data"], now=saved["now"], mode=saved["mode"],
                   speed=saved["speed"], created=saved["created"])

    def view(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "created": iso(self.created),
            "posts": len(self.data.get(POSTS, [])),
            "clock": clock_json(self.now, self.mode, self.speed),
        }


def save(state: MockState, name: str) -> Snapshot:
    """Save (or replace) the session's snapshot ``name``."""
    if name not in state.snapshots and len(state.snapshots) >= LIMIT:
        raise Conflict(f"This session already holds {LIMIT} snapshots; delete one first.",
                       field="name")
    with state.store.reading():
        snapshot = Snapshot(name=name, data=state.store.dump(), now=state.clock.now(),
                            mode=state.clock.mode, speed=state.clock.speed)
    state.snapshots[name] = snapshot
    return snapshot


def restore(state: MockState, name: str) -> Snapshot:
    """Bring the session back to snapshot ``name``: its data, and its clock (even backwards)."""
    snapshot = find(state, name)
    with state.store.atomic():
        state.store.load(snapshot.data)
        state.clock.reset(snapshot.now)
        state.clock.configure(mode=snapshot.mode, speed=snapshot.speed)
    state.changed()
    return snapshot


def find(state: MockState, name: str) -> Snapshot:
    snapshot: Snapshot | None = state.snapshots.get(name)
    if snapshot is None:
        known = ", ".join(sorted(state.snapshots)) or "none"
        raise NotFound(f"No snapshot '{name}' in this session (it has: {known}).")
    return snapshot


def delete(state: MockState, name: str) -> None:
    find(state, name)
    del state.snapshots[name]
