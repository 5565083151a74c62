"""``socialpost conform``: check a server against the contract; exit 0, 1 or 2.

0: the target conforms (deviations from the mock's choices allowed). 1: at least one
non-conformance (or, with ``--strict``, any deviation). 2: the suite could not run (unreachable
target, bad profile, bad option).

The text report is always printed; ``--format github`` adds a GitHub Actions annotation per
failure and deviation after it (``github.py``), and ``--junit-xml`` writes JUnit XML beside.
"""

from __future__ import annotations

import random
import sys
import traceback
from pathlib import Path
from urllib.parse import urlsplit

import click

from .target.headers import HeaderError, Headers, parse_headers
from .target.profile import ProfileError, load_profile

EXIT_CONFORMS, EXIT_NONCONFORMANT, EXIT_CANNOT_RUN = 0, 1, 2


@click.command()
@click.option("--base-url", required=True,
              help="The server to check, e.g. http://127.0.0.1:8080; a path is kept "
              "(http://127.0.0.1:8080/_sessions/qa-1: a session of the mock).")
@click.option("--token", default=None,
              help="Bearer token of the user the suite acts as [default: the profile's, else "
              "the fixtures' test-token].")
@click.option("--header", "headers", multiple=True, metavar="'NAME: VALUE'",
              callback=lambda _ctx, _param, given: _headers(given),
              help="Send this header on every request the suite makes (its own, Schemathesis' "
              "and the control API's), e.g. 'X-Mock-Session: qa-1'; repeatable. Not "
              "Authorization (use --token), Content-Type, Content-Length or Host.")
@click.option("--profile", "profile_path", default=None,
              type=click.Path(dir_okay=False, path_type=Path),
              help="Target profile (TOML or YAML): token, brand, facebook_page, "
              "template_instance, asset, ... [default: the bundled fixtures].")
@click.option("--junit-xml", "junit_path", default=None,
              type=click.Path(dir_okay=False, path_type=Path), help="Write JUnit XML here.")
@click.option("--seed", default=None, type=click.IntRange(0), help="Reproduce a run's data.")
@click.option("--quick", is_flag=True, help="Fewer generated examples, no slow phases.")
@click.option("--read-only", is_flag=True, help="Run only what needs no writes.")
@click.option("--strict", is_flag=True,
              help="Fail on deviations too: answers the document allows that differ from the "
              "mock's choices (for targets meant to behave exactly like the mock).")
@click.option("--format", "output_format", type=click.Choice(["text", "github"]), default="text",
              show_default=True,
              help="github: after the text report, a GitHub Actions annotation per failure "
              "(::error, at the contract's line of a Schemathesis failure's operation) and per "
              "deviation (::notice; ::error under --strict).")
def conform(
    base_url: str,
    token: str | None,
    headers: Headers,
    profile_path: Path | None,
    junit_path: Path | None,
    seed: int | None,
    quick: bool,
    read_only: bool,
    strict: bool,
    output_format: str,
) -> None:
    """Check the server at --base-url against openapi.yaml and its documented behaviour."""
    from .reports import github
    from .reports import text as report
    from .reports.junit import write_junit
    from .runner import Settings, Unreachable, run

    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        click.echo(f"socialpost conform: --base-url {base_url!r} is not an http(s) URL", err=True)
        sys.exit(EXIT_CANNOT_RUN)
    if parts.query or parts.fragment or base_url.endswith(("?", "#")):
        click.echo(f"socialpost conform: --base-url {base_url!r} has a query or fragment: give "
                   "the scheme, host and (optionally) a path only", err=True)
        sys.exit(EXIT_CANNOT_RUN)
    try:
        profile = load_profile(profile_path, token)
    except ProfileError as exc:
        click.echo(f"socialpost conform: {exc}", err=True)
        sys.exit(EXIT_CANNOT_RUN)
    settings = Settings(
        base_url=base_url.rstrip("/"),
        profile=profile,
        seed=seed if seed is not None else random.SystemRandom().randrange(1, 2**31),
        quick=quick,
        read_only=read_only,
        strict=strict,
        headers=headers,
    )
    report.header(settings, click.echo)
    try:
        outcome = run(settings, click.echo)
    except Unreachable as exc:
        click.echo(f"socialpost conform: cannot run: {exc}", err=True)
        sys.exit(EXIT_CANNOT_RUN)
    except Exception:  # the suite itself broke: say so loudly, and do not claim a verdict
        click.echo("socialpost conform: the suite could not complete its run:", err=True)
        click.echo(traceback.format_exc(), err=True)
        sys.exit(EXIT_CANNOT_RUN)
    report.failures(outcome, click.echo)
    report.summary(outcome, settings, click.echo)
    if output_format == "github":
        for line in github.render(outcome, github.read_contract()):
            click.echo(line)
    if junit_path is not None:
        write_junit(outcome, junit_path)
        click.echo(f"JUnit XML: {junit_path}")
    sys.exit(EXIT_CONFORMS if outcome.conforms else EXIT_NONCONFORMANT)


def _headers(given: tuple[str, ...]) -> Headers:
    """The ``--header`` values, parsed; a bad one is a usage error (exit 2) naming the option."""
    try:
        return parse_headers(given)
    except HeaderError as exc:
        raise click.BadParameter(str(exc), param_hint="'--header'") from None
