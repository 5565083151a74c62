"""A document as read from its file: its content, and the line of every node in it.

CI systems show a problem beside the line that caused it, so every tool over a document (lint,
diff) reports a line as well as an RFC 6901 pointer. ``Source.line(pointer)`` answers the line
of the node the pointer names or, when the document has no such node (a member that is missing
is often the problem), of its nearest ancestor that exists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import yaml

__all__ = ["Source", "SourceError", "display_name", "pointer_tokens", "read_source"]


class SourceError(Exception):
    """The document cannot be read or parsed; says which file and why."""


def display_name(path: Path) -> str:
    """``path`` relative to the working directory when it is inside it, else as given.

    CI systems place an annotation on a pull request's file only by its repository-relative path.
    """
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def pointer_tokens(pointer: str) -> list[str]:
    """``/paths/~1a~1b/get`` as ``["paths", "/a/b", "get"]`` (RFC 6901 unescaping)."""
    if not pointer:
        return []
    tokens = pointer[1:].split("/")
    return [unquote(token).replace("~1", "/").replace("~0", "~") for token in tokens]


@dataclass(frozen=True)
class Source:
    """A parsed document, the name it is shown under, and its YAML node tree for line lookups."""

    name: str
    document: Any
    text: str
    _root: yaml.Node | None = field(repr=False, compare=False, default=None)

    def line(self, pointer: str) -> int:
        """The 1-based line of the node at ``pointer``, or of its nearest existing ancestor."""
        node = self._root
        if node is None:
            return 1
        line = node.start_mark.line + 1
        for token in pointer_tokens(pointer):
            child = _child(node, token)
            if child is None:
                break
            key, node = child
            line = (key or node).start_mark.line + 1
        return line


def read_source(path: Path, name: str | None = None, text: str | None = None) -> Source:
    """Read and parse ``path`` (YAML or JSON); ``text`` stands in for the file's content."""
    shown = name or str(path)
    if text is None:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise SourceError(f"{shown}: cannot be read: {exc}") from exc
    # One parse gives both the node tree (lines) and the document built from it; libyaml's
    # parser when PyYAML has it.
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        document = loader.construct_document(root) if root is not None else None
    except yaml.YAMLError as exc:
        raise SourceError(f"{shown}: not YAML or JSON: {exc}") from exc
    except (ValueError, TypeError) as exc:  # a value PyYAML cannot build, such as 2026-13-01
        raise SourceError(f"{shown}: a value cannot be read: {exc}") from exc
    finally:
        loader.dispose()
    return Source(shown, document, text, root)


_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _child(node: yaml.Node, token: str) -> tuple[yaml.Node | None, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and str(key.value) == token:
                return key, value
        return None
    if isinstance(node, yaml.SequenceNode) and token.isdigit() and int(token) < len(node.value):
        return None, node.value[int(token)]
    return None
