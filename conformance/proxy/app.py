"""The validating proxy as an ASGI app: forward, check, report.

Each request goes to the upstream as it came (``forward``) and its answer comes back as it was,
plus ``X-Contract-Violations: <n>`` when the exchange broke the contract ``n`` times (request and
response together; failures and deviations alike, ``GET /_proxy/violations`` says which). The
checks run on the buffered request before it leaves and on the buffered answer before it is
passed on; a body past ``observed.BODY_LIMIT`` streams through unbuffered and unchecked.

CORS is the mock's (any origin, preflights answered by the proxy itself, the violations header
exposed), so a browser app pointed at the proxy works as it does against the mock, whatever the
upstream allows. The proxy's own endpoints:

    GET    /_proxy/violations    what broke, newest last (``?kind=failure|deviation``)
    DELETE /_proxy/violations    forget it (counts too), e.g. between two test runs
    GET    /_proxy/health        200 while the proxy runs (it does not ask the upstream)

With ``record``, each exchange is also written down as it is answered (``recording``). With
``enforce``, a request with a failure (not a deviation: the document allows those) is answered
400, a problem listing its violations, and never reaches the upstream.

An upstream that cannot be reached is a 502 problem (504 when it does not answer in time): the
client sees what happened; no contract check applies.
"""

from __future__ import annotations

import itertools
import logging
import time
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import httpx
import orjson
import yaml
from connexion.json_schema import resolve_refs
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from ...server import paths
from ...server.app import cors_options
from ...server.http.problems import PROBLEM_JSON, problem_body
from .checks.memory import Moment
from .checks.requests import Operation, check_request, operations
from .checks.responses import ResponseChecks
from .checks.semantics import Semantics
from .findings import Findings, Violation
from .forward import Upstream, decoded, hop_free, read_upto
from .observed import BODY_LIMIT, Observed, bearer, mask
from .recording import Recorder

logger = logging.getLogger(__name__)

VIOLATIONS_HEADER = "X-Contract-Violations"


class Proxy:
    """Forwards to ``upstream``, checking each exchange against the contract at ``spec``."""

    def __init__(self, upstream: str, findings: Findings, spec: Path = paths.SPEC_PATH,
                 body_limit: int = BODY_LIMIT, callers: dict[str, str] | None = None,
                 record: Path | None = None, enforce: bool = False) -> None:
        with spec.open(encoding="utf-8") as handle:
            contract = resolve_refs(yaml.safe_load(handle))
        self.operations = operations(contract)
        self.responses = ResponseChecks(spec)
        self.upstream = Upstream(upstream)
        self.findings = findings
        self.body_limit = body_limit
        self.semantics = Semantics(callers or {})
        self.recorder = Recorder(record) if record is not None else None
        self.enforce = enforce
        self._ids = itertools.count(1)

    def operation(self, method: str, path: str) -> Operation | None:
        method = "GET" if method == "HEAD" else method
        for operation in self.operations:
            if operation.method == method and operation.pattern.match(path):
                return operation
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        if scope["path"].startswith("/_proxy/"):
            await self._own(scope, receive, send)
            return
        await self._forward(scope, receive, send)

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await self.upstream.open()
                if self.recorder is not None:
                    self.recorder.open()
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await self.upstream.close()
                if self.recorder is not None:
                    self.recorder.close()
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def _forward(self, scope: Scope, receive: Receive, send: Send) -> None:
        raw_headers: list[tuple[bytes, bytes]] = list(scope["headers"])
        headers = [(k.decode("latin-1").lower(), v.decode("latin-1")) for k, v in raw_headers]
        body, more = await _read_request(receive, self.body_limit)
        token = bearer(headers)
        moment = self.semantics.memory.begin(scope["method"])
        try:
            await self._exchange(scope, send, headers, raw_headers, body, more, token, moment)
        finally:
            self.semantics.memory.end(moment)

    async def _exchange(self, scope: Scope, send: Send, headers: list[tuple[str, str]],
                        raw_headers: list[tuple[bytes, bytes]], body: bytes,
                        more: AsyncIterator[bytes] | None, token: str | None,
                        moment: Moment) -> None:
        method, path = scope["method"], scope["path"]
        query = scope.get("query_string", b"").decode("latin-1")
        exchange = Observed(
            id=next(self._ids), at=time.time(), method=method, path=path, query=query,
            request_headers=[(k, mask(k, v)) for k, v in headers],
            request_body=body if more is None else None, authorized=token is not None)
        operation = self.operation(method, path)
        violations = (check_request(operation, exchange) if operation is not None
                      else [_undocumented(exchange)])
        if self.enforce and any(v.kind == "failure" for v in violations):
            await self._refuse(send, exchange, operation, violations)
            return
        target = path + (f"?{query}" if query else "")
        try:
            answer = await self.upstream.send(method, target, raw_headers,
                                              body if more is None else _chain(body, more))
        except httpx.TimeoutException as exc:
            await _problem(send, 504, f"The upstream did not answer in time: {exc!r}")
            return
        except httpx.HTTPError as exc:
            await _problem(send, 502, f"The upstream could not be reached: {exc!r}")
            return
        try:
            chunks, rest = await read_upto(answer, self.body_limit)
            raw = b"".join(chunks)
            answer_headers = [(k.decode("latin-1").lower(), v.decode("latin-1"))
                              for k, v in answer.headers.raw]
            seen = replace(
                exchange, status=answer.status_code,
                response_headers=[(k, mask(k, v)) for k, v in answer_headers],
                # A HEAD answer has no body to check; one past the limit was not kept.
                response_body=None if rest is not None or method == "HEAD" else decoded(
                    raw, answer.headers.get("content-encoding")))
            if operation is not None:
                violations += self._check_response(operation, seen)
                if seen.response_body is not None:
                    violations += self.semantics.check(operation, seen, moment, token)
            self._keep(seen, operation, violations)
            out = _vary_without_origin(hop_free(list(answer.headers.raw)))
            if rest is None:
                out.append((b"content-length", str(len(raw)).encode()))
            if violations:
                out.append((VIOLATIONS_HEADER.lower().encode(), str(len(violations)).encode()))
            await send({"type": "http.response.start", "status": answer.status_code,
                        "headers": out})
            await send({"type": "http.response.body", "body": raw, "more_body": rest is not None})
            if rest is not None:
                async for chunk in rest:
                    await send({"type": "http.response.body", "body": chunk, "more_body": True})
                await send({"type": "http.response.body", "body": b""})
        finally:
            await answer.aclose()

    async def _refuse(self, send: Send, exchange: Observed, operation: Operation | None,
                      violations: list[Violation]) -> None:
        """``--enforce``: a request that breaks the contract answered 400, never forwarded."""
        failures = [v for v in violations if v.kind == "failure"]
        detail = "; ".join(v.message for v in failures[:3])
        body = orjson.dumps(problem_body(
            400, f"The request breaks the contract: {detail}",
            ext={"violations": [{"check": v.check, "kind": v.kind, "message": v.message}
                                for v in violations]}))
        seen = replace(exchange, status=400,
                       response_headers=[("content-type", PROBLEM_JSON)], response_body=body)
        self._keep(seen, operation, violations)
        await send({"type": "http.response.start", "status": 400, "headers": [
            (b"content-type", PROBLEM_JSON.encode()),
            (b"content-length", str(len(body)).encode()),
            (VIOLATIONS_HEADER.lower().encode(), str(len(violations)).encode())]})
        await send({"type": "http.response.body", "body": body})

    def _keep(self, exchange: Observed, operation: Operation | None,
              violations: list[Violation]) -> None:
        """An answered exchange into the findings, and the recording when there is one."""
        operation_id = operation.id if operation is not None else None
        self.findings.add(exchange, operation_id, violations)
        if self.recorder is not None:
            self.recorder.write(exchange, operation_id, len(violations))

    def _check_response(self, operation: Operation, exchange: Observed) -> list[Violation]:
        try:
            return self.responses.check(operation, exchange, self.upstream.url)
        except Exception as exc:  # a check that cannot run is reported, never fatal
            logger.warning("response checks of %s %s could not run: %r", exchange.method,
                           exchange.target, exc)
            return []

    async def _own(self, scope: Scope, receive: Receive, send: Send) -> None:
        method, path = scope["method"], scope["path"]
        if path == "/_proxy/health" and method == "GET":
            await _json(send, 200, {"status": "ok", "upstream": self.upstream.url})
        elif path == "/_proxy/violations" and method == "GET":
            kind = _query_value(scope, "kind")
            if kind not in (None, "failure", "deviation"):
                await _problem(send, 400, "`kind` is `failure` or `deviation`")
                return
            await _json(send, 200, self.findings.to_json(kind))
        elif path == "/_proxy/violations" and method == "DELETE":
            self.findings.clear()
            await send({"type": "http.response.start", "status": 204, "headers": []})
            await send({"type": "http.response.body", "body": b""})
        elif path in ("/_proxy/health", "/_proxy/violations"):
            await _problem(send, 405, f"{method} is not allowed on {path}")
        else:
            await _problem(send, 404, f"The proxy has no endpoint {path}")


def create_proxy(upstream: str, findings: Findings | None = None,
                 spec: Path = paths.SPEC_PATH, origins: tuple[str, ...] = ("*",),
                 body_limit: int = BODY_LIMIT, callers: dict[str, str] | None = None,
                 record: Path | None = None, enforce: bool = False) -> ASGIApp:
    """The proxy app, CORS as the mock's; ``findings`` is where it keeps what it saw,
    ``callers`` the user of each token it knows (``created_by`` is checked against it),
    ``record`` the directory it records the exchanges into (``recording``); with ``enforce`` a
    request that breaks the contract is answered 400 instead of forwarded."""
    proxy = Proxy(upstream, findings or Findings(), spec, body_limit, callers, record, enforce)
    return CORSMiddleware(proxy, **cors_options(origins, ("*",), (VIOLATIONS_HEADER,)))


async def _read_request(receive: Receive,
                        limit: int) -> tuple[bytes, AsyncIterator[bytes] | None]:
    """The request body, whole, with None; or its first ``limit``-odd bytes and the rest as a
    stream."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunk = message.get("body", b"")
        chunks.append(chunk)
        size += len(chunk)
        if not message.get("more_body"):
            break
        if size > limit:
            return b"".join(chunks), _remaining(receive)
    return b"".join(chunks), None


async def _remaining(receive: Receive) -> AsyncIterator[bytes]:
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return
        yield message.get("body", b"")
        if not message.get("more_body"):
            return


async def _chain(first: bytes, rest: AsyncIterator[bytes]) -> AsyncIterator[bytes]:
    yield first
    async for chunk in rest:
        yield chunk


def _vary_without_origin(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    """The upstream's headers less ``Origin`` in ``Vary``, which the CORS layer adds to every
    answer (once)."""
    kept = []
    for name, value in headers:
        if name.lower() == b"vary":
            tokens = [t.strip() for t in value.split(b",") if t.strip().lower() != b"origin"]
            if not tokens:
                continue
            value = b", ".join(tokens)
        kept.append((name, value))
    return kept


def _undocumented(exchange: Observed) -> Violation:
    return Violation("undocumented_operation", "failure",
                     f"no operation of the contract is {exchange.method} {exchange.path}",
                     "request")


def _query_value(scope: Scope, name: str) -> str | None:
    values = parse_qs(scope.get("query_string", b"").decode("latin-1")).get(name)
    return values[0] if values else None


async def _json(send: Send, status: int, value: Any, kind: bytes = b"application/json") -> None:
    body = orjson.dumps(value)
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", kind),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


async def _problem(send: Send, status: int, detail: str) -> None:
    await _json(send, status, problem_body(status, detail), PROBLEM_JSON.encode())
