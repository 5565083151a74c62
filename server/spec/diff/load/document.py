"""One version of the contract as the comparison reads it: parsed, normalised, known to be OpenAPI.

YAML reads ``200:`` as an integer key and ``2026-01-01`` as a date; JSON would not. Keys become
strings and dates ISO strings so that a document compares the same whichever way it was written.
Anything that is not an OpenAPI 3 document is refused with ``DiffError``: a comparison with
nothing on one side must never read as "no changes".
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...source import Source, SourceError, read_source
from ..errors import DiffError

__all__ = ["Spec", "load_spec"]


@dataclass(frozen=True)
class Spec:
    """A parsed OpenAPI document, the label it is shown under and the file annotations name."""

    source: Source
    document: dict[str, Any]
    file: str

    @property
    def label(self) -> str:
        """``old.yaml``, or ``origin/main:openapi.yaml`` for a git revision."""
        return self.source.name

    def line(self, pointer: str) -> int:
        """The 1-based line of the node at ``pointer`` (or of its nearest existing ancestor)."""
        return self.source.line(pointer)


def load_spec(path: Path, *, name: str | None = None, text: str | None = None) -> Spec:
    """Read ``path`` (or ``text`` read from it elsewhere, shown as ``name``) as an OpenAPI spec."""
    try:
        source = read_source(path, name, text)
    except SourceError as exc:
        raise DiffError(str(exc)) from exc
    document = _normalised(source.document, source.name, set())
    if not isinstance(document, dict):
        raise DiffError(f"{source.name}: not an OpenAPI document (not a mapping)")
    version = document.get("openapi")
    if version is None and "swagger" in document:
        raise DiffError(f"{source.name}: Swagger 2.0 is not supported; compare OpenAPI 3 documents")
    if not isinstance(version, str) or not version.startswith("3."):
        raise DiffError(f"{source.name}: not an OpenAPI 3 document (no 'openapi: 3.x' member)")
    if not isinstance(document.get("paths", {}), dict):
        raise DiffError(f"{source.name}: 'paths' is not a mapping")
    return Spec(source, document, str(path))


def _normalised(value: Any, name: str, ancestors: set[int]) -> Any:
    if isinstance(value, dict | list):
        if id(value) in ancestors:
            raise DiffError(f"{name}: a YAML alias contains itself")
        ancestors.add(id(value))
        if isinstance(value, dict):
            result: Any = {
                _key(key): _normalised(item, name, ancestors) for key, item in value.items()
            }
        else:
            result = [_normalised(item, name, ancestors) for item in value]
        ancestors.discard(id(value))
        return result
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _key(key: Any) -> str:
    if isinstance(key, bool):
        return str(key).lower()
    if isinstance(key, datetime.date):
        return key.isoformat()
    return str(key)
