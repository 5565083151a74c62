"""``text``: one ``file:line: pointer: message`` line per problem, as compilers print them, so
editors and terminals link each to its line."""

from __future__ import annotations

from collections.abc import Sequence

from ..problem import LintProblem

__all__ = ["render"]


def render(file: str, problems: Sequence[LintProblem]) -> str:
    """A line per problem; the document's root is shown as ``/``."""
    return "\n".join(
        f"{problem.file}:{problem.line}: {problem.pointer or '/'}: {problem.message}"
        for problem in problems
    )
