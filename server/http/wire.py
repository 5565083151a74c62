"""A response's head and body leave in one write.

uvicorn writes a response's head (status line and headers) as soon as the app sends
``http.response.start``, and its body when the app sends ``http.response.body``: two writes,
two system calls, two TCP segments for the client to take in (on a loopback connection the
kernel delivers each one to the client before the call returns). ``Protocol`` is uvicorn's
httptools protocol whose transport holds a write until the loop's next turn: the writes of one
turn (a response's head and body, sent by the app one after the other) leave together in one
``writelines`` (one vectored ``send`` on uvloop, no copy). Nothing waits longer than the turn:
a body sent later (a delayed or streamed response) follows in its own write, and once what is
held reaches ``FLUSH_AT`` bytes it leaves at once (a big body goes with the head before it, and
a stream written in one turn is never held whole, out of reach of the transport's flow
control). ``close`` sends what is held first; ``abort`` drops it, as an abort drops what the
transport buffered.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import Any

# uvicorn's httptools protocol: httptools comes with uvicorn[standard] (connexion[uvicorn]).
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

# Held bytes that leave at once, without waiting for the loop's next turn.
FLUSH_AT = 64 * 1024


class Gathered:
    """A transport whose writes of one loop turn are sent together, in order."""

    __slots__ = ("transport", "_loop", "_held", "_size", "_due")

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop) -> None:
        self.transport = transport
        self._loop = loop
        self._held: list[bytes] = []
        self._size = 0
        self._due = False

    def write(self, data: bytes) -> None:
        self._held.append(data)
        self._size += len(data)
        if self._size >= FLUSH_AT:
            self.flush()
        elif not self._due:
            self._due = True
            self._loop.call_soon(self._turned)

    def writelines(self, lines: Iterable[bytes]) -> None:
        for data in lines:
            self.write(data)

    def _turned(self) -> None:
        self._due = False
        self.flush()

    def flush(self) -> None:
        """Send what is held (at the loop's next turn, or once ``FLUSH_AT`` bytes are held)."""
        held, self._held, self._size = self._held, [], 0
        if not held or self.transport.is_closing():
            return
        if len(held) == 1:
            self.transport.write(held[0])
        else:
            self.transport.writelines(held)

    def get_write_buffer_size(self) -> int:
        return self.transport.get_write_buffer_size() + self._size

    def is_closing(self) -> bool:  # asked after every response: spared ``__getattr__``
        return self.transport.is_closing()

    def close(self) -> None:
        self.flush()
        self.transport.close()

    def abort(self) -> None:
        self._held, self._size = [], 0
        self.transport.abort()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.transport, name)


class Protocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, writing through a ``Gathered`` transport."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self.transport = Gathered(transport, self.loop)  # type: ignore[assignment]
