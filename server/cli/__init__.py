"""The ``socialpost`` command line: one module per command, assembled here.

    serve    the mock (``serve.py``)          lint     one contract (``lint.py``)
    diff     two versions of a contract       clock    a running mock's clock
    requests a running mock's request journal, or tailed live
    db       the PostgreSQL store: schema, import and export
    scenario scenarios made from a recording of the proxy
    conform  the conformance suite (lives with it)
    proxy    the validating proxy (lives with the suite)

May import every other part of ``socialpost``; nothing imports the command line.
"""

from __future__ import annotations

import click

from socialpost import __version__

from ...conformance.cli import conform
from ...conformance.proxy.cli import proxy
from .clock import clock
from .db import db
from .diff import diff
from .lint import lint
from .requests import requests
from .scenario import scenario
from .serve import serve


@click.group()
@click.version_option(__version__, prog_name="socialpost")
def main() -> None:
    """The Social Post API contract, mock server and conformance suite."""


for command in (serve, lint, diff, clock, requests, db, conform, proxy, scenario):
    main.add_command(command)
