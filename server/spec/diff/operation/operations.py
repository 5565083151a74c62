"""Operations matched across BASE and HEAD, and each pair compared.

Operations are matched by method and path template with parameter names blanked
(``/brands/{}/social-posts``): a renamed path parameter is the same URL. An operation only in
BASE was removed (how badly depends on its deprecation and ``x-sunset`` date), one only in HEAD
was added; a pair is compared for deprecation, operationId, security, parameters, request body
and responses.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator

from ..findings import Findings, Operation, Scope
from ..load.refs import Node, Resolver
from .bodies import compare_request_body
from .parameters import Site, compare_parameters
from .responses import compare_responses
from .security import compare_security

__all__ = ["compare_operations"]

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_VARIABLE = re.compile(r"\{[^{}/]*\}")


def _sites(document: dict[str, object], resolver: Resolver) -> Iterator[tuple[str, Site]]:
    paths = Node(document, "").child("paths")
    for path, entry in paths.members() if paths else ():
        item = resolver.resolve(entry)
        for method in METHODS:
            operation = item.child(method)
            if operation is not None and isinstance(operation.value, dict):
                yield f"{method} {_VARIABLE.sub('{}', path)}", Site(path, method, item, operation)


def _operation(site: Site) -> Operation:
    operation_id = site.operation.get("operationId")
    return Operation(
        site.method, site.path, operation_id if isinstance(operation_id, str) else None
    )


def _sunset(operation: Node) -> datetime.date | None:
    value = operation.get("x-sunset")
    try:
        return datetime.date.fromisoformat(str(value)[:10]) if value is not None else None
    except ValueError:
        return None


def compare_operations(findings: Findings, today: datetime.date) -> None:
    """Report every operation added, removed or changed."""
    before = dict(_sites(findings.base.document, findings.base_resolver))
    after = dict(_sites(findings.head.document, findings.head_resolver))
    for key, site in before.items():
        if key not in after:
            _removed(findings, site, today)
    for key, site in after.items():
        old = before.get(key)
        if old is None:
            findings.report(
                "endpoint-added",
                "operation added",
                side="head",
                pointer=site.operation.pointer,
                operation=_operation(site),
            )
        else:
            _compare(Scope(findings, _operation(site)), old, site)


def _removed(findings: Findings, site: Site, today: datetime.date) -> None:
    sunset = _sunset(site.operation)
    if site.operation.get("deprecated") is not True:
        rule, what = "api-removed-without-deprecation", "operation removed without deprecation"
    elif sunset is not None and sunset > today:
        rule, what = "api-removed-before-sunset", f"operation removed before its sunset {sunset}"
    else:
        rule, what = "api-removed-with-deprecation", "deprecated operation removed"
    pointer = site.operation.pointer
    findings.report(rule, what, side="base", pointer=pointer, operation=_operation(site))


def _compare(scope: Scope, base: Site, head: Site) -> None:
    _compare_deprecation(scope, base.operation, head.operation)
    _compare_operation_id(scope, base.operation, head.operation)
    compare_security(scope, base.operation, head.operation)
    compare_parameters(scope, base, head)
    compare_request_body(scope, base.operation, head.operation)
    compare_responses(scope, base.operation, head.operation)


def _compare_deprecation(scope: Scope, base: Node, head: Node) -> None:
    was, now = base.get("deprecated") is True, head.get("deprecated") is True
    if was == now:
        return
    where = head.child("deprecated") or head
    if not now:
        scope.report(
            "endpoint-reactivated", "no longer deprecated", side="head", pointer=where.pointer
        )
    elif head.get("x-sunset") is None:
        what = "deprecated without an x-sunset date"
        scope.report("api-deprecated-sunset-missing", what, side="head", pointer=where.pointer)
    else:
        what = f"deprecated, sunset {head.get('x-sunset')}"
        scope.report("endpoint-deprecated", what, side="head", pointer=where.pointer)


def _compare_operation_id(scope: Scope, base: Node, head: Node) -> None:
    was, now = base.child("operationId"), head.child("operationId")
    if was is not None and now is not None and was.value != now.value:
        what = f"operationId {was.value} renamed {now.value}"
        scope.report("api-operation-id-removed", what, side="head", pointer=now.pointer)
    elif was is not None and now is None:
        what = f"operationId {was.value} removed"
        scope.report("api-operation-id-removed", what, side="base", pointer=was.pointer)
    elif was is None and now is not None:
        what = f"operationId {now.value} added"
        scope.report("api-operation-id-added", what, side="head", pointer=now.pointer)
