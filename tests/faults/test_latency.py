"""``serve --latency``: every API answer waits, the control API does not."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import httpx
import pytest

from socialpost.server.app import create_app
from socialpost.server.config import Settings
from socialpost.server.faults.latency import parse_latency
from tests.conftest import AUTH, POSTS
from tests.live import serve_asgi

LATENCY_MS = 400.0


@pytest.mark.parametrize(("text", "bounds"), [
    ("300ms", (300.0, 300.0)),
    ("50-300ms", (50.0, 300.0)),
    ("0.05-0.3s", (50.0, 300.0)),
    ("1s", (1000.0, 1000.0)),
    ("50ms-1s", (50.0, 1000.0)),
    (" 0-0ms ", (0.0, 0.0)),
])
def test_parse_latency_reads_milliseconds_and_seconds(
    text: str, bounds: tuple[float, float]
) -> None:
    assert parse_latency(text) == bounds


@pytest.mark.parametrize(("text", "says"), [
    ("300", "needs a unit"),
    ("50-300", "needs a unit"),
    ("300-50ms", "low end is above the high end"),
    ("fast", "write 300ms, 50-300ms or 0.05-0.3s"),
    ("-5ms", "write 300ms"),
    ("", "write 300ms"),
    ("5m", "write 300ms"),
])
def test_parse_latency_refuses_what_it_cannot_read(text: str, says: str) -> None:
    with pytest.raises(ValueError, match=says):
        parse_latency(text)


@pytest.fixture(scope="module")
def slow() -> Iterator[str]:
    settings = Settings(db_path=None, latency_ms=(LATENCY_MS, LATENCY_MS))
    with serve_asgi(create_app(settings)) as url:
        yield url


def test_every_api_answer_waits_at_least_the_minimum(slow: str) -> None:
    with httpx.Client(base_url=slow, headers=AUTH) as client:
        for path in (POSTS, f"{POSTS}/stats"):
            started = time.perf_counter()
            assert client.get(path).status_code == 200
            assert time.perf_counter() - started >= LATENCY_MS / 1000


def test_the_control_api_answers_while_an_api_request_still_waits(slow: str) -> None:
    api = threading.Thread(target=httpx.get, args=(f"{slow}{POSTS}",),
                           kwargs={"headers": AUTH, "timeout": 30})
    api.start()
    try:
        assert httpx.get(f"{slow}/_mock/health").status_code == 200
        assert api.is_alive()  # the health answer overtook the delayed API answer
    finally:
        api.join()
