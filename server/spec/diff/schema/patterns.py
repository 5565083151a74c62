"""Patterns that only restate a schema's ``format``, and so change nothing when added or removed.

Validators that do not check ``format: uuid`` (Connexion's Draft 4 checker has none) lead
contracts to spell the format out as a ``pattern`` too. The values a ``format: uuid`` string
admits do not change when its anchored, case-insensitive hexadecimal uuid pattern is added, so
that is no narrowing. Only that exact shape counts: ``[0-9a-f]`` alone would refuse upper case.
"""

from __future__ import annotations

import re

__all__ = ["restates_format"]

_HEX_CLASS = re.compile(r"\[((?:0-9|a-f|A-F){3})\]")
_SHAPES = {"uuid": "^H{8}-H{4}-H{4}-H{4}-H{12}$"}


def _hex(match: re.Match[str]) -> str:
    ranges = {match[1][index : index + 3] for index in range(0, 9, 3)}
    return "H" if ranges == {"0-9", "a-f", "A-F"} else match[0]


def restates_format(pattern: object, format_name: object) -> bool:
    """Whether ``pattern`` admits exactly the strings of ``format_name``."""
    shape = _SHAPES.get(format_name) if isinstance(format_name, str) else None
    return shape is not None and isinstance(pattern, str) and _HEX_CLASS.sub(_hex, pattern) == shape
