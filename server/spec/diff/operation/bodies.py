"""Request bodies compared: present or not, required or not, media types, and their schemas."""

from __future__ import annotations

from ..findings import Scope
from ..load.refs import Node
from ..schema.context import Direction
from .content import compare_content

__all__ = ["compare_request_body"]


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
    compare_content(scope, Direction.REQUEST, "request body", before, after)
