"""Serves the dashboard's static files: ``/_mock/`` (the page) and ``/_mock/dashboard/…``.

The files hold no data: the page reads everything through the control API and the contract's
API, which keep their own access rules. So they are served to any client, like ``/_mock/health``,
under a Content-Security-Policy that lets the page load nothing and talk to nobody but this
server. A session's dashboard is the same page under ``/_sessions/<name>/_mock/``: the session
router has stripped the prefix before this layer, and the page's relative links keep it.
Starlette's ``StaticFiles`` answers (ETag, Last-Modified, 304, HEAD, 404).
"""

from __future__ import annotations

from pathlib import Path

from starlette.datastructures import MutableHeaders
from starlette.responses import RedirectResponse
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import MethodNotAllowed

STATIC_DIR = Path(__file__).resolve().parent / "static"
PAGE = "/_mock/"
ASSETS = "/_mock/dashboard/"

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; connect-src 'self'; "
        "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    # Revalidated every time (a 304 when unchanged): a new version of the mock shows at once.
    "Cache-Control": "no-cache",
}


class Dashboard:
    def __init__(self, app: ASGIApp, directory: Path = STATIC_DIR) -> None:
        self.app = app
        self.files = StaticFiles(directory=directory)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope["path"] if scope["type"] == "http" else ""
        if not path.startswith("/_mock"):
            await self.app(scope, receive, send)
            return
        if scope["method"] not in ("GET", "HEAD"):
            if scope["method"] != "OPTIONS" and (path == PAGE or path.startswith(ASSETS)):
                raise MethodNotAllowed(scope["method"], ["GET", "HEAD"])
            await self.app(scope, receive, send)
            return
        if path == "/_mock":
            # Relative, so that a session's prefix (already stripped from ``path``) is kept.
            await RedirectResponse("_mock/", status_code=308)(scope, receive, send)
            return
        if path == PAGE:
            file = "index.html"
        elif path.startswith(ASSETS):
            file = path[len(ASSETS):]
        else:
            await self.app(scope, receive, send)
            return
        response = await self.files.get_response(file, scope)

        async def secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
            await send(message)

        await response(scope, receive, secured)
