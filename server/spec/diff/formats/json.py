"""JSON for programs: the summary and every change with all its fields."""

from __future__ import annotations

import json
from typing import Any

from .report import Report

__all__ = ["render"]


def render(report: Report) -> str:
    """The report as one JSON object."""
    document: dict[str, Any] = {
        "base": report.base,
        "head": report.head,
        "fail_on": report.fail_on.name,
        "failed": bool(report.failures),
        "counts": report.counts(),
        "changes": [
            {
                "rule": change.rule,
                "level": change.level.name,
                "message": change.message,
                "operation": change.operation,
                "operation_id": change.operation_id,
                "side": change.side,
                "file": change.file,
                "source": change.source,
                "pointer": change.pointer,
                "line": change.line,
            }
            for change in report.changes
        ],
    }
    return json.dumps(document, indent=2) + "\n"
