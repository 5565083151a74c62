"""The suite's HTTP client: every request is recorded as an ``Exchange`` a failure can show.

An exchange renders as a curl line (what was sent) and an excerpt (what came back), so a QA
engineer can replay it. The profile's token is written as ``${TOKEN}`` in curl lines: logs of CI
runs against staging servers must not carry it. The run's own headers (``--header``) are written
as sent, so that a replay reaches the same target (the same mock session). Both are bounded
(``bounded``): a 1 MB body sent or received shows its first ``EXCERPT_CHARS`` characters and how
many bytes were left out.
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import httpx

from .headers import Headers

EXCERPT_CHARS = 600
TIMEOUT = httpx.Timeout(30.0, connect=5.0)
Query = Mapping[str, str | int | bool | list[str]]


def bounded(text: str, limit: int = EXCERPT_CHARS) -> str:
    """``text`` cut to ``limit`` characters, saying how many bytes (UTF-8) were left out."""
    if len(text) <= limit:
        return text
    rest = len(text[limit:].encode("utf-8", "replace"))
    return f"{text[:limit]}… ({rest} bytes more)"


@dataclass(frozen=True)
class Exchange:
    """One request and its response, as sent and received."""

    method: str
    url: str
    request_headers: tuple[tuple[str, str], ...]
    request_body: bytes
    status: int
    response_headers: tuple[tuple[str, str], ...]
    response_body: bytes
    # The run's own headers (``--header``), among ``request_headers``: curl lines show them.
    run_headers: Headers = ()

    def header(self, name: str) -> str | None:
        name = name.lower()
        return next((v for k, v in self.response_headers if k.lower() == name), None)

    @property
    def media_type(self) -> str | None:
        """The response's media type without parameters (``application/json``), lower case."""
        value = self.header("content-type")
        return value.split(";", 1)[0].strip().lower() if value else None

    def json(self) -> Any:
        """The response body as JSON (``ValueError`` when it is not JSON)."""
        return json.loads(self.response_body)

    def curl(self, token: str | None = None) -> str:
        """A curl line that sends this request again, the token written as ``${TOKEN}``.

        A body over ``EXCERPT_CHARS`` is cut (and says so): the line then shows, not replays."""
        parts = ["curl", "-X", self.method]
        shown = {"authorization", "content-type"} | {n.lower() for n, _ in self.run_headers}
        for name, value in self.request_headers:
            if name.lower() not in shown:
                continue
            line = f"{name}: {value}"
            if token and token in value:
                parts += ["-H", '"' + line.replace(token, "${TOKEN}") + '"']
            else:
                parts += ["-H", shlex.quote(line)]
        if self.request_body:
            body = bounded(self.request_body.decode("utf-8", "replace"))
            parts += ["-d", shlex.quote(body)]
        parts.append(shlex.quote(self.url))
        return " ".join(parts)

    def excerpt(self, limit: int = EXCERPT_CHARS) -> str:
        """Status, content type and the start of the body."""
        text = bounded(self.response_body.decode("utf-8", "replace"), limit)
        kind = self.header("content-type") or "no content-type"
        return f"{self.status} {kind} {text}".rstrip()


@dataclass
class Client:
    """HTTP to the target with the profile's token and the run's headers; keeps every exchange
    it made. ``base_url`` may have a path (``http://host/_sessions/qa-1``): every request goes
    under it."""

    base_url: str
    token: str | None
    headers: Headers = ()
    exchanges: list[Exchange] = field(default_factory=list)
    _http: httpx.Client = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.base_url = self.base_url.rstrip("/")
        self._http = httpx.Client(timeout=TIMEOUT, follow_redirects=False)

    def close(self) -> None:
        self._http.close()

    def request(
        self,
        method: str,
        path: str,
        *,
        query: Query | None = None,
        json_body: Any = None,
        token: str | None | bool = True,
        content: bytes | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Exchange:
        """Send one request. ``token=True`` uses the profile's token, a string another one
        (``""``: an empty one), ``None``/``False`` none at all."""
        sent_headers = dict(self.headers)
        bearer = self.token if token is True else None if token in (None, False) else token
        if isinstance(bearer, str):
            # An empty token is sent as the bare scheme: the "empty token" of the contract.
            sent_headers["Authorization"] = f"Bearer {bearer}" if bearer else "Bearer"
        body = content
        if json_body is not None:
            body = json.dumps(json_body).encode()
            sent_headers["Content-Type"] = "application/json"
        sent_headers.update(headers or {})
        url = self.base_url + path
        if query:
            url += "?" + urlencode(_flatten(query), doseq=True)
        response = self._http.request(method, url, headers=sent_headers, content=body)
        exchange = Exchange(
            method=method,
            url=url,
            request_headers=tuple(sent_headers.items()),
            request_body=body or b"",
            status=response.status_code,
            response_headers=tuple(response.headers.items()),
            response_body=response.content,
            run_headers=self.headers,
        )
        self.exchanges.append(exchange)
        return exchange

    def get(self, path: str, query: Query | None = None, **kw: Any) -> Exchange:
        return self.request("GET", path, query=query, **kw)


def _flatten(query: Query) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for key, value in query.items():
        values = value if isinstance(value, list) else [value]
        for item in values:
            text = ("true" if item else "false") if isinstance(item, bool) else str(item)
            pairs.append((key, text))
    return pairs
