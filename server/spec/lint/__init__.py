"""Lint an OpenAPI document: the checks ``socialpost lint`` runs before anyone trusts the contract.

openapi-spec-validator says whether the document is well-formed OpenAPI; on top of that lint
checks what a mock server and a conformance suite silently depend on: every example matches its
schema, every operationId names a handler that imports, and path templates agree with their
path parameters. For OpenAPI 3.0 it also reports what other tools silently skip: ``nullable``
without ``type`` and keys beside ``$ref`` (Prism skipped the validation of whole bodies for the
first; Spectral and Redocly reject both), so a CI without Node sees them too. Every problem comes
back with the id of the rule it breaks, an RFC 6901 pointer into the document, and its file and
line, for CI systems to show it beside the line that caused it.

    runner.py           lint_spec: one run over one file
    rules.py            the rules, with the stable ids CI configuration relies on
    problem.py          LintProblem (located) and Finding (what a check yields)
    document.py         reading the document; pointers, $refs, path items, operations
    structure.py        openapi-structure         examples.py       example-schema
    operation_ids.py    operation-id-handler      path_parameters.py  path-parameter
    keywords.py         ignored-keyword
    formats/            a run rendered as text, JSON, GitHub annotations or SARIF
"""

from __future__ import annotations

from .document import load_spec
from .problem import LintProblem
from .rules import RULES, Rule
from .runner import lint_spec

__all__ = ["RULES", "LintProblem", "Rule", "lint_spec", "load_spec"]
