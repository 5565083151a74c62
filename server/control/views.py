"""How the control API shows the clock, and the shape of its answers."""

from __future__ import annotations

from typing import Any

from ..publishing.clock import clock_json
from ..state import MockState

JSON = {"Content-Type": "application/json"}
Answer = tuple[dict[str, Any], int, dict[str, str]]


def clock_view(state: MockState) -> dict[str, Any]:
    return clock_json(state.clock.now(), state.clock.mode, state.clock.speed)
