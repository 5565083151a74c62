"""A session's fault rules kept on its row in PostgreSQL, so every replica applies the same ones.

The rules and their counters are one JSON document (``faults``) with its own version. Each
replica holds them in memory (a ``FaultRules``), current as of its last catch-up with the
session (``PgStore`` hands them over when their version moved: ``take``). Adding, removing,
clearing and firing happen under the session row's lock, starting from the stored document:
a ``times: 1`` rule fires once across all replicas. A request that no live rule matches costs
no round trip.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any, TypeVar

import orjson
import psycopg

from ..store.postgres import Database
from .rules import Effect, FaultRule, FaultRules, Firing, Incoming, Json, Match

T = TypeVar("T")


def rule_to_json(rule: FaultRule) -> Json:
    effect = rule.effect
    return {
        "id": rule.id,
        "match": {"operation": rule.match.operation, "method": rule.match.method,
                  "path": rule.match.path, "body": rule.match.body},
        "effect": {"status": effect.status, "message": effect.message,
                   "connection": effect.connection,
                   "delay_ms": None if effect.delay_ms is None else list(effect.delay_ms)},
        "times": rule.times, "probability": rule.probability, "after": rule.after,
        "matched": rule.matched, "fired": rule.fired,
    }


def rule_from_json(saved: Json) -> FaultRule:
    effect = saved["effect"]
    delay = effect.get("delay_ms")
    return FaultRule(
        id=saved["id"], match=Match(**saved["match"]),
        effect=Effect(status=effect.get("status"), message=effect.get("message"),
                      connection=effect.get("connection"),
                      delay_ms=None if delay is None else (float(delay[0]), float(delay[1]))),
        times=saved["times"], probability=saved["probability"], after=saved["after"],
        matched=saved["matched"], fired=saved["fired"],
    )


class SharedFaultRules(FaultRules):
    """``FaultRules`` whose changes go through the session's row."""

    shared = True

    def __init__(self, database: Database, session: str) -> None:
        super().__init__()
        self._database = database
        self._session = session
        self.version = -1

    def take(self, document: Json, version: int) -> None:
        """The stored rules, as a catch-up read them."""
        with self._lock:
            self._rules = [rule_from_json(rule) for rule in document["rules"]]
            self._added = int(document["added"])
            self.version = version

    def add(self, match: Match, effect: Effect, *, times: int | None = None,
            probability: float = 1.0, after: int = 0) -> Json:
        return self._change(lambda: FaultRules.add(self, match, effect, times=times,
                                                   probability=probability, after=after))

    def remove(self, rule_id: str) -> bool:
        return self._change(lambda: FaultRules.remove(self, rule_id))

    def clear(self) -> None:
        self._change(lambda: FaultRules.clear(self))

    def fire(self, request: Incoming, draw: random.Random) -> Firing | None:
        with self._lock:
            candidate = any(rule.live and rule.match.holds(request) for rule in self._rules)
        if not candidate:
            return None
        return self._change(lambda: FaultRules.fire(self, request, draw))

    def _change(self, work: Callable[[], T]) -> T:
        """``work`` on the stored rules under the row lock; the result stored and kept here."""
        def transaction(conn: psycopg.Connection) -> T:
            with conn.transaction():
                found = conn.execute(
                    "SELECT faults, faults_version FROM socialpost_sessions WHERE name = %s"
                    " FOR NO KEY UPDATE", (self._session,)).fetchone()
                if found is None:
                    raise LookupError(self._session)
                self.take(orjson.loads(found[0]), found[1])
                result = work()
                with self._lock:
                    document: dict[str, Any] = {
                        "added": self._added, "rules": [rule_to_json(r) for r in self._rules]}
                conn.execute("UPDATE socialpost_sessions SET faults = %s,"
                             " faults_version = %s WHERE name = %s",
                             (orjson.dumps(document), found[1] + 1, self._session))
                self.version = found[1] + 1
                return result
        return self._database.run(transaction, attempts=1)
