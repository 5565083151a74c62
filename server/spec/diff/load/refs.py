"""Nodes of a document with their RFC 6901 pointers, and local ``$ref`` resolution.

Every value the comparison looks at travels as a ``Node``: the value and where it is, so that a
change can name its pointer and line. ``Resolver.resolve`` follows a chain of local ``$ref``s
(``#/components/...``) to the node it ends at; the pointer is then the target's, which is where
a reader finds the definition. A chain that loops, a reference to nothing and a reference to
another file are ``DiffError``s: those documents cannot be compared, and saying nothing would
read as "no changes". Recursive schemas are fine: resolution is one node at a time and the
schema comparison keeps its own stack.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ...source import pointer_tokens
from ..errors import DiffError

__all__ = ["Node", "Resolver", "escape"]


def escape(token: str) -> str:
    """One reference token of a JSON pointer (RFC 6901: ``~`` as ``~0``, ``/`` as ``~1``)."""
    return token.replace("~", "~0").replace("/", "~1")


@dataclass(frozen=True)
class Node:
    """A value of the document and the pointer to it."""

    value: Any
    pointer: str

    def child(self, key: str | int) -> Node | None:
        """The member or item ``key``, or None when there is none."""
        if isinstance(self.value, dict) and isinstance(key, str) and key in self.value:
            return Node(self.value[key], f"{self.pointer}/{escape(key)}")
        if isinstance(self.value, list) and isinstance(key, int) and 0 <= key < len(self.value):
            return Node(self.value[key], f"{self.pointer}/{key}")
        return None

    def members(self) -> Iterator[tuple[str, Node]]:
        """Each member of a mapping as (key, node); nothing for any other value."""
        if isinstance(self.value, dict):
            for key in self.value:
                yield key, Node(self.value[key], f"{self.pointer}/{escape(key)}")

    def items(self) -> Iterator[Node]:
        """Each item of a list; nothing for any other value."""
        if isinstance(self.value, list):
            for index, item in enumerate(self.value):
                yield Node(item, f"{self.pointer}/{index}")

    def get(self, key: str, default: Any = None) -> Any:
        """The member's value, or ``default``, for a mapping; ``default`` for anything else."""
        return self.value.get(key, default) if isinstance(self.value, dict) else default


class Resolver:
    """Follows local ``$ref`` chains within one document."""

    def __init__(self, document: Any, label: str) -> None:
        self._document = document
        self._label = label

    def resolve(self, node: Node) -> Node:
        """The node ``node`` refers to (itself when it is no reference); siblings are ignored."""
        seen: list[str] = []
        while isinstance(node.value, dict) and isinstance(node.value.get("$ref"), str):
            reference: str = node.value["$ref"]
            if reference in seen:
                chain = " -> ".join([*seen, reference])
                raise DiffError(f"{self._label}: $ref loop at {node.pointer}: {chain}")
            seen.append(reference)
            node = self._target(reference, node.pointer)
        return node

    def _target(self, reference: str, where: str) -> Node:
        if not reference.startswith("#"):
            raise DiffError(
                f"{self._label}: {where}: $ref {reference!r} names another document; "
                "only local references (#/...) are resolved"
            )
        node = Node(self._document, "")
        for token in pointer_tokens(reference[1:]):
            is_index = isinstance(node.value, list) and token.isdigit()
            key: str | int = int(token) if is_index else token
            child = node.child(key)
            if child is None:
                raise DiffError(f"{self._label}: {where}: $ref {reference!r} resolves to nothing")
            node = child
        return node
