"""``github``: a GitHub Actions ``::error`` workflow command per problem, which the runner turns
into an annotation on the line of the pull request's diff."""

from __future__ import annotations

from collections.abc import Sequence

from ...github import annotation
from ..problem import LintProblem

__all__ = ["render"]


def render(file: str, problems: Sequence[LintProblem]) -> str:
    """``::error file=…,line=…,title=socialpost lint: <rule>::<pointer>: <message>`` lines."""
    return "\n".join(
        annotation(
            "error",
            f"{problem.pointer or '/'}: {problem.message}",
            file=problem.file,
            line=problem.line,
            title=f"socialpost lint: {problem.rule}",
        )
        for problem in problems
    )
