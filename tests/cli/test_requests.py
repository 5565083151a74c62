"""``socialpost requests`` as a user runs it: against a real mock, once and following."""

from __future__ import annotations

import queue
import subprocess
import sys
import threading
from collections.abc import Iterator
from typing import IO

import httpx
import pytest
from click.testing import CliRunner

from socialpost.server.cli import main
from tests.conftest import AUTH, POSTS, create_body
from tests.live import ServerProcess, free_port, serve_process


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """One real mock for this module (each test reads its own session's journal)."""
    with serve_process(tmp_path_factory.mktemp("requests") / "db.json") as server:
        yield server


def socialpost(*args: str) -> list[str]:
    return [sys.executable, "-m", "socialpost", "requests", *args]


def test_requests_prints_a_table_oldest_first(served: ServerProcess) -> None:
    session = {"X-Mock-Session": "table"}
    httpx.get(served.url + POSTS, headers={**AUTH, **session}).raise_for_status()
    httpx.post(served.url + POSTS, json=create_body(), headers={**AUTH, **session}
               ).raise_for_status()

    result = subprocess.run(socialpost("--base-url", served.url, "--session", "table"),
                            capture_output=True, text=True, timeout=60)

    assert result.returncode == 0, result.stderr
    header, listed, created = result.stdout.splitlines()
    assert header.split() == ["TIME", "(UTC)", "SESSION", "METHOD", "PATH", "OPERATION",
                              "STATUS", "DURATION", "FAULT"]
    assert listed.split()[1:3] == ["table", "GET"]
    assert created.split()[1:6] == ["table", "POST", "/brands/b3ad887b…/social-posts",
                                    "createSocialPost", "200"]


def test_requests_filters_and_prints_json_lines(served: ServerProcess) -> None:
    session = {"X-Mock-Session": "filtered"}
    for caption in ("first", "second"):
        httpx.post(served.url + POSTS, json=create_body(caption=caption),
                   headers={**AUTH, **session}).raise_for_status()

    result = subprocess.run(
        socialpost("--base-url", served.url, "--session", "filtered", "--json",
                   "--field", "caption", "--equals", "second"),
        capture_output=True, text=True, timeout=60,
    )

    assert result.returncode == 0, result.stderr
    [line] = result.stdout.splitlines()
    assert '"caption": "second"' in line and '"operation": "createSocialPost"' in line


def _lines(stream: IO[str], into: queue.Queue[str]) -> None:
    for line in stream:
        into.put(line)


def _next_line(lines: queue.Queue[str], seconds: float = 20) -> str:
    return lines.get(timeout=seconds)


def test_follow_prints_requests_made_after_it_started(served: ServerProcess) -> None:
    session = {"X-Mock-Session": "followed"}
    with subprocess.Popen(
        socialpost("--base-url", served.url, "--session", "followed", "--follow",
                   "--interval", "0.1"),
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    ) as follower:
        lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=_lines, args=(follower.stdout, lines), daemon=True).start()
        try:
            assert _next_line(lines).startswith("TIME")  # the empty table: it follows now
            httpx.post(served.url + POSTS, json=create_body(), headers={**AUTH, **session}
                       ).raise_for_status()

            row = _next_line(lines)

            assert "createSocialPost" in row and "followed" in row
        finally:
            follower.terminate()
            follower.wait(timeout=10)


def test_requests_against_nothing_exits_2() -> None:
    result = CliRunner().invoke(
        main, ["requests", "--base-url", f"http://127.0.0.1:{free_port()}"]
    )
    assert result.exit_code == 2
    assert "cannot reach the mock" in result.output


def test_a_bad_filter_exits_1_naming_it(served: ServerProcess) -> None:
    result = CliRunner().invoke(main, ["requests", "--base-url", served.url, "--status", "4yy"])
    assert result.exit_code == 1
    assert "status" in result.output
