"""``conform`` in a session of the mock: ``--header`` and a base URL with a path reach every
request the run makes, and runs in different sessions of one mock do not see each other."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from socialpost.server.app import create_app
from socialpost.server.config import Settings
from tests.conformance.conftest import ASSOCIATIONS, BRAND, conform
from tests.live import serve_asgi

ROOT = Path(__file__).resolve().parents[2]
AUTH = {"Authorization": "Bearer test-token"}


class HeaderRecording:
    """An ASGI wrapper that records (path, user agent, headers) of every request."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.requests: list[tuple[str, str, list[tuple[str, str]]]] = []

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            headers = [(k.decode("latin-1").lower(), v.decode("latin-1"))
                       for k, v in scope["headers"]]
            agent = next((v for k, v in headers if k == "user-agent"), "")
            self.requests.append((scope["path"], agent, headers))
        await self.app(scope, receive, send)


@pytest.fixture
def recorded() -> Iterator[tuple[str, HeaderRecording]]:
    recording = HeaderRecording(create_app(Settings(db_path=None)))
    with serve_asgi(recording) as base_url:
        yield base_url, recording


def test_headers_and_the_base_urls_path_reach_every_request(
    recorded: tuple[str, HeaderRecording],
) -> None:
    # Given: a session's path, and two headers, one of them looking like a ${placeholder}
    base_url, recording = recorded
    prefix = "/_sessions/recorded"
    # When
    ran = conform("--base-url", base_url + prefix, "--token", "test-token", "--quick",
                  "--seed", "11", "--header", "X-Trace: ${HOME} 1", "--header", "x-other:two")
    # Then: the suite's own requests, Schemathesis' and the control API's all carried both
    assert ran.exit_code == 0, ran.output
    assert "headers: X-Trace: ${HOME} 1, x-other: two" in ran.output
    paths = {path.removeprefix(prefix).split("/")[1] for path, _, _ in recording.requests}
    agents = {agent.split("/")[0] for _, agent, _ in recording.requests}
    assert {"brands", "_mock"} <= paths
    assert {"python-httpx", "schemathesis"} <= agents
    for path, agent, headers in recording.requests:
        assert path.startswith(prefix + "/"), (path, agent)
        sent = [(k, v) for k, v in headers if k in ("x-trace", "x-other")]
        assert sorted(sent) == [("x-other", "two"), ("x-trace", "${HOME} 1")], (path, agent)


@pytest.mark.parametrize(
    ("given", "said"),
    [
        ("X-Mock-Session qa-1", "no colon"),
        (": qa-1", "no header name"),
        ("X Mock: qa-1", "not a valid header name"),
        ("X-Mock-Session: caf\u00e9", "printable ASCII"),
        ("Authorization: Bearer other-token", "use --token"),
        ("content-type: text/plain", "each request's content type"),
    ],
)
def test_a_header_that_cannot_be_sent_exits_2_naming_the_option(given: str, said: str) -> None:
    ran = conform("--base-url", "http://127.0.0.1:9", "--header", given)
    assert ran.exit_code == 2
    assert "'--header'" in ran.output and said in ran.output, ran.output


def test_a_header_given_twice_exits_2() -> None:
    ran = conform("--base-url", "http://127.0.0.1:9",
                  "--header", "X-Mock-Session: a", "--header", "x-mock-session: b")
    assert ran.exit_code == 2
    assert "given twice" in ran.output


def test_a_base_url_with_a_query_exits_2() -> None:
    ran = conform("--base-url", "http://127.0.0.1:9/_sessions/qa-1?x=1")
    assert ran.exit_code == 2
    assert "query" in ran.output


def _get(url: str, headers: dict[str, str] | None = None, **params: Any) -> Any:
    answer = httpx.get(url, params=params, headers={**AUTH, **(headers or {})})
    assert answer.status_code == 200, answer.text
    return answer.json()


def _posts(base_url: str, headers: dict[str, str] | None = None) -> list[dict[str, Any]]:
    body = _get(f"{base_url}/brands/{BRAND}/social-posts", headers, limit=1000,
                associations=ASSOCIATIONS)
    posts: list[dict[str, Any]] = body["data"]
    return posts


def _now(base_url: str, headers: dict[str, str] | None = None) -> float:
    return float(_get(f"{base_url}/_mock/clock", headers)["now"])


def test_runs_in_three_sessions_of_one_mock_at_once_each_conform_and_stay_apart(
    tmp_path: Path,
) -> None:
    with serve_asgi(create_app(Settings(db_path=None))) as url:
        # Given: a fresh mock; the default session's posts and clock are the fixtures'
        start, fixtures = _now(url), _posts(url)
        session_a = {"X-Mock-Session": "conform-a"}
        session_b = f"{url}/_sessions/conform-b"
        runs = {
            "default": ["--base-url", url],
            "header": ["--base-url", url, "--header", "X-Mock-Session: conform-a"],
            "prefix": ["--base-url", session_b],
        }
        # When: three runs at once, one per session
        processes = {}
        for name, args in runs.items():
            with (tmp_path / f"{name}.log").open("wb") as log:
                processes[name] = subprocess.Popen(
                    [sys.executable, "-m", "socialpost", "conform", *args, "--token",
                     "test-token", "--quick", "--seed", "5"],
                    cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                )
        codes = {name: process.wait(timeout=300) for name, process in processes.items()}
        # Then: each conforms
        for name, code in codes.items():
            assert code == 0, (tmp_path / f"{name}.log").read_text(errors="replace")[-4000:]
        # and each session's clock moved by one run's move only (none by another run's); every
        # session's posts are the fixtures' again (each run deleted its own, in its session)
        moved = {"default": _now(url), "header": _now(url, session_a),
                 "prefix": _now(session_b)}
        assert moved["default"] > start
        assert moved == dict.fromkeys(runs, moved["default"])
        assert _posts(url) == fixtures
        assert _posts(url, session_a) == fixtures
        assert _posts(session_b) == fixtures
