"""A fault rule as ``POST /_mock/faults`` describes it, checked beyond what its schema says.

The control API's schema checks each field alone (types, ranges, enums); this says what only
the fields together, or the contract, can tell: an operationId that ``openapi.yaml`` has, a
method that operation answers, exactly one effect kind, a ``{min, max}`` in order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from ..errors import BadRequest
from ..http.operations import Operations
from .rules import Connection, Effect, Match


@dataclass(frozen=True)
class Definition:
    match: Match
    effect: Effect
    times: int | None = None
    probability: float = 1.0
    after: int = 0


def definition_from_json(body: dict[str, Any], operations: Operations) -> Definition:
    """The rule ``body`` asks for; BadRequest naming the field when it cannot be one."""
    return Definition(
        match=_match(body, operations),
        effect=_effect(body),
        times=body.get("times"),
        probability=float(body.get("probability", 1.0)),
        after=int(body.get("after", 0)),
    )


def _match(body: dict[str, Any], operations: Operations) -> Match:
    operation = body.get("operation")
    method = body.get("method")
    if operation is not None:
        if operation not in operations.ids:
            raise BadRequest(
                f"Body field 'operation': {operation!r} is not an operationId of openapi.yaml; "
                f"one of: {', '.join(sorted(operations.ids))}.",
                field="operation",
            )
        answers = operations.ids[operation][0]
        if method is not None and method != answers:
            raise BadRequest(
                f"Body field 'method': {operation} is a {answers} request, never {method}.",
                field="method",
            )
    return Match(operation=operation, method=method, path=body.get("path"),
                 body=body.get("body"))


def _effect(body: dict[str, Any]) -> Effect:
    status, connection = body.get("status"), body.get("connection")
    if status is not None and connection is not None:
        raise BadRequest(
            "Body field 'connection': a rule has one effect, a 'status' or a 'connection' "
            "fault, not both (either may come with a 'delay_ms').",
            field="connection",
        )
    if status is None and connection is None and body.get("delay_ms") is None:
        raise BadRequest(
            "Body field 'status': give the rule an effect: 'status' (with an optional "
            "'message'), 'connection', or 'delay_ms' alone.",
            field="status",
        )
    if body.get("message") is not None and status is None:
        raise BadRequest("Body field 'message': a message goes with a 'status'.", field="message")
    return Effect(status=status, message=body.get("message"),
                  connection=cast(Connection | None, connection),
                  delay_ms=_delay(body.get("delay_ms")))


def _delay(delay: Any) -> tuple[float, float] | None:
    if delay is None:
        return None
    if isinstance(delay, dict):
        low, high = float(delay["min"]), float(delay["max"])
        if low > high:
            raise BadRequest("Body field 'delay_ms.min': the minimum is above the maximum.",
                             field="delay_ms.min")
        return low, high
    return float(delay), float(delay)
