"""What every format prints: the two specs, the changes, and the level that fails the run."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..changes import Change, Level

__all__ = ["Report"]


@dataclass(frozen=True)
class Report:
    """A comparison's result as the formats see it."""

    base: str
    head: str
    changes: Sequence[Change]
    fail_on: Level

    @property
    def failures(self) -> list[Change]:
        """The changes at or above ``fail_on``: any of them makes the exit status 1."""
        return [change for change in self.changes if change.level >= self.fail_on]

    def counts(self) -> dict[str, int]:
        """How many changes of each level, most severe first (every level present)."""
        counted = Counter(change.level for change in self.changes)
        return {level.name: counted[level] for level in sorted(Level, reverse=True)}

    def summary(self) -> str:
        """``3 changes: 1 ERR, 1 WARN, 1 INFO``, or ``no changes``."""
        if not self.changes:
            return "no changes"
        counts = ", ".join(f"{count} {level}" for level, count in self.counts().items() if count)
        return f"{len(self.changes)} change(s): {counts}"


def where(change: Change) -> str:
    """``openapi.yaml:12``: the file and line, in BASE for what was removed."""
    return f"{change.source if change.side == 'base' else change.file}:{change.line}"


def operation(change: Change) -> str:
    """``GET /posts (listPosts)``, or ``the document``."""
    if change.operation is None:
        return "the document"
    return change.operation + (f" ({change.operation_id})" if change.operation_id else "")
