"""One lint run: read the file, run every check that applies to it, locate each finding.

A check that crashes is reported under its rule, keeping what it found before, never as a
traceback; a finding met twice (a component used by reference and checked as a component) is
reported once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import yaml

from ...http.resolver import HANDLER_MODULES
from ..source import Source, SourceError, read_source
from .document import parse_spec
from .examples import example_findings
from .keywords import ignored_keyword_findings
from .operation_ids import (
    operation_id_findings,
    unresolvable,
    unresolved_handler,
)
from .path_parameters import path_parameter_findings
from .problem import Finding, LintProblem, explain
from .rules import (
    DOCUMENT_SYNTAX,
    EXAMPLE_SCHEMA,
    IGNORED_KEYWORD,
    OPENAPI_STRUCTURE,
    OPERATION_ID_HANDLER,
    PATH_PARAMETER,
    Rule,
)
from .structure import structure_findings

__all__ = ["lint_spec"]

Check = Callable[[], Iterator[Finding]]


def lint_spec(
    path: Path,
    *,
    check_operation_ids: bool | None = None,
    handler_module: str | None = None,
    name: str | None = None,
) -> list[LintProblem]:
    """Return every problem found in the spec at ``path``, de-duplicated, in check order.

    Problems name the file as ``name`` (by default ``path`` as given). operationIds are checked
    the way the mock resolves them: as camelCase names of functions of ``handler_module`` (by
    default the module that serves the document, for the project's own specs:
    ``http.resolver.HANDLER_MODULES``). A document no module serves has its operationIds checked
    only when ``check_operation_ids`` asks for it, then as dotted import paths
    (``package.module.function``, Connexion's default resolution).
    """
    shown = name or str(path)
    try:
        text = path.read_text(encoding="utf-8")
        spec = parse_spec(text)
    except Exception as exc:  # any reader failure means there is nothing to lint
        message = f"The file cannot be read as YAML or JSON: {explain(exc)}."
        return [LintProblem("", message, DOCUMENT_SYNTAX.id, shown, _error_line(exc))]
    source = _lines_of(path, shown, text)
    if not isinstance(spec, dict):
        message = f"The document is a {type(spec).__name__}, not a mapping of OpenAPI fields."
        return [LintProblem("", message, DOCUMENT_SYNTAX.id, shown, source.line(""))]
    problems: list[LintProblem] = []
    for rule, check in _checks(spec, path, check_operation_ids, handler_module):
        try:
            for finding in check():  # one at a time, so a crash keeps what came before it
                line = source.line(finding.pointer)
                problems.append(
                    LintProblem(finding.pointer, finding.message, rule.id, shown, line)
                )
        except Exception as exc:  # a crash must become a report, never a traceback
            message = f"The {rule.id} check stopped early: {explain(exc)}."
            problems.append(LintProblem("", message, rule.id, shown, source.line("")))
    return list(dict.fromkeys(problems))


def _checks(
    spec: dict[str, Any],
    path: Path,
    check_operation_ids: bool | None,
    handler_module: str | tuple[str, ...] | None,
) -> list[tuple[Rule, Check]]:
    """The checks that apply to ``spec``, each with the rule it enforces, in reporting order."""
    module = handler_module or HANDLER_MODULES.get(path.resolve())
    if check_operation_ids is None:
        check_operation_ids = module is not None
    checks: list[tuple[Rule, Check]] = [
        (OPENAPI_STRUCTURE, partial(structure_findings, spec, path.resolve().as_uri())),
        (EXAMPLE_SCHEMA, partial(example_findings, spec)),
        (PATH_PARAMETER, partial(path_parameter_findings, spec)),
    ]
    if check_operation_ids:
        why_not = partial(unresolved_handler, module) if module else unresolvable
        checks.insert(2, (OPERATION_ID_HANDLER, partial(operation_id_findings, spec, why_not)))
    if str(spec.get("openapi", "")).startswith("3.0."):
        checks.append((IGNORED_KEYWORD, partial(ignored_keyword_findings, spec)))
    return checks


def _lines_of(path: Path, shown: str, text: str) -> Source:
    """The document's node tree, for the line of each pointer.

    ``read_source`` builds Python values too, and PyYAML raises ValueError for a date it cannot
    build (an unquoted ``2026-13-01``) that the linter reads as the string it is: such a
    document is still linted, with every problem on line 1.
    """
    try:
        return read_source(path, shown, text)
    except (SourceError, ValueError):
        return Source(shown, None, text)


def _error_line(exc: Exception) -> int:
    """The line a YAML error points at; 1 for any other reason a file cannot be read."""
    if isinstance(exc, yaml.MarkedYAMLError) and exc.problem_mark is not None:
        return exc.problem_mark.line + 1
    return 1
