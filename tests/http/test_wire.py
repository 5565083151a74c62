"""A response's head and body leave the server in one write (``server/http/wire.py``)."""

from __future__ import annotations

import asyncio
import socket
from typing import Any

import httpx
import uvicorn
from uvicorn.server import ServerState

from socialpost.server.app import create_app
from socialpost.server.config import Settings
from socialpost.server.http.wire import FLUSH_AT, Gathered, Protocol
from tests.conftest import AUTH, POSTS
from tests.live import serve_asgi


class Recording:
    """A transport that records what is written to it, call by call."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, list[bytes]]] = []
        self.closed = False
        self.aborted = False

    def write(self, data: bytes) -> None:
        self.calls.append(("write", [data]))

    def writelines(self, lines: list[bytes]) -> None:
        self.calls.append(("writelines", list(lines)))

    def is_closing(self) -> bool:
        return self.closed

    def close(self) -> None:
        self.closed = True

    def abort(self) -> None:
        self.aborted = self.closed = True

    def get_write_buffer_size(self) -> int:
        return 0

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return {"sockname": ("127.0.0.1", 8000), "peername": ("127.0.0.1", 40000)}.get(
            name, default)

    def pause_reading(self) -> None:
        pass

    def resume_reading(self) -> None:
        pass


def test_the_writes_of_one_loop_turn_leave_together_in_order() -> None:
    async def scenario() -> list[tuple[str, list[bytes]]]:
        sent = Recording()
        gathered = Gathered(sent, asyncio.get_running_loop())  # type: ignore[arg-type]
        gathered.write(b"head")
        gathered.write(b"body")
        assert sent.calls == [], "nothing leaves before the loop turns"
        assert gathered.get_write_buffer_size() == 8
        await asyncio.sleep(0)
        gathered.write(b"later")
        await asyncio.sleep(0)
        return sent.calls

    assert asyncio.run(scenario()) == [("writelines", [b"head", b"body"]), ("write", [b"later"])]


def test_a_big_write_leaves_at_once_with_what_was_held_before_it() -> None:
    async def scenario() -> tuple[list[tuple[str, list[bytes]]], list[tuple[str, list[bytes]]]]:
        sent = Recording()
        gathered = Gathered(sent, asyncio.get_running_loop())  # type: ignore[arg-type]
        body = b"x" * FLUSH_AT
        gathered.write(b"head")
        gathered.write(body)
        at_once = list(sent.calls)
        gathered.write(b"chunk")
        await asyncio.sleep(0)
        return at_once, sent.calls

    at_once, after_the_turn = asyncio.run(scenario())
    assert at_once == [("writelines", [b"head", b"x" * FLUSH_AT])]
    assert after_the_turn == at_once + [("write", [b"chunk"])]


def test_a_stream_written_in_one_turn_is_never_held_whole() -> None:
    async def scenario() -> int:
        sent = Recording()
        gathered = Gathered(sent, asyncio.get_running_loop())  # type: ignore[arg-type]
        for _ in range(100):
            gathered.write(b"y" * 4096)
            assert gathered.get_write_buffer_size() < FLUSH_AT
        return sum(len(b) for _, lines in sent.calls for b in lines)

    assert asyncio.run(scenario()) >= 100 * 4096 - FLUSH_AT


def test_close_sends_what_is_held_first_and_abort_drops_it() -> None:
    async def scenario() -> tuple[Recording, Recording]:
        loop = asyncio.get_running_loop()
        closed, aborted = Recording(), Recording()
        for transport, end in ((closed, "close"), (aborted, "abort")):
            gathered = Gathered(transport, loop)  # type: ignore[arg-type]
            gathered.write(b"last words")
            getattr(gathered, end)()
        await asyncio.sleep(0)
        return closed, aborted

    closed, aborted = asyncio.run(scenario())
    assert closed.calls == [("write", [b"last words"])] and closed.closed
    assert aborted.calls == [] and aborted.aborted


def test_the_transport_answers_for_everything_else() -> None:
    async def scenario() -> Any:
        gathered = Gathered(Recording(), asyncio.get_running_loop())  # type: ignore[arg-type]
        return gathered.get_extra_info("peername")

    assert asyncio.run(scenario()) == ("127.0.0.1", 40000)


def test_uvicorn_sends_a_response_head_and_body_in_one_call() -> None:
    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"text/plain"), (b"content-length", b"5")]})
        await send({"type": "http.response.body", "body": b"hello"})

    async def scenario() -> list[tuple[str, list[bytes]]]:
        config = uvicorn.Config(app, http=Protocol, lifespan="off", log_level="warning")
        config.load()
        protocol = Protocol(config, ServerState(), {}, _loop=asyncio.get_running_loop())
        sent = Recording()
        protocol.connection_made(sent)  # type: ignore[arg-type]
        protocol.data_received(b"GET / HTTP/1.1\r\nHost: test\r\n\r\n")
        for _ in range(20):
            await asyncio.sleep(0)
        protocol.connection_lost(None)
        return sent.calls

    calls = asyncio.run(scenario())
    assert len(calls) == 1 and calls[0][0] == "writelines"
    head, body = calls[0][1]
    assert head.startswith(b"HTTP/1.1 200 OK\r\n") and head.endswith(b"\r\n\r\n")
    assert body == b"hello"


def test_a_real_server_answers_whole_responses_on_a_kept_alive_connection() -> None:
    with serve_asgi(create_app(Settings(db_path=None))) as url, httpx.Client() as client:
        answers = [client.get(f"{url}{POSTS}", params={"limit": n}, headers=AUTH)
                   for n in (1, 2, 3)]
        assert [a.status_code for a in answers] == [200, 200, 200]
        assert [len(a.json()["data"]) for a in answers] == [1, 2, 3]
        assert all(int(a.headers["content-length"]) == len(a.content) for a in answers)
        host, port = url.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port)), timeout=5) as raw:
            raw.sendall(b"HEAD /_mock/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            received = b""
            while chunk := raw.recv(65536):
                received += chunk
        assert received.startswith(b"HTTP/1.1 200 OK\r\n")
        assert received.endswith(b"\r\n\r\n"), "a HEAD answer has no body"
