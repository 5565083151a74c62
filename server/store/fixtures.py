"""Reading a fixture file (the format is described in fixtures/README.md).

Besides the tables, a file may carry a ``description`` (a scenario says what it is for; the store
ignores it) and ``post_failures`` (failures injected for single posts, as a store dump holds them).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .base import KINDS, Record

FIXTURE_FORMAT = 1
TABLES = ("tokens", *KINDS, "social_posts")


class FixtureError(Exception):
    """The fixture file cannot be used; the message says where and why."""


def load_fixtures(path: Path) -> Record:
    """The fixture file's content, checked for shape (not for every reference)."""
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise FixtureError(f"cannot read fixtures {path}: {exc.strerror}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FixtureError(f"fixtures {path} are not valid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise FixtureError(f"fixtures {path} must hold a JSON object")
    if data.get("format") != FIXTURE_FORMAT:
        raise FixtureError(
            f"fixtures {path} have format {data.get('format')!r}; expected {FIXTURE_FORMAT}"
        )
    if not isinstance(data.get("tokens"), dict):
        raise FixtureError(f"fixtures {path}: 'tokens' must map bearer tokens to user ids")
    for table in TABLES[1:]:
        rows = data.get(table)
        if not isinstance(rows, list) or not all(
            isinstance(row, dict) and isinstance(row.get("id"), str) for row in rows
        ):
            raise FixtureError(f"fixtures {path}: '{table}' must be a list of objects with an 'id'")
    if not isinstance(data.get("description", ""), str):
        raise FixtureError(f"fixtures {path}: 'description' must be a string")
    failures = data.get("post_failures", [])
    if not isinstance(failures, list) or not all(
        isinstance(row, dict) and isinstance(row.get("post"), str)
        and isinstance(row.get("message"), str) for row in failures
    ):
        raise FixtureError(
            f"fixtures {path}: 'post_failures' must be a list of {{post, message}} strings"
        )
    return data
