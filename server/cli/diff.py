"""``socialpost diff``: the breaking changes between two versions of a contract, for a CI job.

    socialpost diff old.yaml new.yaml
    socialpost diff --base-ref origin/main openapi.yaml
    socialpost diff --base-ref v1.0.0 --head-ref HEAD openapi.yaml
    socialpost diff --base-ref HEAD api/openapi.yaml admin/openapi.yaml   (each file at HEAD)

A file that does not exist yet at --base-ref (a new contract) has nothing to break: it is
reported as no changes. A revision git does not know is exit 2.

Exit status: 0 when no change reaches ``--fail-on``, 1 when one does, 2 when the comparison could
not run (a spec unreadable or not OpenAPI, a bad revision, a bad severity file).
"""

from __future__ import annotations

import datetime
import json
import sys
from collections.abc import Mapping
from pathlib import Path

import click

from ..spec.diff import (
    RULES,
    AbsentAtRevision,
    DiffError,
    Level,
    diff_specs,
    load_revision,
    load_severity,
    load_spec,
)
from ..spec.diff.formats import FORMATS, Report

__all__ = ["diff"]

DEFAULT_SPEC = Path("openapi.yaml")


@click.command()
@click.argument("specs", nargs=-1, metavar="[BASE] [HEAD]", type=click.Path(path_type=Path))
@click.option(
    "--base-ref",
    metavar="REV",
    help="Read BASE from this git revision of the spec (git show REV:path).",
)
@click.option(
    "--head-ref",
    metavar="REV",
    help="Read HEAD from this git revision instead of the working tree.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["ERR", "WARN"]),
    default="ERR",
    show_default=True,
    help="Exit 1 when a change at or above this level is found.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(list(FORMATS)),
    default="text",
    show_default=True,
    help="How to print the changes.",
)
@click.option(
    "--severity",
    "severity_file",
    metavar="FILE",
    type=click.Path(path_type=Path),
    help="YAML or JSON mapping rule ids to ERR, WARN, INFO or off.",
)
@click.option("--list-rules", is_flag=True, help="Print every rule, its level and meaning.")
def diff(
    specs: tuple[Path, ...],
    base_ref: str | None,
    head_ref: str | None,
    fail_on: str,
    output_format: str,
    severity_file: Path | None,
    list_rules: bool,
) -> None:
    """Classify the changes from BASE to HEAD, from the client's side.

    With two files, compare them. With one file (default: openapi.yaml), compare it as of
    --base-ref with the working tree (or --head-ref). ERR breaks existing clients, WARN may,
    INFO is compatible.
    """
    if list_rules:
        click.echo(_rules(json_output=output_format == "json"), nl=False)
        return
    try:
        severity = load_severity(severity_file) if severity_file else {}
        pairs = _pairs(specs, base_ref, head_ref)
        if len(pairs) > 1 and output_format in ("json", "junit"):
            raise click.UsageError(f"--format {output_format} compares one file; give one spec")
        reports = [
            _compare(base_path, head_path, base_ref, head_ref, severity, Level[fail_on.upper()])
            for base_path, head_path in pairs
        ]
    except DiffError as exc:
        click.echo(f"socialpost diff: {exc}", err=True)
        sys.exit(2)
    for report in reports:
        click.echo(FORMATS[output_format](report), nl=False)
        if output_format != "text":
            click.echo(f"{report.base} -> {report.head}: {report.summary()}", err=True)
    sys.exit(1 if any(report.failures for report in reports) else 0)


def _compare(
    base_path: Path,
    head_path: Path,
    base_ref: str | None,
    head_ref: str | None,
    severity: Mapping[str, Level | None],
    fail_on: Level,
) -> Report:
    head = load_revision(head_path, head_ref) if head_ref else load_spec(head_path)
    try:
        base = load_revision(base_path, base_ref) if base_ref else load_spec(base_path)
    except AbsentAtRevision as exc:
        click.echo(f"socialpost diff: {exc}: a new contract, nothing to compare", err=True)
        return Report(f"{base_ref}:{base_path}", head.label, [], fail_on)
    changes = diff_specs(base, head, today=datetime.date.today(), severity=severity)
    return Report(base.label, head.label, changes, fail_on)


def _pairs(
    specs: tuple[Path, ...], base_ref: str | None, head_ref: str | None
) -> list[tuple[Path, Path]]:
    """(BASE, HEAD) paths from the arguments: two files, or each file at git revisions."""
    if base_ref is None:
        if len(specs) != 2:
            raise click.UsageError("give BASE and HEAD, or --base-ref REV and the spec(s)")
        return [(specs[0], specs[1])]
    return [(path, path) for path in (specs or (DEFAULT_SPEC,))]


def _rules(*, json_output: bool) -> str:
    if json_output:
        rules = [
            {"id": rule.id, "level": rule.level.name, "description": rule.description}
            for rule in RULES
        ]
        return json.dumps(rules, indent=2) + "\n"
    width = max(len(rule.id) for rule in RULES)
    return "".join(
        f"{rule.id:<{width}}  {rule.level.name:<4}  {rule.description}\n" for rule in RULES
    )
