"""How the control API shows the clock, and the shape of its answers."""

from __future__ import annotations

from typing import Any

from ..publishing.clock import iso
from ..state import MockState

JSON = {"Content-Type": "application/json"}
Answer = tuple[dict[str, Any], int, dict[str, str]]


def clock_view(state: MockState) -> dict[str, Any]:
    now = state.clock.now()
    return {"now": now, "iso": iso(now), "mode": state.clock.mode, "speed": state.clock.speed}
