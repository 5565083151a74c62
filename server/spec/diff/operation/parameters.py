"""The parameters of one operation compared: added, removed, required, serialization, schema.

Parameters are matched by location and name (header names ignoring case); path parameters by
their place in the path template, since renaming ``{brand}`` to ``{brandId}`` leaves the URL a
client builds unchanged. Path-level parameters apply unless the operation overrides them.
``Accept``, ``Content-Type`` and ``Authorization`` headers are ignored, as OpenAPI says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..findings import Scope
from ..load.refs import Node, Resolver
from ..schema.context import Context, Direction, Place
from ..schema.schema_diff import compare_schema

__all__ = ["Site", "compare_parameters", "schema_parts"]

_IGNORED_HEADERS = frozenset({"accept", "content-type", "authorization"})
_TEMPLATE = re.compile(r"\{([^{}/]+)\}")


@dataclass(frozen=True)
class Site:
    """An operation where it is: its path template, path item and operation object."""

    path: str
    method: str
    item: Node
    operation: Node


@dataclass(frozen=True)
class _Parameter:
    entry: Node  # where the operation lists it (maybe a $ref)
    node: Node  # the parameter object itself
    name: str
    location: str

    @property
    def required(self) -> bool:
        return self.location == "path" or self.node.get("required") is True

    @property
    def serialization(self) -> tuple[str, bool]:
        default = "form" if self.location in ("query", "cookie") else "simple"
        style = self.node.get("style", default)
        explode = self.node.get("explode", style == "form")
        return str(style), explode is True


def _parameters(site: Site, resolver: Resolver) -> dict[tuple[str, str], _Parameter]:
    variables = _TEMPLATE.findall(site.path)
    found: dict[tuple[str, str], _Parameter] = {}
    lists = (site.item.child("parameters"), site.operation.child("parameters"))
    for listed in lists:
        for entry in listed.items() if listed else ():
            node = resolver.resolve(entry)
            name, location = node.get("name"), node.get("in")
            if not isinstance(name, str) or not isinstance(location, str):
                continue
            if location == "header" and name.lower() in _IGNORED_HEADERS:
                continue
            if location == "path" and name in variables:
                key = (location, f"#{variables.index(name)}")
            else:
                key = (location, name.lower() if location == "header" else name)
            found[key] = _Parameter(entry, node, name, location)
    return found


def schema_parts(node: Node) -> tuple[Node, ...]:
    """The schema of a parameter or header: ``schema``, or that of its one ``content`` entry."""
    schema = node.child("schema")
    if schema is not None:
        return (schema,)
    content = node.child("content")
    for _, media in content.members() if content else ():
        inner = media.child("schema")
        return (inner,) if inner is not None else ()
    return ()


def compare_parameters(scope: Scope, base: Site, head: Site) -> None:
    """Report the parameter changes of one operation."""
    before = _parameters(base, scope.base)
    after = _parameters(head, scope.head)
    for key, old in before.items():
        if key not in after:
            what = f"{old.location} parameter `{old.name}` removed"
            scope.report("request-parameter-removed", what, side="base", pointer=old.entry.pointer)
    for key, new in after.items():
        old_or_none = before.get(key)
        if old_or_none is None:
            kind = "required" if new.required else "optional"
            what = f"{new.location} parameter `{new.name}` added ({kind})"
            rule = f"new-{kind}-request-parameter"
            scope.report(rule, what, side="head", pointer=new.entry.pointer)
        else:
            _compare_parameter(scope, old_or_none, new)


def _compare_parameter(scope: Scope, old: _Parameter, new: _Parameter) -> None:
    subject = f"{new.location} parameter `{new.name}`"
    if old.name != new.name:
        what = f"path parameter `{old.name}` renamed `{new.name}`"
        scope.report("request-path-parameter-renamed", what, side="head", pointer=new.node.pointer)
    if old.required != new.required:
        became = "required" if new.required else "optional"
        where = new.node.child("required") or new.node
        scope.report(
            f"request-parameter-became-{became}",
            f"{subject} became {became}",
            side="head",
            pointer=where.pointer,
        )
    if old.serialization != new.serialization:
        (style, explode), (new_style, new_explode) = old.serialization, new.serialization
        what = (
            f"{subject}: serialization style={style}, explode={str(explode).lower()} became "
            f"style={new_style}, explode={str(new_explode).lower()}"
        )
        where = new.node.child("style") or new.node.child("explode") or new.node
        scope.report(
            "request-parameter-serialization-changed", what, side="head", pointer=where.pointer
        )
    compare_schema(
        Context(scope, Direction.REQUEST, Place(subject)),
        schema_parts(old.node),
        schema_parts(new.node),
        base_at=old.node.pointer,
        head_at=new.node.pointer,
    )
