"""Identical reads answered from memory while nothing has changed.

A frontend polls the same list again and again. Each ``200`` answer to a ``GET`` of the API is
kept under the exact request (path, raw query, ``Authorization``) together with the store's
version and the clock's instant; the same request at the same version and instant gets the same
bytes without going through routing, validation and rendering again. That is safe because all
three are deterministic in those inputs: the request was validated and authenticated, and the
answer validated, when it was first made. Any write, publishing run or clock move changes the
key, so nothing stale is ever served; in realtime mode the clock moves between requests and
nothing is reused.

An answer is kept the second time its request is seen at that version and instant (nginx's
``proxy_cache_min_uses 2``): a request seen once is only remembered by its key. A client
paging through thousands of distinct queries (a table scrolled, a crawler) then neither fills
the cache with answers nobody asks for again (each list answer is ~120 KiB) nor pushes out the
answers a polling frontend does ask for again.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

Answer = tuple[Message, bytes]


class ResponseCache:
    def __init__(self, app: ASGIApp, prefix: str = "/brands/", size: int = 512,
                 max_body: int = 1 << 20, seen: int = 4096) -> None:
        self.app = app
        self.prefix = prefix
        self.size = size
        self.max_body = max_body
        self._answers: OrderedDict[tuple[Any, ...], Answer] = OrderedDict()
        # The keys of requests seen once (answered, not kept), the oldest forgotten first.
        self._seen: OrderedDict[tuple[Any, ...], None] = OrderedDict()
        self._seen_size = seen

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
        if key not in self._seen:
            self._seen[key] = None
            while len(self._seen) > self._seen_size:
                self._seen.popitem(last=False)
            await self.app(scope, receive, send)
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
        self._seen.pop(key, None)
        self._answers[key] = (start, body)
        while len(self._answers) > self.size:
            self._answers.popitem(last=False)
