"""ASGI middleware the mock puts in front of Connexion's routing.

* ``ArrayQuery``: array query parameters in every spelling clients use (``mediums[]=A``,
  repeated keys, commas) rewritten to the contract's own before routing, so that strict
  validation accepts them all without declaring a second parameter.
* ``ControlGuard``: the control API only on loopback, or with the control token, and never
  for a browser page of an origin it does not allow.
* ``AllowedMethods``: 405 with the contract's methods in ``Allow``.
* ``ServedSpecServers``: the contract as served at ``/openapi.json`` lists ``/`` as its server
  (Connexion rewrites it to the empty base path, which Swagger UI shows as an empty list).
* ``BodyLimit``: answers 413 for a body over the limit, from ``Content-Length`` when given and
  by counting the bytes of a chunked body otherwise (which it then passes on with a length).
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import re
from typing import Any
from urllib.parse import parse_qsl, urlencode

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import BadRequest, Forbidden, MethodNotAllowed, PayloadTooLarge
from .control_cors import ControlOrigins, is_control, refusal


class ArrayQuery:
    """Every spelling of an array query parameter, turned into the contract's own.

    ``arrays`` maps each array parameter to whether the contract explodes it: ``mediums``
    (repeated keys) or ``associations`` (one comma-separated value). Browsers' query libraries
    send ``name[]=a&name[]=b`` (also percent-encoded), openapi-fetch sends repeated keys, the
    document writes commas: every form and any mixture combines (duplicates dropped for a
    comma parameter). ``name[0]=a`` and the like are no form the mock reads: 400 naming the
    parameter, never a silent drop.
    """

    def __init__(self, app: ASGIApp, arrays: dict[str, bool]) -> None:
        self.app = app
        self.arrays = arrays
        self._joined = [name.encode() + b"=" for name, explode in arrays.items() if not explode]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        query: bytes = scope.get("query_string", b"")
        if scope["type"] == "http" and self._needs_rewrite(query):
            scope = {**scope, "query_string": self._rewrite(query)}
        await self.app(scope, receive, send)

    def _needs_rewrite(self, query: bytes) -> bool:
        return (b"[" in query or b"%5B" in query.upper()
                or any(query.count(key) > 1 for key in self._joined))

    def _rewrite(self, query: bytes) -> bytes:
        # latin-1 both ways keeps every byte as it was sent
        pairs = parse_qsl(query.decode("latin-1"), keep_blank_values=True, encoding="latin-1")
        rewritten: list[tuple[str, str]] = []
        joined: dict[str, tuple[int, list[str]]] = {}  # name -> (its place, its values)
        for key, value in pairs:
            name = key.removesuffix("[]")
            base, bracket, _ = key.partition("[")
            if bracket and name == key and base in self.arrays:
                raise BadRequest(
                    f"Query parameter '{base}': '{key}' is not a form the mock reads; send "
                    f"{base}=a,b or {base}=a&{base}=b or {base}[]=a&{base}[]=b.",
                    field=base,
                )
            if self.arrays.get(name) is False:
                if name not in joined:
                    joined[name] = (len(rewritten), [])
                    rewritten.append((name, ""))  # filled in below, once all values are read
                joined[name][1].extend(value.split(","))
            else:
                rewritten.append((name, value))
        for name, (place, values) in joined.items():
            rewritten[place] = (name, ",".join(dict.fromkeys(values)))  # duplicates dropped
        return urlencode(rewritten, encoding="latin-1").encode("latin-1")


def array_parameters(spec: dict[str, Any]) -> dict[str, bool]:
    """``{name: explode}`` of every array query parameter of an OpenAPI document."""
    found: dict[str, bool] = {}
    refs = spec.get("components", {}).get("parameters", {})
    for item in spec.get("paths", {}).values():
        operations = [op for key, op in item.items()
                      if isinstance(op, dict) and key != "parameters"]
        for parameter in [*item.get("parameters", []),
                          *(p for op in operations for p in op.get("parameters", []))]:
            if "$ref" in parameter:
                parameter = refs.get(parameter["$ref"].rsplit("/", 1)[-1], {})
            is_array = parameter.get("schema", {}).get("type") == "array"
            if parameter.get("in") == "query" and is_array:
                style = parameter.get("style", "form")
                found[parameter["name"]] = parameter.get("explode", style == "form")
    return found


class ServedSpecServers:
    """Serves ``/openapi.json`` with a usable ``servers`` list.

    Connexion rewrites each served spec's ``servers`` to the API's base path; for an API at the
    root that is ``""``, and Swagger UI offers an empty choice. An empty url becomes ``/`` (this
    server), which is what the contract says.
    """

    def __init__(self, app: ASGIApp, paths: tuple[str, ...] = ("/openapi.json",)) -> None:
        self.app = app
        self.paths = paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] not in self.paths:
            await self.app(scope, receive, send)
            return
        start: Message = {}
        body = bytearray()

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                return
            body.extend(message.get("body", b""))
            if message.get("more_body"):
                return
            content = bytes(body)
            if start.get("status") == 200:
                content = _with_servers(content)
            headers = [(k, v) for k, v in start.get("headers", []) if k != b"content-length"]
            headers.append((b"content-length", str(len(content)).encode()))
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": content})

        await self.app(scope, receive, capture)


def _with_servers(content: bytes) -> bytes:
    spec = json.loads(content)
    servers = spec.get("servers") or [{}]
    for server in servers:
        if not server.get("url"):
            server["url"] = "/"
    spec["servers"] = servers
    return json.dumps(spec).encode()


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
    """Keeps the control API (``/_mock``) to this machine, and to pages it trusts.

    Without a token only loopback clients may use it; with one, only requests carrying
    ``Authorization: Bearer <control token>``, from anywhere. Either way a browser's request for
    a page of another origin is refused unless ``origins`` allows it (``control_cors``: the
    browser is a loopback client too). ``/_mock/health`` stays open (load balancers probe it; it
    changes nothing).
    """

    def __init__(self, app: ASGIApp, token: str | None, origins: tuple[str, ...] = ()) -> None:
        self.app = app
        self.token = token
        self.origins = ControlOrigins(origins)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and is_control(scope.get("path", "")):
            self._check(scope)
        await self.app(scope, receive, send)

    def _check(self, scope: Scope) -> None:
        if self.token is None:
            client = scope.get("client") or ("", 0)
            if not _is_loopback(client[0]):
                raise Forbidden("The control API answers only on loopback; start the mock with "
                                "--control-token to use it from elsewhere.")
        else:
            sent = dict(scope["headers"]).get(b"authorization", b"")
            if not hmac.compare_digest(sent, f"Bearer {self.token}".encode()):
                raise Forbidden("The control API needs 'Authorization: Bearer <control token>'.")
        origin = self.origins.refused(scope)
        if origin is not None:
            raise refusal(origin)


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
