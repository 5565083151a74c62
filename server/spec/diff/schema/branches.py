"""Which ``oneOf``/``anyOf`` branch of BASE is which branch of HEAD.

Branches have no names, and reordering them changes nothing, so they are paired: first those
equal as schemas (by fingerprint), then those with the same title or referring to components of
the same name, and last a single branch left on each side (one branch edited). What is left was
removed from BASE or added in HEAD.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..load.refs import Node, Resolver
from .fingerprint import fingerprint
from .schemas import title_of

__all__ = ["Pairing", "pair_branches"]

Branch = tuple[Node, ...]


@dataclass
class Pairing:
    """Indexes of branches: pairs to compare, and the branches left on each side."""

    edited: list[tuple[int, int]] = field(default_factory=list)
    removed: list[int] = field(default_factory=list)
    added: list[int] = field(default_factory=list)


def pair_branches(
    base: Sequence[Branch], head: Sequence[Branch], base_resolver: Resolver, head_resolver: Resolver
) -> Pairing:
    """Pair the branches of ``base`` with those of ``head``; equal pairs are left out."""
    left = list(range(len(base)))
    right = list(range(len(head)))
    pairing = Pairing()

    def match(base_key: list[str | None], head_key: list[str | None], edited: bool) -> None:
        for i in list(left):
            for j in right:
                if base_key[i] is not None and base_key[i] == head_key[j]:
                    left.remove(i)
                    right.remove(j)
                    if edited:
                        pairing.edited.append((i, j))
                    break

    match(
        [fingerprint(branch, base_resolver) for branch in base],
        [fingerprint(branch, head_resolver) for branch in head],
        edited=False,
    )
    match(
        [title_of(branch, base_resolver) for branch in base],
        [title_of(branch, head_resolver) for branch in head],
        edited=True,
    )
    if len(left) == 1 and len(right) == 1:
        pairing.edited.append((left.pop(), right.pop()))
    pairing.removed, pairing.added = left, right
    return pairing
