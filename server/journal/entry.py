"""One recorded request, kept as the raw bytes that went by and rendered only when asked for.

Recording must cost the request almost nothing, so an ``Entry`` holds references to what the
ASGI messages already carried (header lists, body chunks) and parses nothing. ``to_json``
does the work when the journal is queried: headers decoded with credentials masked, bodies
parsed as JSON when they say they are JSON, cut to ``BODY_LIMIT`` bytes otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import parse_qs

import orjson

from ..publishing.clock import iso

# Bodies longer than this are shown cut short, as text, with ``truncated: true``.
BODY_LIMIT = 64 * 1024
# Headers whose values are credentials: shown masked.
_CREDENTIALS = {"authorization", "proxy-authorization"}
_COOKIES = {"cookie", "set-cookie"}
# Parsed request body not computed yet (None is a body: an empty one, or JSON null).
_UNPARSED: Any = object()

Headers = Sequence[tuple[bytes, bytes]]
Chunks = Sequence[bytes]


class Entry:
    """A request and its answer as the mock saw them; ``id`` is set by the journal."""

    __slots__ = (
        "id", "at", "now", "session", "method", "path", "query", "operation",
        "request_headers", "request_body", "status", "response_headers", "response_body",
        "duration_ms", "fault", "dropped", "body_size", "request_size", "response_size",
        "_parsed",
    )

    def __init__(
        self, *, at: float, now: float, session: str, method: str, path: str, query: bytes,
        operation: str | None, request_headers: Headers, request_body: Chunks,
        status: int | None, response_headers: Headers, response_body: Chunks,
        duration_ms: float, fault: str | None, response_size: int | None = None,
    ) -> None:
        self.id = 0
        self.at = at
        self.now = now
        self.session = session
        self.method = method
        self.path = path
        self.query = query
        self.operation = operation
        self.request_headers = request_headers
        self.request_body = request_body
        self.status = status
        self.response_headers = response_headers
        self.response_body = response_body
        self.duration_ms = duration_ms
        self.fault = fault
        # The bodies were let go to keep the journal within its memory budget.
        self.dropped = False
        # The bytes of both bodies, counted once (the journal's budget adds and subtracts it).
        self.request_size = sum(map(len, request_body))
        # Counted by the recorder as the body went by (a page's 101 pieces: not counted again).
        self.response_size = (sum(map(len, response_body)) if response_size is None
                              else response_size)
        self.body_size = self.request_size + self.response_size
        self._parsed: Any = _UNPARSED

    def drop_bodies(self) -> None:
        self.request_body = ()
        self.response_body = ()
        self.request_size = self.response_size = 0
        self._parsed = None
        self.dropped = True

    def request_json(self) -> Any:
        """The request body parsed as JSON, whatever its content type (None when it is not
        JSON); parsed once, for the body filters."""
        if self._parsed is _UNPARSED:
            raw = b"".join(self.request_body)
            try:
                self._parsed = orjson.loads(raw) if 0 < len(raw) <= BODY_LIMIT else None
            except orjson.JSONDecodeError:
                self._parsed = None
        return self._parsed

    def to_json(self) -> dict[str, Any]:
        request_body, request_cut = _body(self.request_body, _content_type(self.request_headers))
        response_body, response_cut = _body(self.response_body,
                                            _content_type(self.response_headers))
        return {
            "id": self.id,
            "at": iso(self.at),
            "now": self.now,
            "session": self.session,
            "operation": self.operation,
            "method": self.method,
            "path": self.path,
            "query": parse_qs(self.query.decode("latin-1"), keep_blank_values=True),
            "status": self.status,
            "duration_ms": round(self.duration_ms, 3),
            "fault": self.fault,
            "request": {
                "headers": headers_view(self.request_headers),
                "body": request_body,
                "size": self.request_size,
                "truncated": request_cut or self.dropped,
            },
            "response": {
                "headers": headers_view(self.response_headers),
                "body": response_body,
                "size": self.response_size,
                "truncated": response_cut or self.dropped,
            },
        }


def mask(name: str, value: str) -> str:
    """A credential shown as its scheme and first four characters (``Bearer test…``)."""
    if name in _COOKIES:
        return "; ".join(_mask_cookie(part) for part in value.split(";"))
    scheme, _, credential = value.partition(" ")
    if not credential:
        scheme, credential = "", scheme
    shown = credential[:4] if len(credential) > 8 else ""
    return f"{scheme} {shown}…" if scheme else f"{shown}…"


def _mask_cookie(part: str) -> str:
    name, equals, _ = part.strip().partition("=")
    return f"{name}=…" if equals else name


def headers_view(headers: Headers) -> dict[str, str]:
    """Headers by lower-case name (repeated ones joined with ``, ``), credentials masked."""
    view: dict[str, str] = {}
    for raw_name, raw_value in headers:
        name = raw_name.decode("latin-1").lower()
        value = raw_value.decode("latin-1")
        if name in _CREDENTIALS or name in _COOKIES:
            value = mask(name, value)
        view[name] = f"{view[name]}, {value}" if name in view else value
    return view


def _content_type(headers: Headers) -> bytes:
    for name, value in headers:
        if name.lower() == b"content-type":
            return value.lower()
    return b""


def _is_json(content_type: bytes) -> bool:
    media = content_type.split(b";", 1)[0].strip()
    return media == b"application/json" or media.endswith(b"+json")


def _body(chunks: Chunks, content_type: bytes) -> tuple[Any, bool]:
    """A body as shown: parsed JSON, else text; cut to BODY_LIMIT (then text) when longer."""
    if not chunks:
        return None, False
    raw = chunks[0] if len(chunks) == 1 else b"".join(chunks)
    if len(raw) > BODY_LIMIT:
        return raw[:BODY_LIMIT].decode("utf-8", "replace"), True
    if _is_json(content_type):
        try:
            return orjson.loads(raw), False
        except orjson.JSONDecodeError:
            pass
    return raw.decode("utf-8", "replace"), False
