"""``socialpost diff``: the changes between two versions of an OpenAPI contract, classified from
the client's side (ERR breaks existing clients, WARN may, INFO is compatible), as oasdiff's
``breaking`` command does.

Owns the whole comparison, by concern:

    document, git          a spec read from a file or a git revision (else ``DiffError``)
    refs                   nodes with their pointers; local ``$ref`` resolution, cycle-safe
    schemas, fingerprint   a schema with allOf merged; a canonical text of one
    operations             operations matched; each pair compared through
      security, parameters, bodies, responses
    schema_diff            two schemas compared in a direction (request or response), through
      keywords, patterns, branches, context
    rules, severity        the rule catalogue, and a severity file's overrides
    findings, changes      what is reported: a ``Change`` at its ``Level``, pointer and line
    version                a breaking change without a major ``info.version`` bump
    compare                ``diff_specs``: all of it, in a stable order
    formats/               text, json, github, junit, markdown

Imports only ``socialpost.server.spec.source`` and ``socialpost.server.spec.github`` from the
project, and PyYAML; the command line (``socialpost.server.cli.diff``) imports it.
"""

from __future__ import annotations

from socialpost.server.spec.diff.changes import Change, Level
from socialpost.server.spec.diff.compare import diff_specs
from socialpost.server.spec.diff.document import Spec, load_spec
from socialpost.server.spec.diff.errors import DiffError
from socialpost.server.spec.diff.git import AbsentAtRevision, load_revision
from socialpost.server.spec.diff.rules import RULES, Rule
from socialpost.server.spec.diff.severity import load_severity

__all__ = [
    "AbsentAtRevision",
    "RULES",
    "Change",
    "DiffError",
    "Level",
    "Rule",
    "Spec",
    "diff_specs",
    "load_revision",
    "load_severity",
    "load_spec",
]
