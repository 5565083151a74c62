"""A session's fault rules: which API requests they match, what they do, how often.

Rules are checked in the order they were added. Every live rule (not spent) that a request
matches counts it (``matched``); the first of them that fires (past its ``after`` passes, within
its ``times``, and lucky under its ``probability``) answers the request, and the rules after it
are not consulted. Counting happens under a lock: concurrent requests never fire a ``times: 1``
rule twice.
"""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import Any, Literal

from .latency import pick_seconds

Connection = Literal["reset", "empty-response", "malformed-json"]
CONNECTIONS: tuple[Connection, ...] = ("reset", "empty-response", "malformed-json")
Json = dict[str, Any]


@dataclass(frozen=True)
class Incoming:
    """What a rule may match in one API request (``body``: the parsed JSON body, if read)."""

    operation: str
    method: str
    path: str
    body: Any = None


@dataclass(frozen=True)
class Match:
    """The request a rule is for; every criterion given must hold (none given: every request)."""

    operation: str | None = None
    method: str | None = None
    path: str | None = None  # a glob: ``*`` matches any characters, ``/`` included
    body: Json | None = None  # top-level fields the JSON body must have, with equal values

    def holds(self, request: Incoming) -> bool:
        return (
            (self.operation is None or self.operation == request.operation)
            and (self.method is None or self.method == request.method)
            and (self.path is None or fnmatchcase(request.path, self.path))
            and (self.body is None or _has_fields(request.body, self.body))
        )

    def holds_without_body(self, request: Incoming) -> bool:
        return Match(self.operation, self.method, self.path).holds(request)


@dataclass(frozen=True)
class Effect:
    """What a firing rule does: answer a status or break the connection, possibly after a delay;
    or only delay (the request is then handled as usual)."""

    status: int | None = None
    message: str | None = None
    connection: Connection | None = None
    delay_ms: tuple[float, float] | None = None


@dataclass(frozen=True)
class Firing:
    """A rule that fired for one request, with its delay drawn."""

    rule: str
    effect: Effect
    delay_seconds: float


@dataclass
class FaultRule:
    id: str
    match: Match
    effect: Effect
    times: int | None = None
    probability: float = 1.0
    after: int = 0
    matched: int = 0
    fired: int = 0

    @property
    def remaining(self) -> int | None:
        return None if self.times is None else self.times - self.fired

    @property
    def live(self) -> bool:
        return self.times is None or self.fired < self.times

    def to_json(self) -> Json:
        """The rule as the control API shows it: what was asked, and its counters."""
        view: Json = {"id": self.id}
        for name in ("operation", "method", "path", "body"):
            if getattr(self.match, name) is not None:
                view[name] = getattr(self.match, name)
        for name in ("status", "message", "connection"):
            if getattr(self.effect, name) is not None:
                view[name] = getattr(self.effect, name)
        if self.effect.delay_ms is not None:
            low, high = self.effect.delay_ms
            view["delay_ms"] = low if low == high else {"min": low, "max": high}
        view.update(times=self.times, probability=self.probability, after=self.after,
                    matched=self.matched, fired=self.fired, remaining=self.remaining)
        return view


class FaultRules:
    """The fault rules of one session, in the order they were added."""

    # Kept in a database other replicas share: firing is a round trip (made off the loop).
    shared = False

    def __init__(self) -> None:
        self._rules: list[FaultRule] = []
        self._added = 0  # ids are never reused, not even after a clear
        self._lock = threading.Lock()

    def add(self, match: Match, effect: Effect, *, times: int | None = None,
            probability: float = 1.0, after: int = 0) -> Json:
        with self._lock:
            self._added += 1
            rule = FaultRule(f"fault-{self._added}", match, effect, times, probability, after)
            self._rules.append(rule)
            return rule.to_json()

    def views(self) -> list[Json]:
        with self._lock:
            return [rule.to_json() for rule in self._rules]

    def get(self, rule_id: str) -> Json | None:
        with self._lock:
            rule = self._find(rule_id)
            return None if rule is None else rule.to_json()

    def remove(self, rule_id: str) -> bool:
        with self._lock:
            rule = self._find(rule_id)
            if rule is not None:
                self._rules.remove(rule)
            return rule is not None

    def clear(self) -> None:
        with self._lock:
            self._rules.clear()

    def __bool__(self) -> bool:
        """Whether any rule is set (spent ones included): without one, nothing to match."""
        return bool(self._rules)

    def needs_body(self, request: Incoming) -> bool:
        """Whether a live rule would need the request's body to decide (read it only then)."""
        with self._lock:
            return any(rule.live and rule.match.body is not None
                       and rule.match.holds_without_body(request) for rule in self._rules)

    def fire(self, request: Incoming, draw: random.Random) -> Firing | None:
        """Count ``request`` against the live rules it matches; the first that fires, if any.

        A rule of probability p fires when ``draw.random()`` (in [0, 1)) is below p: 1 always
        fires, 0 never does."""
        with self._lock:
            for rule in self._rules:
                if not rule.live or not rule.match.holds(request):
                    continue
                rule.matched += 1
                if rule.matched > rule.after and draw.random() < rule.probability:
                    rule.fired += 1
                    delay = pick_seconds(rule.effect.delay_ms, draw)
                    return Firing(rule.id, rule.effect, delay)
        return None

    def _find(self, rule_id: str) -> FaultRule | None:
        return next((rule for rule in self._rules if rule.id == rule_id), None)


def _has_fields(body: Any, fields: Json) -> bool:
    return isinstance(body, dict) and all(
        name in body and json_equal(body[name], value) for name, value in fields.items()
    )


def json_equal(left: Any, right: Any) -> bool:
    """Equality of JSON values: ``1 == 1.0``, but ``true`` is not ``1``."""
    if isinstance(left, bool) or isinstance(right, bool):
        return isinstance(left, bool) and isinstance(right, bool) and left == right
    if isinstance(left, dict) and isinstance(right, dict):
        return left.keys() == right.keys() and all(json_equal(left[k], right[k]) for k in left)
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(map(json_equal, left, right))
    if isinstance(left, int | float) and isinstance(right, int | float):
        return left == right
    return type(left) is type(right) and bool(left == right)
