"""The ASGI layer that writes every API request into its session's journal.

It sits just inside the session router (which names the session and the operation in the
scope's ``Exchange``) and outside everything that may answer: CORS, faults and ``Prefer``,
Connexion. Recorded: every request but the control API (``/_mock…``), the documentation
(``/ui…``, ``/openapi.json``) and requests marked ``X-Mock-Quiet`` (an observer's reads):
unknown paths and CORS preflights included, so a client's wrong URL shows up too. The entry is
written in a ``finally``: a request whose connection a fault closed, or whose handler raised,
is there (``status`` null, ``fault`` set when a fault did it).

A shared journal (the PostgreSQL store) is written before the answer's last bytes are sent, off
the event loop: a client that has its answer finds the request through any replica.

On the hot path it only keeps references: the header lists and body chunks the messages
carried (a page's pieces, shared with other answers, rather than its joined copy: ``pieced``);
nothing is copied, decoded or parsed until someone queries the journal.
"""

from __future__ import annotations

import logging
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..http.pieced import pieces_of
from ..sessions.exchange import EXCHANGE, Exchange
from .entry import BODY_LIMIT, Entry, Headers

logger = logging.getLogger(__name__)

# Paths never recorded: the control API and the documentation.
UNRECORDED = ("/_mock", "/ui", "/openapi.json", "/openapi.yaml", "/favicon.ico")


class Recorder:
    def __init__(self, app: ASGIApp, unrecorded: tuple[str, ...] = UNRECORDED) -> None:
        self.app = app
        self.unrecorded = unrecorded

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        exchange: Exchange | None = scope.get(EXCHANGE) if scope["type"] == "http" else None
        if (exchange is None or exchange.quiet or exchange.session.journal.size <= 0
                or exchange.path.startswith(self.unrecorded)):
            await self.app(scope, receive, send)
            return
        capture = _Capture(exchange, scope, receive, send)
        try:
            # A request without a body (a GET, mostly) has nothing to keep of what it reads.
            await self.app(scope, capture.receiving if capture.has_body else receive,
                           capture.sending)
            capture.answered = time.perf_counter()
            if not capture.read_all:  # no answer at all (a connection fault)
                await _drain(receive, capture.request_body)
        finally:
            if not capture.recorded:
                await capture.record()


class _Capture:
    """What one request's messages carried, by reference, until it is recorded."""

    __slots__ = ("exchange", "scope", "receive", "send", "at", "now", "has_body", "read_all",
                 "request_body", "response_body", "response_size", "status", "response_headers",
                 "answered", "recorded")

    def __init__(self, exchange: Exchange, scope: Scope, receive: Receive, send: Send) -> None:
        self.exchange = exchange
        self.scope = scope
        self.receive = receive
        self.send = send
        self.at = time.time()
        self.now = exchange.session.clock.now()
        self.has_body = _declares_body(scope["headers"])
        self.read_all = not self.has_body
        self.request_body: list[bytes] = []
        self.response_body: list[bytes] = []
        self.response_size = 0
        self.status: int | None = None
        self.response_headers: Headers = ()
        self.answered = 0.0
        self.recorded = False

    async def record(self) -> None:
        """Into the session's journal; a shared journal's round trip is made off the loop."""
        self.recorded = True
        journal = self.exchange.session.journal
        if not journal.shared:
            journal.record(self.entry())
            return
        try:
            await journal.record_off_loop(self.entry())
        except Exception as exc:  # the database down, the session dropped: still answer
            logger.warning("request not journaled: %r", exc)

    async def receiving(self) -> Message:
        message = await self.receive()
        body = message.get("body")
        if body:
            self.request_body.append(body)
        if not message.get("more_body"):
            self.read_all = True
        return message

    async def sending(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            if not self.read_all:
                # Answered without reading the body (a fault, Prefer, a 401): read it now, as
                # once the answer is complete the server has nothing more to give.
                await _drain(self.receive, self.request_body)
                self.read_all = True
            self.status = message["status"]
            # Kept as it is: the layers inside (CORS) add to it before it reaches here.
            self.response_headers = message.get("headers", ())
        else:
            # A page's pieces, shared with other answers, rather than its joined copy.
            self.response_body.extend(pieces_of(message))
            self.response_size += len(message.get("body", b""))
            if not message.get("more_body") and self.exchange.session.journal.shared:
                # In the journal before the client has its answer: any replica it asks next
                # lists this request.
                self.answered = time.perf_counter()
                await self.record()
        await self.send(message)

    def entry(self) -> Entry:
        exchange, scope = self.exchange, self.scope
        return Entry(
            at=self.at, now=self.now, session=exchange.session.name, method=scope["method"],
            path=exchange.path, query=scope.get("query_string", b""),
            operation=exchange.operation, request_headers=scope["headers"],
            request_body=self.request_body, status=self.status,
            response_headers=self.response_headers, response_body=self.response_body,
            duration_ms=((self.answered or time.perf_counter()) - exchange.started) * 1000.0,
            fault=exchange.fault, response_size=self.response_size,
        )


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
