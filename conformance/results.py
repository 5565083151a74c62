"""What a run found: a result per check, each failure with what was sent, got and documented.

    CheckFailure    raised by a check: a behaviour every correct implementation has, got wrong
    CheckDeviation  raised by a check: an acceptable answer that differs from the mock's choice
                    where the document is silent (``Context.deviate`` records one and goes on)
    CheckSkipped    raised by a check that cannot run against this target (says why)

All carry structured fields; the report renders them, JUnit XML included. Deviations do not
fail a run unless ``--strict`` asks for a target that behaves exactly like the mock.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from .target.http import Exchange


class Status(StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    SKIPPED = "skipped"
    ERROR = "error"
    # Only acceptable answers, at least one of them not the mock's choice.
    DEVIATED = "deviated"


class CheckFailure(Exception):
    """A documented behaviour the target got wrong: what was expected, and what happened."""

    def __init__(
        self,
        message: str,
        *,
        exchange: Exchange | None = None,
        expected: str | None = None,
        actual: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.exchange = exchange
        self.expected = expected
        self.actual = actual


class CheckDeviation(Exception):
    """An acceptable answer where the document leaves a choice, but not the one the mock made.

    ``decision`` names the choice (``unknown brand``), ``mock`` and ``target`` say what each
    answers (``403``, ``404``). Raising it ends the check as a deviation.
    """

    def __init__(
        self, decision: str, *, mock: str, target: str, exchange: Exchange | None = None
    ) -> None:
        super().__init__(f"{decision}: the mock answers {mock}, the target {target}")
        self.decision = decision
        self.mock = mock
        self.target = target
        self.exchange = exchange


class CheckSkipped(Exception):
    """The check cannot run against this target (no foreign brand, no control API, ...)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Finding:
    """One failure as reported: the broken behaviour, the request, the response, the contract."""

    message: str
    curl: str | None = None
    response: str | None = None
    contract: str | None = None
    where: str | None = None


@dataclass(frozen=True)
class Deviation:
    """One choice the target made differently from the mock: acceptable, but reported."""

    decision: str
    mock: str
    target: str
    curl: str | None = None
    response: str | None = None

    def line(self) -> str:
        return f"{self.decision}: the mock answers {self.mock}; the target answers {self.target}"


@dataclass
class Result:
    """The outcome of one check (for layers 1 and 2 from Schemathesis: one of its checks)."""

    layer: int
    name: str
    behaviour: str
    status: Status = Status.PASSED
    findings: list[Finding] = field(default_factory=list)
    reason: str | None = None
    seconds: float = 0.0
    runs: int = 0
    deviations: list[Deviation] = field(default_factory=list)

    def fail(self, finding: Finding) -> None:
        self.status = Status.FAILED
        self.findings.append(finding)

    def deviate(self, deviation: Deviation) -> None:
        """Record a deviation; a check that passed otherwise ends DEVIATED."""
        if deviation not in self.deviations:
            self.deviations.append(deviation)
        if self.status == Status.PASSED:
            self.status = Status.DEVIATED


LAYERS = {
    1: "contract (Schemathesis: examples, coverage, fuzzing)",
    2: "sequences (stateful links, read-back scenarios)",
    3: "documented semantics",
    4: "publishing (mock control API, or the server's own clock with publish_wait)",
}
