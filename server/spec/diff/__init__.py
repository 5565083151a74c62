"""``socialpost diff``: the changes between two versions of an OpenAPI contract, classified from
the client's side (ERR breaks existing clients, WARN may, INFO is compatible), as oasdiff's
``breaking`` command does.

Owns the whole comparison, by concern:

    load/                  what is compared: a spec read from a file or a git revision (else
                           ``DiffError``); nodes with their pointers, local ``$ref`` resolution
    schema/                two schemas compared in a direction (request or response): allOf
                           merged, keywords, properties, items, ``oneOf``/``anyOf`` branches
    operation/             operations matched; each pair compared for security, parameters,
                           request body and responses
    rules, severity        the rule catalogue, and a severity file's overrides
    findings, changes      what is reported: a ``Change`` at its ``Level``, pointer and line
    errors                 ``DiffError``: the comparison could not be made
    version                a breaking change without a major ``info.version`` bump
    compare                ``diff_specs``: all of it, in a stable order
    formats/               text, json, github, junit, markdown

Imports flow one way: compare → operation → schema → findings → load → errors, with
``changes`` and ``rules`` used throughout; ``formats`` reads only ``changes``.

Imports only ``socialpost.server.spec.source`` and ``socialpost.server.spec.github`` from the
project, and PyYAML; the command line (``socialpost.server.cli.diff``) imports it.
"""

from __future__ import annotations

from .changes import Change, Level
from .compare import diff_specs
from .errors import DiffError
from .load.document import Spec, load_spec
from .load.git import AbsentAtRevision, load_revision
from .rules import RULES, Rule
from .severity import load_severity

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
