"""GitHub Actions annotations for a run (``conform --format github``), beside its text report.

A failure (or a check that could not read the target's answer) is an ``::error`` per finding; a
deviation is a ``::notice``, or an ``::error`` under ``--strict``, where it fails the run. A
finding of Schemathesis (layers 1 and 2) names the operation it exercised (``Finding.where``,
``GET /brands/{brand}/social-posts``): its annotation points at that operation's line in the
contract. Nothing else in a result names an operation, so every other annotation carries no
file; the job's summary lists it all the same.
"""

from __future__ import annotations

from pathlib import Path

from ...server import paths
from ...server.spec.github import annotation
from ...server.spec.source import Source, display_name, read_source
from ..results import Status
from ..runner import Outcome
from .text import deviation_text, finding_text

__all__ = ["read_contract", "render"]


def read_contract(path: Path = paths.SPEC_PATH) -> Source:
    """The contract the run checks against, named relative to the working directory when it is
    inside it (annotations on other paths are not shown on a pull request's files)."""
    return read_source(path, display_name(path))


def render(outcome: Outcome, contract: Source) -> list[str]:
    """One workflow command per failure finding and per deviation, in the run's order."""
    lines: list[str] = []
    for result in outcome.results:
        if result.status in (Status.FAILED, Status.ERROR):
            title = f"socialpost conform: {result.name}"
            if not result.findings:  # a Schemathesis check that errored, saying nothing more
                lines.append(annotation("error", result.behaviour, title=title))
            for finding in result.findings:
                file, line = _operation(contract, finding.where)
                message = f"{result.behaviour}\n{finding_text(finding)}"
                lines.append(annotation("error", message, file=file, line=line, title=title))
        lines += [
            annotation(
                "error" if outcome.strict else "notice",
                f"{result.behaviour}\n{deviation_text(deviation)}",
                title=f"socialpost conform: {result.name} (deviation)",
            )
            for deviation in result.deviations
        ]
    return lines


def _operation(contract: Source, where: str | None) -> tuple[str | None, int | None]:
    """The contract's file and the line of the operation ``METHOD /template``, if it has one."""
    method, _, template = (where or "").partition(" ")
    document = contract.document if isinstance(contract.document, dict) else {}
    items = document.get("paths")
    item = items.get(template) if isinstance(items, dict) else None
    if not isinstance(item, dict) or not isinstance(item.get(method.lower()), dict):
        return None, None
    escaped = template.replace("~", "~0").replace("/", "~1")
    return contract.name, contract.line(f"/paths/{escaped}/{method.lower()}")
