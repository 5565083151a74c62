"""``socialpost requests``: a running mock's request journal in a terminal, or tailed live."""

from __future__ import annotations

import json
import re
import time
from typing import Any

import click

from .clock import parse_duration
from .control_client import ControlClient

_UUID = re.compile(r"([0-9a-fA-F]{8})-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
# The most entries one poll of --follow asks for (the API's own limit is 10,000).
_BATCH = 1000
COLUMNS = (("TIME (UTC)", 12), ("SESSION", 10), ("METHOD", 7), ("PATH", 40),
           ("OPERATION", 24), ("STATUS", 6), ("DURATION", 10), ("FAULT", 0))


def _line(cells: list[str]) -> str:
    return "  ".join(cell.ljust(width) for cell, (_, width) in zip(cells, COLUMNS, strict=True)
                     ).rstrip()


HEADER = _line([name for name, _ in COLUMNS])


def format_row(entry: dict[str, Any]) -> str:
    """One journal entry as a table row (ids in the path shortened to their first 8 digits)."""
    status = entry.get("status")
    return _line([
        entry["at"][11:23],
        entry["session"],
        entry["method"],
        _UUID.sub(r"\1…", entry["path"]),
        entry.get("operation") or "-",
        "-" if status is None else str(status),
        f"{entry['duration_ms']:.1f} ms",
        entry.get("fault") or "",
    ])


def since_instant(text: str, now: float) -> str:
    """``since`` for the API: an instant as given, or ``5m``/``1h30m`` ago (wall clock)."""
    if re.fullmatch(r"\s*\d+(?:\.\d+)?\s*", text) or not re.search(r"\d[smhdw]\s*$", text):
        return text
    return str(now - parse_duration(text))


def _show(entries: list[dict[str, Any]], as_json: bool) -> None:
    for entry in entries:
        click.echo(json.dumps(entry, ensure_ascii=False) if as_json else format_row(entry))


def _follow(journal: ControlClient, filters: dict[str, Any], after: int, as_json: bool,
            interval: float) -> None:
    """Print each new matching entry as it comes, until interrupted."""
    while True:
        answer = journal.call("GET", "/requests",
                              params={**filters, "after": after, "order": "asc", "limit": _BATCH})
        entries = answer["data"]
        _show(entries, as_json)
        if answer["info"]["total"] > len(entries):  # more than one batch: go on at once
            after = entries[-1]["id"]
            continue
        # Past the newest entry even when it did not match: the next poll scans only new ones.
        after = max(after, answer["info"]["last_id"] or 0)
        time.sleep(interval)


@click.command()
@click.option("--base-url", "--url", "url", default="http://127.0.0.1:8080", show_default=True,
              envvar="SOCIALPOST_URL", help="Base URL of the running mock.")
@click.option("--session", default=None, metavar="NAME",
              help="The session whose journal to read (sent as X-Mock-Session).")
@click.option("--control-token", envvar="SOCIALPOST_CONTROL_TOKEN", default=None,
              help="The mock's --control-token, when it is not on this machine.")
@click.option("--operation", default=None, help="Only this operationId (createSocialPost).")
@click.option("--method", default=None, help="Only this HTTP method.")
@click.option("--status", default=None, help="Only this status (404) or class (4xx).")
@click.option("--path", default=None,
              help="Only this path; '*' matches any characters (/brands/*/social-posts*).")
@click.option("--field", default=None, help="Only requests whose JSON body has this field...")
@click.option("--equals", default=None, help="...equal to this (a string, or JSON).")
@click.option("--since", default=None,
              help="Only requests since an instant (ISO-8601, epoch seconds) or for 5m, 2h...")
@click.option("--limit", type=click.IntRange(1, 10_000), default=50, show_default=True,
              help="The most recent requests to print.")
@click.option("--json", "as_json", is_flag=True,
              help="Print each entry as a JSON line (headers, bodies and all).")
@click.option("--follow", "-f", is_flag=True,
              help="Then print new requests as they come, until Ctrl-C.")
@click.option("--interval", type=click.FloatRange(min=0.05), default=0.5, show_default=True,
              help="Seconds between two polls of --follow.")
def requests(url: str, session: str | None, control_token: str | None, operation: str | None,
             method: str | None, status: str | None, path: str | None, field: str | None,
             equals: str | None, since: str | None, limit: int, as_json: bool, follow: bool,
             interval: float) -> None:
    """The requests a running mock received, oldest to newest (the newest LIMIT of them)."""
    filters = {name: value for name, value in {
        "operation": operation, "method": method, "status": status, "path": path,
        "field": field, "equals": equals,
        "since": since_instant(since, time.time()) if since else None,
    }.items() if value is not None}
    with ControlClient("requests", url, session=session, token=control_token) as journal:
        answer = journal.call("GET", "/requests", params={**filters, "limit": limit})
        if not as_json:
            click.echo(HEADER)
        _show(list(reversed(answer["data"])), as_json)
        if not follow:
            return
        try:
            _follow(journal, filters, answer["info"]["last_id"] or 0, as_json, interval)
        except KeyboardInterrupt:
            pass
