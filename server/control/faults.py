"""Fault rules of the control API: ``/_mock/faults`` (add, list, read, delete, clear).

Each session keeps its own rules (``MockState.faults``); ``server/faults/steering.py`` applies
them to the API's requests. Plain functions, run in Connexion's thread pool: with the shared
store, rules live in the database.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import yaml
from connexion import request
from starlette.responses import Response

from .. import paths
from ..errors import NotFound
from ..faults.definition import definition_from_json
from ..http.operations import Operations
from ..state import MockState, state_of

JSON = {"Content-Type": "application/json"}
Answer = tuple[dict[str, Any], int, dict[str, str]]


@cache
def api_operations() -> Operations:
    """The contract's operations (read once: the contract does not change while serving)."""
    return Operations(yaml.safe_load(paths.SPEC_PATH.read_text(encoding="utf-8")))


def add_fault(body: dict[str, Any]) -> Answer:
    wanted = definition_from_json(body, api_operations())
    rule = state_of(request).faults.add(wanted.match, wanted.effect, times=wanted.times,
                                         probability=wanted.probability, after=wanted.after)
    return rule, 201, JSON


def _current() -> MockState:
    """The caller's session, its fault rules as every replica has them (shared store)."""
    state = state_of(request)
    state.store.refresh()
    return state


def list_faults() -> Answer:
    return {"data": _current().faults.views()}, 200, JSON


def get_fault(faultId: str) -> Answer:  # noqa: N803
    rule = _current().faults.get(faultId)
    if rule is None:
        raise NotFound(f"No fault rule {faultId} in this session.")
    return rule, 200, JSON


def delete_fault(faultId: str) -> Response:  # noqa: N803
    if not state_of(request).faults.remove(faultId):
        raise NotFound(f"No fault rule {faultId} in this session.")
    return Response(status_code=204)


def clear_faults() -> Response:
    state_of(request).faults.clear()
    return Response(status_code=204)
