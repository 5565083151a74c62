"""``socialpost scenario from-recording DIR``: a recording of the proxy made a scenario."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click


def _tokens(_ctx: click.Context, _param: click.Parameter,
            given: tuple[str, ...]) -> dict[str, str]:
    tokens = {}
    for pair in given:
        name, _, user = pair.partition("=")
        if not name or not user:
            raise click.BadParameter(f"{pair!r} is not TOKEN=USER_ID")
        tokens[name] = user
    return tokens


@click.group()
def scenario() -> None:
    """Scenarios the mock can start from (`serve --scenario`, reset {"scenario": ...})."""


@scenario.command("from-recording")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--output", "-o", default=None, type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the scenario [default: standard output].")
@click.option("--token", "tokens", multiple=True, metavar="TOKEN=USER_ID", callback=_tokens,
              help="A bearer token of the scenario and its user; repeatable [default: "
              "test-token for the user who made the recorded creates].")
def from_recording(directory: Path, output: Path | None, tokens: dict[str, str]) -> None:
    """Make the recording in DIRECTORY (`socialpost proxy --record`) a scenario."""
    from ...conformance.proxy.recording import FILE, read
    from ...conformance.proxy.scenario import scenario_from

    if not (directory / FILE).is_file():
        click.echo(f"socialpost scenario: {directory} holds no {FILE} (`socialpost proxy "
                   "--record DIR` writes one)", err=True)
        sys.exit(2)
    made = scenario_from(read(directory), tokens or None)
    text = json.dumps(made, indent=2, ensure_ascii=False) + "\n"
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
    click.echo(f"{len(made['social_posts'])} posts, {len(made['template_instances'])} template "
               f"instances, {len(made['brand_assets'])} assets, tokens: "
               f"{', '.join(made['tokens']) or 'none'}", err=True)
