"""Two schemas compared, recursively: keywords, properties, items and branches.

``compare_schema`` walks BASE and HEAD side by side. A pair of schemas already being compared
further up (a recursive schema) is not walked again, so cycles end. Properties follow the
direction: a request never carries ``readOnly`` properties, a response never ``writeOnly`` ones,
and whether a property removed or made optional breaks clients depends on who sends it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..changes import Level
from ..findings import Findings, Scope
from ..load.refs import Node, Resolver
from ..rules import RULES
from .branches import pair_branches
from .context import Context, Direction, Place
from .keywords import compare_keywords
from .schemas import Schema, build_schema, title_of

__all__ = ["compare_schema"]

Stack = tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]
Properties = Mapping[str, tuple[Node, ...]]


def compare_schema(
    context: Context,
    base_parts: Sequence[Node],
    head_parts: Sequence[Node],
    *,
    base_at: str,
    head_at: str,
    stack: Stack = (),
    inherited: tuple[Properties, Properties] = ({}, {}),
) -> None:
    """Report how the schema of ``head_parts`` differs from that of ``base_parts``.

    ``base_at`` and ``head_at`` locate a side that has no schema at all (an empty list of parts).
    ``inherited`` are the properties a ``oneOf`` branch's union declares beside it (BASE's and
    HEAD's): a branch that redeclares one of them constrains it further, so dropping that
    declaration widens the property rather than removing it.
    """
    base = build_schema(base_parts, context.scope.base, base_at)
    head = build_schema(head_parts, context.scope.head, head_at)
    if (base.key, head.key) in stack:
        return
    stack = (*stack, (base.key, head.key))
    if bool(base.branches) != bool(head.branches):
        base, head = _union_sides(context, base, head)
    compare_keywords(context, base, head)
    if base.admits("object") and head.admits("object"):
        _compare_properties(context, base, head, stack, inherited)
        _compare_subschema(context.at("*"), base, head, "additionalProperties", stack)
    if base.admits("array") and head.admits("array"):
        _compare_subschema(context.at("[]"), base, head, "items", stack)
    # Branches and ``not`` describe the same value: what this level declares applies in them.
    declared = _merge(inherited[0], base.properties), _merge(inherited[1], head.properties)
    _compare_branches(context, base, head, stack, declared)
    _compare_not(context, base, head, stack, declared)


def _merge(outer: Properties, inner: Properties) -> Properties:
    return {name: (*outer.get(name, ()), *inner.get(name, ())) for name in {**outer, **inner}}


def _union_sides(context: Context, base: Schema, head: Schema) -> tuple[Schema, Schema]:
    """Compare a union with a plain schema.

    Against a union with nothing beside its branches (``oneOf: [A, B]``), the plain schema is a
    union of one branch, so ``A`` becoming ``oneOf: [A, B]`` adds one branch. A union beside
    other keywords constrains them further: adding it narrows, removing it widens.
    """
    union, plain = (head, base) if head.branches else (base, head)
    if union.is_pure_union:
        wrapped = Schema(
            pointer=plain.pointer,
            branches=(plain.parts,),
            branch_keyword=union.branch_keyword,
            key=plain.key,
            parts=plain.parts,
        )
        return (wrapped, head) if plain is base else (base, wrapped)
    added = union is head
    what = f"{union.branch_keyword} {'added' if added else 'removed'}"
    rule = context.rule("constraint-narrowed" if added else "constraint-widened")
    context.report(rule, what, side="head", pointer=head.where(union.branch_keyword))
    stripped = Schema(
        pointer=union.pointer,
        keywords=union.keywords,
        properties=union.properties,
        required=union.required,
        key=union.key,
        parts=union.parts,
        excluded=union.excluded,
    )
    return (base, stripped) if added else (stripped, head)


def _visible(context: Context, schema: Schema, resolver: Resolver) -> dict[str, tuple[Node, ...]]:
    """The properties the direction carries: no readOnly ones in requests, no writeOnly ones in
    responses. A name only listed in ``required`` is a property of any type."""
    hidden = "readOnly" if context.request else "writeOnly"
    names = [
        *schema.properties,
        *(name for name in schema.required if name not in schema.properties),
    ]
    visible: dict[str, tuple[Node, ...]] = {}
    for name in names:
        parts = schema.properties.get(name, ())
        if build_schema(parts, resolver, schema.pointer).value(hidden) is not True:
            visible[name] = parts
    return visible


def _where(schema: Schema, name: str, parts: Sequence[Node]) -> str:
    if parts:
        return parts[0].pointer
    entry = schema.required.get(name)
    return entry.pointer if entry else schema.pointer


def _compare_properties(
    context: Context,
    base: Schema,
    head: Schema,
    stack: Stack,
    inherited: tuple[Properties, Properties],
) -> None:
    before = _visible(context, base, context.scope.base)
    after = _visible(context, head, context.scope.head)
    for name in [*before, *(name for name in after if name not in before)]:
        inner = context.at(name)
        declared = name in inherited[0] and name in inherited[1]
        if name not in after and not declared:
            _removed(inner, name in base.required, _where(base, name, before[name]))
        elif name not in before and not declared:
            _added(inner, name in head.required, _where(head, name, after[name]))
        else:
            _compare_required(inner, base, head, name)
            compare_schema(
                inner,
                (*inherited[0].get(name, ()), *before.get(name, ())),
                (*inherited[1].get(name, ()), *after.get(name, ())),
                base_at=_where(base, name, before.get(name, ())),
                head_at=_where(head, name, after.get(name, ())),
                stack=stack,
            )


def _removed(context: Context, was_required: bool, pointer: str) -> None:
    if context.request:
        rule = "request-property-removed"
    elif was_required:
        rule = "response-property-removed"
    else:
        rule = "response-optional-property-removed"
    context.report(rule, "removed", side="base", pointer=pointer)


def _added(context: Context, is_required: bool, pointer: str) -> None:
    kind = "required" if is_required else "optional"
    rule = f"new-{kind}-request-property" if context.request else "response-property-added"
    context.report(rule, f"added ({kind})", side="head", pointer=pointer)


def _compare_required(context: Context, base: Schema, head: Schema, name: str) -> None:
    was_required, is_required = name in base.required, name in head.required
    if was_required == is_required:
        return
    became = "required" if is_required else "optional"
    entry = head.required.get(name)
    pointer = entry.pointer if entry else _where(head, name, head.properties.get(name, ()))
    rule = f"{context.direction.value}-property-became-{became}"
    context.report(rule, f"became {became}", side="head", pointer=pointer)


def _compare_subschema(
    context: Context, base: Schema, head: Schema, keyword: str, stack: Stack
) -> None:
    """Compare ``items`` or an ``additionalProperties`` schema (a side without one admits all)."""
    parts = []
    for schema in (base, head):
        node = schema.keywords.get(keyword)
        parts.append((node,) if node is not None and isinstance(node.value, dict) else ())
    if parts[0] or parts[1]:
        compare_schema(
            context, parts[0], parts[1], base_at=base.pointer, head_at=head.pointer, stack=stack
        )


def _compare_branches(
    context: Context,
    base: Schema,
    head: Schema,
    stack: Stack,
    declared: tuple[Properties, Properties],
) -> None:
    if not (base.branches or head.branches):
        return
    resolvers = context.scope.base, context.scope.head
    pairing = pair_branches(base.branches, head.branches, *resolvers)
    keyword = head.branch_keyword

    def name(branch: tuple[Node, ...], index: int, resolver: Resolver) -> str:
        title = title_of(branch, resolver)
        return f"({keyword} {title!r})" if title else f"({keyword} #{index + 1})"

    for i, j in pairing.edited:
        compare_schema(
            context.at(name(head.branches[j], j, resolvers[1])),
            base.branches[i],
            head.branches[j],
            base_at=base.pointer,
            head_at=head.pointer,
            stack=stack,
            inherited=declared,
        )
    for i in pairing.removed:
        branch = base.branches[i]
        what = f"{name(branch, i, resolvers[0])[1:-1]} branch removed"
        pointer = branch[0].pointer if branch else base.pointer
        context.report(context.rule("one-of-removed"), what, side="base", pointer=pointer)
    for j in pairing.added:
        branch = head.branches[j]
        what = f"{name(branch, j, resolvers[1])[1:-1]} branch added"
        pointer = branch[0].pointer if branch else head.pointer
        context.report(context.rule("one-of-added"), what, side="head", pointer=pointer)


def _compare_not(
    context: Context,
    base: Schema,
    head: Schema,
    stack: Stack,
    declared: tuple[Properties, Properties],
) -> None:
    """Compare what ``not`` excludes: the more it excludes, the less the schema admits.

    A ``not`` naming only types is part of the types already. Otherwise the two ``not`` schemas
    are compared the other way round (a request's as a response's), on a scratch list of
    findings: a change that would break there admits fewer values here, so it breaks here too.
    """
    nodes = [None if schema.excluded else schema.keywords.get("not") for schema in (base, head)]
    if nodes[0] is None and nodes[1] is None:
        return
    pointer = head.where("not")
    if nodes[0] is None or nodes[1] is None:
        added = nodes[0] is None
        what = f"`not` {'added' if added else 'removed'}"
        rule = context.rule("constraint-narrowed" if added else "constraint-widened")
        context.report(rule, what, side="head", pointer=pointer)
        return
    findings = context.scope.findings
    scratch = Findings(findings.base, findings.head, {rule.id: rule.level for rule in RULES})
    flipped = Direction.RESPONSE if context.request else Direction.REQUEST
    compare_schema(
        Context(Scope(scratch, context.scope.operation), flipped, Place("`not`")),
        (nodes[0],),
        (nodes[1],),
        base_at=base.pointer,
        head_at=head.pointer,
        stack=stack,
        inherited=declared,
    )
    if not scratch.changes:
        return
    breaking = any(change.level >= Level.WARN for change in scratch.changes)
    narrowed = breaking == context.request
    rule = context.rule("constraint-narrowed" if narrowed else "constraint-widened")
    what = f"{'fewer' if narrowed else 'more'} values admitted: {scratch.changes[0].message}"
    context.report(rule, what, side="head", pointer=pointer)
