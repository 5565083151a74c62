"""A target answering a megabyte: every failure shows a bounded excerpt, never the whole body."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.conformance.conftest import conform
from tests.live import serve_asgi

MEGABYTE = 1_000_000


async def huge_answers(scope: dict[str, Any], receive: Any, send: Any) -> None:
    """Every request answered 500 with a 1 MB JSON-ish body."""
    if scope["type"] != "http":
        return
    body = b'{"message": "' + b"x" * MEGABYTE + b'"}'
    await send({"type": "http.response.start", "status": 500,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


@pytest.fixture
def huge_target() -> Iterator[str]:
    with serve_asgi(huge_answers) as base_url:
        yield base_url


def test_failures_against_a_megabyte_body_print_bounded_excerpts(huge_target: str) -> None:
    ran = conform("--base-url", huge_target, "--token", "test-token", "--quick", "--read-only",
                  "--seed", "5")
    assert ran.exit_code == 1, ran.output[-3000:]
    lines = ran.output.splitlines()
    assert max(len(line) for line in lines) < 2500
    assert len(ran.output) < 400_000
    assert "bytes more)" in ran.output
    assert "xxxxxxxxxx" in ran.output  # the start of the body is shown
