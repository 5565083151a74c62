"""``socialpost clock``: read and move a running mock's simulated clock from a terminal."""

from __future__ import annotations

import re
from typing import Any

import click

from ..publishing.clock import MODES, iso
from .control_client import ControlClient

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
_DURATION = re.compile(r"(\d+(?:\.\d+)?)([smhdw])")


def parse_duration(text: str) -> float:
    """Seconds from ``90``, ``90s``, ``20m``, ``2h``, ``1d`` or combinations like ``1h30m``."""
    text = text.strip().lower()
    try:
        return float(text)
    except ValueError:
        pass
    parts = _DURATION.findall(text)
    if not parts or "".join(n + u for n, u in parts) != text:
        raise click.BadParameter(f"'{text}' is not a duration like 90s, 20m, 2h, 1d or 1h30m")
    return sum(float(n) * _UNITS[u] for n, u in parts)


def format_report(answer: dict[str, Any]) -> str:
    """The clock and its settlement report, as a person reads them."""
    lines = [f"Clock: {answer['iso']} ({answer['now']}), {answer['mode']}"
             + (f" x{answer['speed']:g}" if answer["mode"] == "realtime" else "")]
    transitions = answer.get("transitions")
    if transitions is None:
        return lines[0]
    if not transitions:
        lines.append("No post fell due.")
    else:
        lines.append(f"{len(transitions)} post(s) executed, in order:")
        for t in transitions:
            outcome = t["to"] + (f": {t['failure']}" if t.get("failure") else "")
            lines.append(f"  {iso(t['at'])}  {t['post']}  {t['from']} -> {outcome}")
    return "\n".join(lines)


def _call(target: dict[str, Any], method: str, path: str,
          body: dict[str, Any] | None = None) -> dict[str, Any]:
    with ControlClient("clock", **target) as control:
        return control.call(method, path, json=body)


@click.group()
@click.option("--url", default="http://127.0.0.1:8080", show_default=True,
              envvar="SOCIALPOST_URL", help="Base URL of the running mock.")
@click.option("--control-token", envvar="SOCIALPOST_CONTROL_TOKEN", default=None,
              help="The mock's --control-token, when it is not on this machine.")
@click.option("--session", default=None, help="The session whose clock this is (X-Mock-Session) "
              "[default: the default session].")
@click.pass_context
def clock(ctx: click.Context, url: str, control_token: str | None, session: str | None) -> None:
    """Show or move a running mock's simulated clock (publishing follows it)."""
    ctx.obj = {"url": url, "token": control_token, "session": session}


@clock.command()
@click.pass_obj
def show(url: dict[str, Any]) -> None:
    """Print the clock."""
    click.echo(format_report(_call(url, "GET", "/clock")))


@clock.command()
@click.argument("duration")
@click.pass_obj
def advance(url: dict[str, Any], duration: str) -> None:
    """Move forward by DURATION (90s, 20m, 2h, 1d, 1h30m) and publish what fell due."""
    click.echo(format_report(_call(url, "POST", "/clock", {"advance": parse_duration(duration)})))


@clock.command(name="set")
@click.argument("instant")
@click.pass_obj
def set_(url: dict[str, Any], instant: str) -> None:
    """Move forward to INSTANT (ISO-8601 like 2026-01-24T09:00Z, or epoch seconds)."""
    try:
        target: float | str = float(instant)
    except ValueError:
        target = instant
    click.echo(format_report(_call(url, "POST", "/clock", {"now": target})))


@clock.command()
@click.argument("mode", type=click.Choice(MODES))
@click.option("--speed", type=click.FloatRange(min=0.001), default=None,
              help="Simulated seconds per wall second (realtime).")
@click.pass_obj
def mode(url: dict[str, Any], mode: str, speed: float | None) -> None:
    """Switch to frozen or realtime (optionally SPEED times as fast)."""
    body: dict[str, Any] = {"mode": mode}
    if speed is not None:
        body["speed"] = speed
    click.echo(format_report(_call(url, "POST", "/clock", body)))
