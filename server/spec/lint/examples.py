"""Rule ``example-schema``: every example (``example`` and ``examples``) matches its schema.

Parameters, request bodies, responses and headers are checked where operations use them and
again as components (even unused ones); a component used by reference is reported once, at the
component. Requests are checked as writes (no ``readOnly`` property), responses as reads.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from functools import partial
from typing import Any
from urllib.parse import quote

from jsonschema.exceptions import best_match
from openapi_schema_validator import (
    OAS30ReadValidator,
    OAS30WriteValidator,
    OAS31Validator,
    oas30_format_checker,
    oas31_format_checker,
)
from referencing import Registry
from referencing.jsonschema import DRAFT4, DRAFT202012

from .document import (
    as_list,
    follow,
    join,
    mapping,
    operations,
    path_items,
    pointer,
)
from .problem import Finding, clip, explain

__all__ = ["example_findings"]

# Where the document is registered so that example schemas can `$ref` into it by pointer.
_DOCUMENT_URI = "urn:socialpost:lint:document"


def example_findings(spec: dict[str, Any]) -> Iterator[Finding]:
    """Check the examples of every operation, then of every reusable component."""
    checker = _ExampleChecker(spec)
    for path_pointer, _, item in path_items(spec):
        for index, param in enumerate(as_list(item.get("parameters"))):
            yield from _guarded(f"{path_pointer}/parameters/{index}", checker.parameter, param)
        for _, op_pointer, operation in operations(item, path_pointer):
            for index, param in enumerate(as_list(operation.get("parameters"))):
                yield from _guarded(f"{op_pointer}/parameters/{index}", checker.parameter, param)
            if "requestBody" in operation:
                yield from _guarded(
                    f"{op_pointer}/requestBody", checker.request_body, operation["requestBody"]
                )
            for code, response in mapping(operation.get("responses")).items():
                where = join(f"{op_pointer}/responses", code)
                yield from _guarded(where, checker.response, response)
    # Components are checked even when unused; problems met both ways are de-duplicated.
    components = mapping(spec.get("components"))
    sections: tuple[tuple[str, Callable[[Any, str], Iterator[Finding]]], ...] = (
        ("parameters", checker.parameter),
        ("requestBodies", checker.request_body),
        ("responses", checker.response),
        ("headers", partial(checker.parameter, kind="header")),
    )
    for section, check in sections:
        for name, node in mapping(components.get(section)).items():
            yield from _guarded(pointer("components", section, name), check, node)


def _guarded(
    where: str, check: Callable[[Any, str], Iterator[Finding]], node: Any
) -> Iterator[Finding]:
    """Run one site's check so that a crash there (a bad $ref, say) is reported, not fatal."""
    try:
        yield from check(node, where)
    except Exception as exc:
        yield Finding(where, f"The examples here could not be checked: {explain(exc)}.")


class _ExampleChecker:
    """Validates the examples of one document against their schemas, following local $refs."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.spec = spec
        self.is_30 = str(spec.get("openapi", "")).startswith("3.0")
        specification = DRAFT4 if self.is_30 else DRAFT202012
        resource = specification.create_resource(spec)
        self.registry: Registry[Any] = Registry().with_resource(_DOCUMENT_URI, resource)

    def parameter(self, node: Any, where: str, kind: str = "parameter") -> Iterator[Finding]:
        """Check a parameter's (or header's) ``example`` and ``examples``; requests are writes."""
        param, where = follow(self.spec, node, where)
        if not isinstance(param, Mapping):
            return
        label = f"{kind} '{param.get('name', where.rsplit('/', 1)[-1])}'"
        write = kind != "header"  # headers documented here are response headers
        if "content" in param:
            yield from self.content(param["content"], f"{where}/content", write=write)
        if "schema" not in param:
            return
        for at, name, value in self._examples(param, where):
            value = self._deserialize(param, value)
            yield from self._validate(value, f"{where}/schema", write, at, f"{name} of {label}")

    def content(self, content: Any, where: str, *, write: bool) -> Iterator[Finding]:
        """Check every media type's ``example`` and ``examples`` against its ``schema``."""
        for media, media_type in mapping(content).items():
            media_pointer = join(where, media)
            if isinstance(media_type, Mapping) and "schema" in media_type:
                for at, name, value in self._examples(media_type, media_pointer):
                    yield from self._validate(value, f"{media_pointer}/schema", write, at, name)

    def request_body(self, node: Any, where: str) -> Iterator[Finding]:
        """Check a request body's content; requests are writes."""
        body, where = follow(self.spec, node, where)
        yield from self.content(mapping(body).get("content"), f"{where}/content", write=True)

    def response(self, node: Any, where: str) -> Iterator[Finding]:
        """Check a response's content and headers; responses are reads."""
        response, where = follow(self.spec, node, where)
        yield from self.content(mapping(response).get("content"), f"{where}/content", write=False)
        for name, header in mapping(mapping(response).get("headers")).items():
            yield from self.parameter(header, join(f"{where}/headers", name), "header")

    def _examples(self, holder: Mapping[str, Any], where: str) -> Iterator[tuple[str, str, Any]]:
        """Yield (pointer, label, value) for ``example`` and every ``examples`` value."""
        if "example" in holder:
            yield f"{where}/example", "The example", holder["example"]
        for name, node in mapping(holder.get("examples")).items():
            at = join(f"{where}/examples", name)
            example, _ = follow(self.spec, node, at)
            if isinstance(example, Mapping) and "value" in example:
                ref = f" ({node['$ref']})" if "$ref" in node else ""
                # A $ref'd example is reported where it is used: its schema comes from there.
                yield at if ref else f"{at}/value", f"Example '{name}'{ref}", example["value"]

    def _deserialize(self, param: Mapping[str, Any], value: Any) -> Any:
        """Split a serialized array example (``a,b`` for style form, explode false) into items."""
        schema, _ = follow(self.spec, param.get("schema"), "")
        if not (isinstance(value, str) and mapping(schema).get("type") == "array"):
            return value
        style = param.get("style", "form" if param.get("in") in ("query", "cookie") else "simple")
        delimiter = {"form": ",", "simple": ",", "spaceDelimited": " ", "pipeDelimited": "|"}
        if style not in delimiter or (style == "form" and param.get("explode", True)):
            return [value]  # one item of an exploded (or unsplittable) array
        item_type = mapping(follow(self.spec, schema.get("items"), "")[0]).get("type")
        items = value.split(delimiter[style]) if value else []
        return [_coerce(item, item_type) for item in items]

    def _validate(
        self, value: Any, schema_pointer: str, write: bool, where: str, label: str
    ) -> Iterator[Finding]:
        """Report the most relevant schema error of ``value``, if any, at ``where``."""
        if self.is_30:
            validator_cls: Any = OAS30WriteValidator if write else OAS30ReadValidator
        else:  # 3.1 is JSON Schema 2020-12, where readOnly/writeOnly are mere annotations
            validator_cls = OAS31Validator
        validator = validator_cls(
            {"$ref": f"{_DOCUMENT_URI}#{quote(schema_pointer)}"},
            registry=self.registry,
            format_checker=oas30_format_checker if self.is_30 else oas31_format_checker,
        )
        try:
            error = best_match(validator.iter_errors(value))
        except Exception as exc:  # e.g. a $ref in the schema that points nowhere
            yield Finding(where, f"{label} could not be checked: {explain(exc)}.")
            return
        if error is not None:
            at = "/".join(str(part) for part in error.absolute_path)
            yield Finding(
                where,
                f"{label} does not match its schema: "
                f"{clip(error.message)}{f' at {at}' if at else ''}.",
            )


def _coerce(item: str, item_type: Any) -> Any:
    """Read one item of a serialized array as its schema type (left as is if it does not fit)."""
    converters: dict[Any, Callable[[str], Any]] = {
        "integer": int,
        "number": float,
        "boolean": {"true": True, "false": False}.__getitem__,
    }
    try:
        return converters[item_type](item) if item_type in converters else item
    except (KeyError, ValueError):
        return item
