"""``proxy --record DIR``: every exchange written down as it happens, credentials masked.

``DIR/exchanges.jsonl`` holds one JSON object per line, in the order the answers came back:

    id, at (epoch seconds), method, path, query (as sent), operation (or null),
    request_headers, response_headers   [[name, value], ...], lower-case names, masked
    request_body, response_body         the body as text (UTF-8), {"base64": ...} when it is
                                        not text, or null when it was larger than the proxy
                                        keeps (``observed.BODY_LIMIT``)
    status, violations                  the answer's status; how many violations it carried

Each line is flushed when written: a proxy stopped by a signal (or killed) leaves every
exchange it answered. ``read`` gives them back.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from .observed import Observed

FILE = "exchanges.jsonl"


def _body(raw: bytes | None) -> Any:
    if raw is None:
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return {"base64": base64.b64encode(raw).decode("ascii")}


def body_bytes(value: Any) -> bytes | None:
    """A recorded body as the bytes it was."""
    if value is None:
        return None
    if isinstance(value, dict):
        return base64.b64decode(value.get("base64", ""))
    return str(value).encode("utf-8")


class Recorder:
    """Appends exchanges to ``directory/exchanges.jsonl`` (created with its directory)."""

    def __init__(self, directory: Path) -> None:
        self.path = directory / FILE
        self._file: IO[str] | None = None

    def open(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._file = self.path.open("a", encoding="utf-8")

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def write(self, exchange: Observed, operation: str | None, violations: int) -> None:
        if self._file is None:
            return
        line = {
            "id": exchange.id, "at": exchange.at, "method": exchange.method,
            "path": exchange.path, "query": exchange.query, "operation": operation,
            "request_headers": exchange.request_headers,
            "request_body": _body(exchange.request_body),
            "status": exchange.status, "response_headers": exchange.response_headers or [],
            "response_body": _body(exchange.response_body), "violations": violations,
        }
        self._file.write(json.dumps(line, ensure_ascii=False) + "\n")
        self._file.flush()


def read(directory: Path) -> Iterator[dict[str, Any]]:
    """The exchanges of a recording, in order; a line cut short by a kill is skipped."""
    path = directory / FILE
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            try:
                exchange = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(exchange, dict):
                yield exchange
