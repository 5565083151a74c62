"""Real server processes for tests that need one (crashes, CLI, concurrency)."""

from __future__ import annotations

import asyncio
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import uvicorn

from socialpost.server.http.wire import Protocol


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class ServerProcess:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def output(self) -> str:
        """What the server printed so far (its banner and access log)."""
        return self.log.read_text(errors="replace")

    def kill_hard(self) -> None:
        """``kill -9``: no shutdown code runs."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)


def wait_healthy(url: str, seconds: float = 20,
                 process: subprocess.Popen[bytes] | None = None, log: Path | None = None,
                 path: str = "/_mock/health") -> None:
    """Wait for ``path`` to answer 200; a server process that exits first fails at once, with
    its log."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            said = log.read_text(errors="replace")[-3000:] if log is not None else ""
            raise AssertionError(f"the mock exited with {process.returncode} before answering:\n"
                                 f"{said}")
        try:
            if httpx.get(f"{url}{path}", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.05)
    raise AssertionError(f"no healthy mock at {url} within {seconds} s")


@contextmanager
def serve_process(db: Path, *args: str) -> Iterator[ServerProcess]:
    """``socialpost serve`` as a real process on a free port, on database ``db``."""
    port = free_port()
    log = db.with_name(f"server-{port}.log")
    # Output goes to a file: a pipe nobody drains would block the server once it fills.
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "socialpost", "serve", "--port", str(port), "--db", str(db),
             *args],
            stdout=sink, stderr=subprocess.STDOUT,
        )
    server = ServerProcess(f"http://127.0.0.1:{port}", process, log)
    try:
        wait_healthy(server.url, process=process, log=log)
        yield server
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=10)


@contextmanager
def serve_asgi(app: Any) -> Iterator[str]:
    """Serve an ASGI ``app`` with uvicorn on 127.0.0.1 (a free port) in a thread; yield its URL.

    Lifespan runs, as under ``socialpost serve``: the mock's state exists only through it.
    """
    # IPPROTO_TCP explicitly: asyncio sets TCP_NODELAY only on sockets that say they are TCP;
    # without it every response waits ~40 ms for a delayed ACK.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    # uvicorn with the protocol ``serve`` runs (a response's head and body in one write).
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on",
                                           access_log=False, http=Protocol))
    thread = threading.Thread(target=lambda: asyncio.run(server.serve(sockets=[sock])),
                              daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while not server.started and thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.01)
        if not server.started:
            raise RuntimeError("the ASGI server did not start")
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


class ReverseProxy:
    """A transparent reverse proxy (ASGI): every request is forwarded to ``upstream`` as is."""

    HOP_BY_HOP = {b"host", b"connection", b"keep-alive", b"transfer-encoding", b"content-length"}

    def __init__(self, upstream: str, timeout: float | httpx.Timeout = 30.0) -> None:
        self.upstream = upstream.rstrip("/")
        self.timeout = timeout
        self.client: httpx.AsyncClient | None = None

    def target(self) -> str:
        """Where this request goes."""
        return self.upstream

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            await receive()  # lifespan.startup
            self.client = httpx.AsyncClient(timeout=self.timeout)
            await send({"type": "lifespan.startup.complete"})
            await receive()  # lifespan.shutdown
            await self.client.aclose()
            await send({"type": "lifespan.shutdown.complete"})
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        url = self.target() + scope["raw_path"].decode("latin-1")
        if scope["query_string"]:
            url += "?" + scope["query_string"].decode("latin-1")
        headers = [(k, v) for k, v in scope["headers"] if k not in self.HOP_BY_HOP]
        assert self.client is not None, "served without lifespan"
        answer = await self.client.request(scope["method"], url, headers=headers, content=body)
        out = [(k.lower().encode(), v.encode()) for k, v in answer.headers.items()
               if k.lower().encode() not in self.HOP_BY_HOP | {b"content-encoding"}]
        await send({"type": "http.response.start", "status": answer.status_code, "headers": out})
        await send({"type": "http.response.body", "body": answer.content})
