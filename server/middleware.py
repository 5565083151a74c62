"""ASGI middleware the mock puts in front of Connexion's routing.

* ``BracketArrayQuery``: browsers' query libraries send arrays as ``mediums[]=A&mediums[]=B``;
  the contract says ``mediums=A&mediums=B``. Rewriting the keys before routing lets strict
  validation accept both spellings without declaring a second parameter.
* ``ControlGuard``: the control API only on loopback, or with the control token.
* ``AllowedMethods``: 405 with the contract's methods in ``Allow``.
* ``BodyLimit``: answers 413 for a body over the limit, from ``Content-Length`` when given and
  by counting the bytes of a chunked body otherwise (which it then passes on with a length).
"""

from __future__ import annotations

import hmac
import ipaddress
import re
from typing import Any
from urllib.parse import parse_qsl, urlencode

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.errors import Forbidden, MethodNotAllowed, PayloadTooLarge


class BracketArrayQuery:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        query: bytes = scope.get("query_string", b"")
        if scope["type"] == "http" and (b"[]" in query or b"%5B%5D" in query.upper()):
            # latin-1 both ways keeps every byte as it was sent
            pairs = parse_qsl(query.decode("latin-1"), keep_blank_values=True, encoding="latin-1")
            rewritten = [(k.removesuffix("[]"), v) for k, v in pairs]
            query = urlencode(rewritten, encoding="latin-1").encode("latin-1")
            scope = {**scope, "query_string": query}
        await self.app(scope, receive, send)


class BodyLimit:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        length = headers.get(b"content-length")
        if length is not None:
            if length.isdigit() and int(length) > self.max_bytes:
                raise self._too_large()
            await self.app(scope, receive, send)
            return
        if b"chunked" not in headers.get(b"transfer-encoding", b"").lower():
            await self.app(scope, receive, send)
            return
        # A chunked body: read it whole (within the limit), then hand it on with a
        # Content-Length, which Connexion's body validation needs to see the body at all.
        body = bytearray()
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                break
            body += message.get("body", b"")
            if len(body) > self.max_bytes:
                raise self._too_large()
            more = message.get("more_body", False)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": bytes(body), "more_body": False}
            return await receive()

        fixed = [(k, v) for k, v in scope["headers"] if k != b"transfer-encoding"]
        fixed.append((b"content-length", str(len(body)).encode()))
        await self.app({**scope, "headers": fixed}, replay, send)

    def _too_large(self) -> PayloadTooLarge:
        return PayloadTooLarge(f"The request body is over the limit of {self.max_bytes} bytes.")


class AllowedMethods:
    """Answers 405 with the documented methods in ``Allow`` for a method a path does not have.

    Starlette's router would list only the methods of the first route it matched (`Allow: GET`
    on a path that also takes POST); the contract knows them all. HEAD goes through where GET
    is documented. CORS preflights never reach this (the CORS middleware answers them).
    """

    def __init__(self, app: ASGIApp, methods: dict[str, set[str]]) -> None:
        self.app = app
        self.routes = [
            (re.compile("^" + re.sub(r"\{[^/]+\}", "[^/]+", template) + "/?$"), sorted(allowed))
            # literal segments win over variables (`/stats` before `/{socialPostId}`)
            for template, allowed in sorted(methods.items(), key=lambda kv: kv[0].count("{"))
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            method = scope["method"].upper()
            for pattern, allowed in self.routes:
                if pattern.match(scope["path"]):
                    if method not in allowed and not (method == "HEAD" and "GET" in allowed):
                        raise MethodNotAllowed(method, allowed)
                    break
        await self.app(scope, receive, send)


def documented_methods(spec: dict[str, Any], base_path: str = "") -> dict[str, set[str]]:
    """``{path template: {METHOD, ...}}`` of an OpenAPI document."""
    verbs = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}
    return {
        base_path + path: {method.upper() for method in item if method in verbs}
        for path, item in spec.get("paths", {}).items()
    }


class ControlGuard:
    """Keeps the control API (``/_mock``) to this machine unless a control token is set.

    Without a token only loopback clients may use it; with one, only requests carrying
    ``Authorization: Bearer <control token>``, from anywhere. ``/_mock/health`` stays open
    (load balancers probe it; it changes nothing).
    """

    def __init__(self, app: ASGIApp, token: str | None) -> None:
        self.app = app
        self.token = token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope.get("path", "")
        if scope["type"] == "http" and path.startswith("/_mock") and path != "/_mock/health":
            self._check(scope)
        await self.app(scope, receive, send)

    def _check(self, scope: Scope) -> None:
        if self.token is None:
            client = scope.get("client") or ("", 0)
            if not _is_loopback(client[0]):
                raise Forbidden("The control API answers only on loopback; start the mock with "
                                "--control-token to use it from elsewhere.")
            return
        sent = dict(scope["headers"]).get(b"authorization", b"")
        if not hmac.compare_digest(sent, f"Bearer {self.token}".encode()):
            raise Forbidden("The control API needs 'Authorization: Bearer <control token>'.")


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
