"""A lint run rendered for people (``text``) and for CI systems (``json``, ``github``, ``sarif``).

Each renderer takes the file's name as shown (relative to the working directory when it is
inside it, since CI systems want repository-relative paths) and the run's problems, and returns
what ``socialpost lint`` prints on stdout: nothing for a clean file in ``text`` and ``github``, a
document saying so in ``json`` and ``sarif``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from ..problem import LintProblem
from .github import render as render_github
from .json import render as render_json
from .sarif import render as render_sarif
from .text import render as render_text

__all__ = ["FORMATS", "Renderer"]

Renderer = Callable[[str, Sequence[LintProblem]], str]

FORMATS: Mapping[str, Renderer] = {
    "text": render_text,
    "json": render_json,
    "github": render_github,
    "sarif": render_sarif,
}
