"""What a comparison reports: levels, and one ``Change`` per thing a client may notice."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Literal

__all__ = ["Change", "Level", "Side"]

Side = Literal["base", "head"]


class Level(IntEnum):
    """How a change affects existing clients; ordered, so ``level >= Level.WARN`` reads well."""

    INFO = 1  # compatible: an addition, a widened constraint
    WARN = 2  # may break some clients
    ERR = 3  # breaks existing clients


@dataclass(frozen=True)
class Change:
    """One classified change.

    ``pointer`` and ``line`` are in HEAD, or in BASE (``side == "base"``) for what was removed;
    ``file`` is the path to annotate and ``source`` the label the spec was read under
    (``origin/main:openapi.yaml``). ``operation`` is ``GET /brands/{brand}/social-posts``, or
    None for a change to the document as a whole.
    """

    rule: str
    level: Level
    message: str
    operation: str | None
    operation_id: str | None
    side: Side
    file: str
    source: str
    pointer: str
    line: int
