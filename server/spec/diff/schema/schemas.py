"""A schema as the comparison sees it: references followed, ``allOf`` merged, annotations dropped.

``build_schema`` turns the nodes that together make one schema (a ``$ref``, its siblings, the
members of an ``allOf``) into one ``Schema``: its keywords (the tightest bound where parts
disagree, otherwise the first part that states one), its properties (each with every part that
declares it), its required names, and its ``oneOf``/``anyOf`` branches. Annotations
(``description``, ``title``, ``example``s, ``x-*``, ...) never count, so a schema moved into
``components`` behind a ``$ref``, or a component renamed, compares equal to what it was.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ..load.refs import Node, Resolver

__all__ = ["ANNOTATIONS", "Schema", "build_schema", "declared_types", "title_of", "value_types"]

ANNOTATIONS = frozenset(
    {"description", "title", "example", "examples", "externalDocs", "$comment", "xml",
     "deprecated", "discriminator", "$schema", "$id", "$anchor", "$defs", "definitions"}
)  # fmt: skip
# Where allOf parts state the same bound, the tightest one holds.
_TIGHTEST: Mapping[str, Callable[[Any, Any], Any]] = {
    "maximum": min, "maxLength": min, "maxItems": min, "maxProperties": min,
    "minimum": max, "minLength": max, "minItems": max, "minProperties": max,
}  # fmt: skip
# Keywords stated at their default value say nothing: ``nullable: false`` is no ``nullable``.
_DEFAULTS: Mapping[str, Any] = {
    "nullable": False, "readOnly": False, "writeOnly": False, "uniqueItems": False,
    "exclusiveMaximum": False, "exclusiveMinimum": False, "additionalProperties": True,
    "minLength": 0, "minItems": 0, "minProperties": 0,
}  # fmt: skip


@dataclass(frozen=True)
class Schema:
    """One schema, merged from its parts."""

    pointer: str
    keywords: Mapping[str, Node] = field(default_factory=dict)
    properties: Mapping[str, tuple[Node, ...]] = field(default_factory=dict)
    required: Mapping[str, Node] = field(default_factory=dict)
    branches: tuple[tuple[Node, ...], ...] = ()
    branch_keyword: str = "oneOf"
    key: tuple[str, ...] = ()  # where its parts are (not the $refs to them): same schema, same key
    parts: tuple[Node, ...] = ()
    excluded: frozenset[str] = frozenset()  # the types of a ``not`` that names only types

    def value(self, keyword: str, default: Any = None) -> Any:
        """The keyword's value, or ``default``."""
        node = self.keywords.get(keyword)
        return default if node is None else node.value

    @property
    def is_pure_union(self) -> bool:
        """Only ``oneOf``/``anyOf`` branches, nothing beside them."""
        beside = set(self.keywords) - {"nullable"}
        return bool(self.branches) and not (beside or self.properties or self.required)

    def types(self) -> frozenset[str] | None:
        """The JSON types it admits, or None for any type.

        ``nullable`` adds null; a ``not`` that names only types takes them away (``{type:
        [string, "null"], not: {type: string}}`` is null alone); an ``enum`` keeps only the
        types of its values.
        """
        names = declared_types(self.value("type"))
        if names is None:
            return None
        if self.value("nullable") is True:
            names.add("null")
        names -= self.excluded
        if "number" in self.excluded:
            names.discard("integer")
        enum = self.value("enum")
        if isinstance(enum, list):
            names &= set().union(*(value_types(value) for value in enum))
        return frozenset(names)

    def enum(self) -> Node | None:
        """The ``enum``, unless it lists every value its types admit (``[null]`` for null)."""
        node = self.keywords.get("enum")
        types = self.types()
        if node is None or types is None or not types <= {"null", "boolean"}:
            return node
        every: list[Any] = [None] * ("null" in types) + [True, False] * ("boolean" in types)
        listed = node.value if isinstance(node.value, list) else []
        return None if all(value in listed for value in every) else node

    def admits(self, kind: str) -> bool:
        """Whether values of JSON type ``kind`` (``object``, ``array``) may be valid."""
        types = self.types()
        return types is None or kind in types

    def where(self, keyword: str) -> str:
        """The pointer to the keyword, or to the schema when it has none."""
        node = self.keywords.get(keyword)
        return self.pointer if node is None else node.pointer


def build_schema(
    parts: Sequence[Node],
    resolver: Resolver,
    fallback: str,
    *,
    within: frozenset[str] = frozenset(),
) -> Schema:
    """Merge ``parts`` (none: the empty schema, located at ``fallback``) into one ``Schema``.

    A branch that admits only null (``type: 'null'``, ``enum: [null]``) is the union's way of
    saying ``nullable``, and is read as that: ``oneOf: [A, null-only]`` is ``A`` made nullable.
    ``within`` lists the schemas being merged further up, so that a union that contains itself
    ends.
    """
    keywords: dict[str, Node] = {}
    properties: dict[str, list[Node]] = {}
    required: dict[str, Node] = {}
    branches: list[tuple[Node, ...]] = []
    branch_keyword: list[str] = []
    seen: list[str] = []
    references: set[str] = set()  # nodes that are only a $ref: where a schema is used, not it

    def visit(node: Node) -> None:
        if not isinstance(node.value, dict) or node.pointer in seen:
            return
        seen.append(node.pointer)
        if "$ref" in node.value:
            if len(node.value) == 1:
                references.add(node.pointer)
            visit(resolver.resolve(node))
        for key, child in node.members():
            if key == "$ref" or key in ANNOTATIONS or key.startswith("x-") or _default(key, child):
                continue
            if key == "allOf":
                for part in child.items():
                    visit(part)
            elif key == "properties":
                for name, declared in child.members():
                    properties.setdefault(name, []).append(declared)
            elif key == "required":
                for entry in child.items():
                    if isinstance(entry.value, str):
                        required.setdefault(entry.value, entry)
            elif key in ("oneOf", "anyOf"):
                branch_keyword.append(key)
                branches.extend((branch,) for branch in child.items())
            elif key in _TIGHTEST and key in keywords and _numbers(keywords[key], child):
                tighter = _TIGHTEST[key](keywords[key].value, child.value)
                keywords[key] = child if tighter == child.value else keywords[key]
            else:
                keywords.setdefault(key, child)

    for part in parts:
        visit(part)
    if "enum" not in keywords and "const" in keywords:
        const = keywords["const"]
        keywords["enum"] = Node([const.value], const.pointer)
    excluded = _types_only(keywords.get("not"), resolver)
    nulls = [branch for branch in branches if _only_null(branch, resolver)]
    if nulls:
        branches = [branch for branch in branches if branch not in nulls]
        nullable = Node(True, nulls[0][0].pointer)
        if len(branches) == 1 and not (keywords or properties or required):
            inner = (*within, *seen)
            if resolver.resolve(branches[0][0]).pointer not in inner:
                merged = build_schema(branches[0], resolver, fallback, within=frozenset(inner))
                return replace(merged, keywords={**merged.keywords, "nullable": nullable})
        keywords.setdefault("nullable", nullable)
    return Schema(
        pointer=seen[0] if seen else fallback,
        keywords=keywords,
        properties={name: tuple(nodes) for name, nodes in properties.items()},
        required=required,
        branches=tuple(branches),
        branch_keyword=branch_keyword[0] if branch_keyword else "oneOf",
        key=tuple(pointer for pointer in seen if pointer not in references),
        parts=tuple(parts),
        excluded=excluded,
    )


def _numbers(*nodes: Node) -> bool:
    return all(
        isinstance(node.value, int | float) and not isinstance(node.value, bool) for node in nodes
    )


def declared_types(declared: Any) -> set[str] | None:
    """The names ``type`` lists (a string or a list), or None when it lists none."""
    if isinstance(declared, str):
        return {declared}
    if isinstance(declared, list):
        return {name for name in declared if isinstance(name, str)}
    return None


def value_types(value: Any) -> set[str]:
    """The JSON types a value is of (``1`` is an integer and a number)."""
    if value is None:
        return {"null"}
    if isinstance(value, bool):
        return {"boolean"}
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return {"integer", "number"}
    if isinstance(value, float):
        return {"number"}
    return (
        {"string"} if isinstance(value, str) else {"array" if isinstance(value, list) else "object"}
    )


def _types_only(node: Node | None, resolver: Resolver) -> frozenset[str]:
    """The types a ``not`` names when it says nothing else (``not: {type: string}``)."""
    target = resolver.resolve(node).value if node is not None else None
    if not isinstance(target, dict):
        return frozenset()
    meaningful = {key for key in target if key not in ANNOTATIONS and not key.startswith("x-")}
    names = declared_types(target.get("type")) if meaningful == {"type"} else None
    return frozenset(names or ())


def _only_null(branch: tuple[Node, ...], resolver: Resolver) -> bool:
    schema = resolver.resolve(branch[0]).value
    if not isinstance(schema, dict):
        return False
    enum = schema.get("enum")
    return (
        schema.get("type") in ("null", ["null"])
        or (isinstance(enum, list) and bool(enum) and all(value is None for value in enum))
        or ("const" in schema and schema["const"] is None)
    )


def _default(key: str, node: Node) -> bool:
    if key == "additionalProperties" and node.value == {}:
        return True
    default = _DEFAULTS.get(key)
    return default is not None and type(node.value) is type(default) and node.value == default


def title_of(parts: Sequence[Node], resolver: Resolver) -> str | None:
    """A branch's name for people: its title, else the component it refers to."""
    for part in parts:
        title = resolver.resolve(part).get("title")
        if isinstance(title, str):
            return title
        reference = part.get("$ref")
        if isinstance(reference, str):
            return reference.rsplit("/", 1)[-1]
    return None
