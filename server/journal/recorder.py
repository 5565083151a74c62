"""The ASGI layer that writes every API request into its session's journal.

It sits just inside the session router (which names the session and the operation in the
scope's ``Exchange``) and outside everything that may answer: CORS, faults and ``Prefer``,
Connexion. Recorded: every request but the control API (``/_mock…``) and the documentation
(``/ui…``, ``/openapi.json``): unknown paths and CORS preflights included, so a client's wrong
URL shows up too. The entry is written in a ``finally``: a request whose connection a fault
closed, or whose handler raised, is there (``status`` null, ``fault`` set when a fault did it).

On the hot path it only keeps references: the header lists and body chunks the messages
carried; nothing is copied, decoded or parsed until someone queries the journal.
"""

from __future__ import annotations

import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..sessions.exchange import EXCHANGE, Exchange
from .entry import BODY_LIMIT, Entry, Headers

# Paths never recorded: the control API and the documentation.
UNRECORDED = ("/_mock", "/ui", "/openapi.json", "/openapi.yaml", "/favicon.ico")


class Recorder:
    def __init__(self, app: ASGIApp, unrecorded: tuple[str, ...] = UNRECORDED) -> None:
        self.app = app
        self.unrecorded = unrecorded

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        exchange: Exchange | None = scope.get(EXCHANGE) if scope["type"] == "http" else None
        if (exchange is None or exchange.session.journal.size <= 0
                or exchange.path.startswith(self.unrecorded)):
            await self.app(scope, receive, send)
            return
        at = time.time()
        now = exchange.session.clock.now()
        request_body: list[bytes] = []
        response_body: list[bytes] = []
        status: int | None = None
        response_headers: Headers = []
        read_all = False

        async def receiving() -> Message:
            nonlocal read_all
            message = await receive()
            body = message.get("body")
            if body:
                request_body.append(body)
            if not message.get("more_body"):
                read_all = True
            return message

        async def sending(message: Message) -> None:
            nonlocal status, response_headers
            if message["type"] == "http.response.start":
                status = message["status"]
                # A copy: a layer outside may add to this very list (CORS does, in place).
                response_headers = list(message.get("headers", ()))
            else:
                body = message.get("body")
                if body:
                    response_body.append(body)
            await send(message)

        answered = 0.0
        try:
            await self.app(scope, receiving, sending)
            answered = time.perf_counter()
            if not read_all and _declares_body(scope["headers"]):
                # Answered without reading the body (a fault, Prefer, a 401): the journal
                # still shows what the client sent.
                await _drain(receive, request_body)
        finally:
            exchange.session.journal.record(Entry(
                at=at, now=now, session=exchange.session.name, method=scope["method"],
                path=exchange.path, query=scope.get("query_string", b""),
                operation=exchange.operation, request_headers=scope["headers"],
                request_body=request_body, status=status, response_headers=response_headers,
                response_body=response_body,
                duration_ms=((answered or time.perf_counter()) - exchange.started) * 1000.0,
                fault=exchange.fault,
            ))


def _declares_body(headers: Headers) -> bool:
    for name, value in headers:
        if (name == b"content-length" and value != b"0") or name == b"transfer-encoding":
            return True
    return False


async def _drain(receive: Receive, chunks: list[bytes]) -> None:
    """Read what is left of a request body (up to what the journal shows of it)."""
    size = sum(map(len, chunks))
    while size <= BODY_LIMIT:
        message = await receive()
        if message["type"] != "http.request":
            return
        body = message.get("body", b"")
        if body:
            chunks.append(body)
            size += len(body)
        if not message.get("more_body"):
            return
