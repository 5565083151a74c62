"""Which journal entries a query asks for, from the control API's query parameters.

Every filter given must hold (they combine with AND):

* ``operation``: the contract's operationId, exactly (``createSocialPost``).
* ``method``: the HTTP method, any case.
* ``status``: exactly (``404``) or a class (``4xx``); a request the mock never answered (the
  connection was closed by a fault) has no status and matches neither.
* ``path``: the path without any session prefix; exact, unless it holds ``*``, which matches
  any characters, ``/`` included (``/brands/*/social-posts*`` is every posts path of every
  brand; a trailing ``*`` makes a prefix).
* ``field`` and ``equals``: the request body (JSON) has this top-level field, equal to
  ``equals``: the field's string value is compared as it is, any other value with ``equals``
  read as JSON (``equals=42``, ``equals=true``, ``equals=null``). ``field`` alone: the body
  has the field.
* ``since``: arrived at or after this wall-clock instant (ISO-8601 or epoch seconds).
* ``after``: entries whose id is greater (to tail the journal).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import orjson

from ..errors import BadRequest
from ..publishing.clock import parse_instant
from .entry import Entry

_STATUS = re.compile(r"([1-5])(\d\d|xx)", re.IGNORECASE)


@dataclass(frozen=True)
class Filters:
    operation: str | None = None
    method: str | None = None
    status: int | None = None
    # 4 for ``4xx``
    status_class: int | None = None
    path: str | None = None
    path_pattern: re.Pattern[str] | None = None
    field: str | None = None
    equals: str | None = None
    since: float | None = None
    after: int | None = None

    @classmethod
    def parse(
        cls, *, operation: str | None = None, method: str | None = None,
        status: str | int | None = None, path: str | None = None, field: str | None = None,
        equals: str | None = None, since: str | float | None = None, after: int | None = None,
    ) -> Filters:
        """Filters from query parameters; a malformed one is a 400 naming it."""
        exact, status_class = _status(status)
        if equals is not None and field is None:
            raise BadRequest("Query parameter 'equals' needs 'field' (the request body field "
                             "to compare).", field="equals")
        if after is not None and after < 0:
            raise BadRequest("Query parameter 'after' must be an entry id (0 or more).",
                             field="after")
        pattern = None
        if path is not None and "*" in path:
            pattern = re.compile(".*".join(re.escape(part) for part in path.split("*")) + r"\Z")
        return cls(
            operation=operation, method=method.upper() if method else None, status=exact,
            status_class=status_class, path=path, path_pattern=pattern, field=field,
            equals=equals, since=_instant(since), after=after,
        )

    def matches(self, entry: Entry) -> bool:
        if self.after is not None and entry.id <= self.after:
            return False
        if self.operation is not None and entry.operation != self.operation:
            return False
        if self.method is not None and entry.method != self.method:
            return False
        if self.status is not None and entry.status != self.status:
            return False
        if self.status_class is not None and (
            entry.status is None or entry.status // 100 != self.status_class
        ):
            return False
        if self.path is not None and not (
            self.path_pattern.match(entry.path) if self.path_pattern else entry.path == self.path
        ):
            return False
        if self.since is not None and entry.at < self.since:
            return False
        return self.field is None or self._body_matches(entry)

    def _body_matches(self, entry: Entry) -> bool:
        body = entry.request_json()
        if not isinstance(body, dict) or self.field not in body:
            return False
        return self.equals is None or equal(body[self.field], self.equals)


def equal(value: Any, text: str) -> bool:
    """Whether a body value equals a query parameter: as a string, else read as JSON."""
    if isinstance(value, str) and value == text:
        return True
    try:
        wanted = orjson.loads(text)
    except orjson.JSONDecodeError:
        return False
    if _is_number(value) and _is_number(wanted):
        return bool(value == wanted)
    return type(value) is type(wanted) and bool(value == wanted)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _status(status: str | int | None) -> tuple[int | None, int | None]:
    if status is None:
        return None, None
    found = _STATUS.fullmatch(str(status).strip())
    if found is None:
        raise BadRequest(f"Query parameter 'status': '{status}' is neither a status (404) nor "
                         f"a class (4xx).", field="status")
    if found.group(2).lower() == "xx":
        return None, int(found.group(1))
    return int(found.group(0)), None


def _instant(since: str | float | None) -> float | None:
    if since is None or isinstance(since, float | int):
        return since
    try:
        return parse_instant(since)
    except BadRequest as exc:
        raise BadRequest(f"Query parameter 'since': '{since}' is neither epoch seconds nor an "
                         f"ISO-8601 instant.", field="since") from exc
