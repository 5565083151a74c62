"""What the fast lane (``http.fastlane``) accepts of an operation: its happy path, exactly.

A ``Lane`` is built from the resolved contract for one operation. ``admit`` turns a request's
path and query into the handler's arguments, or answers None for anything it is not certain
Connexion would accept and pass on unchanged: an unknown or repeated parameter, a spelling
``ArrayQuery`` rewrites, an empty value, a number with a sign or leading zeros, a value the
schema refuses. None costs nothing but the detour: the request then goes through Connexion,
which answers it (and words its error) as it always has. Values are validated by the same
compiled validators Connexion's validators try first (``validation.compiled``).
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from starlette.datastructures import QueryParams

from .validation import compiled

if TYPE_CHECKING:
    from ..state import MockState

# (state, user, parameters by their contract names, body) -> (data, status, headers)
Handler = Callable[["MockState", str, dict[str, Any], Any],
                   Awaitable[tuple[Any, int, dict[str, str]]]]

_INTEGER = re.compile(r"0|[1-9][0-9]{0,17}")
_BOOLEANS = {"true": True, "false": False}


# Distinct spellings remembered (then forgotten all at once): of one parameter's values, and of
# one lane's query pairs.
PARSED = 1024


@dataclass(frozen=True)
class Parameter:
    name: str
    schema: dict[str, Any]
    explode: bool
    # A memo (values sent -> parse result): clients send the same few values again and again.
    _parsed: dict[tuple[str, ...], tuple[bool, Any]] = field(
        default_factory=dict, compare=False, repr=False)

    def parse(self, values: list[str]) -> tuple[bool, Any]:
        """``(True, value)`` of the values sent for this parameter, or ``(False, None)``; an
        array is a new list each time (the handler may keep or change it)."""
        key = tuple(values)
        found = self._parsed.get(key)
        if found is None:
            if len(self._parsed) >= PARSED:
                self._parsed.clear()
            found = self._parsed[key] = self._parse(values)
        ok, value = found
        return (ok, list(value)) if isinstance(value, list) else found

    def _parse(self, values: list[str]) -> tuple[bool, Any]:
        kind = self.schema.get("type")
        if kind == "array" and self.explode:
            if any("," in v or not v for v in values):
                return False, None
            value: Any = values
        elif len(values) != 1 or not values[0]:
            return False, None
        elif kind == "array":
            value = values[0].split(",")
        elif kind == "integer":
            if not _INTEGER.fullmatch(values[0]):
                return False, None
            value = int(values[0])
        elif kind == "boolean":
            if values[0] not in _BOOLEANS:
                return False, None
            value = _BOOLEANS[values[0]]
        elif kind == "string":
            value = values[0]
        else:
            return False, None
        return compiled(self.schema).is_valid(value), value


@dataclass(frozen=True)
class Lane:
    operation: str
    method: str
    path: re.Pattern[str]
    handler: Handler
    path_parameters: dict[str, Parameter]
    query: dict[str, Parameter]
    defaults: dict[str, Any]
    body_schema: dict[str, Any] | None
    response_schema: dict[str, Any]

    # Query pairs as sent ("name=value") -> (name, parsed ok, value), for a parameter sent once
    # in its plain spelling (not an exploded array, which may repeat): one lookup per pair.
    _pairs: dict[str, tuple[str, bool, Any]] = field(default_factory=dict, compare=False,
                                                     repr=False)

    def admit(self, path: str, query_string: bytes) -> dict[str, Any] | None:
        """The handler's parameters for this path and query, or None: not the happy path."""
        matched = self.path.fullmatch(path)
        if matched is None or b"[" in query_string or b"%5b" in query_string.lower():
            return None
        arguments = dict(self.defaults)
        for name, value in matched.groupdict().items():
            parameter = self.path_parameters[name]
            ok, parsed = parameter.parse([value])
            if not ok:
                return None
            arguments[name] = parsed
        if b"%" in query_string or b"+" in query_string:  # escapes: as Starlette unquotes them
            return self._with_query(query_string, arguments)
        sent: set[str] = set()
        for pair in query_string.decode("latin-1").split("&"):
            found = self._pairs.get(pair)
            if found is None:
                if not pair:
                    continue
                name, _, value = pair.partition("=")
                declared = self.query.get(name)
                if declared is None:
                    return None
                if declared.explode and declared.schema.get("type") == "array":
                    return self._with_query(query_string, arguments)
                if len(self._pairs) >= PARSED:
                    self._pairs.clear()
                found = self._pairs[pair] = (name, *declared.parse([value]))
            name, ok, parsed = found
            if not ok or name in sent:  # refused, or sent twice
                return None
            sent.add(name)
            arguments[name] = list(parsed) if isinstance(parsed, list) else parsed
        return arguments

    def _with_query(self, query_string: bytes,
                    arguments: dict[str, Any]) -> dict[str, Any] | None:
        """``arguments`` with the query's parameters, each parsed from all its values."""
        for key, values in _query(query_string).items():
            declared = self.query.get(key)
            if declared is None:
                return None
            ok, parsed = declared.parse(values)
            if not ok:
                return None
            arguments[key] = parsed
        return arguments


def _query(query_string: bytes) -> dict[str, list[str]]:
    """The query's values by name, as Starlette's ``QueryParams`` reads them."""
    sent: dict[str, list[str]] = {}
    if b"%" in query_string or b"+" in query_string:  # escapes: as Starlette unquotes them
        for key, value in QueryParams(query_string).multi_items():
            sent.setdefault(key, []).append(value)
        return sent
    for pair in query_string.decode("latin-1").split("&"):
        if pair:
            key, _, value = pair.partition("=")
            sent.setdefault(key, []).append(value)
    return sent


def _parameters(operation: dict[str, Any], item: dict[str, Any]) -> list[dict[str, Any]]:
    found = {(p["name"], p["in"]): p for p in item.get("parameters", [])}
    found.update({(p["name"], p["in"]): p for p in operation.get("parameters", [])})
    return list(found.values())


def build_lanes(spec: dict[str, Any], handlers: Mapping[str, Handler]) -> dict[str, Lane]:
    """A lane per operation of ``spec`` (refs resolved) that ``handlers`` names."""
    lanes: dict[str, Lane] = {}
    for template, item in spec.get("paths", {}).items():
        for method, operation in item.items():
            if not isinstance(operation, dict) or operation.get("operationId") not in handlers:
                continue
            operation_id = operation["operationId"]
            parameters = _parameters(operation, item)
            pattern = re.sub(r"\\\{([^/]+?)\\\}", r"(?P<\1>[^/]+)", re.escape(template))
            explode = {p["name"]: p.get("explode", p.get("style", "form") == "form")
                       for p in parameters}
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            response = operation["responses"]["200"]["content"]["application/json"]
            lanes[operation_id] = Lane(
                operation=operation_id,
                method=method.upper(),
                path=re.compile(pattern),
                handler=handlers[operation_id],
                path_parameters={p["name"]: Parameter(p["name"], p["schema"], False)
                                 for p in parameters if p["in"] == "path"},
                query={p["name"]: Parameter(p["name"], p["schema"], explode[p["name"]])
                       for p in parameters if p["in"] == "query"},
                defaults={p["name"]: p["schema"]["default"] for p in parameters
                          if p["in"] == "query" and "default" in p["schema"]},
                body_schema=None if body is None else body["schema"],
                response_schema=response["schema"],
            )
    return lanes
