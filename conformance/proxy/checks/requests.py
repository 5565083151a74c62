"""A request against its operation: what the client sent, held to what the contract allows.

The checks, by name (failures unless said otherwise):

    undocumented_operation              no operation of the contract has this method and path
    request_credentials                 the operation requires a bearer token; none was sent
    request_parameters_conformance      a path or query value its schema refuses, a required
                                        parameter missing, a single-valued one repeated; an
                                        undeclared query parameter is a deviation (the document
                                        allows it, the mock refuses it)
    request_content_type_conformance    a body whose Content-Type the operation does not document
    request_body_conformance            a required body missing, one that is not JSON, one its
                                        schema refuses

Query values are read as the contract serialises them (``form`` style), in every spelling its
descriptions of the array parameters accept: comma-separated, repeated keys, the bracket form
(``associations[]=``) and any mixture, a value given twice counting once. They are then
validated by the same compiled validators the mock's fast lane uses, formats (``uuid``)
included.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import orjson

from ....server.http.validation import compiled
from ..findings import Violation, excerpt
from ..observed import Observed

_INTEGER = re.compile(r"-?[0-9]+")
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_BOOLEANS = {"true": True, "false": False}
MAX_ERRORS = 3
CHECKS = ("undocumented_operation", "request_credentials", "request_parameters_conformance",
          "request_content_type_conformance", "request_body_conformance")


@dataclass(frozen=True)
class Operation:
    """One operation of the resolved contract, as the request checks need it."""

    id: str
    method: str
    template: str
    definition: dict[str, Any]
    parameters: dict[tuple[str, str], dict[str, Any]]  # (in, name) -> parameter
    secured: bool
    pattern: re.Pattern[str]

    def path_values(self, path: str) -> dict[str, str]:
        found = self.pattern.match(path)
        return found.groupdict() if found else {}


def operations(spec: dict[str, Any]) -> list[Operation]:
    """The operations of a resolved contract (``$ref``s replaced), literal paths first."""
    found = []
    default_security = spec.get("security") or []
    templates = sorted(spec.get("paths", {}).items(), key=lambda kv: kv[0].count("{"))
    for template, item in templates:
        for method, definition in item.items():
            if not isinstance(definition, dict) or "responses" not in definition:
                continue
            parameters = {(p["in"], p["name"]): p
                          for p in [*item.get("parameters", []),
                                    *definition.get("parameters", [])]}
            security = definition.get("security", default_security)
            pattern = re.compile("^" + re.sub(
                r"\\\{([^/}]+)\\\}", lambda m: f"(?P<{_group(m.group(1))}>[^/]+)",
                re.escape(template)) + "/?$")
            found.append(Operation(
                id=definition.get("operationId", f"{method.upper()} {template}"),
                method=method.upper(), template=template, definition=definition,
                parameters=parameters, secured=any(bool(s) for s in security), pattern=pattern))
    return found


def _group(name: str) -> str:
    return name if name.isidentifier() else "p_" + re.sub(r"\W", "_", name)


def check_request(operation: Operation, exchange: Observed) -> list[Violation]:
    found: list[Violation] = []
    if operation.secured and not exchange.authorized:
        found.append(Violation("request_credentials", "failure",
                               f"{operation.id} requires `Authorization: Bearer <token>`; the "
                               "request sent none", "request"))
    found += _parameters(operation, exchange)
    found += _body(operation, exchange)
    return found


def _parameters(operation: Operation, exchange: Observed) -> list[Violation]:
    found = []

    def refuse(message: str, kind: str = "failure") -> None:
        found.append(Violation("request_parameters_conformance", kind,  # type: ignore[arg-type]
                               message, "request", exchange.target))

    for name, value in operation.path_values(exchange.path).items():
        parameter = operation.parameters.get(("path", name))
        if parameter is not None:
            errors = _errors(parameter.get("schema", {}), value)
            if errors:
                refuse(f"path parameter `{name}`: {errors}")
    sent: dict[str, list[str]] = {}
    for name, values in exchange.query_values().items():
        base = name[:-2] if name.endswith("[]") else name
        declared = operation.parameters.get(("query", base))
        if base != name and declared is not None and _is_array(declared):
            name = base
        sent.setdefault(name, []).extend(values)
    for name, values in sent.items():
        parameter = operation.parameters.get(("query", name))
        if parameter is None:
            refuse(f"query parameter `{name}` is not declared by {operation.id} (the document "
                   "allows undeclared parameters; the mock refuses them)", "deviation")
            continue
        ok, value = _read(parameter, values)
        if not ok:
            refuse(f"query parameter `{name}`: {value}")
            continue
        errors = _errors(parameter.get("schema", {}), value)
        if errors:
            refuse(f"query parameter `{name}`: {errors}")
    for (place, name), parameter in operation.parameters.items():
        if place == "query" and parameter.get("required") and name not in sent:
            refuse(f"required query parameter `{name}` is missing")
    return found


def _read(parameter: dict[str, Any], values: list[str]) -> tuple[bool, Any]:
    """The value of a query parameter as the contract serialises it, or (False, why not)."""
    schema = parameter.get("schema", {})
    kind = schema.get("type")
    if kind == "array":
        explode = parameter.get("explode", parameter.get("style", "form") == "form")
        items = values if explode else [v for value in values for v in value.split(",")]
        if schema.get("uniqueItems"):
            items = list(dict.fromkeys(items))
        read = [_scalar(schema.get("items", {}).get("type"), item) for item in items]
        bad = next((item for ok, item in read if not ok), None)
        return (False, bad) if bad is not None else (True, [item for _, item in read])
    if len(values) > 1:
        return False, f"sent {len(values)} times; it takes one value"
    return _scalar(kind, values[0])


def _is_array(parameter: dict[str, Any]) -> bool:
    return bool(parameter.get("schema", {}).get("type") == "array")


def _scalar(kind: str | None, text: str) -> tuple[bool, Any]:
    if kind == "integer":
        return (True, int(text)) if _INTEGER.fullmatch(text) else (
            False, f"{text!r} is not an integer")
    if kind == "number":
        return (True, float(text)) if _NUMBER.fullmatch(text) else (
            False, f"{text!r} is not a number")
    if kind == "boolean":
        return (True, _BOOLEANS[text]) if text in _BOOLEANS else (
            False, f"{text!r} is not `true` or `false`")
    return True, text


def _errors(schema: dict[str, Any], value: Any) -> str:
    """What ``schema`` finds wrong with ``value`` (its first few errors), or ``""``."""
    errors: list[str] = []
    for error in compiled(schema).iter_errors(value):
        where = "/".join(str(p) for p in error.instance_path)
        errors.append(f"{error.message} (at /{where})" if where else error.message)
        if len(errors) == MAX_ERRORS:
            break
    return "; ".join(errors)


def _body(operation: Operation, exchange: Observed) -> list[Violation]:
    documented = operation.definition.get("requestBody")
    body = exchange.request_body
    if body is None:  # streamed past, unchecked
        return []
    if documented is None:
        if body:
            return [Violation("request_body_conformance", "failure",
                              f"{operation.id} documents no request body; {len(body)} bytes "
                              "were sent", "request", excerpt(body))]
        return []
    if not body:
        if documented.get("required"):
            return [Violation("request_body_conformance", "failure",
                              f"{operation.id} requires a request body; none was sent",
                              "request")]
        return []
    content = documented.get("content", {})
    sent = (exchange.header("content-type") or "").split(";")[0].strip().lower()
    media = next((m for m in content if m.lower() == sent), None)
    if media is None:
        return [Violation("request_content_type_conformance", "failure",
                          f"Content-Type {sent or '(none)'} is not documented for {operation.id}"
                          f"; documented: {', '.join(content) or '(none)'}", "request")]
    if not media.endswith("json"):
        return []
    try:
        value = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        return [Violation("request_body_conformance", "failure",
                          f"the request body is not JSON: {exc}", "request", excerpt(body))]
    errors = _errors(content[media].get("schema", {}), value)
    return [Violation("request_body_conformance", "failure", f"request body: {errors}",
                      "request", excerpt(body))] if errors else []
