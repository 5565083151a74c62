"""What lint reports: a ``Finding`` as a check yields it, a ``LintProblem`` once it is located.

A check knows where in the document it looked (an RFC 6901 pointer); the run adds the rule the
check enforces and the file and line the pointer lands on, so that every rendering (text, JSON,
GitHub annotations, SARIF) can put the problem beside the line that caused it.
"""

from __future__ import annotations

from dataclasses import dataclass

from referencing.exceptions import Unresolvable

__all__ = ["Finding", "LintProblem", "clip", "explain"]


@dataclass(frozen=True)
class Finding:
    """One thing a check found wrong: where it is (an RFC 6901 pointer) and what it is."""

    pointer: str
    message: str


@dataclass(frozen=True)
class LintProblem:
    """One thing wrong with a spec: the pointer and message of its finding, the id of the rule
    it breaks, and the file and 1-based line it is on (of the node the pointer names, or of the
    nearest node that exists when the problem is a missing one)."""

    pointer: str
    message: str
    rule: str
    file: str
    line: int


def explain(exc: Exception) -> str:
    """An exception as ``Type: message`` on one line."""
    if isinstance(exc, Unresolvable):  # its message would repeat the whole document
        return f"$ref {exc.ref!r} does not resolve"
    return clip(f"{type(exc).__name__}: {exc}")


def clip(text: object, limit: int = 240) -> str:
    """One line of at most ``limit`` characters, so a huge instance repr cannot flood output."""
    line = " ".join(str(text).split()).rstrip(".")
    return line if len(line) <= limit else f"{line[: limit - 1]}…"
