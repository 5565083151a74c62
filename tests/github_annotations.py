"""GitHub Actions workflow commands read back as the runner reads them, for tests of the
``--format github`` outputs of lint and conform."""

from __future__ import annotations

import re
from dataclasses import dataclass

_COMMAND = re.compile(
    r"^::(?P<level>error|warning|notice)(?: (?P<properties>[^:]*))?::(?P<data>.*)$"
)


@dataclass(frozen=True)
class Annotation:
    level: str
    properties: dict[str, str]
    message: str


def parse(line: str) -> Annotation:
    """One ``::level key=value,...::message`` line, unescaped; fails on anything else."""
    match = _COMMAND.match(line)
    assert match, f"not a workflow command: {line!r}"
    properties = {}
    for pair in filter(None, (match["properties"] or "").split(",")):
        key, _, value = pair.partition("=")
        properties[key] = _unescape(value)
    return Annotation(match["level"], properties, _unescape(match["data"]))


def _unescape(text: str) -> str:
    for escaped, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(escaped, char)
    return text
