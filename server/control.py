"""The mock's control API (server/control.yaml, served under ``/_mock``)."""

from __future__ import annotations

from typing import Any

from connexion import request

from server.clock import iso, parse_instant
from server.errors import BadRequest
from server.fixtures import load_fixtures
from server.state import MockState, state_of

JSON = {"Content-Type": "application/json"}


def _clock_view(state: MockState) -> dict[str, Any]:
    now = state.clock.now()
    return {"now": now, "iso": iso(now), "mode": state.clock.mode, "speed": state.clock.speed}


async def health() -> tuple[dict[str, Any], int]:
    return {"status": "ok", "now": state_of(request).clock.now()}, 200


async def reset() -> tuple[dict[str, Any], int]:
    state = state_of(request)
    fixtures = load_fixtures(state.fixtures_path)
    with state.store.atomic():
        state.store.load(fixtures)
        state.clock.reset(state.clock_start)
    return _clock_view(state), 200


async def get_clock() -> tuple[dict[str, Any], int]:
    return _clock_view(state_of(request)), 200


async def move_clock(body: dict[str, Any]) -> tuple[dict[str, Any], int, dict[str, str]]:
    state = state_of(request)
    moves = [key for key in ("advance", "now") if key in body]
    configures = "mode" in body or "speed" in body
    if len(moves) + configures != 1:
        raise BadRequest("Give exactly one of 'advance', 'now', or 'mode' and/or 'speed'.")
    with state.store.atomic():
        if "advance" in body:
            state.clock.advance(float(body["advance"]))
        elif "now" in body:
            instant = body["now"]
            state.clock.set(parse_instant(instant) if isinstance(instant, str) else float(instant))
        else:
            state.clock.configure(mode=body.get("mode"), speed=body.get("speed"))
    return _clock_view(state), 200, JSON
