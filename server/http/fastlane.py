"""The happy path of the hottest operations, answered without Connexion's per-request machinery.

Routing, security, parameter parsing (twice), decorators and the validation middleware cost
Connexion about three times what listing a page of posts does. For the operations it is given
handlers for (``listSocialPosts`` and ``createSocialPost``), this layer answers a request it is
certain Connexion would accept, and hands every other request, unchanged (a body it read is
replayed), to the app inside it:

* the session router's ``Exchange`` names the operation, with its exact method and path;
* ``Authorization: Bearer <token>`` with a token the session's store knows;
* no ``Accept``, or one that takes ``application/json``;
* every query parameter a declared one, in its plain spelling, valid (``lanes.Lane.admit``);
* for a body: ``Content-Type: application/json`` (charset utf-8 at most), a ``Content-Length``
  within the limit, strict JSON the compiled validator of the request schema accepts (its
  objects are flat: no body it accepts nests deeper than ``validation.MAX_DEPTH``).

The handler is the one Connexion's handler calls; a refusal it raises (``ApiError``: 403, 404,
...) is raised before anything is written, and the request goes to Connexion, which answers
it. The answer is validated against the operation's ``200`` schema as
``validation.CompiledResponseValidator`` validates it (a non-conforming one is the same 500
problem) and made by the same jsonifier, with the same headers. A page (``pages.paged``) is
validated and written item by item, each item's text remembered (``pages.write_page``): the
same bytes, sent with the pieces they join (``pieced``), and the long way
(``CompiledResponseValidator``, the jsonifier) for anything else.
"""

from __future__ import annotations

import logging
from typing import Any

import orjson
from connexion.exceptions import NonConformingResponseBody
from connexion.jsonifier import Jsonifier
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from ..errors import ApiError, ServiceUnavailable
from ..sessions.exchange import exchange_of
from .buffering import buffer_body
from .jsonify import BODY, encoded
from .lanes import Handler, Lane, build_lanes
from .pages import ValidItems, write_page
from .pieced import PiecedResponse
from .problems import PROBLEM_JSON, problem_body
from .validation import CompiledResponseValidator, compiled

logger = logging.getLogger(__name__)

# What problems.py answers to an exception nobody expected.
UNEXPECTED = "The mock failed to answer this request; its log has the details."
ACCEPTED = {b"application/json", b"*/*", b"application/*", b"application/json, */*"}
JSON_TYPES = {b"application/json", b"application/json;charset=utf-8"}


class FastLane:
    def __init__(self, app: ASGIApp, spec: dict[str, Any], handlers: dict[str, Handler],
                 jsonifier: Jsonifier, max_body_bytes: int, validate_responses: bool) -> None:
        self.app = app
        self.lanes = build_lanes(spec, handlers)
        self.jsonifier = jsonifier
        self.max_body_bytes = max_body_bytes
        self.validate_responses = validate_responses
        self.items = ValidItems()  # the page items found valid, with their texts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        exchange = exchange_of(scope) if scope["type"] == "http" else None
        lane = None if exchange is None else self.lanes.get(exchange.operation or "")
        if exchange is None or lane is None or scope["method"] != lane.method:
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        token = _bearer(headers)
        parameters = lane.admit(exchange.path, scope.get("query_string", b""))
        if token is None or parameters is None or not _accepts_json(headers):
            await self.app(scope, receive, send)
            return
        body: Any = None
        if lane.body_schema is not None:
            receive, body = await self._json_body(headers, receive, lane.body_schema)
            if body is None:
                await self.app(scope, receive, send)
                return
        state = exchange.session
        # From memory on every store: a shared one was caught up by the outer layers
        # (``freshness.refresh_once``), as Connexion's security handler reads it (``auth``).
        user = state.store.user_for_token(token)
        if user is None:
            await self.app(scope, receive, send)
            return
        try:
            data, status, answer_headers = await lane.handler(state, user, parameters, body)
        except ServiceUnavailable as exc:  # maybe after a write: never tried a second time
            await _problem(exc.status, exc.detail, exc.title, exc.headers)(scope, receive, send)
            return
        except ApiError:  # raised before any write: Connexion answers it, in its own words
            await self.app(scope, receive, send)
            return
        except Exception as exc:  # a bug: the answer problems.py gives anything unexpected
            logger.error("%r", exc, exc_info=exc)
            await _problem(500, UNEXPECTED)(scope, receive, send)
            return
        await self._answer(lane, data, status, answer_headers)(scope, receive, send)

    async def _json_body(self, headers: dict[bytes, list[bytes]], receive: Receive,
                         schema: dict[str, Any]) -> tuple[Receive, Any]:
        """A ``receive`` replaying what was read, and the body if it is on the happy path."""
        kind = headers.get(b"content-type", [])
        length = headers.get(b"content-length", [])
        if (len(kind) != 1 or kind[0].lower().replace(b" ", b"") not in JSON_TYPES
                or len(length) != 1 or not length[0].isdigit() or b"transfer-encoding" in headers
                or not 0 < int(length[0]) <= self.max_body_bytes):
            return receive, None
        buffered = await buffer_body(receive, self.max_body_bytes)
        raw = buffered.raw
        if raw is None or len(raw) != int(length[0]):
            return buffered.receive, None
        try:
            body = orjson.loads(raw)  # strict: no NaN/Infinity, valid UTF-8 only
        except orjson.JSONDecodeError:
            return buffered.receive, None
        return buffered.receive, body if compiled(schema).is_valid(body) else None

    def _answer(self, lane: Lane, data: Any, status: int, headers: dict[str, str]) -> Response:
        if self.validate_responses:
            pieces = write_page(lane.response_schema, data, self.items, compiled, BODY)
            if pieces is not None:
                return PiecedResponse(pieces, status_code=status, headers=headers)
            checker = CompiledResponseValidator({}, schema=lane.response_schema, nullable=False,
                                                encoding="utf-8")
            try:
                checker._validate(data)
            except NonConformingResponseBody as exc:
                logger.error("%r", exc)
                detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail or exc.title)
                return _problem(exc.status, detail, exc.title, exc.headers, exc.ext)
        content = self.jsonifier.dumps(data)
        encoded.take(content)  # no response validator will ask for the value it was made from
        return Response(content=content, status_code=status, headers=headers)


def _problem(status: int, detail: str, title: str | None = None,
             headers: dict[str, str] | None = None, ext: dict[str, Any] | None = None) -> Response:
    """A problem as ``problems`` renders it inside Connexion."""
    body = orjson.dumps(problem_body(status, detail, title=title, ext=ext))
    return Response(content=body, status_code=status, media_type=PROBLEM_JSON,
                    headers=headers or {})


def _headers(scope: Scope) -> dict[bytes, list[bytes]]:
    found: dict[bytes, list[bytes]] = {}
    for name, value in scope["headers"]:
        found.setdefault(name, []).append(value)
    return found


def _bearer(headers: dict[bytes, list[bytes]]) -> str | None:
    """The token of ``Authorization: Bearer <token>`` in its plain form, else None."""
    sent = headers.get(b"authorization", [])
    if len(sent) != 1 or not sent[0].startswith(b"Bearer "):
        return None
    token = sent[0][7:].decode("latin-1")
    if not token or token.split() != [token]:
        return None
    return token


def _accepts_json(headers: dict[bytes, list[bytes]]) -> bool:
    accept = headers.get(b"accept")
    return accept is None or (len(accept) == 1 and accept[0].lower() in ACCEPTED)
