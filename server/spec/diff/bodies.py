"""Request bodies compared: present or not, required or not, media types, and their schemas."""

from __future__ import annotations

from socialpost.server.spec.diff.context import Context, Direction, Place
from socialpost.server.spec.diff.findings import Scope
from socialpost.server.spec.diff.refs import Node
from socialpost.server.spec.diff.schema_diff import compare_schema

__all__ = ["compare_request_body", "media_types"]


def media_types(node: Node) -> dict[str, Node]:
    """The ``content`` entries of a body or response, keyed by media type in lower case."""
    content = node.child("content")
    return {name.lower(): media for name, media in content.members()} if content else {}


def compare_request_body(scope: Scope, base: Node, head: Node) -> None:
    """Report how the request body of operation ``head`` differs from that of ``base``."""
    before_entry, after_entry = base.child("requestBody"), head.child("requestBody")
    if after_entry is None:
        if before_entry is not None:
            what = "request body removed"
            scope.report("request-body-removed", what, side="base", pointer=before_entry.pointer)
        return
    after = scope.head.resolve(after_entry)
    required = after.get("required") is True
    if before_entry is None:
        rule = "request-body-became-required" if required else "request-body-added"
        what = f"{'required' if required else 'optional'} request body added"
        scope.report(rule, what, side="head", pointer=after_entry.pointer)
        return
    before = scope.base.resolve(before_entry)
    if (before.get("required") is True) != required:
        became = "required" if required else "optional"
        where = after.child("required") or after
        rule = f"request-body-became-{became}"
        scope.report(rule, f"request body became {became}", side="head", pointer=where.pointer)
    old_types, new_types = media_types(before), media_types(after)
    for name, media in old_types.items():
        if name not in new_types:
            what = f"request body media type {name} removed"
            scope.report("request-media-type-removed", what, side="base", pointer=media.pointer)
    for name, media in new_types.items():
        old = old_types.get(name)
        if old is None:
            what = f"request body media type {name} added"
            scope.report("request-media-type-added", what, side="head", pointer=media.pointer)
            continue
        old_schema, new_schema = old.child("schema"), media.child("schema")
        compare_schema(
            Context(scope, Direction.REQUEST, Place(f"request body ({name})")),
            (old_schema,) if old_schema else (),
            (new_schema,) if new_schema else (),
            base_at=old.pointer,
            head_at=media.pointer,
        )
