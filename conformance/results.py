"""What a run found: a result per check, each failure with what was sent, got and documented.

    CheckFailure   raised by a check: one documented behaviour the target got wrong
    CheckSkipped   raised by a check that cannot run against this target (says why)

Both carry structured fields; the report renders them, JUnit XML included.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from conformance.http import Exchange


class Status(StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    SKIPPED = "skipped"
    ERROR = "error"


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

    def fail(self, finding: Finding) -> None:
        self.status = Status.FAILED
        self.findings.append(finding)


LAYERS = {
    1: "contract (Schemathesis: examples, coverage, fuzzing)",
    2: "sequences (stateful links, read-back scenarios)",
    3: "documented semantics",
    4: "publishing (mock control API)",
}
