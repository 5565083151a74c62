"""How a comparison is printed: ``text`` for people, ``json`` for programs, ``github`` for
workflow annotations, ``junit`` for CI test reports, ``markdown`` for a pull request's changelog.

Each format is one module with a ``render(report) -> str``; ``FORMATS`` names them for the
command line.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from . import github, json, junit, markdown, text
from .report import Report

__all__ = ["FORMATS", "Report"]

FORMATS: Mapping[str, Callable[[Report], str]] = MappingProxyType(
    {
        "text": text.render,
        "json": json.render,
        "github": github.render,
        "junit": junit.render,
        "markdown": markdown.render,
    }
)
