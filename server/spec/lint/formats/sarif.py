"""``sarif``: a SARIF 2.1.0 log, the format GitHub code scanning (and most CI dashboards) import.

One run of the ``socialpost`` tool: every lint rule described in its driver, the file linted as
its artifact, one ``error`` result per problem at its file and line. A file inside the working
directory is named by a URI relative to ``%SRCROOT%`` (code scanning wants repository-relative
paths); any other by its absolute ``file:`` URI.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from socialpost import __version__

from ..problem import LintProblem
from ..rules import RULES

__all__ = ["SCHEMA_URI", "render"]

# The `id` of the OASIS schema (SARIF 2.1.0 with its approved errata).
SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)


def render(file: str, problems: Sequence[LintProblem]) -> str:
    """The SARIF log as indented JSON."""
    index = {rule.id: position for position, rule in enumerate(RULES)}
    driver = {
        "name": "socialpost",
        "version": __version__,
        "rules": [
            {
                "id": rule.id,
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": rule.description},
                "defaultConfiguration": {"level": "error"},
            }
            for rule in RULES
        ],
    }
    results = [
        {
            "ruleId": problem.rule,
            "ruleIndex": index[problem.rule],
            "level": "error",
            "message": {"text": f"{problem.pointer or '/'}: {problem.message}"},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": _artifact(problem.file),
                        "region": {"startLine": problem.line},
                    }
                }
            ],
        }
        for problem in problems
    ]
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "artifacts": [{"location": _artifact(file)}],
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False)


def _artifact(file: str) -> dict[str, Any]:
    """Where a file is: a URI relative to the source root, or an absolute ``file:`` URI."""
    path = Path(file)
    if path.is_absolute():
        return {"uri": path.as_uri()}
    return {"uri": quote(path.as_posix()), "uriBaseId": "%SRCROOT%"}
