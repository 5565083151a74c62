"""The steering layer: answers a client asked for, or a session's fault rules impose.

For each request to an operation of the contract (never the control API, the UI or an unknown
path), as the session router's ``Exchange`` names it (no exchange: nothing is steered), in this
order:

1. ``Prefer: code=…`` / ``example=…`` answers the documented response (``prefer``), before
   authentication and validation (a frontend sees its error states without crafting a bad
   request) and without calling the handler: nothing is written.
2. Otherwise the session's fault rules are counted; the first that fires answers its status
   (problem+json), breaks the connection, or delays the request, which is then handled.
3. ``latency_ms`` (``serve --latency``) delays every API answer, forced and faulted ones too.

A forced or faulted answer carries ``X-Mock-Fault`` (``prefer`` or the rule's id) and sets the
exchange's ``fault``. This layer sits outside Connexion's exception handling, so it renders its
own problems (with ``http.problems``' body) instead of raising them.
"""

from __future__ import annotations

import asyncio
import json
import random
from typing import Any

import anyio
import orjson
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import ApiError
from ..http.buffering import buffer_body
from ..http.freshness import refresh_once
from ..http.problems import PROBLEM_JSON, problem_body
from ..sessions.exchange import Exchange, exchange_of
from ..store.postgres.database import RETRY_AFTER
from .connection import MALFORMED_JSON, break_connection
from .latency import Range, pick_seconds
from .prefer import Forced, ForcedAnswers, parse_prefer
from .rules import Firing, Incoming

FAULT_HEADER = "X-Mock-Fault"
PREFER = "prefer"
UNAVAILABLE = "The mock's database is unreachable; try again shortly."
# Bodies over this are not read to match a rule's ``body`` (they are never matched).
MAX_MATCHED_BODY = 1 << 20


class Steering:
    def __init__(self, app: ASGIApp, spec: dict[str, Any],
                 latency_ms: Range | None = None) -> None:
        self.app = app
        self.answers = ForcedAnswers(spec)
        self.latency_ms = latency_ms
        self.draw = random.Random()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        exchange = exchange_of(scope) if scope["type"] == "http" else None
        if exchange is None or exchange.operation is None:  # not the contract's API
            await self.app(scope, receive, send)
            return
        prefers = any(name == b"prefer" for name, _ in scope["headers"])
        # A shared store: the fault rules as every replica has them (one round trip, off the
        # loop; the handler's reads in this request then need none).
        if not await refresh_once(exchange.session):
            # The database is out of reach: nothing current can be answered, not even from a
            # cache (a 503 problem at once, as the store's own errors are).
            await _respond(send, _problem(503, UNAVAILABLE), None, RETRY_AFTER)
            return
        if not (prefers or exchange.session.faults or self.latency_ms):
            await self.app(scope, receive, send)  # the common case, at the least cost
            return
        # An observer's request (X-Mock-Quiet): no fault rule, no latency; Prefer still holds.
        delay = 0.0 if exchange.quiet else pick_seconds(self.latency_ms, self.draw)
        forced = self._preferred(exchange.operation, Headers(scope=scope)) if prefers else None
        if forced is not None:
            exchange.fault = PREFER
            await _sleep(delay)
            await _respond(send, forced, PREFER)
            return
        receive, firing = ((receive, None) if exchange.quiet
                           else await self._fire(exchange, exchange.operation, scope, receive))
        if firing is None:
            await _sleep(delay)
            await self.app(scope, receive, send)
            return
        exchange.fault = firing.rule
        await _sleep(delay + firing.delay_seconds)
        await self._apply(firing, exchange, scope, receive, send)

    def _preferred(self, operation: str, headers: Headers) -> Forced | None:
        """The answer ``Prefer`` forces (a 400 problem when it cannot); None: nothing preferred."""
        try:
            preference = parse_prefer(headers.getlist("prefer"))
            if preference is None:
                return None
            return self.answers.answer(operation, preference, headers.get("accept", ""))
        except ApiError as error:
            return _problem(error.status, error.detail, error.ext)

    async def _fire(self, exchange: Exchange, operation: str, scope: Scope,
                    receive: Receive) -> tuple[Receive, Firing | None]:
        """The rule that fires for this request, if any (its body read only if a rule needs
        it), and the ``receive`` the inner app must read the body from."""
        rules = exchange.session.faults
        request = Incoming(operation, scope["method"].upper(), exchange.path)
        if rules.needs_body(request):
            receive, body = await _read_body(receive)
            request = Incoming(operation, request.method, request.path, body)
        if rules.shared:  # counting is a transaction in the database: off the loop
            return receive, await anyio.to_thread.run_sync(rules.fire, request, self.draw)
        return receive, rules.fire(request, self.draw)

    async def _apply(self, firing: Firing, exchange: Exchange, scope: Scope, receive: Receive,
                     send: Send) -> None:
        effect = firing.effect
        if effect.status is not None:
            detail = effect.message or (
                f"Fault {firing.rule} (the mock's control API) answers {effect.status} instead "
                f"of handling this request."
            )
            await _respond(send, _problem(effect.status, detail), firing.rule)
        elif effect.connection == "malformed-json":
            await _respond(send, Forced(200, "application/json", MALFORMED_JSON), firing.rule)
        elif effect.connection is not None:
            if effect.connection == "empty-response":
                # Read what was sent first: closing on unread bytes makes the kernel answer
                # with a reset, not the clean close this fault promises.
                await _read_body(receive)
            await break_connection(effect.connection, exchange.server_send)
        else:
            await self.app(scope, receive, _marking(send, firing.rule))


async def _sleep(seconds: float) -> None:
    if seconds > 0:
        await asyncio.sleep(seconds)


def _problem(status: int, detail: str, ext: dict[str, Any] | None = None) -> Forced:
    body = problem_body(status, detail, ext=ext)
    return Forced(status, PROBLEM_JSON, orjson.dumps(body))


async def _respond(send: Send, answer: Forced, fault: str | None,
                   retry_after: int | None = None) -> None:
    headers = [(b"content-length", str(len(answer.body)).encode())]
    if fault is not None:
        headers.append((FAULT_HEADER.lower().encode(), fault.encode()))
    if retry_after is not None:
        headers.append((b"retry-after", str(retry_after).encode()))
    if answer.media_type is not None:
        headers.append((b"content-type", answer.media_type.encode()))
    if answer.status == 401:
        headers.append((b"www-authenticate", b"Bearer"))
    await send({"type": "http.response.start", "status": answer.status, "headers": headers})
    await send({"type": "http.response.body", "body": answer.body})


def _marking(send: Send, fault: str) -> Send:
    """``send`` adding ``X-Mock-Fault`` to the handler's answer (a delay rule fired)."""

    async def marked(message: Message) -> None:
        if message["type"] == "http.response.start":
            message = {**message, "headers": [*message.get("headers", []),
                                               (FAULT_HEADER.lower().encode(), fault.encode())]}
        await send(message)

    return marked


async def _read_body(receive: Receive) -> tuple[Receive, Any]:
    """The request's parsed JSON body (None when it is not JSON or too large), and a
    ``receive`` that hands the inner app every message read, then the rest."""
    buffered = await buffer_body(receive, MAX_MATCHED_BODY)
    body: Any = None
    if buffered.raw:
        try:
            body = json.loads(buffered.raw)
        except ValueError:
            body = None
    return buffered.receive, body
