"""The comparison as a whole: BASE and HEAD in, classified changes out, in a stable order."""

from __future__ import annotations

import datetime

from .changes import Change
from .findings import Findings
from .load.document import Spec
from .operation.operations import compare_operations
from .severity import Severity, levels
from .version import check_version_bump

__all__ = ["diff_specs"]


def diff_specs(
    base: Spec, head: Spec, *, today: datetime.date, severity: Severity | None = None
) -> list[Change]:
    """Every change from ``base`` to ``head``, most severe first.

    ``today`` decides whether a removed operation's ``x-sunset`` has passed; ``severity``
    overrides rules' levels or turns rules off (the version rule sees the levels it sets).
    """
    findings = Findings(base, head, levels(severity or {}))
    compare_operations(findings, today)
    check_version_bump(findings)
    unique = dict.fromkeys(findings.changes)
    return sorted(
        unique,
        key=lambda change: (
            -change.level,
            change.operation or "",
            change.side,
            change.line,
            change.rule,
            change.message,
        ),
    )
