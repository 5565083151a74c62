"""``Prefer: code=404`` and ``Prefer: example=<name>``: a documented answer, forced (as Prism).

A request to an operation of the contract carrying ``Prefer: code=<status>`` is answered with
that operation's documented response for the status; ``Prefer: example=<name>`` with the
response holding that named example (both may be combined: ``code=200, example=create-with-
asset``). The body is the response's named example, else its first example, else (an error
status) the mock's own problem document cut to the members the schema names, else a value
built from the schema. The media type is the first documented one the ``Accept`` header names,
else the first documented. Every answer that can be forced is built and validated against its
schema, with the app's own response validator, once, when the table is built: a contract whose
examples do not validate stops the mock from starting (``UnforcibleAnswer``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import orjson
from connexion.json_schema import resolve_refs

from ..errors import BadRequest
from ..http.problems import problem_body
from ..http.validation import compiled
from .sample import sample

VERBS = ("get", "put", "post", "delete", "patch")
_PREFERENCE = re.compile(r'^\s*([A-Za-z-]+)\s*=\s*"?([^"]*)"?\s*$')


class UnforcibleAnswer(ValueError):
    """A documented response whose example (or built body) breaks its own schema."""


@dataclass(frozen=True)
class Preference:
    code: int | None = None
    example: str | None = None


@dataclass(frozen=True)
class Forced:
    """A whole answer: status, media type (None: no body) and body."""

    status: int
    media_type: str | None
    body: bytes


@dataclass
class Documented:
    """One documented response of one operation, as every answer it can give."""

    status: int
    # media type -> its default body, in documented order
    bodies: dict[str, bytes] = field(default_factory=dict)
    # example name -> (media type, body), in documented order
    examples: dict[str, tuple[str, bytes]] = field(default_factory=dict)

    def answer(self, example: str | None, accept: list[str]) -> Forced:
        if example is not None:
            media_type, body = self.examples[example]
            return Forced(self.status, media_type, body)
        if not self.bodies:
            return Forced(self.status, None, b"")
        media_type = next((t for t in accept if t in self.bodies), next(iter(self.bodies)))
        return Forced(self.status, media_type, self.bodies[media_type])


def parse_prefer(values: list[str]) -> Preference | None:
    """The ``code`` and ``example`` preferences of ``Prefer`` headers; None when neither is
    there (other preferences, such as ``return=minimal``, are ignored as RFC 7240 asks)."""
    found: dict[str, str] = {}
    for value in values:
        for item in re.split(r"[,;]", value):
            matched = _PREFERENCE.match(item)
            if matched and matched.group(1).lower() in ("code", "example"):
                found.setdefault(matched.group(1).lower(), matched.group(2).strip())
    if not found:
        return None
    code = found.get("code")
    if code is not None and not (code.isdigit() and 100 <= int(code) <= 599):
        raise BadRequest(f"Header 'Prefer': code={code} is not an HTTP status.", field="Prefer")
    return Preference(int(code) if code is not None else None, found.get("example"))


class ForcedAnswers:
    """Every answer ``Prefer`` can force, per operationId of one contract."""

    def __init__(self, spec: dict[str, Any]) -> None:
        resolved = resolve_refs(spec)
        self._operations: dict[str, dict[int, Documented]] = {}
        for item in resolved.get("paths", {}).values():
            for verb in VERBS:
                operation = item.get(verb)
                if isinstance(operation, dict) and "operationId" in operation:
                    self._operations[operation["operationId"]] = _documented(operation)

    def statuses(self, operation: str) -> list[int]:
        return sorted(self._operations.get(operation, {}))

    def answer(self, operation: str, preference: Preference, accept: str = "") -> Forced:
        """The forced answer; BadRequest naming the documented statuses or example names."""
        responses = self._operations[operation]
        accepted = [part.split(";")[0].strip().lower() for part in accept.split(",")]
        if preference.code is not None:
            documented = responses.get(preference.code)
            if documented is None:
                listed = ", ".join(str(status) for status in sorted(responses))
                raise BadRequest(
                    f"Header 'Prefer': {operation} documents no {preference.code} answer; "
                    f"it documents {listed}.",
                    field="Prefer",
                )
            if preference.example is not None and preference.example not in documented.examples:
                names = ", ".join(documented.examples) or "none"
                raise BadRequest(
                    f"Header 'Prefer': {operation}'s {preference.code} answer has no example "
                    f"named {preference.example!r}; its examples: {names}.",
                    field="Prefer",
                )
            return documented.answer(preference.example, accepted)
        holder = next((d for _, d in sorted(responses.items())
                       if preference.example in d.examples), None)
        if holder is None:
            names = ", ".join(f"{name} ({status})" for status, d in sorted(responses.items())
                              for name in d.examples) or "none"
            raise BadRequest(
                f"Header 'Prefer': {operation} has no example named {preference.example!r}; "
                f"its examples: {names}.",
                field="Prefer",
            )
        return holder.answer(preference.example, accepted)


def _documented(operation: dict[str, Any]) -> dict[int, Documented]:
    found: dict[int, Documented] = {}
    for key, response in operation.get("responses", {}).items():
        if not str(key).isdigit():
            continue  # "default", "2XX": no one status to force
        status = int(key)
        documented = found[status] = Documented(status)
        for media_type, content in (response.get("content") or {}).items():
            schema = content.get("schema", {})
            where = f"{operation['operationId']} {status} {media_type}"
            for name, example in (content.get("examples") or {}).items():
                body = _checked(example.get("value"), schema, f"{where} example {name!r}")
                documented.examples.setdefault(name, (media_type, body))
            if "example" in content:
                value = content["example"]
            elif content.get("examples"):
                value = next(iter(content["examples"].values())).get("value")
            elif status >= 400:
                value = _error_body(status, schema)
            else:
                value = sample(schema)
            documented.bodies[media_type] = _checked(value, schema, where)
    return found


def _error_body(status: int, schema: dict[str, Any]) -> dict[str, Any]:
    """The mock's problem document, cut to the members ``schema`` names (all of them for the
    Problem schema; ``http``, ``message`` and ``code`` for the real server's error object)."""
    body = problem_body(
        status, f"A {status} answer forced by the request's Prefer header; "
                "the request was not processed."
    )
    declared = schema.get("properties")
    return body if not declared else {k: v for k, v in body.items() if k in declared}


def _checked(value: Any, schema: dict[str, Any], where: str) -> bytes:
    error = next(iter(compiled(schema).iter_errors(value)), None) if schema else None
    if error is not None:
        at = "/".join(str(p) for p in error.instance_path)
        raise UnforcibleAnswer(f"openapi.yaml: {where} does not validate against its schema "
                               f"at '/{at}': {error.message}")
    return orjson.dumps(value)
