"""One exchange as the proxy saw it: what was asked, what came back.

Credentials are masked the moment an exchange is recorded (``mask``): nothing the proxy keeps,
lists or prints holds a token in full. A body larger than the proxy checks (``BODY_LIMIT``) is
streamed past and kept as None: its checks say they could not look.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

import orjson

# Request and response bodies up to this size are buffered and checked; larger ones stream past.
BODY_LIMIT = 8 * 1024 * 1024
# Headers whose values are credentials.
SECRET = {"authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key"}
SHOWN = 4  # characters of a credential a listing shows


def mask(name: str, value: str) -> str:
    """``value`` of header ``name`` as the proxy may keep it: a credential's first characters."""
    if name.lower() not in SECRET:
        return value
    scheme, _, secret = value.partition(" ")
    if not secret:
        scheme, secret = "", value
    shown = secret[:SHOWN] if len(secret) > 2 * SHOWN else ""
    return f"{scheme} {shown}…".strip() if secret else value


def bearer(headers: list[tuple[str, str]]) -> str | None:
    """The bearer token of ``Authorization`` (masked or not), None without one."""
    for name, value in headers:
        if name.lower() == "authorization":
            scheme, _, token = value.partition(" ")
            return token.strip() if scheme.lower() == "bearer" and token.strip() else None
    return None


def json_of(raw: bytes | None) -> Any:
    """A body's JSON value; None for no body, or one that is not JSON."""
    if not raw:
        return None
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        return None


@dataclass(frozen=True)
class Observed:
    """A request and its answer; headers as lower-case names, credentials masked."""

    id: int
    at: float
    method: str
    path: str
    query: str  # the raw query string, as sent
    request_headers: list[tuple[str, str]]
    request_body: bytes | None  # None: larger than BODY_LIMIT, not checked
    # Whether the request carried a bearer token (the token itself is not kept).
    authorized: bool
    status: int = 0
    response_headers: list[tuple[str, str]] | None = None
    response_body: bytes | None = None

    @property
    def target(self) -> str:
        return f"{self.path}?{self.query}" if self.query else self.path

    def query_values(self) -> dict[str, list[str]]:
        """Each query parameter sent, with its values in the order sent."""
        return parse_qs(self.query, keep_blank_values=True)

    def header(self, name: str, response: bool = False) -> str | None:
        headers = (self.response_headers or []) if response else self.request_headers
        return next((v for k, v in headers if k == name), None)
