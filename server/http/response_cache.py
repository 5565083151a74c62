"""Identical reads answered from memory while nothing has changed.

A frontend polls the same list again and again. Each ``200`` answer to a ``GET`` of the API is
kept under the exact request (path, raw query, ``Authorization``) together with the store's
version and the clock's instant; the same request at the same version and instant gets the same
bytes without going through routing, validation and rendering again. That is safe because all
three are deterministic in those inputs: the request was validated and authenticated, and the
answer validated, when it was first made. Any write, publishing run or clock move changes the
key, so nothing stale is ever served; in realtime mode the clock moves between requests and
nothing is reused.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

Answer = tuple[Message, bytes]


class ResponseCache:
    def __init__(self, app: ASGIApp, prefix: str = "/brands/", size: int = 512,
                 max_body: int = 1 << 20) -> None:
        self.app = app
        self.prefix = prefix
        self.size = size
        self.max_body = max_body
        self._answers: OrderedDict[tuple[Any, ...], Answer] = OrderedDict()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        mock = (scope.get("state") or {}).get("mock") if scope["type"] == "http" else None
        if mock is None or scope["method"] != "GET" or not scope["path"].startswith(self.prefix):
            await self.app(scope, receive, send)
            return
        auth = next((v for k, v in scope["headers"] if k == b"authorization"), b"")
        key = (mock.key, scope["path"], scope["query_string"], auth, mock.store.version,
               mock.clock.now())
        found = self._answers.get(key)
        if found is not None:
            self._answers.move_to_end(key)
            start, body = found
            await send({**start, "headers": list(start["headers"])})
            await send({"type": "http.response.body", "body": body, "more_body": False})
            return

        start_message: Message | None = None
        chunks: list[bytes] = []

        async def keeping_send(message: Message) -> None:
            nonlocal start_message
            if message["type"] == "http.response.start":
                # A copy: the layers outside (CORS) add to the headers of what they are sent.
                start_message = {**message, "headers": list(message.get("headers", []))}
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    self._keep(key, start_message, b"".join(chunks))
            await send(message)

        await self.app(scope, receive, keeping_send)

    def _keep(self, key: tuple[Any, ...], start: Message | None, body: bytes) -> None:
        if start is None or start.get("status") != 200 or len(body) > self.max_body:
            return
        self._answers[key] = (start, body)
        while len(self._answers) > self.size:
            self._answers.popitem(last=False)
