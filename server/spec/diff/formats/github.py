"""GitHub Actions workflow annotations: each change marked on its file and line in the diff.

ERR is an ``error``, WARN a ``warning``, INFO a ``notice``; the title is the rule id.
"""

from __future__ import annotations

from ...github import Level as Annotation
from ...github import annotation
from ..changes import Level
from .report import Report, operation

__all__ = ["render"]

_ANNOTATIONS: dict[Level, Annotation] = {
    Level.ERR: "error",
    Level.WARN: "warning",
    Level.INFO: "notice",
}


def render(report: Report) -> str:
    """One workflow command per change (nothing when there is none)."""
    lines = [
        annotation(
            _ANNOTATIONS[change.level],
            f"{operation(change)}: {change.message}",
            file=change.file,
            line=change.line,
            title=f"{change.rule} ({change.level.name})",
        )
        for change in report.changes
    ]
    return "".join(line + "\n" for line in lines)
