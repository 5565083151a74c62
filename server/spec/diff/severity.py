"""The severity file: a team's own levels for rules, or rules turned off.

YAML or JSON, one rule id to one of ``ERR``, ``WARN``, ``INFO`` or ``off``::

    request-property-removed: ERR     # our server refuses unknown properties
    response-success-status-added: off

Levels are read ignoring case, and YAML's bare ``off`` (which YAML 1.1 reads as false) is off.
Every unknown rule id and level is named in one ``DiffError``: a typo must not silently keep a
rule at its default.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import yaml

from .changes import Level
from .errors import DiffError
from .rules import RULES, rules_by_id

__all__ = ["Severity", "levels", "load_severity"]

Severity = Mapping[str, Level | None]  # rule id -> level, None for off


def load_severity(path: Path) -> dict[str, Level | None]:
    """Read and check a severity file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DiffError(f"severity file {path}: cannot be read: {exc}") from exc
    try:
        content = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise DiffError(f"severity file {path}: not YAML or JSON: {exc}") from exc
    if content is None:
        return {}
    if not isinstance(content, dict):
        raise DiffError(f"severity file {path}: must map rule ids to ERR, WARN, INFO or off")
    known = rules_by_id()
    overrides: dict[str, Level | None] = {}
    problems: list[str] = []
    for rule, value in content.items():
        if str(rule) not in known:
            problems.append(f"unknown rule id {rule!r}")
            continue
        if value is False or (isinstance(value, str) and value.lower() == "off"):
            overrides[str(rule)] = None
        elif isinstance(value, str) and value.upper() in Level.__members__:
            overrides[str(rule)] = Level[value.upper()]
        else:
            problems.append(f"unknown level {value!r} for {rule} (ERR, WARN, INFO or off)")
    if problems:
        raise DiffError(f"severity file {path}: " + "; ".join(problems))
    return overrides


def levels(severity: Severity) -> dict[str, Level | None]:
    """Every rule's level: its default unless ``severity`` says otherwise."""
    return {rule.id: severity.get(rule.id, rule.level) for rule in RULES}
