"""Connexion validators that say which field broke which rule, in one plain sentence.

Connexion's defaults print a whole jsonschema error (schema dump included) for parameters and do
not name the parameter; for bodies they accept ``NaN``/``Infinity`` (Python's json does). These
subclasses keep Connexion's validation and change only the parsing and the message. A schema may
carry ``x-problem-detail``: the sentence to say when it fails as a whole (used for ``oneOf``,
where jsonschema's own message names no field).
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

import jsonschema_rs
import orjson
from connexion.datastructures import MediaTypeDict
from connexion.exceptions import NonConformingResponseBody
from connexion.json_schema import Draft4RequestValidator
from connexion.validators import (
    JSONRequestBodyValidator,
    JSONResponseBodyValidator,
    ParameterValidator,
)
from jsonschema import Draft4Validator, FormatChecker, ValidationError
from jsonschema.exceptions import best_match, relevance

from ..errors import BadRequest
from . import pages
from .jsonify import encoded

MAX_DEPTH = 32
COMBINATORS = ("oneOf", "anyOf", "not")
# Every format jsonschema knows (Connexion's Draft 4 checker knows no `uuid`, so a non-uuid id
# would pass validation and only fail later as "not found").
FORMATS = FormatChecker()


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not a JSON number")


def _depth(value: Any, limit: int) -> int:
    """Nesting depth of a parsed JSON value, stopping once past ``limit``."""
    stack = [(value, 1)]
    deepest = 0
    while stack:
        node, level = stack.pop()
        deepest = max(deepest, level)
        if deepest > limit:
            return deepest
        if isinstance(node, dict):
            stack.extend((child, level + 1) for child in node.values())
        elif isinstance(node, list):
            stack.extend((child, level + 1) for child in node)
    return deepest


def first_error(errors: Iterable[ValidationError]) -> ValidationError | None:
    """The error to report: a plain one (type, required, ...) before a combinator's.

    ``best_match`` would descend into a ``oneOf``'s branches and report a branch's complaint
    (``'asset' is not one of [None]``) even when a field is simply of the wrong type.
    """
    found = sorted(errors, key=relevance)
    plain = [e for e in found if e.validator not in COMBINATORS]
    return (plain or found or [None])[0]


def describe(error: ValidationError, where: str) -> tuple[str, str | None]:
    """A sentence for a jsonschema error, and the dotted field it concerns."""
    if error.validator in COMBINATORS:
        custom = error.schema.get("x-problem-detail") if isinstance(error.schema, dict) else None
        if custom:
            field = ".".join(str(p) for p in error.absolute_path) or None
            return str(custom), field
        if error.context:
            error = best_match(error.context)
    path = [str(p) for p in error.absolute_path]
    if error.validator == "required" and isinstance(error.instance, dict):
        missing = next((r for r in error.validator_value if r not in error.instance), None)
        if missing is not None:
            path.append(str(missing))
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = set(error.schema.get("properties", {}))
        extra = sorted(k for k in error.instance if k not in allowed)
        if extra:
            path.append(extra[0])
    field = ".".join(path) or None
    prefix = f"{where} field '{field}': " if field else f"{where}: "
    return prefix + error.message, field


class NamingParameterValidator(ParameterValidator):  # type: ignore[misc]
    """Parameter validation whose messages name the parameter and omit the schema dump."""

    @staticmethod
    def validate_parameter(
        parameter_type: str, value: Any, param: dict[str, Any], param_name: str | None = None
    ) -> str | None:
        if param.get("schema", {}).get("nullable") and value is None:
            return None
        name = param_name or param.get("name")
        if value is not None:
            schema = param.get("schema", param)
            if compiled(schema).is_valid(value):  # the common case, without building a validator
                return None
            error = first_error(Draft4Validator(schema, format_checker=FORMATS).iter_errors(value))
            if error is None:
                return None
            message = error.message
            if error.validator == "format" and error.validator_value == "uuid":
                message = f"{value!r} is not a uuid"
            return f"{parameter_type.capitalize()} parameter '{name}': {message}"
        if param.get("required"):
            return f"Missing {parameter_type} parameter '{name}'"
        return None


class StrictJSONBodyValidator(JSONRequestBodyValidator):  # type: ignore[misc]
    """JSON bodies as RFC 8259 has them (no NaN/Infinity), bounded in depth, named errors."""

    @property
    def _validator(self) -> Any:
        return Draft4RequestValidator(self._schema, format_checker=FORMATS)

    async def _parse(self, stream: Any, scope: Any) -> Any:
        raw = b"".join([chunk async for chunk in stream])
        try:
            text = raw.decode(self._encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise BadRequest(f"The body is not valid {self._encoding} text.") from exc
        if not text.strip():
            return None
        try:
            body = json.loads(text, parse_constant=_reject_constant)
        except ValueError as exc:
            raise BadRequest(f"The body is not valid JSON: {exc}") from exc
        except RecursionError as exc:
            raise BadRequest(f"The body nests deeper than {MAX_DEPTH} levels.") from exc
        if _depth(body, MAX_DEPTH) > MAX_DEPTH:
            raise BadRequest(f"The body nests deeper than {MAX_DEPTH} levels.")
        return body

    def _validate(self, body: Any) -> dict[str, Any] | None:
        if body is None:
            if self._required and not self._nullable:
                raise BadRequest("The request body must not be empty.")
            return None
        if compiled(self._schema).is_valid(body):  # the common case, ~20x faster
            return None
        error = first_error(self._validator.iter_errors(body))
        if error is None:
            return None
        detail, field = describe(error, "Body")
        raise BadRequest(detail, field=field)


def to_json_schema(schema: Any) -> Any:
    """An OpenAPI 3.0 schema as JSON Schema 2020-12 (``nullable`` becomes a ``null`` type)."""
    if isinstance(schema, list):
        return [to_json_schema(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    converted = {k: to_json_schema(v) for k, v in schema.items()
                 if not k.startswith("x-") and k not in ("nullable", "example", "examples")}
    if schema.get("nullable") is True and "type" in schema:
        converted["type"] = [schema["type"], "null"]
    if isinstance(schema.get("exclusiveMinimum"), bool):
        del converted["exclusiveMinimum"]
        if schema["exclusiveMinimum"] and "minimum" in schema:
            converted["exclusiveMinimum"] = converted.pop("minimum")
    return converted


# A memo of a pure function (schema -> compiled validator), not application state. Each entry
# keeps its schema alive, so an id in it can never be reused by another object.
_COMPILED: OrderedDict[int, tuple[Any, Any]] = OrderedDict()


def compiled(schema: dict[str, Any]) -> Any:
    """The compiled (Rust) validator of a response schema, built once per schema."""
    found = _COMPILED.get(id(schema))
    if found is None or found[0] is not schema:
        validator = jsonschema_rs.Draft202012Validator(
            to_json_schema(schema), validate_formats=True
        )
        found = _COMPILED[id(schema)] = (schema, validator)
        while len(_COMPILED) > 512:
            _COMPILED.popitem(last=False)
    return found[1]


# Items of list answers found valid, by their JSON text (a memo, as ``_COMPILED``).
VALID_ITEMS = pages.ValidItems()


class CompiledResponseValidator(JSONResponseBodyValidator):  # type: ignore[misc]
    """Response validation by a compiled validator, formats (uuid, date-time) included.

    Connexion's default rebuilds a pure-Python validator for every response; for a page of 50
    posts with their associations that cost ~100x more than the compiled one. A body that is
    exactly the bytes object the jsonifier made (sent as its one non-empty chunk) is not parsed
    again: the value it was made from is validated instead (``jsonify.encoded``); a page's
    items already found valid are not validated again (``pages``).
    """

    def _parse(self, stream: Any) -> Any:
        # The stream starts with the start message's (absent) body: keep the chunk itself.
        chunks = [chunk for chunk in stream if chunk]
        body = chunks[0] if len(chunks) == 1 else b"".join(chunks)
        known, value = encoded.take(body)
        if known:
            return value
        try:
            return orjson.loads(body) if body else None
        except orjson.JSONDecodeError as exc:
            raise NonConformingResponseBody(str(exc)) from exc

    def _validate(self, body: Any) -> None:
        found = pages.first_error(self._schema, body, VALID_ITEMS, compiled)
        if found is not None:
            error, prefix = found
            where = "/".join([prefix] * bool(prefix) + [str(p) for p in error.instance_path])
            raise NonConformingResponseBody(
                detail=f"Response body does not conform to specification. {error.message}"
                + (f" - '{where}'" if where else "")
            )


def validator_map() -> dict[str, Any]:
    """The ``validator_map`` for ``AsyncApp``: only JSON bodies are consumed by this API."""
    return {
        "parameter": NamingParameterValidator,
        "body": MediaTypeDict({"*/*json": StrictJSONBodyValidator}),
        "response": MediaTypeDict({"*/*json": CompiledResponseValidator}),
    }
