"""Where a schema comparison stands: the operation, the direction, and the value it is inside.

The direction decides which way a change breaks clients: what clients send (``request``) breaks
when it narrows, what they receive (``response``) when it widens. Schema rules are named after
it (``request-type-changed``, ``response-type-changed``). ``Place`` is what a message names:
``query parameter `limit```, ``response 200 (application/json), property `data[].caption```.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum

from ..changes import Side
from ..findings import Scope

__all__ = ["Context", "Direction", "Place"]


class Direction(Enum):
    """Who produces the values: clients (``request``) or the server (``response``)."""

    REQUEST = "request"
    RESPONSE = "response"


@dataclass(frozen=True)
class Place:
    """A parameter or body, and the property path within it."""

    subject: str
    path: tuple[str, ...] = ()

    def at(self, segment: str) -> Place:
        """The place one step down: a property name, ``[]`` for items, ``(oneOf X)``."""
        return replace(self, path=(*self.path, segment))

    def __str__(self) -> str:
        if not self.path:
            return self.subject
        text = ""
        for segment in self.path:
            glue = "" if not text or segment.startswith(("[", "(")) else "."
            text += glue + segment
        kind = "items" if text.startswith("[") else "property"
        return f"{self.subject}, {kind} `{text}`"


@dataclass(frozen=True)
class Context:
    """A schema comparison's scope, direction and place."""

    scope: Scope
    direction: Direction
    place: Place

    @property
    def request(self) -> bool:
        """Whether clients send these values."""
        return self.direction is Direction.REQUEST

    def at(self, segment: str) -> Context:
        """The context one step down."""
        return replace(self, place=self.place.at(segment))

    def rule(self, suffix: str) -> str:
        """The rule id of this direction: ``request-`` or ``response-`` and ``suffix``."""
        return f"{self.direction.value}-{suffix}"

    def report(self, rule: str, what: str, *, side: Side, pointer: str) -> None:
        """Record ``rule`` here, the message naming the place."""
        self.scope.report(rule, f"{self.place}: {what}", side=side, pointer=pointer)
