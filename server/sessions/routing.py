"""The outermost layer: which session a request belongs to.

A client names its session with the header ``X-Mock-Session: <name>`` or a path prefix
``/_sessions/<name>/`` before ``/brands/…`` or ``/_mock/…`` (a browser app then only changes its
base URL). The prefix is removed before anything else sees the path; the session's state
replaces the default one in the request's lifespan state, so every handler, the control API and
the publisher act on that session alone. Neither header nor prefix: the default session.

An ``Exchange`` (``sessions.exchange``) is put in the scope for the layers inside. Answers of a
named session carry ``X-Mock-Session`` back.
"""

from __future__ import annotations

import anyio
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import ApiError
from ..http.operations import Operations
from ..state import DEFAULT_SESSION
from .exchange import EXCHANGE, Exchange
from .registry import Sessions, check_name

HEADER = b"x-mock-session"
# Marks an observer's request (the dashboard's reads): not journaled, faulted nor delayed.
QUIET = b"x-mock-quiet"
PREFIX = "/_sessions/"
ERROR = "socialpost.session_error"


class SessionRouter:
    def __init__(self, app: ASGIApp, operations: Operations) -> None:
        self.app = app
        self.operations = operations

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        lifespan_state = scope.get("state") or {}
        sessions: Sessions | None = lifespan_state.get("sessions")
        if sessions is None:  # no lifespan ran: nothing to route to
            await self.app(scope, receive, send)
            return
        try:
            name, path = self._session_of(scope)
            if sessions.shared and not sessions.is_open(name):
                # Opening it here reads it from the database (maybe creates it): off the loop.
                state = await anyio.to_thread.run_sync(sessions.use, name)
            else:
                state = sessions.use(name)
        except ApiError as exc:
            # Raised again inside Connexion's error handling (``SessionErrors``), so that the
            # problem is rendered, and CORS-labelled, like every other.
            # No session state: nothing inside may answer for a session (the response cache).
            unrouted = {**lifespan_state, "mock": None}
            await self.app({**scope, "state": unrouted, ERROR: exc}, receive, send)
            return
        if path != scope["path"]:
            scope = {**scope, "path": path, "raw_path": path.encode()}
        exchange = Exchange(session=state, path=path, server_send=send,
                            operation=self.operations.match(scope["method"], path),
                            quiet=any(key == QUIET for key, _ in scope["headers"]))
        scope = {**scope, "state": {**lifespan_state, "mock": state}, EXCHANGE: exchange}
        if state.name == DEFAULT_SESSION:
            await self.app(scope, receive, send)
            return
        echoed = (HEADER, state.name.encode())

        async def naming_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), echoed]}
            await send(message)

        await self.app(scope, receive, naming_send)

    def _session_of(self, scope: Scope) -> tuple[str | None, str]:
        path: str = scope["path"]
        from_path = None
        if path.startswith(PREFIX):
            from_path, slash, rest = path[len(PREFIX):].partition("/")
            check_name(from_path, "path")
            path = slash + rest or "/"
        sent = [value for key, value in scope["headers"] if key == HEADER]
        from_header = check_name(sent[-1].decode("latin-1").strip()) if sent else None
        if from_path and from_header and from_path != from_header:
            raise _Mismatch(from_path, from_header)
        return from_path or from_header, path


class _Mismatch(ApiError):
    status_code_ = 400
    title_ = "Bad Request"

    def __init__(self, in_path: str, in_header: str) -> None:
        super().__init__(
            f"X-Mock-Session: the header names session '{in_header}' but the path names "
            f"'{in_path}'; send one of them.", field="X-Mock-Session")


class SessionErrors:
    """Inside Connexion's error handling: raises what the session router could not resolve."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        error: ApiError | None = scope.get(ERROR)
        if error is not None:
            raise error
        await self.app(scope, receive, send)
