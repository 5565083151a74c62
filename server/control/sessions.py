"""Control endpoints over the sessions themselves (``/_mock/sessions``).

Plain functions, run in Connexion's thread pool: with the shared store, listing or opening a
session reads the database.
"""

from __future__ import annotations

from typing import Any

from connexion import request
from starlette.responses import Response

from ..errors import NotFound
from ..publishing.clock import iso
from ..sessions.registry import Sessions
from ..state import MockState
from .views import JSON, Answer, clock_view


def _sessions() -> Sessions:
    sessions: Sessions = request.state.sessions
    return sessions


def session_view(state: MockState) -> dict[str, Any]:
    with state.store.reading():
        posts = state.store.count_posts()
    return {
        "name": state.name,
        "created": iso(state.created),
        "last_used": iso(state.last_used),
        "posts": posts,
        "scenario": state.scenario,
        "clock": clock_view(state),
    }


def list_sessions() -> Answer:
    sessions = _sessions()
    data = [session_view(state) for state in sessions.all()]
    info = {"count": len(data), "max_sessions": sessions.limit, "ttl": sessions.ttl}
    return {"data": data, "info": info}, 200, JSON


def create_session(body: dict[str, Any]) -> Answer:
    state = _sessions().create(body["name"], body.get("scenario"))
    return session_view(state), 201, JSON


def get_session(name: str) -> Answer:
    state = _sessions().find(name)
    if state is None:
        raise NotFound(f"No session '{name}'.")
    return session_view(state), 200, JSON


def delete_session(name: str) -> Response:
    _sessions().drop(name)
    return Response(status_code=204)
