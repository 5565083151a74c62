"""The rules lint enforces, each with a stable id that CI configuration and SARIF consumers
(GitHub code scanning) can rely on: renaming one is a breaking change.

Each check of the lint run enforces one rule; a check that crashes is reported under its rule.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "DOCUMENT_SYNTAX",
    "EXAMPLE_SCHEMA",
    "IGNORED_KEYWORD",
    "OPENAPI_STRUCTURE",
    "OPERATION_ID_HANDLER",
    "PATH_PARAMETER",
    "RULES",
    "Rule",
]


@dataclass(frozen=True)
class Rule:
    """A rule: its id, what a document must do (one line), and why it matters."""

    id: str
    summary: str
    description: str


DOCUMENT_SYNTAX = Rule(
    "document-syntax",
    "The file is YAML or JSON with a mapping of OpenAPI fields at the top.",
    "Nothing else can be checked in a file that does not parse, or whose top level is not a "
    "mapping.",
)
OPENAPI_STRUCTURE = Rule(
    "openapi-structure",
    "The document is valid OpenAPI 3.0 or 3.1.",
    "openapi-spec-validator's checks: the OpenAPI meta-schema of the document's version, then "
    "its semantic rules. Every tool downstream (the mock, client generators) assumes them.",
)
EXAMPLE_SCHEMA = Rule(
    "example-schema",
    "Every example matches its schema.",
    "The mock answers with the document's examples and clients are written from them, so an "
    "example its schema rejects is a contract that contradicts itself. Request examples are "
    "checked as writes (no readOnly property), response examples as reads.",
)
OPERATION_ID_HANDLER = Rule(
    "operation-id-handler",
    "Every operation has an operationId that names a handler that imports.",
    "The mock routes each operation to the function its operationId names; one that does not "
    "resolve is an operation nothing serves.",
)
PATH_PARAMETER = Rule(
    "path-parameter",
    "Path template variables and 'in: path' parameters agree.",
    "A template variable without its parameter cannot be filled in by clients, and a parameter "
    "missing from the template is never sent where the server reads it.",
)
IGNORED_KEYWORD = Rule(
    "ignored-keyword",
    "No OpenAPI 3.0 keyword that tools silently ignore.",
    "'nullable' without 'type', keys beside '$ref', and null listed in a nullable 'enum' are "
    "legal-looking YAML that tools read differently: Prism skips validating whole bodies over "
    "them, and a description beside '$ref' never reaches a generated client.",
)
RULES = (
    DOCUMENT_SYNTAX,
    OPENAPI_STRUCTURE,
    EXAMPLE_SCHEMA,
    OPERATION_ID_HANDLER,
    PATH_PARAMETER,
    IGNORED_KEYWORD,
)
