"""A body's ``content`` compared, request or response: media types and their schemas."""

from __future__ import annotations

from ..findings import Scope
from ..load.refs import Node
from ..schema.context import Context, Direction, Place
from ..schema.schema_diff import compare_schema

__all__ = ["compare_content", "media_types"]


def media_types(node: Node) -> dict[str, Node]:
    """The ``content`` entries of a body or response, keyed by media type in lower case."""
    content = node.child("content")
    return {name.lower(): media for name, media in content.members()} if content else {}


def compare_content(
    scope: Scope, direction: Direction, subject: str, before: Node, after: Node
) -> None:
    """Report media types removed and added (``request-media-type-removed``, …) and compare the
    schema of each media type both sides have; ``subject`` names the body in messages."""
    old_types, new_types = media_types(before), media_types(after)
    side = direction.value
    for name, media in old_types.items():
        if name not in new_types:
            what = f"{subject} media type {name} removed"
            scope.report(f"{side}-media-type-removed", what, side="base", pointer=media.pointer)
    for name, media in new_types.items():
        old = old_types.get(name)
        if old is None:
            what = f"{subject} media type {name} added"
            scope.report(f"{side}-media-type-added", what, side="head", pointer=media.pointer)
            continue
        old_schema, new_schema = old.child("schema"), media.child("schema")
        compare_schema(
            Context(scope, direction, Place(f"{subject} ({name})")),
            (old_schema,) if old_schema else (),
            (new_schema,) if new_schema else (),
            base_at=old.pointer,
            head_at=media.pointer,
        )
