"""Responses compared: status codes, media types, headers, and the schemas clients read.

A status is a success when it is 2xx (``200``, ``2XX``); ``default`` and the rest are not.
Clients are written against the successes they were promised, so removing one breaks them and
adding one may; error statuses are mostly handled generically.
"""

from __future__ import annotations

from ..findings import Scope
from ..load.refs import Node
from ..schema.context import Context, Direction, Place
from ..schema.schema_diff import compare_schema
from .content import compare_content
from .parameters import schema_parts

__all__ = ["compare_responses"]


def _statuses(operation: Node) -> dict[str, Node]:
    responses = operation.child("responses")
    return {code.upper(): entry for code, entry in responses.members()} if responses else {}


def _kind(code: str) -> str:
    return "success" if code.startswith("2") else "non-success"


def compare_responses(scope: Scope, base: Node, head: Node) -> None:
    """Report how the responses of operation ``head`` differ from those of ``base``."""
    before, after = _statuses(base), _statuses(head)
    for code, entry in before.items():
        if code not in after:
            rule = f"response-{_kind(code)}-status-removed"
            scope.report(rule, f"response {code} removed", side="base", pointer=entry.pointer)
    for code, entry in after.items():
        if code not in before:
            rule = f"response-{_kind(code)}-status-added"
            scope.report(rule, f"response {code} added", side="head", pointer=entry.pointer)
        else:
            _compare_response(
                scope, code, scope.base.resolve(before[code]), scope.head.resolve(entry)
            )


def _compare_response(scope: Scope, code: str, before: Node, after: Node) -> None:
    compare_content(scope, Direction.RESPONSE, f"response {code}", before, after)
    _compare_headers(scope, code, before, after)


def _headers(response: Node) -> dict[str, tuple[str, Node]]:
    """Header names in lower case (HTTP ignores case), to the name as written and the header."""
    headers = response.child("headers")
    return {name.lower(): (name, entry) for name, entry in headers.members()} if headers else {}


def _compare_headers(scope: Scope, code: str, before: Node, after: Node) -> None:
    new_headers = _headers(after)
    for key, (name, entry) in _headers(before).items():
        if key not in new_headers:
            what = f"response {code} header `{name}` removed"
            scope.report("response-header-removed", what, side="base", pointer=entry.pointer)
            continue
        name, new_entry = new_headers[key]
        old, new = scope.base.resolve(entry), scope.head.resolve(new_entry)
        compare_schema(
            Context(scope, Direction.RESPONSE, Place(f"response {code} header `{name}`")),
            schema_parts(old),
            schema_parts(new),
            base_at=old.pointer,
            head_at=new.pointer,
        )
