"""``socialpost lint``: check a contract before anyone trusts it; exit 0 when clean, 1 if not.

``--format`` picks who reads the problems: people (``text``), scripts (``json``), a GitHub
Actions job log (``github`` annotations) or code scanning (``sarif``). The file is named
relative to the working directory when it is inside it, as CI systems want.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import paths
from ..spec.source import display_name


@click.command()
@click.argument(
    "specs",
    nargs=-1,
    metavar="[SPEC]...",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "github", "sarif"]),
    default="text",
    show_default=True,
    help="text: file:line: pointer: message lines; json: one object; github: workflow "
    "annotations (::error file=...,line=...); sarif: a SARIF 2.1.0 log for code scanning.",
)
def lint(specs: tuple[Path, ...], output_format: str) -> None:
    """Check each SPEC (default: the project's openapi.yaml) and print every problem found.

    Several SPECs (as a pre-commit hook passes them) are linted one after the other; the json
    and sarif reports describe one file, so they take one SPEC.
    """
    from ..spec.lint import lint_spec
    from ..spec.lint.formats import FORMATS

    if len(specs) > 1 and output_format in ("json", "sarif"):
        raise click.UsageError(f"--format {output_format} reports on one file; give one SPEC")
    failed = False
    for spec in specs or (paths.SPEC_PATH,):
        shown = display_name(spec)
        problems = lint_spec(spec, name=shown)
        rendered = FORMATS[output_format](shown, problems)
        if rendered:
            click.echo(rendered)
        if problems:
            click.echo(f"{len(problems)} problem(s) in {shown}", err=True)
            failed = True
        else:
            # On stdout only for people: in the other formats stdout is the machine's report.
            click.echo(f"{shown}: clean", err=output_format != "text")
    sys.exit(1 if failed else 0)
