"""The keywords of one schema compared with their counterparts: type, format, enum, bounds,
pattern and default.

Each comparison decides whether HEAD admits more values than BASE (widened) or fewer (narrowed),
and the direction decides what that means for clients: a narrowed request constraint breaks
them, a widened response type does. A bound stated at its default (``minLength: 0``) is no bound.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import partial
from typing import Any

from .context import Context
from .patterns import restates_format
from .schemas import Schema

__all__ = ["compare_keywords"]

Bound = tuple[float, bool]  # value, exclusive
# (narrower format, wider format): every value of the first is a value of the second.
_WIDER_FORMATS = frozenset({("int32", "int64"), ("float", "double")})


def compare_keywords(context: Context, base: Schema, head: Schema) -> None:
    """Report how the keywords of ``head`` differ from those of ``base``."""
    if not _compare_types(context, base, head):
        _compare_formats(context, base, head)
    _compare_enums(context, base, head)
    _compare_bounds(context, base, head)
    _compare_pattern(context, base, head)
    if context.request:
        _compare_default(context, base, head)


def _covers(wide: frozenset[str] | None, narrow: frozenset[str] | None) -> bool:
    """Whether every value of the types ``narrow`` is a value of the types ``wide``."""
    if wide is None:
        return True
    if narrow is None:
        return False
    return all(name in wide or (name == "integer" and "number" in wide) for name in narrow)


def _show_types(types: frozenset[str] | None) -> str:
    if types is None:
        return "any type"
    return " or ".join(sorted(types, key=lambda name: (name == "null", name)))


def _compare_types(context: Context, base: Schema, head: Schema) -> bool:
    """Report a change of type; True when one was reported."""
    before, after = base.types(), head.types()
    if (before is None or after is None) and (base.branches or head.branches):
        return False  # the branches say what the types are; they are compared one by one
    widened, narrowed = _covers(after, before), _covers(before, after)
    if widened and narrowed:
        return False
    where = "type" if base.value("type") != head.value("type") else "nullable"
    what = f"type {_show_types(before)} became {_show_types(after)}"
    if context.request:
        rule = "type-generalized" if widened else "type-changed"
    else:
        rule = "type-specialized" if narrowed else "type-changed"
    context.report(context.rule(rule), what, side="head", pointer=head.where(where))
    return True


def _compare_formats(context: Context, base: Schema, head: Schema) -> None:
    before, after = base.value("format"), head.value("format")
    if before == after:
        return
    pair = (str(before), str(after))
    widened = after is None or pair in _WIDER_FORMATS
    narrowed = before is None or pair[::-1] in _WIDER_FORMATS
    what = f"format {before or 'none'} became {after or 'none'}"
    if context.request:
        rule = "type-generalized" if widened else "type-changed"
    else:
        rule = "type-specialized" if narrowed else "type-changed"
    context.report(context.rule(rule), what, side="head", pointer=head.where("format"))


def _show(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=str)


def _compare_enums(context: Context, base: Schema, head: Schema) -> None:
    before, after = base.enum(), head.enum()
    # A new enum narrows what is admitted (breaks requests); dropping one widens it.
    if before is None and after is not None:
        values = ", ".join(_show(item.value) for item in after.items())
        what = f"now restricted to the enum values {values}"
        rule = context.rule("enum-value-removed")
        context.report(rule, what, side="head", pointer=after.pointer)
    elif before is not None and after is None:
        what = "no longer restricted to enum values"
        context.report(context.rule("enum-value-added"), what, side="head", pointer=head.pointer)
    elif before is not None and after is not None:
        kept = {_show(item.value) for item in after.items()}
        for item in before.items():
            if _show(item.value) not in kept:
                what = f"enum value {_show(item.value)} removed"
                rule = context.rule("enum-value-removed")
                context.report(rule, what, side="base", pointer=item.pointer)
        had = {_show(item.value) for item in before.items()}
        for item in after.items():
            if _show(item.value) not in had:
                what = f"enum value {_show(item.value)} added"
                rule = context.rule("enum-value-added")
                context.report(rule, what, side="head", pointer=item.pointer)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value


def _numeric_bound(schema: Schema, inclusive: str, exclusive: str, upper: bool) -> Bound | None:
    """The tightest of ``maximum`` (with a 3.0 boolean ``exclusiveMaximum``) and a 3.1 number."""
    candidates: list[Bound] = []
    value = _number(schema.value(inclusive))
    flag = schema.value(exclusive)
    if value is not None:
        candidates.append((value, flag is True))
    if _number(flag) is not None:
        candidates.append((float(flag), True))
    if not candidates:
        return None
    if upper:
        return min(candidates, key=lambda bound: (bound[0], not bound[1]))
    return max(candidates, key=lambda bound: (bound[0], bound[1]))


def _plain_bound(schema: Schema, keyword: str) -> Bound | None:
    value = _number(schema.value(keyword))
    return None if value is None else (value, False)


def _narrower(tight: Bound | None, loose: Bound | None, upper: bool) -> bool:
    """Whether ``tight`` admits fewer values than ``loose``."""
    if tight is None:
        return False
    if loose is None:
        return True
    if tight[0] != loose[0]:
        return tight[0] < loose[0] if upper else tight[0] > loose[0]
    return tight[1] and not loose[1]


def _compare_bounds(context: Context, base: Schema, head: Schema) -> None:
    readers: list[tuple[str, bool, Callable[[Schema], Bound | None]]] = [
        ("maximum", True, lambda s: _numeric_bound(s, "maximum", "exclusiveMaximum", True)),
        ("minimum", False, lambda s: _numeric_bound(s, "minimum", "exclusiveMinimum", False)),
    ]
    for keyword in ("maxLength", "maxItems", "maxProperties"):
        readers.append((keyword, True, partial(_plain_bound, keyword=keyword)))
    for keyword in ("minLength", "minItems", "minProperties"):
        readers.append((keyword, False, partial(_plain_bound, keyword=keyword)))
    for keyword, upper, read in readers:
        before, after = read(base), read(head)
        if before != after:
            narrowed = _narrower(after, before, upper)
            what = f"{_show_bound(keyword, before)} became {_show_bound(keyword, after)}"
            _constraint(context, narrowed, what, head.where(keyword))
    unique = base.value("uniqueItems") is True, head.value("uniqueItems") is True
    if unique[0] != unique[1]:
        what = "items must now be unique" if unique[1] else "items need no longer be unique"
        _constraint(context, unique[1], what, head.where("uniqueItems"))
    closed = (
        base.value("additionalProperties") is False,
        head.value("additionalProperties") is False,
    )
    if closed[0] != closed[1]:
        what = (
            "unknown properties are now refused (additionalProperties: false)"
            if closed[1]
            else "unknown properties are now admitted"
        )
        _constraint(context, closed[1], what, head.where("additionalProperties"))
    _compare_multiple_of(context, base, head)


def _show_bound(keyword: str, bound: Bound | None) -> str:
    if bound is None:
        return f"no {keyword}"
    value = int(bound[0]) if float(bound[0]).is_integer() else bound[0]
    if bound[1]:
        return f"exclusive{keyword[0].upper()}{keyword[1:]} {value}"
    return f"{keyword} {value}"


def _compare_multiple_of(context: Context, base: Schema, head: Schema) -> None:
    before, after = _number(base.value("multipleOf")), _number(head.value("multipleOf"))
    if before == after:
        return
    # Multiples of 10 are multiples of 5: 5 -> 10 narrows, 10 -> 5 widens.
    widened = after is None or (before is not None and before % after == 0)
    what = f"multipleOf {before or 'none'} became {after or 'none'}"
    _constraint(context, not widened, what, head.where("multipleOf"))


def _compare_pattern(context: Context, base: Schema, head: Schema) -> None:
    before, after = base.value("pattern"), head.value("pattern")
    same_format = base.value("format") == head.value("format")
    if before == after or (
        same_format
        and all(
            pattern is None or restates_format(pattern, head.value("format"))
            for pattern in (before, after)
        )
    ):
        return
    pointer = head.where("pattern")
    if before is None:
        _constraint(context, True, f"pattern {_show(after)} added", pointer)
    elif after is None:
        _constraint(context, False, f"pattern {_show(before)} removed", pointer)
    else:
        what = f"pattern {_show(before)} became {_show(after)}"
        context.report(context.rule("pattern-changed"), what, side="head", pointer=pointer)


def _constraint(context: Context, narrowed: bool, what: str, pointer: str) -> None:
    rule = context.rule("constraint-narrowed" if narrowed else "constraint-widened")
    context.report(rule, what, side="head", pointer=pointer)


def _compare_default(context: Context, base: Schema, head: Schema) -> None:
    before, after = base.keywords.get("default"), head.keywords.get("default")
    shown_before = "none" if before is None else _show(before.value)
    shown_after = "none" if after is None else _show(after.value)
    if shown_before == shown_after:
        return
    what = f"default {shown_before} became {shown_after}"
    context.report(
        context.rule("default-changed"), what, side="head", pointer=head.where("default")
    )
