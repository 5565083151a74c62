"""What broke the contract, exchange by exchange, as ``GET /_proxy/violations`` lists it.

A ``Violation`` is one check's finding on one exchange, with the split ``conform`` makes:

    failure    the document says otherwise (an undocumented status, a body its schema refuses)
    deviation  acceptable by the document, but not what the mock chose where it is silent
               (an undeclared query parameter, which the mock refuses and the document allows)

``Findings`` keeps the newest ``size`` violations (the counts cover every one), in memory, for
the proxy's lifetime; the proxy's exit status on shutdown says whether any failure was seen.
"""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from ..target.http import bounded
from .observed import Observed

Kind = Literal["failure", "deviation"]
EXCERPT = 600


@dataclass(frozen=True)
class Violation:
    check: str
    kind: Kind
    message: str
    side: Literal["request", "response"]
    excerpt: str = ""


def excerpt(body: bytes | None) -> str:
    if body is None:
        return "(not kept: larger than the proxy checks)"
    return bounded(body.decode("utf-8", "replace"), EXCERPT)


class Findings:
    """The violations seen so far; safe to add to from the loop and read from any thread."""

    def __init__(self, size: int = 10_000) -> None:
        self._lock = threading.Lock()
        self._kept: deque[dict[str, Any]] = deque(maxlen=size)
        self.exchanges = 0
        self.broken = 0  # exchanges with at least one violation
        self.failures = 0
        self.deviations = 0

    def add(self, exchange: Observed, operation: str | None,
            violations: list[Violation]) -> None:
        with self._lock:
            self.exchanges += 1
            if not violations:
                return
            self.broken += 1
            shown = {
                "id": exchange.id,
                "at": datetime.fromtimestamp(exchange.at, UTC).isoformat(timespec="milliseconds"),
                "method": exchange.method,
                "target": exchange.target,
                "operation": operation,
                "status": exchange.status,
            }
            for violation in violations:
                if violation.kind == "failure":
                    self.failures += 1
                else:
                    self.deviations += 1
                self._kept.append({
                    "exchange": shown,
                    "check": violation.check,
                    "kind": violation.kind,
                    "side": violation.side,
                    "message": violation.message,
                    "excerpt": violation.excerpt,
                })

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()
            self.exchanges = self.broken = self.failures = self.deviations = 0

    def to_json(self, kind: str | None = None) -> dict[str, Any]:
        with self._lock:
            listed = [v for v in self._kept if kind is None or v["kind"] == kind]
            return {
                "exchanges": self.exchanges,
                "broken": self.broken,
                "failures": self.failures,
                "deviations": self.deviations,
                "violations": listed,
            }
