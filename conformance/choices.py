"""Where the document leaves a choice: the acceptable answers, and which one the mock chose.

A check states what any correct implementation must do. Where the API document is silent (which
4xx refuses what, error bodies, defaults, bounds), every answer of the acceptable set passes; one
that is not the mock's choice is recorded as a deviation (``Context.deviate``), and anything
outside the set is a failure. The mock's choices are the ones ``openapi.yaml`` describes.
"""

from __future__ import annotations

from collections.abc import Collection

from .context import Context
from .results import CheckFailure
from .target.http import Exchange

# Any refusal a client can read as "not done" (never 401: that says the credentials are wrong).
REFUSALS = frozenset({400, 403, 404, 409, 410, 413, 415, 422})


def status_choice(
    ctx: Context,
    answer: Exchange,
    *,
    decision: str,
    mock: int,
    acceptable: Collection[int],
    what: str,
) -> None:
    """``answer``'s status is the mock's (passes), another acceptable one (a deviation), or
    a failure that names the acceptable set."""
    if answer.status == mock:
        return
    if answer.status in acceptable:
        ctx.deviate(decision, mock=str(mock), target=str(answer.status), exchange=answer)
        return
    raise CheckFailure(f"{what} answered {answer.status}, expected {expected(mock, acceptable)}",
                       exchange=answer)


def expected(mock: int, acceptable: Collection[int]) -> str:
    """``403 (or 404)``: the mock's status first, then the others the document allows."""
    others = sorted(set(acceptable) - {mock})
    if not others:
        return str(mock)
    return f"{mock} (or {', '.join(str(s) for s in others)})"
