"""Named scenarios: fixture files in ``fixtures/scenarios/`` a mock can start from by name.

``busy`` (a month of posts around the clock start), ``empty`` (no posts) and ``disconnected``
(every page of the document's brand fails) are described in fixtures/README.md. A scenario is
named by its file's stem, or given as the path of any fixture file.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..paths import SCENARIOS_DIR
from .base import Record
from .fixtures import FixtureError, load_fixtures

__all__ = ["ScenarioError", "available", "describe", "load_scenario", "scenario_path"]


class ScenarioError(FixtureError):
    """No scenario of that name, and no fixture file at that path; the message lists the names."""


def available(directory: Path = SCENARIOS_DIR) -> list[str]:
    """The names of the scenarios in ``directory``, sorted."""
    return sorted(path.stem for path in directory.glob("*.json") if path.is_file())


def scenario_path(name_or_path: str, directory: Path = SCENARIOS_DIR) -> Path:
    """The file of a scenario: ``busy`` is ``<directory>/busy.json``; an existing file is itself."""
    if name_or_path and Path(name_or_path).name == name_or_path:
        named = directory / f"{name_or_path}.json"
        if named.is_file():
            return named
    given = Path(name_or_path)
    if name_or_path and given.is_file():
        return given
    names = ", ".join(available(directory)) or "none"
    raise ScenarioError(
        f"unknown scenario {name_or_path!r}: give one of {names}, or the path of a fixture file"
    )


def load_scenario(name_or_path: str, directory: Path = SCENARIOS_DIR) -> Record:
    """The scenario's content, checked like any fixture file."""
    return load_fixtures(scenario_path(name_or_path, directory))


def describe(name: str, directory: Path = SCENARIOS_DIR) -> str:
    """The scenario's own ``description``, or "" when its file has none."""
    data = json.loads(scenario_path(name, directory).read_bytes())
    description = data.get("description") if isinstance(data, dict) else None
    return description if isinstance(description, str) else ""
