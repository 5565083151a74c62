"""``json``: one object, stable for scripts to read.

    {"file": "openapi.yaml", "count": 1,
     "problems": [{"file": "openapi.yaml", "line": 12, "pointer": "/paths/...",
                   "message": "...", "rule": "example-schema"}]}
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..problem import LintProblem

__all__ = ["render"]


def render(file: str, problems: Sequence[LintProblem]) -> str:
    """The run as an indented JSON object; keys in the order documented above."""
    report = {
        "file": file,
        "count": len(problems),
        "problems": [
            {
                "file": problem.file,
                "line": problem.line,
                "pointer": problem.pointer,
                "message": problem.message,
                "rule": problem.rule,
            }
            for problem in problems
        ],
    }
    return json.dumps(report, indent=2, ensure_ascii=False)
