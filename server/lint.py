"""Lint an OpenAPI document: the checks ``socialpost lint`` runs before anyone trusts the contract.

openapi-spec-validator says whether the document is well-formed OpenAPI; on top of that this
module checks what a mock server and a conformance suite silently depend on: every example
matches its schema, every operationId names a handler that imports, and path templates agree
with their path parameters. For OpenAPI 3.0 it also reports what other tools silently skip:
``nullable`` without ``type`` and keys beside ``$ref`` (Prism skipped the validation of whole
bodies for the first; Spectral and Redocly reject both), so a CI without Node sees them too.
Every problem comes back with an RFC 6901 pointer into the document.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for
from jsonschema_path.handlers import FileHandler
from openapi_schema_validator import (
    OAS30ReadValidator,
    OAS30WriteValidator,
    OAS31Validator,
    oas30_format_checker,
    oas31_format_checker,
)
from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator
from openapi_spec_validator.schemas import schema_v30, schema_v31
from openapi_spec_validator.validation.exceptions import UnresolvableParameterError
from openapi_spec_validator.validation.validators import SpecValidator
from referencing import Registry
from referencing.exceptions import Unresolvable
from referencing.jsonschema import DRAFT4, DRAFT202012

from server.resolver import HANDLER_MODULES, handler_for

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# Where the document is registered so that example schemas can `$ref` into it by pointer.
_DOCUMENT_URI = "urn:socialpost:lint:document"
_TEMPLATE_VARIABLE = re.compile(r"\{([^{}]+)\}")


@dataclass(frozen=True)
class LintProblem:
    """One thing wrong with a spec: where it is (an RFC 6901 pointer) and what it is."""

    pointer: str
    message: str


# With jsonschema-rs installed (schemathesis requires it) openapi-spec-validator checks the
# document with it, and those errors drop the sub-errors that explain a failed oneOf
# ("not valid under any of the schemas" instead of "'description' is a required property").
# These subclasses keep every rule of the library and pin the pure-Python backend.
class _SpecValidator30(OpenAPIV30SpecValidator):
    schema_validator = validator_for(schema_v30)(schema_v30)


class _SpecValidator31(OpenAPIV31SpecValidator):
    schema_validator = validator_for(schema_v31)(schema_v31)


def load_spec(path: Path) -> Any:
    """Read a YAML or JSON document as JSON data, the way openapi-spec-validator reads files.

    Timestamps stay strings and keys such as ``200`` become ``"200"``, as they are in JSON.
    """
    with path.open(encoding="utf-8") as stream:
        return FileHandler()(stream)


def lint_spec(
    path: Path, *, check_operation_ids: bool | None = None, handler_module: str | None = None
) -> list[LintProblem]:
    """Return every problem found in the spec at ``path``, de-duplicated, in check order.

    operationIds are checked the way the mock resolves them: as camelCase names of functions of
    ``handler_module`` (by default the module that serves the document, for the project's own
    specs: ``server.resolver.HANDLER_MODULES``). A document no module serves has its operationIds
    checked only when ``check_operation_ids`` asks for it, then as dotted import paths
    (``package.module.function``, Connexion's default resolution).
    """
    try:
        spec = load_spec(path)
    except Exception as exc:  # any reader failure means there is nothing to lint
        return [LintProblem("", f"The file cannot be read as YAML or JSON: {_explain(exc)}.")]
    if not isinstance(spec, dict):
        kind = type(spec).__name__
        return [LintProblem("", f"The document is a {kind}, not a mapping of OpenAPI fields.")]
    module = handler_module or HANDLER_MODULES.get(path.resolve())
    if check_operation_ids is None:
        check_operation_ids = module is not None
    checks: list[tuple[str, Callable[[], Iterator[LintProblem]]]] = [
        ("OpenAPI structure", partial(_structure_problems, spec, path.resolve().as_uri())),
        ("example", partial(_example_problems, spec)),
        ("path parameter", partial(_path_parameter_problems, spec)),
    ]
    if check_operation_ids:
        resolve = partial(_unresolved_handler, module) if module else _unresolvable
        checks.insert(2, ("operationId", partial(_operation_id_problems, spec, resolve)))
    if str(spec.get("openapi", "")).startswith("3.0."):
        checks.append(("OpenAPI 3.0 keyword", partial(_ignored_keyword_problems, spec)))
    problems: list[LintProblem] = []
    for name, check in checks:
        try:
            for problem in check():  # one at a time, so a crash keeps what came before it
                problems.append(problem)
        except Exception as exc:  # a crash must become a report, never a traceback
            problems.append(LintProblem("", f"The {name} check stopped early: {_explain(exc)}."))
    return list(dict.fromkeys(problems))


def _structure_problems(spec: dict[str, Any], base_uri: str) -> Iterator[LintProblem]:
    """Report openapi-spec-validator's findings, located where the library can locate them."""
    version = str(spec.get("openapi", ""))
    if version.startswith("3.0."):
        validator_cls: type[SpecValidator] = _SpecValidator30
    elif version.startswith("3.1."):
        validator_cls = _SpecValidator31
    else:
        yield LintProblem(
            "/openapi" if "openapi" in spec else "",
            f"OpenAPI version {version!r} is not supported: use 3.0.x or 3.1.x.",
        )
        return
    # Meta-schema errors carry paths into the document; the library's later semantic errors
    # do not (theirs are relative to some schema), so the two kinds are told apart here.
    seen: set[tuple[str, tuple[Any, ...]]] = set()
    for error in validator_cls.schema_validator.iter_errors(spec):
        seen.add((error.message, tuple(error.absolute_path)))
        error = _most_specific(error)
        yield LintProblem(
            _pointer(*error.absolute_path),
            f"Not valid OpenAPI {version[:3]}: {_clip(error.message)}.",
        )
    try:
        for error in validator_cls(spec, base_uri=base_uri).iter_errors():
            # Unresolved path parameters are reported by _path_parameter_problems, with a pointer.
            key = (error.message, tuple(error.absolute_path))
            if key not in seen and not isinstance(error, UnresolvableParameterError):
                yield LintProblem(
                    "", f"openapi-spec-validator reports, with no location: {_clip(error.message)}."
                )
    except Exception as exc:  # its semantic pass assumes a well-formed document
        yield LintProblem("", f"openapi-spec-validator stopped early: {_explain(exc)}.")


def _most_specific(error: Any) -> Any:
    """Descend a failed oneOf/anyOf to the alternative that explains it.

    Nearly every OpenAPI object may also be a Reference Object, and "'$ref' is a required
    property" is never the useful explanation, so those alternatives are ignored.
    """
    while error.context:
        candidates = [e for e in error.context if e.validator_value != ["$ref"]]
        if not candidates:
            break
        error = best_match(candidates)
    return error


class _ExampleChecker:
    """Validates the examples of one document against their schemas, following local $refs."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.spec = spec
        self.is_30 = str(spec.get("openapi", "")).startswith("3.0")
        specification = DRAFT4 if self.is_30 else DRAFT202012
        resource = specification.create_resource(spec)
        self.registry: Registry[Any] = Registry().with_resource(_DOCUMENT_URI, resource)

    def parameter(self, node: Any, pointer: str, kind: str = "parameter") -> Iterator[LintProblem]:
        """Check a parameter's (or header's) ``example`` and ``examples``; requests are writes."""
        param, pointer = _follow(self.spec, node, pointer)
        if not isinstance(param, Mapping):
            return
        label = f"{kind} '{param.get('name', pointer.rsplit('/', 1)[-1])}'"
        write = kind != "header"  # headers documented here are response headers
        if "content" in param:
            yield from self.content(param["content"], f"{pointer}/content", write=write)
        if "schema" not in param:
            return
        for where, name, value in self._examples(param, pointer):
            value = self._deserialize(param, value)
            yield from self._validate(
                value, f"{pointer}/schema", write, where, f"{name} of {label}"
            )

    def content(self, content: Any, pointer: str, *, write: bool) -> Iterator[LintProblem]:
        """Check every media type's ``example`` and ``examples`` against its ``schema``."""
        for media, media_type in _mapping(content).items():
            media_pointer = _join(pointer, media)
            if isinstance(media_type, Mapping) and "schema" in media_type:
                for where, name, value in self._examples(media_type, media_pointer):
                    yield from self._validate(value, f"{media_pointer}/schema", write, where, name)

    def request_body(self, node: Any, pointer: str) -> Iterator[LintProblem]:
        """Check a request body's content; requests are writes."""
        body, pointer = _follow(self.spec, node, pointer)
        yield from self.content(_mapping(body).get("content"), f"{pointer}/content", write=True)

    def response(self, node: Any, pointer: str) -> Iterator[LintProblem]:
        """Check a response's content and headers; responses are reads."""
        response, pointer = _follow(self.spec, node, pointer)
        yield from self.content(
            _mapping(response).get("content"), f"{pointer}/content", write=False
        )
        for name, header in _mapping(_mapping(response).get("headers")).items():
            yield from self.parameter(header, _join(f"{pointer}/headers", name), "header")

    def _examples(self, holder: Mapping[str, Any], pointer: str) -> Iterator[tuple[str, str, Any]]:
        """Yield (pointer, label, value) for ``example`` and every ``examples`` value."""
        if "example" in holder:
            yield f"{pointer}/example", "The example", holder["example"]
        for name, node in _mapping(holder.get("examples")).items():
            where = _join(f"{pointer}/examples", name)
            example, _ = _follow(self.spec, node, where)
            if isinstance(example, Mapping) and "value" in example:
                ref = f" ({node['$ref']})" if "$ref" in node else ""
                # A $ref'd example is reported where it is used: its schema comes from there.
                yield where if ref else f"{where}/value", f"Example '{name}'{ref}", example["value"]

    def _deserialize(self, param: Mapping[str, Any], value: Any) -> Any:
        """Split a serialized array example (``a,b`` for style form, explode false) into items."""
        schema, _ = _follow(self.spec, param.get("schema"), "")
        if not (isinstance(value, str) and _mapping(schema).get("type") == "array"):
            return value
        style = param.get("style", "form" if param.get("in") in ("query", "cookie") else "simple")
        delimiter = {"form": ",", "simple": ",", "spaceDelimited": " ", "pipeDelimited": "|"}
        if style not in delimiter or (style == "form" and param.get("explode", True)):
            return [value]  # one item of an exploded (or unsplittable) array
        item_type = _mapping(_follow(self.spec, schema.get("items"), "")[0]).get("type")
        items = value.split(delimiter[style]) if value else []
        return [_coerce(item, item_type) for item in items]

    def _validate(
        self, value: Any, schema_pointer: str, write: bool, where: str, label: str
    ) -> Iterator[LintProblem]:
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
            yield LintProblem(where, f"{label} could not be checked: {_explain(exc)}.")
            return
        if error is not None:
            at = "/".join(str(part) for part in error.absolute_path)
            yield LintProblem(
                where,
                f"{label} does not match its schema: "
                f"{_clip(error.message)}{f' at {at}' if at else ''}.",
            )


def _example_problems(spec: dict[str, Any]) -> Iterator[LintProblem]:
    """Check the examples of every operation, then of every reusable component."""
    checker = _ExampleChecker(spec)
    for path_pointer, _, item in _path_items(spec):
        for index, param in enumerate(_list(item.get("parameters"))):
            yield from _guarded(f"{path_pointer}/parameters/{index}", checker.parameter, param)
        for _, op_pointer, operation in _operations(item, path_pointer):
            for index, param in enumerate(_list(operation.get("parameters"))):
                yield from _guarded(f"{op_pointer}/parameters/{index}", checker.parameter, param)
            if "requestBody" in operation:
                yield from _guarded(
                    f"{op_pointer}/requestBody", checker.request_body, operation["requestBody"]
                )
            for code, response in _mapping(operation.get("responses")).items():
                yield from _guarded(
                    _join(f"{op_pointer}/responses", code), checker.response, response
                )
    # Components are checked even when unused; problems met both ways are de-duplicated.
    components = _mapping(spec.get("components"))
    sections: tuple[tuple[str, Callable[[Any, str], Iterator[LintProblem]]], ...] = (
        ("parameters", checker.parameter),
        ("requestBodies", checker.request_body),
        ("responses", checker.response),
        ("headers", partial(checker.parameter, kind="header")),
    )
    for section, check in sections:
        for name, node in _mapping(components.get(section)).items():
            yield from _guarded(_pointer("components", section, name), check, node)


def _guarded(
    pointer: str, check: Callable[[Any, str], Iterator[LintProblem]], node: Any
) -> Iterator[LintProblem]:
    """Run one site's check so that a crash there (a bad $ref, say) is reported, not fatal."""
    try:
        yield from check(node, pointer)
    except Exception as exc:
        yield LintProblem(pointer, f"The examples here could not be checked: {_explain(exc)}.")


def _operation_id_problems(
    spec: dict[str, Any], unresolvable: Callable[[Any], str | None]
) -> Iterator[LintProblem]:
    """Require every operationId to name a callable; ``unresolvable`` says why one does not."""
    for path_pointer, template, item in _path_items(spec):
        for method, op_pointer, operation in _operations(item, path_pointer):
            operation_id = operation.get("operationId")
            if operation_id is None:
                yield LintProblem(
                    op_pointer,
                    f"Operation {method.upper()} {template} has no "
                    "operationId, so no handler serves it.",
                )
                continue
            reason = unresolvable(operation_id)
            if reason:
                yield LintProblem(
                    f"{op_pointer}/operationId",
                    f"operationId {operation_id!r} does not resolve: {reason}.",
                )


def _unresolved_handler(module_name: str, operation_id: Any) -> str | None:
    """Say why ``operation_id`` names no function of ``module_name`` (None if it does).

    The lookup is the mock's own (``server.resolver.handler_for``): ``listSocialPosts`` is
    answered by ``list_social_posts`` of the module.
    """
    if not isinstance(operation_id, str):
        return f"it is a {type(operation_id).__name__}, not a camelCase name"
    try:
        handler_for(module_name, operation_id)
    except LookupError as exc:  # Connexion's ResolverError
        return str(exc)
    except ImportError as exc:
        return f"module '{module_name}' does not import: {exc}"
    except Exception as exc:
        return f"importing module '{module_name}' raised {_explain(exc)}"
    return None


def _unresolvable(operation_id: Any) -> str | None:
    """Say why ``operation_id`` names no callable (None if it does), trying the longest module."""
    if not isinstance(operation_id, str) or "." not in operation_id:
        return "it is not a dotted path 'package.module.function'"
    module_name, _, attributes = operation_id.rpartition(".")
    first_import_error: ImportError | None = None
    while True:
        try:
            target: Any = importlib.import_module(module_name)
            break
        except ImportError as exc:  # maybe the tail is an attribute path, e.g. module.Class.method
            first_import_error = first_import_error or exc
            module_name, _, head = module_name.rpartition(".")
            if not module_name:
                return str(first_import_error)
            attributes = f"{head}.{attributes}"
        except Exception as exc:
            return f"importing module '{module_name}' raised {_explain(exc)}"
    owner = f"module '{module_name}'"
    for attribute in attributes.split("."):
        if not hasattr(target, attribute):
            # The deepest failed import explains more than a missing attribute of its parent.
            return str(first_import_error or f"{owner} has no attribute '{attribute}'")
        target, owner = getattr(target, attribute), f"'{owner}.{attribute}'"
    if not callable(target):
        return f"it names a {type(target).__name__}, not a callable"
    return None


# Keys whose values are data (examples, defaults, enums) or extensions, not OpenAPI objects: a
# "$ref" or "nullable" found inside them is a value like any other.
_DATA_KEYS = frozenset({"example", "default", "enum"})


def _ignored_keyword_problems(spec: dict[str, Any]) -> Iterator[LintProblem]:
    """Report what OpenAPI 3.0 tools ignore: ``nullable`` without ``type``, keys beside ``$ref``,
    and a nullable ``enum`` that lists null.

    All are legal-looking YAML that tools read differently: Prism skipped validating whole
    request and response bodies over a ``nullable`` without ``type`` (and skips them over a
    null listed in a nullable enum), and a ``description`` beside ``$ref`` never reaches a
    generated client.
    """
    stack: list[tuple[str, Any]] = [("", spec)]
    while stack:
        pointer, node = stack.pop()
        if isinstance(node, list):
            stack.extend((f"{pointer}/{i}", item) for i, item in reversed(list(enumerate(node))))
            continue
        if not isinstance(node, Mapping):
            continue
        if isinstance(node.get("$ref"), str) and len(node) > 1:
            siblings = ", ".join(f"'{key}'" for key in node if key != "$ref")
            yield LintProblem(
                pointer,
                f"{siblings} beside '$ref' {'is' if len(node) == 2 else 'are'} ignored: in "
                "OpenAPI 3.0 a reference replaces its whole object, so tools (Spectral, Redocly, "
                "client generators) drop the other keys; put the reference in "
                "'allOf: [{$ref: ...}]' to add to it.",
            )
        if node.get("nullable") is True and "type" not in node:
            yield LintProblem(
                f"{pointer}/nullable",
                "'nullable: true' has no sibling 'type': OpenAPI 3.0 defines 'nullable' only "
                "beside 'type', so tools ignore it or reject the schema (Prism skipped "
                "validating such bodies); add the 'type' of the other values.",
            )
        if node.get("nullable") is True and None in _list(node.get("enum")):
            yield LintProblem(
                f"{pointer}/enum",
                "'enum' lists null beside 'nullable: true': Prism adds null to the enum of a "
                "nullable schema, the duplicate makes the schema invalid, and Prism then skips "
                "validating the whole body; say null otherwise (e.g. 'not: {type: ...}').",
            )
        children = [
            (_join(pointer, key), value)
            for key, value in node.items()
            if not (isinstance(key, str) and (key in _DATA_KEYS or key.startswith("x-")))
            and not (key == "value" and pointer.rsplit("/", 2)[-2:-1] == ["examples"])
        ]
        stack.extend(reversed(children))


def _path_parameter_problems(spec: dict[str, Any]) -> Iterator[LintProblem]:
    """Match each path template's ``{variables}`` against its ``in: path`` parameters."""
    for path_pointer, template, item in _path_items(spec):
        variables = list(dict.fromkeys(_TEMPLATE_VARIABLE.findall(template)))
        shared = _path_parameters(spec, item.get("parameters"), f"{path_pointer}/parameters")
        own = {
            op_pointer: _path_parameters(spec, op.get("parameters"), f"{op_pointer}/parameters")
            for _, op_pointer, op in _operations(item, path_pointer)
        }
        for variable in variables:
            lacking = [op_pointer for op_pointer, names in own.items() if variable not in names]
            if variable in shared or (own and not lacking):
                continue
            message = (
                f"Path template variable '{{{variable}}}' in '{template}' is not declared "
                "as an 'in: path' parameter"
            )
            if len(lacking) == len(own):
                yield LintProblem(path_pointer, f"{message}.")
            else:
                for where in lacking:
                    yield LintProblem(where, f"{message} of this operation.")
        for declared in (shared, *own.values()):
            for name, where in declared.items():
                if name not in variables:
                    yield LintProblem(
                        where,
                        f"Path parameter '{name}' is declared but "
                        f"'{template}' has no '{{{name}}}' in it.",
                    )


def _path_parameters(spec: dict[str, Any], params: Any, pointer: str) -> dict[str, str]:
    """Map each ``in: path`` parameter name to the pointer of its entry in the list."""
    found: dict[str, str] = {}
    for index, node in enumerate(_list(params)):
        param = _mapping(_follow(spec, node, "")[0])
        if param.get("in") == "path" and isinstance(param.get("name"), str):
            found[param["name"]] = f"{pointer}/{index}"
    return found


def _path_items(spec: dict[str, Any]) -> Iterator[tuple[str, str, Mapping[str, Any]]]:
    """Yield (pointer, template, path item) for every path, following a path item $ref."""
    for template, node in _mapping(spec.get("paths")).items():
        if isinstance(template, str) and template.startswith("/"):
            item, pointer = _follow(spec, node, _pointer("paths", template))
            if isinstance(item, Mapping):
                yield pointer, template, item


def _operations(item: Mapping[str, Any], pointer: str) -> Iterator[tuple[str, str, Any]]:
    """Yield (method, pointer, operation) for each operation of a path item."""
    for method in METHODS:
        if isinstance(item.get(method), Mapping):
            yield method, f"{pointer}/{method}", item[method]


def _follow(spec: dict[str, Any], node: Any, pointer: str) -> tuple[Any, str]:
    """Follow local ``$ref``s from ``node`` (found at ``pointer``) to the object and its pointer."""
    seen: set[str] = set()
    while isinstance(node, Mapping) and isinstance(node.get("$ref"), str):
        ref = node["$ref"]
        if not ref.startswith("#") or ref in seen:
            raise LookupError(f"$ref {ref!r} is not a local, non-circular reference")
        seen.add(ref)
        pointer, node = unquote(ref[1:]), spec
        for token in pointer.split("/")[1:]:
            token = token.replace("~1", "/").replace("~0", "~")
            try:
                node = node[int(token)] if isinstance(node, list) else node[token]
            except (LookupError, TypeError, ValueError):
                raise LookupError(f"$ref {ref!r} points to nothing") from None
    return node, pointer


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


def _mapping(node: Any) -> Mapping[Any, Any]:
    """``node`` if it is a mapping, else an empty one: broken structure is reported elsewhere."""
    return node if isinstance(node, Mapping) else {}


def _list(node: Any) -> list[Any]:
    """``node`` if it is a list, else an empty one: broken structure is reported elsewhere."""
    return node if isinstance(node, list) else []


def _pointer(*tokens: Any) -> str:
    """Build an RFC 6901 pointer from raw tokens."""
    return "".join(_join("", token) for token in tokens)


def _join(pointer: str, token: Any) -> str:
    """Append one raw token to a pointer, escaping ``~`` and ``/``."""
    return f"{pointer}/{str(token).replace('~', '~0').replace('/', '~1')}"


def _explain(exc: Exception) -> str:
    """An exception as ``Type: message`` on one line."""
    if isinstance(exc, Unresolvable):  # its message would repeat the whole document
        return f"$ref {exc.ref!r} does not resolve"
    return _clip(f"{type(exc).__name__}: {exc}")


def _clip(text: object, limit: int = 240) -> str:
    """One line of at most ``limit`` characters, so a huge instance repr cannot flood output."""
    line = " ".join(str(text).split()).rstrip(".")
    return line if len(line) <= limit else f"{line[: limit - 1]}…"
