"""A breaking change needs a major version: ``info.version`` read as semantic versioning.

Under semver 0.x anything may change, and the convention (Cargo's, npm's caret) is that the minor
number acts as the major one: 0.3.0 to 0.4.0 may break clients, 0.3.0 to 0.3.1 may not. A version
that is not ``MAJOR[.MINOR[.PATCH]]`` cannot show a bump, so it is reported too, saying so.
"""

from __future__ import annotations

import re

from .changes import Level
from .findings import Findings
from .load.refs import Node

__all__ = ["check_version_bump"]

_SEMVER = re.compile(r"v?(\d+)(?:\.(\d+))?(?:\.(\d+))?")
RULE = "breaking-change-without-major-version-bump"


def _parse(version: object) -> tuple[int, int] | None:
    match = _SEMVER.match(str(version)) if isinstance(version, str | int | float) else None
    return (int(match[1]), int(match[2] or 0)) if match else None


def _verdict(before: object, after: object) -> str | None:
    """Why the version does not announce a breaking change, or None when it does."""
    old, new = _parse(before), _parse(after)
    if old is None or new is None:
        wrong = before if old is None else after
        return f"info.version {wrong!r} is not a semantic version, so it cannot show a major bump"
    if old[0] == 0 and new[0] == 0:
        if new[1] > old[1]:
            return None
        return f"info.version went from {before} to {after}: a 0.x version needs a minor bump"
    if new[0] > old[0]:
        return None
    return f"info.version went from {before} to {after}: the major version must increase"


def check_version_bump(findings: Findings) -> None:
    """Report the breaking changes found so far when the version does not announce them."""
    breaking = sum(change.level is Level.ERR for change in findings.changes)
    if not breaking:
        return
    infos = [Node(spec.document, "").child("info") for spec in (findings.base, findings.head)]
    before, after = (info.get("version") if info else None for info in infos)
    reason = _verdict(before, after)
    if reason is None:
        return
    head_info = infos[1]
    where = (head_info.child("version") or head_info) if head_info else Node(None, "")
    what = f"{breaking} breaking change(s), but {reason}"
    findings.report(RULE, what, side="head", pointer=where.pointer, operation=None)
