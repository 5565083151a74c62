"""The mock's control API (server/control.yaml, served under ``/_mock``).

Plain functions: Connexion runs them in its thread pool, so a shared store's round trips (and
the embedded store's fsyncs) never hold up the event loop.
"""

from __future__ import annotations

from typing import Any

from connexion import request
from starlette.responses import Response

from ..errors import BadRequest, NotFound
from ..publishing.clock import parse_instant
from ..publishing.publisher import settle
from ..sessions.registry import checked_scenario
from ..state import state_of
from .views import JSON, Answer
from .views import clock_view as _clock_view


def get_health() -> Answer:
    """Up, and (with the shared store) reaching its database: else 503, for load balancers."""
    state = state_of(request)
    state.store.refresh()
    return {"status": "ok", "now": state.clock.now()}, 200, JSON


def reset_mock(body: dict[str, Any] | None = None) -> Answer:
    """Back to the session's starting data; with a scenario, that scenario becomes it."""
    state = state_of(request)
    scenario = (body or {}).get("scenario")
    if scenario is not None:
        state.scenario = checked_scenario(scenario)
    data = state.starting_data()
    with state.store.atomic():
        state.store.load(data)
        state.clock.reset(state.clock_start)
    state.faults.clear()
    state.journal.clear()
    state.changed()
    return _clock_view(state), 200, JSON


def get_clock() -> Answer:
    state = state_of(request)
    state.store.refresh()  # another replica may have moved it
    return _clock_view(state), 200, JSON


def move_clock(body: dict[str, Any]) -> Answer:
    """Move or configure the clock, then publish what fell due; answer the settlement."""
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
        transitions = settle(state.store, state.clock.now())
    state.changed()
    report = [t.to_json() for t in transitions]
    return {**_clock_view(state), "transitions": report}, 200, JSON


def _store_page_failure(page_id: str, message: str | None) -> None:
    state = state_of(request)
    with state.store.atomic():
        if state.store.update("facebook_pages", page_id, {"failure": message}) is None:
            raise NotFound(f"Facebook page {page_id} does not exist.")


def _store_post_failure(post_id: str, message: str | None) -> None:
    state = state_of(request)
    with state.store.atomic():
        if state.store.post(post_id) is None:
            raise NotFound(f"Social post {post_id} does not exist.")
        state.store.set_post_failure(post_id, message)


def set_page_failure(pageId: str, body: dict[str, Any]) -> Answer:  # noqa: N803
    _store_page_failure(pageId, body["message"])
    return {"id": pageId, "failure": body["message"]}, 200, JSON


def clear_page_failure(pageId: str) -> Response:  # noqa: N803
    _store_page_failure(pageId, None)
    return Response(status_code=204)


def set_post_failure(postId: str, body: dict[str, Any]) -> Answer:  # noqa: N803
    _store_post_failure(postId, body["message"])
    return {"id": postId, "failure": body["message"]}, 200, JSON


def clear_post_failure(postId: str) -> Response:  # noqa: N803
    _store_post_failure(postId, None)
    return Response(status_code=204)
