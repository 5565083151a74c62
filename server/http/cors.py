"""Starlette's CORS middleware, with a short way for a request that names no ``Origin``.

Most requests to the mock come from tests, scripts and servers, not from a browser page: they
send no ``Origin``. For those, Starlette's ``CORSMiddleware`` does one thing only: it adds
``Origin`` to the answer's ``Vary`` (the answer would differ for a page of another origin).
It does it after parsing the request's headers into a ``Headers``, and the answer's into a
``MutableHeaders``, per request. ``CORS`` adds the very same header to the raw list instead;
a request with an ``Origin`` (a browser's, a preflight) goes the whole way, unchanged.
"""

from __future__ import annotations

from starlette.middleware.cors import CORSMiddleware
from starlette.types import Message, Receive, Scope, Send

ORIGIN = b"origin"
VARY = b"vary"


class CORS(CORSMiddleware):
    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or any(name == ORIGIN for name, _ in scope["headers"]):
            await super().__call__(scope, receive, send)
            return

        async def varying(message: Message) -> None:
            if message["type"] == "http.response.start":  # a copy, as ``MutableHeaders``
                message["headers"] = vary_origin(list(message.get("headers", ())))
            await send(message)

        await self.app(scope, receive, varying)


def vary_origin(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    """``headers`` after ``MutableHeaders(raw=headers)["Vary"] = ", ".join([*getlist("Vary"),
    "Origin"])``: the ``Vary`` values sent so far and ``Origin`` in one header, where the first
    stood (or last)."""
    places = [i for i, (name, _) in enumerate(headers) if name == VARY]
    if not places:
        headers.append((VARY, b"Origin"))
        return headers
    joined = b", ".join([*(headers[i][1] for i in places), b"Origin"])
    headers[places[0]] = (VARY, joined)
    for i in reversed(places[1:]):
        del headers[i]
    return headers
