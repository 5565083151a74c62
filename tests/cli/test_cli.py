"""The command line as a user meets it: serve a real process, drive its clock."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from socialpost.server.cli import main
from socialpost.server.cli.clock import format_report, parse_duration
from tests.conftest import AUTH, POSTS
from tests.live import ServerProcess, free_port, serve_process
from tests.test_document_examples import EXCHANGES


@pytest.fixture
def served(tmp_path: Path) -> Iterator[ServerProcess]:
    """``socialpost serve`` as a real process on a free port, on a fresh database."""
    with serve_process(tmp_path / "db.json") as server:
        yield server


def test_serve_prints_where_everything_is_and_answers_health(
    served: ServerProcess, tmp_path: Path
) -> None:
    output = served.output()
    assert f"{served.url}/ui/" in output
    assert str(tmp_path / "db.json") in output
    assert "Bearer test-token" in output


def test_clock_advance_prints_the_document_flow_transitions(
    served: ServerProcess,
) -> None:
    url = served.url
    for exchange in EXCHANGES:
        if exchange["method"] in {"POST", "PUT"}:
            httpx.request(exchange["method"], url + exchange["path"], params=exchange["query"],
                          json=exchange["request"], headers=AUTH).raise_for_status()

    result = CliRunner().invoke(main, ["clock", "--url", url, "advance", "20m"])

    assert result.exit_code == 0, result.output
    assert "3 post(s) executed" in result.output
    assert result.output.count("scheduled -> published") == 2
    assert "db5aa459-2ec6-4c1a-850a-ad5bf64f7159  scheduled -> failed: Internal Server Error" \
        in result.output
    executed = httpx.get(url + POSTS, params={"status": "executed"}, headers=AUTH).json()
    assert executed["info"]["total"] == 6


def test_clock_show_set_and_mode(served: ServerProcess) -> None:
    url = served.url
    runner = CliRunner()
    shown = runner.invoke(main, ["clock", "--url", url, "show"])
    assert "2026-01-23T01:43:19.587Z" in shown.output and "frozen" in shown.output
    moved = runner.invoke(main, ["clock", "--url", url, "set", "2026-01-24T09:00Z"])
    assert "2026-01-24T09:00:00.000Z" in moved.output
    back = runner.invoke(main, ["clock", "--url", url, "set", "2026-01-23T00:00Z"])
    assert back.exit_code == 1 and "only moves forward" in back.output
    fast = runner.invoke(main, ["clock", "--url", url, "mode", "realtime", "--speed", "60"])
    assert fast.exit_code == 0 and "realtime x60" in fast.output


def test_clock_against_nothing_exits_2() -> None:
    result = CliRunner().invoke(
        main, ["clock", "--url", f"http://127.0.0.1:{free_port()}", "show"]
    )
    assert result.exit_code == 2
    assert "cannot reach the mock" in result.output


def test_serve_refuses_a_corrupt_database_with_a_way_out(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    db.write_text("{not json")
    result = subprocess.run(
        [sys.executable, "-m", "socialpost", "serve", "--port", str(free_port()), "--db", str(db)],
        capture_output=True, text=True, timeout=30,
    )
    assert result.returncode == 2
    assert "cannot use the database" in result.stderr
    assert "Move" in result.stderr
    assert db.read_text() == "{not json"


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("90", 90), ("90s", 90), ("20m", 1200), ("2h", 7200), ("1d", 86400), ("1h30m", 5400)],
)
def test_durations_read_like_people_write_them(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


def test_report_without_transitions_says_so() -> None:
    answer = {"now": 1.0, "iso": "1970-01-01T00:00:01.000Z", "mode": "frozen", "speed": 1,
              "transitions": []}
    assert format_report(answer).endswith("No post fell due.")


def test_clock_session_moves_that_sessions_clock_only(served: ServerProcess) -> None:
    runner = CliRunner()
    moved = runner.invoke(main, ["clock", "--url", served.url, "--session", "cli-s",
                                 "advance", "1h"])
    assert moved.exit_code == 0, moved.output
    assert "2026-01-23T02:43:19.587Z" in moved.output
    session = httpx.get(f"{served.url}/_mock/clock", headers={"X-Mock-Session": "cli-s"})
    assert session.json()["now"] == 1769132599.587474 + 3600
    assert httpx.get(f"{served.url}/_mock/clock").json()["now"] != session.json()["now"]


@pytest.mark.parametrize(("level", "logged"), [("info", True), ("warning", False)])
def test_log_level_info_logs_every_request_and_warning_only_problems(
    tmp_path: Path, level: str, logged: bool
) -> None:
    with serve_process(tmp_path / "db.json", "--log-level", level) as server:
        assert httpx.get(f"{server.url}/brands/x/social-posts").status_code == 401
        httpx.get(f"{server.url}/_mock/health")
        output = server.output()
    assert ("GET /brands/x/social-posts HTTP/1.1\" 401" in output) is logged
    assert "Social Post mock on" in output  # the banner is printed whatever the level
