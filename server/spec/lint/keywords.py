"""Rule ``ignored-keyword`` (OpenAPI 3.0 only): what tools silently skip.

``nullable`` without ``type``, keys beside ``$ref``, and a nullable ``enum`` that lists null are
legal-looking YAML that tools read differently: Prism skipped validating whole request and
response bodies over the first and the last, and a ``description`` beside ``$ref`` never
reaches a generated client. Spectral and Redocly reject the first two, so a CI without Node
sees them here too.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from .document import as_list, join
from .problem import Finding

__all__ = ["ignored_keyword_findings"]

# Keys whose values are data (examples, defaults, enums) or extensions, not OpenAPI objects: a
# "$ref" or "nullable" found inside them is a value like any other.
_DATA_KEYS = frozenset({"example", "default", "enum"})


def ignored_keyword_findings(spec: dict[str, Any]) -> Iterator[Finding]:
    """Walk every OpenAPI object of the document, in document order, outside data values."""
    stack: list[tuple[str, Any]] = [("", spec)]
    while stack:
        where, node = stack.pop()
        if isinstance(node, list):
            stack.extend((f"{where}/{i}", item) for i, item in reversed(list(enumerate(node))))
            continue
        if not isinstance(node, Mapping):
            continue
        yield from _node_findings(where, node)
        children = [
            (join(where, key), value)
            for key, value in node.items()
            if not (isinstance(key, str) and (key in _DATA_KEYS or key.startswith("x-")))
            and not (key == "value" and where.rsplit("/", 2)[-2:-1] == ["examples"])
        ]
        stack.extend(reversed(children))


def _node_findings(where: str, node: Mapping[Any, Any]) -> Iterator[Finding]:
    """What one object says that tools ignore."""
    if isinstance(node.get("$ref"), str) and len(node) > 1:
        siblings = ", ".join(f"'{key}'" for key in node if key != "$ref")
        yield Finding(
            where,
            f"{siblings} beside '$ref' {'is' if len(node) == 2 else 'are'} ignored: in "
            "OpenAPI 3.0 a reference replaces its whole object, so tools (Spectral, Redocly, "
            "client generators) drop the other keys; put the reference in "
            "'allOf: [{$ref: ...}]' to add to it.",
        )
    if node.get("nullable") is True and "type" not in node:
        yield Finding(
            f"{where}/nullable",
            "'nullable: true' has no sibling 'type': OpenAPI 3.0 defines 'nullable' only "
            "beside 'type', so tools ignore it or reject the schema (Prism skipped "
            "validating such bodies); add the 'type' of the other values.",
        )
    if node.get("nullable") is True and None in as_list(node.get("enum")):
        yield Finding(
            f"{where}/enum",
            "'enum' lists null beside 'nullable: true': Prism adds null to the enum of a "
            "nullable schema, the duplicate makes the schema invalid, and Prism then skips "
            "validating the whole body; say null otherwise (e.g. 'not: {type: ...}').",
        )
