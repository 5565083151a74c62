"""``socialpost proxy``: the validating proxy; ``socialpost proxy report``: what it saw.

``proxy --upstream URL`` serves until stopped (Ctrl-C, SIGTERM), then exits 0 when no failure
was seen, 1 when one was (deviations alone: 0), 2 when it could not start. ``proxy report``
asks a running proxy for its violations, prints them (``--format table``, the default, or
``junit``) and exits the same way: 0, 1, or 2 when the proxy cannot be asked.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click
import httpx

from ...server import paths
from ..cli import EXIT_CANNOT_RUN, EXIT_CONFORMS, EXIT_NONCONFORMANT
from ..target.profile import ProfileError, load_profile

DEFAULT_PORT = 4010  # Prism's


@click.group(invoke_without_command=True)
@click.option("--upstream", default=None, metavar="URL",
              help="The server every request is forwarded to, e.g. https://staging.example.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=int)
@click.option("--spec", "spec_path", default=str(paths.SPEC_PATH),
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="The contract the traffic is checked against [default: the bundled one].")
@click.option("--profile", "profile_path", default=None,
              type=click.Path(dir_okay=False, path_type=Path),
              help="conform's profile (TOML or YAML): its token's user is the one a create by "
              "that token must name as created_by [default: the fixtures' test-token and its "
              "user].")
@click.option("--record", "record_dir", default=None,
              type=click.Path(file_okay=False, path_type=Path),
              help="Write every exchange (credentials masked) to DIR/exchanges.jsonl as it "
              "happens; `socialpost scenario from-recording DIR` makes it a scenario.")
@click.option("--enforce", is_flag=True,
              help="Answer a request that breaks the contract with a 400 problem listing its "
              "violations instead of forwarding it (deviations are still forwarded).")
@click.option("--cors-origin", "cors_origins", multiple=True, default=("*",),
              show_default=True, help="Origin whose pages may call the proxy; repeatable.")
@click.option("--log-level", type=click.Choice(["debug", "info", "warning", "error"]),
              default="info", show_default=True,
              help="info logs every request; warning and error only problems.")
@click.pass_context
def proxy(ctx: click.Context, upstream: str | None, host: str, port: int, spec_path: Path,
          profile_path: Path | None, record_dir: Path | None, enforce: bool,
          cors_origins: tuple[str, ...], log_level: str) -> None:
    """Forward requests to --upstream, checking each exchange against the contract."""
    if ctx.invoked_subcommand is not None:
        return
    if not upstream or not upstream.startswith(("http://", "https://")):
        raise click.UsageError("--upstream URL (http:// or https://) is required")
    try:
        profile = load_profile(profile_path)
    except ProfileError as exc:
        click.echo(f"socialpost proxy: {exc}", err=True)
        sys.exit(EXIT_CANNOT_RUN)
    callers = {profile.token: profile.user} if profile.user else {}
    # Imported here: Schemathesis and uvicorn cost every other command their start-up time.
    import uvicorn

    from .app import create_proxy
    from .findings import Findings
    from .report import table
    from .serving import Server

    findings = Findings()
    app = create_proxy(upstream, findings, spec_path, cors_origins, callers=callers,
                       record=record_dir, enforce=enforce)
    click.echo(f"socialpost proxy on http://{host}:{port} -> {upstream}\n"
               f"  Violations:  http://{host}:{port}/_proxy/violations "
               "(`socialpost proxy report`)", err=True)
    # The upstream's Date and Server headers pass as they are: uvicorn adds none of its own.
    server = Server(uvicorn.Config(app, host=host, port=port, log_level=log_level,
                                           lifespan="on", server_header=False,
                                           date_header=False))
    server.run()
    if not server.started:
        sys.exit(EXIT_CANNOT_RUN)
    click.echo(table(findings.to_json()), err=True, nl=False)
    sys.exit(EXIT_NONCONFORMANT if findings.failures else EXIT_CONFORMS)


@proxy.command()
@click.option("--url", default=f"http://127.0.0.1:{DEFAULT_PORT}", show_default=True,
              help="The running proxy.")
@click.option("--format", "form", type=click.Choice(["table", "junit"]), default="table",
              show_default=True)
@click.option("--junit-xml", "junit_path", default=None,
              type=click.Path(dir_okay=False, path_type=Path),
              help="Where --format junit writes (default: standard output).")
def report(url: str, form: str, junit_path: Path | None) -> None:
    """Print what a running proxy found; exit 1 if it saw a failure."""
    from .report import table, write_junit

    try:
        answer = httpx.get(url.rstrip("/") + "/_proxy/violations", timeout=30)
        answer.raise_for_status()
        listing: dict[str, Any] = answer.json()
    except (httpx.HTTPError, ValueError) as exc:
        click.echo(f"socialpost proxy report: cannot ask {url}: {exc}", err=True)
        sys.exit(EXIT_CANNOT_RUN)
    if form == "junit":
        if junit_path is None:
            import tempfile

            with tempfile.TemporaryDirectory() as scratch:
                written = Path(scratch) / "proxy.xml"
                write_junit(listing, written)
                click.echo(written.read_text(encoding="utf-8"))
        else:
            write_junit(listing, junit_path)
    else:
        click.echo(table(listing), nl=False)
    sys.exit(EXIT_NONCONFORMANT if listing.get("failures") else EXIT_CONFORMS)
