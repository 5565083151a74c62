"""Security compared per operation: can every client still authenticate the way it did?

An operation's requirements are its own ``security``, else the document's. Each alternative is a
set of schemes, each with scopes; an empty alternative (``{}``), or no requirement at all, lets
anonymous clients in. Schemes are compared by what they are (type, scheme, where the key goes,
flows), not by the name the document gives them, and never by descriptions or ``x-*``
extensions. A client holding the credentials of one BASE alternative still gets in when some
HEAD alternative asks for no more than that: the same schemes (or fewer) with the same scopes
(or fewer).
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from ..findings import Scope
from ..load.refs import Node, Resolver

__all__ = ["compare_security"]

# One alternative: each scheme (as canonical text) with the scopes it asks for.
Alternative = frozenset[tuple[str, frozenset[str]]]


def _requirements(operation: Node, document: Node) -> Node | None:
    own = operation.child("security")
    return own if own is not None else document.child("security")


def _scheme(name: str, document: Node, resolver: Resolver) -> str:
    schemes = (document.child("components") or Node({}, "")).child("securitySchemes")
    declared = schemes.child(name) if schemes else None
    if declared is None:
        return json.dumps({"undeclared": name})
    scheme = resolver.resolve(declared).value
    if not isinstance(scheme, dict):
        return json.dumps({"undeclared": name})
    kept = {
        key: value.lower() if key == "scheme" and isinstance(value, str) else value
        for key, value in scheme.items()
        if key != "description" and not key.startswith("x-")
    }
    return json.dumps(kept, sort_keys=True, default=str)


def _alternatives(listed: Node | None, document: Node, resolver: Resolver) -> set[Alternative]:
    alternatives: set[Alternative] = set()
    for requirement in listed.items() if listed else ():
        alternatives.add(
            frozenset(
                (_scheme(name, document, resolver), frozenset(_scopes(scopes.value)))
                for name, scopes in requirement.members()
            )
        )
    return alternatives or {frozenset()}


def _scopes(value: object) -> Iterable[str]:
    return [scope for scope in value if isinstance(scope, str)] if isinstance(value, list) else []


def _describe(listed: Node | None) -> str:
    """``bearerAuth``, ``apiKey and oauth2 [read]``, ``anonymous``: alternatives joined by or."""
    shown = []
    for requirement in listed.items() if listed else ():
        schemes = [
            f"{name} [{', '.join(_scopes(scopes.value))}]" if _scopes(scopes.value) else name
            for name, scopes in requirement.members()
        ]
        shown.append(" and ".join(schemes) or "anonymous")
    return " or ".join(shown) or "anonymous"


def _admits(head: set[Alternative], held: Alternative) -> bool:
    """Whether a client holding ``held`` satisfies some alternative of ``head``."""
    credentials = dict(held)
    return any(
        all(scheme in credentials and scopes <= credentials[scheme] for scheme, scopes in wanted)
        for wanted in head
    )


def compare_security(scope: Scope, base: Node, head: Node) -> None:
    """Report how the security of operation ``head`` differs from that of ``base``."""
    findings = scope.findings
    base_document = Node(findings.base.document, "")
    head_document = Node(findings.head.document, "")
    listed = _requirements(head, head_document)
    before = _alternatives(_requirements(base, base_document), base_document, scope.base)
    after = _alternatives(listed, head_document, scope.head)
    if before == after:
        return
    pointer = listed.pointer if listed is not None else head.pointer
    now = f"now {_describe(listed)}"
    if all(_admits(after, held) for held in before):
        what = f"security relaxed ({now}): every client's credentials are still accepted"
        scope.report("api-security-removed", what, side="head", pointer=pointer)
    elif frozenset() in before:
        what = f"security added ({now}): anonymous clients are refused"
        scope.report("api-security-added", what, side="head", pointer=pointer)
    else:
        what = f"security changed ({now}): credentials some clients use are no longer accepted"
        scope.report("api-security-changed", what, side="head", pointer=pointer)
