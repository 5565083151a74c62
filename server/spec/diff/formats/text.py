"""Plain text, one change in three lines: level and rule; operation and message; place."""

from __future__ import annotations

from .report import Report, operation, where

__all__ = ["render"]


def render(report: Report) -> str:
    """The report as text for a terminal."""
    lines = []
    for change in report.changes:
        lines.append(f"{change.level.name:<5} {change.rule}")
        lines.append(f"      {operation(change)}: {change.message}")
        lines.append(f"      at {where(change)} {change.pointer or '/'}")
    failing = len(report.failures)
    lines.append(
        f"{report.base} -> {report.head}: {report.summary()}"
        + (f"; {failing} at or above {report.fail_on.name}" if failing else "")
    )
    return "\n".join(lines) + "\n"
