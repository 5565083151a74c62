"""Which browser pages may drive the control API (``/_mock``), and its CORS preflights.

The browser on a developer's machine is a loopback client: without this rule any page it opens
could reset the mock or move its clock. So a request a browser sends for a page of another
origin is refused unless ``--control-origin`` names that origin. The mock's own pages (Swagger
UI at ``/_mock/ui/``, the dashboard) are always allowed; clients that are not browsers (curl,
httpx, the conformance suite) send no ``Origin`` and are not concerned.

A request comes from a page of another origin when

* it carries an ``Origin`` other than the mock's own (the scheme and ``Host`` it was sent to);
  ``Origin: null`` (a ``file://`` page, a sandboxed frame) is such an origin, allowed only by
  ``--control-origin null``;
* or, without ``Origin``, ``Sec-Fetch-Site`` says ``cross-site`` or ``same-site`` (an image, a
  script, a frame of another page; its origin is then the ``Referer``'s, or ``null``). Following
  a link to the mock (a top-level ``GET`` navigation) is not refused: the page that had the link
  cannot read what opens, and a control GET changes nothing.

``--control-origin *`` allows every origin. ``/_mock/health`` is open to all.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import orjson
from starlette.datastructures import Headers
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from ..errors import Forbidden
from .problems import PROBLEM_JSON, problem_body

DEFAULT_PORTS = {"http": 80, "https": 443}
OPAQUE = "null"
ANY = "*"


def is_control(path: str) -> bool:
    """Whether ``path`` is the control API's, apart from its open health check."""
    return path.startswith("/_mock") and path != "/_mock/health"


def parse_origin(value: str) -> str:
    """An origin (``scheme://host[:port]``) as browsers write it; ``null`` and ``*`` as they are.

    Raises ``ValueError`` naming the value when it is none of those (a path is no origin).
    """
    text = value.strip()
    if text in (OPAQUE, ANY):
        return text
    origin = _origin(text)
    if origin is None or urlsplit(text).path not in ("", "/"):
        raise ValueError(f"{value!r} is not an origin: write scheme://host[:port], like "
                         "http://localhost:5173 (or null, or *).")
    return origin


def _origin(url: str) -> str | None:
    """``scheme://host[:port]`` of ``url`` (lower case, default port left out), or None."""
    try:
        parts = urlsplit(url.strip().lower())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    if port is None or port == DEFAULT_PORTS[parts.scheme]:
        return f"{parts.scheme}://{host}"
    return f"{parts.scheme}://{host}:{port}"


class ControlOrigins:
    """The browser origins allowed to drive the control API, besides the mock's own."""

    def __init__(self, origins: tuple[str, ...]) -> None:
        self.allowed = frozenset(parse_origin(origin) for origin in origins)

    def refused(self, scope: Scope) -> str | None:
        """The origin of the page a request comes from, when that page may not use the control
        API; None when it may (or when no page of another origin sent it)."""
        headers = Headers(scope=scope)
        origin = page_origin(scope, headers)
        if origin is None or ANY in self.allowed or origin in self.allowed:
            return None
        own = _origin(f"{scope.get('scheme', 'http')}://{headers.get('host', '')}")
        return None if origin == own else origin


def page_origin(scope: Scope, headers: Headers) -> str | None:
    """The origin of the page a browser sent this request for; None when not a page's."""
    sent = headers.get("origin")
    if sent is not None:
        return _origin(sent) or sent.strip()
    if headers.get("sec-fetch-site") not in ("cross-site", "same-site"):
        return None  # not a browser, or the mock's own page, or a URL the user typed
    navigation = (headers.get("sec-fetch-mode") == "navigate"
                  and headers.get("sec-fetch-dest") == "document")
    if navigation and scope.get("method") in ("GET", "HEAD"):
        return None
    return _origin(headers.get("referer", "")) or OPAQUE


def refusal(origin: str) -> Forbidden:
    return Forbidden(
        f"The control API does not answer pages of {origin}: a page the browser opens must not "
        f"reset the mock or move its clock. Start the mock with --control-origin {origin} to "
        "let that origin use it."
    )


class ControlPreflight:
    """Refuses a CORS preflight for the control API from a page it may not serve: 403, no grant.

    It goes outside the CORS middleware, which answers preflights itself (granting every origin
    by default) before the control API's guard could see them.
    """

    def __init__(self, app: ASGIApp, origins: tuple[str, ...] = ()) -> None:
        self.app = app
        self.origins = ControlOrigins(origins)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (scope["type"] == "http" and scope["method"] == "OPTIONS" and is_control(scope["path"])
                and any(k == b"access-control-request-method" for k, _ in scope["headers"])):
            origin = self.origins.refused(scope)
            if origin is not None:
                error = refusal(origin)
                body = problem_body(error.status, error.detail, title=error.title, ext=error.ext)
                await Response(orjson.dumps(body), error.status, media_type=PROBLEM_JSON)(
                    scope, receive, send)
                return
        await self.app(scope, receive, send)
