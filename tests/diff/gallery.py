"""The gallery of spec pairs: ``gallery/<case>/base.yaml``, ``head.yaml`` and ``expected.yaml``.

Each pair makes one change (or none) to a small spec; ``expected.yaml`` lists the rule ids and
levels ``socialpost diff`` must report for it, and says in a comment what changed.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

import yaml

GALLERY = Path(__file__).parent / "gallery"
# Removed operations compare their x-sunset with "today": the gallery's is fixed.
TODAY = datetime.date(2026, 6, 1)


@dataclass(frozen=True)
class Pair:
    """One gallery case."""

    name: str

    @property
    def base(self) -> Path:
        return GALLERY / self.name / "base.yaml"

    @property
    def head(self) -> Path:
        return GALLERY / self.name / "head.yaml"

    def expected(self) -> list[tuple[str, str]]:
        """(rule id, level) of every change the pair must report, sorted."""
        document = yaml.safe_load((GALLERY / self.name / "expected.yaml").read_text("utf-8"))
        return sorted((change["rule"], change["level"]) for change in document["changes"])


def pairs() -> list[Pair]:
    """Every case of the gallery, by name."""
    return [Pair(path.name) for path in sorted(GALLERY.iterdir()) if path.is_dir()]


def pair(name: str) -> Pair:
    """The case ``name``, which must exist."""
    found = Pair(name)
    assert found.base.is_file(), f"no gallery case {name}"
    return found
