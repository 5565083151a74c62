"""What the outer layers learn about one request, handed to the inner ones in the ASGI scope.

The session router (outermost) creates an ``Exchange`` per request and puts it in the scope
under ``EXCHANGE``; every later layer (the journal, faults, ``Prefer``, latency) reads and
updates that one object, so a shallow copy of the scope by any middleware still shares it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from starlette.types import Scope, Send

if TYPE_CHECKING:
    from ..state import MockState

EXCHANGE = "socialpost.exchange"


@dataclass
class Exchange:
    session: MockState
    # The request path with any ``/_sessions/<name>`` prefix removed.
    path: str
    # The contract's operationId, or None (the control API, the UI, an unknown path).
    operation: str | None
    # The server's own ``send``: connection faults reach the socket through it.
    server_send: Send
    started: float = field(default_factory=time.perf_counter)
    # Set by the steering layer: the fault rule id (or "prefer") that answered instead.
    fault: str | None = None
    # ``X-Mock-Quiet``: an observer's request (the dashboard's), neither recorded nor steered.
    quiet: bool = False


def exchange_of(scope: Scope) -> Exchange | None:
    found: Exchange | None = scope.get(EXCHANGE)
    return found
