"""The ``socialpost`` command line: lint the contract, serve the mock, check conformance."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from server import paths


@click.group()
def main() -> None:
    """The Social Post API contract, mock server and conformance suite."""


@main.command()
@click.argument(
    "spec",
    required=False,
    default=str(paths.SPEC_PATH),
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
def lint(spec: Path) -> None:
    """Check SPEC (default: the project's openapi.yaml) and print every problem found."""
    from server.lint import lint_spec

    problems = lint_spec(spec)
    for problem in problems:
        click.echo(f"{problem.pointer or '/'}: {problem.message}")
    if problems:
        click.echo(f"{len(problems)} problem(s) in {spec}", err=True)
        sys.exit(1)
    click.echo(f"{spec}: clean")
