"""The comparison as a whole: BASE and HEAD in, classified changes out, in a stable order."""

from __future__ import annotations

import datetime

from socialpost.server.spec.diff.changes import Change
from socialpost.server.spec.diff.document import Spec
from socialpost.server.spec.diff.findings import Findings
from socialpost.server.spec.diff.operations import compare_operations
from socialpost.server.spec.diff.severity import Severity, levels
from socialpost.server.spec.diff.version import check_version_bump

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
