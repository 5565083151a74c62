"""Control endpoints for the caller's session's snapshots (``/_mock/snapshots``)."""

from __future__ import annotations

from typing import Any

from connexion import request
from starlette.responses import Response

from ..sessions import snapshots
from ..state import state_of
from .views import JSON, Answer, clock_view


def list_snapshots() -> Answer:
    state = state_of(request)
    data = [snapshot.view() for snapshot in state.snapshots.values()]
    return {"data": data}, 200, JSON


def save_snapshot(body: dict[str, Any]) -> Answer:
    snapshot = snapshots.save(state_of(request), body["name"])
    return snapshot.view(), 201, JSON


def restore_snapshot(name: str) -> Answer:
    state = state_of(request)
    snapshot = snapshots.restore(state, name)
    return {"restored": snapshot.name, **clock_view(state)}, 200, JSON


def delete_snapshot(name: str) -> Response:
    snapshots.delete(state_of(request), name)
    return Response(status_code=204)
