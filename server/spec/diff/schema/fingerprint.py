"""A canonical, order-free text of a schema: equal texts, equal schemas.

Used to tell which ``oneOf`` branch of BASE is which branch of HEAD. Annotations are left out
(as ``build_schema`` leaves them), lists whose order means nothing are sorted, and recursion is
written as the distance to the schema it repeats, so two recursive schemas of the same shape
print alike whatever their components are called.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..load.refs import Node, Resolver
from .schemas import build_schema

__all__ = ["fingerprint"]

_SUBSCHEMA = frozenset(
    {"items", "additionalProperties", "not", "contains", "propertyNames", "additionalItems",
     "unevaluatedItems", "unevaluatedProperties", "if", "then", "else"}
)  # fmt: skip
_SUBSCHEMA_MAPS = frozenset({"patternProperties", "dependentSchemas"})
_UNORDERED = frozenset({"enum", "type"})


def fingerprint(
    parts: Sequence[Node], resolver: Resolver, stack: tuple[tuple[str, ...], ...] = ()
) -> str:
    """A canonical text of the schema made of ``parts``: equal texts, equal schemas."""
    return json.dumps(_canonical(parts, resolver, stack), sort_keys=True, default=str)


def _canonical(
    parts: Sequence[Node], resolver: Resolver, stack: tuple[tuple[str, ...], ...]
) -> Any:
    schema = build_schema(parts, resolver, "")
    if schema.key in stack:
        return {"$recursive": len(stack) - stack.index(schema.key)}
    inner = (*stack, schema.key)
    canonical: dict[str, Any] = {}
    for key, node in schema.keywords.items():
        if key in _SUBSCHEMA and isinstance(node.value, dict):
            canonical[key] = _canonical((node,), resolver, inner)
        elif key in _SUBSCHEMA_MAPS:
            canonical[key] = {
                name: _canonical((sub,), resolver, inner) for name, sub in node.members()
            }
        elif key == "prefixItems":
            canonical[key] = [_canonical((sub,), resolver, inner) for sub in node.items()]
        elif key in _UNORDERED and isinstance(node.value, list):
            canonical[key] = sorted(json.dumps(item, sort_keys=True) for item in node.value)
        else:
            canonical[key] = node.value
    if schema.properties:
        canonical["properties"] = {
            name: _canonical(declared, resolver, inner)
            for name, declared in schema.properties.items()
        }
    if schema.required:
        canonical["required"] = sorted(schema.required)
    if schema.branches:
        canonical[schema.branch_keyword] = sorted(
            json.dumps(_canonical(branch, resolver, inner), sort_keys=True)
            for branch in schema.branches
        )
    return canonical
