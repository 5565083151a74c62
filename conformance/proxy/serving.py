"""uvicorn's server as the proxy runs it: stopped by a signal, it still exits with its status."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn


class Server(uvicorn.Server):
    """uvicorn's server, stopped by SIGINT or SIGTERM without dying of it: uvicorn raises the
    signal again once it has shut down, which would cost the proxy its exit status."""

    @contextmanager
    def capture_signals(self) -> Iterator[None]:
        kept = {sig: signal.signal(sig, self.handle_exit)
                for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            yield
        finally:
            for sig, handler in kept.items():
                signal.signal(sig, handler)
