"""Connection faults: what a broken server or network does to a client's request.

``reset`` aborts the TCP connection with a RST (``SO_LINGER`` 0, then ``abort()``): the client
sees "connection reset by peer". ``empty-response`` closes it without writing a byte: the
client sees the server disconnect before answering. Both need the socket, which the outermost
layer finds through uvicorn's own ``send`` (a method of its request-response cycle, which holds
the connection's transport). An in-process client (Starlette's ``TestClient``) has no socket:
there nothing is written at all, so the client gets no answer (``TestClient`` raises
``AssertionError: TestClient did not receive any response``; with ``raise_server_exceptions=
False`` it makes up a 500), the nearest an in-process call comes to a dropped connection. (Not
an exception: Connexion's outermost layer mishandles one raised outside its error handling.)
"""

from __future__ import annotations

import asyncio
import logging
import socket
import struct
from typing import Any

from starlette.types import Send

from .rules import Connection

# A truncated list answer: the start of the contract's JSON, then nothing.
MALFORMED_JSON = b'{"code": "OK", "data": [{"id": "'


logger = logging.getLogger(__name__)


async def break_connection(kind: Connection, server_send: Send) -> None:
    """Reset (RST) or close (FIN, nothing written) the connection of the request."""
    cycle = _cycle_of(server_send)
    transport = getattr(cycle, "transport", None)
    if transport is None or not hasattr(transport, "abort"):
        logger.warning("connection fault %r: no socket to break (an in-process client); "
                       "nothing answered", kind)
        return
    if kind == "reset":
        sock = transport.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        transport.abort()
    else:
        transport.close()
    # The server marks the request disconnected once the transport reports the connection
    # lost (a callback on the next loop turns); until then it would answer a 500 for the app.
    for _ in range(100):
        if getattr(cycle, "disconnected", True):
            return
        await asyncio.sleep(0)


def _cycle_of(send: Any, depth: int = 4) -> Any:
    """uvicorn's request-response cycle behind ``send``: the object ``send`` is a method of, or
    found through the closures of the wrappers around it (Connexion's outermost middleware,
    ``ServerErrorMiddleware``, wraps the server's ``send`` in one). None: no server behind."""
    owner = getattr(send, "__self__", None)
    if hasattr(owner, "transport"):
        return owner
    for cell in (getattr(send, "__closure__", None) or ()) if depth > 0 else ():
        try:
            content = cell.cell_contents
        except ValueError:  # an empty cell
            continue
        found = _cycle_of(content, depth - 1) if callable(content) else None
        if found is not None:
            return found
    return None
