"""Reading a document the way openapi-spec-validator does, and walking it: RFC 6901 pointers,
local ``$ref``s, path items and their operations.

Broken structure is the structure check's to report: the walkers here skip what is not the
shape they expect (``mapping`` and ``as_list`` read anything else as empty).
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from jsonschema_path.handlers import FileHandler

__all__ = [
    "METHODS",
    "as_list",
    "follow",
    "join",
    "load_spec",
    "mapping",
    "operations",
    "parse_spec",
    "path_items",
    "pointer",
]

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def load_spec(path: Path) -> Any:
    """Read a YAML or JSON document as JSON data, the way openapi-spec-validator reads files.

    Timestamps stay strings and keys such as ``200`` become ``"200"``, as they are in JSON.
    """
    return parse_spec(path.read_text(encoding="utf-8"))


def parse_spec(text: str) -> Any:
    """Parse a document's text as ``load_spec`` reads its file."""
    return FileHandler()(io.StringIO(text))


def path_items(spec: Mapping[str, Any]) -> Iterator[tuple[str, str, Mapping[str, Any]]]:
    """Yield (pointer, template, path item) for every path, following a path item $ref."""
    for template, node in mapping(spec.get("paths")).items():
        if isinstance(template, str) and template.startswith("/"):
            item, where = follow(spec, node, pointer("paths", template))
            if isinstance(item, Mapping):
                yield where, template, item


def operations(item: Mapping[str, Any], where: str) -> Iterator[tuple[str, str, Any]]:
    """Yield (method, pointer, operation) for each operation of a path item."""
    for method in METHODS:
        if isinstance(item.get(method), Mapping):
            yield method, f"{where}/{method}", item[method]


def follow(spec: Mapping[str, Any], node: Any, where: str) -> tuple[Any, str]:
    """Follow local ``$ref``s from ``node`` (found at ``where``) to the object and its pointer."""
    seen: set[str] = set()
    while isinstance(node, Mapping) and isinstance(node.get("$ref"), str):
        ref = node["$ref"]
        if not ref.startswith("#") or ref in seen:
            raise LookupError(f"$ref {ref!r} is not a local, non-circular reference")
        seen.add(ref)
        where, node = unquote(ref[1:]), spec
        for token in where.split("/")[1:]:
            token = token.replace("~1", "/").replace("~0", "~")
            try:
                node = node[int(token)] if isinstance(node, list) else node[token]
            except (LookupError, TypeError, ValueError):
                raise LookupError(f"$ref {ref!r} points to nothing") from None
    return node, where


def mapping(node: Any) -> Mapping[Any, Any]:
    """``node`` if it is a mapping, else an empty one: broken structure is reported elsewhere."""
    return node if isinstance(node, Mapping) else {}


def as_list(node: Any) -> list[Any]:
    """``node`` if it is a list, else an empty one: broken structure is reported elsewhere."""
    return node if isinstance(node, list) else []


def pointer(*tokens: Any) -> str:
    """Build an RFC 6901 pointer from raw tokens."""
    return "".join(join("", token) for token in tokens)


def join(where: str, token: Any) -> str:
    """Append one raw token to a pointer, escaping ``~`` and ``/``."""
    return f"{where}/{str(token).replace('~', '~0').replace('/', '~1')}"
