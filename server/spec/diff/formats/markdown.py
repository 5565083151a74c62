"""A changelog a pull request can show: grouped by level, then by operation."""

from __future__ import annotations

from itertools import groupby

from ..changes import Level
from .report import Report, operation, where

__all__ = ["render"]

_HEADINGS = {
    Level.ERR: "Breaking changes (ERR)",
    Level.WARN: "Changes that may break clients (WARN)",
    Level.INFO: "Compatible changes (INFO)",
}


def render(report: Report) -> str:
    """The report as Markdown."""
    lines = [f"# API changes: `{report.base}` → `{report.head}`", ""]
    if not report.changes:
        return "\n".join([*lines, "No changes.", ""])
    verdict = "fails" if report.failures else "passes"
    lines += [f"{report.summary()}; {verdict} at `--fail-on {report.fail_on.name}`.", ""]
    ordered = sorted(report.changes, key=lambda change: -change.level)
    for level, at_level in groupby(ordered, key=lambda change: change.level):
        lines += [f"## {_HEADINGS[level]}", ""]
        by_operation = sorted(at_level, key=lambda change: change.operation or "")
        for _, changes in groupby(by_operation, key=lambda change: change.operation):
            grouped = list(changes)
            lines += [f"### {_code(operation(grouped[0]))}", ""]
            lines += [
                f"- `{change.rule}`: {change.message} ({_code(where(change))})"
                for change in grouped
            ]
            lines.append("")
    return "\n".join(lines)


def _code(text: str) -> str:
    return f"`{text}`" if "`" not in text else f"`` {text} ``"
