"""Options: the defaults of a full run, those --quick changes, and what is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.cli import PARTS, Options, parse_options


def test_full_run_defaults() -> None:
    assert parse_options([]) == Options(
        quick=False, skip_prism=False, rounds=3, posts=10_000, duration=10.0, warmup=3.0,
        connections=32, create_connections=16, sequential=400, start_timeout=300,
        conform_timeout=1800, python_load=False, json=None, keep=False,
        parts=("main", "small", "stores", "sessions", "journal", "faults", "proxy", "conform"),
        cost_duration=2.0, cost_warmup=1.0, cost_rounds=2, sessions=500, session_creates=300,
        live_sessions=1000, busy_sessions=100, pg_url="postgresql://postgres@127.0.0.1:5432/test",
        skip_postgresql=False,
    )


def test_quick_shortens_runs_rounds_and_sequential_requests() -> None:
    options = parse_options(["--quick"])

    assert (options.duration, options.warmup, options.rounds, options.sequential) == (
        2.0, 1.0, 1, 100,
    )
    assert (options.posts, options.connections, options.create_connections) == (10_000, 32, 16)
    assert (options.cost_duration, options.cost_warmup, options.cost_rounds) == (1.0, 1.0, 1)
    assert (options.sessions, options.live_sessions, options.parts) == (500, 1000, PARTS)


def test_explicit_values_win_over_quick_defaults() -> None:
    options = parse_options(
        ["--quick", "--duration", "5", "--warmup", "0", "--rounds", "2", "--sequential", "7",
         "--posts", "2000", "--skip-prism", "--json", "out.json"]
    )

    assert (options.duration, options.warmup, options.rounds, options.sequential) == (
        5.0, 0.0, 2, 7,
    )
    assert (options.posts, options.skip_prism, options.json) == (2000, True, Path("out.json"))


def test_only_runs_the_parts_named_in_the_run_order() -> None:
    options = parse_options(["--only", "faults, sessions,journal"])

    assert options.parts == ("sessions", "journal", "faults")


def test_the_postgresql_server_can_be_named_or_skipped() -> None:
    options = parse_options(["--only", "stores", "--pg-url", "postgresql://me@db:5433/x",
                             "--skip-postgresql"])

    assert (options.parts, options.pg_url, options.skip_postgresql) == (
        ("stores",), "postgresql://me@db:5433/x", True,
    )


def test_explicit_cost_options_win_over_quick_defaults() -> None:
    options = parse_options(
        ["--quick", "--cost-duration", "4", "--cost-warmup", "0", "--cost-rounds", "3",
         "--sessions", "50", "--session-creates", "20", "--live-sessions", "10",
         "--busy-sessions", "0"]
    )

    assert (options.cost_duration, options.cost_warmup, options.cost_rounds) == (4.0, 0.0, 3)
    assert (options.sessions, options.session_creates, options.live_sessions) == (50, 20, 10)
    assert options.busy_sessions == 0


@pytest.mark.parametrize(
    ("argv", "message"),
    [(["--only", "sessions,prism"], "--only: prism is not a part; the parts are main, small, "
      "stores, sessions, journal, faults, proxy, conform"),
     (["--only", ","], "--only: name at least one part; the parts are main,"),
     (["--busy-sessions", "-1"], "--busy-sessions must be at least 0")],
)
def test_unknown_parts_and_negative_counts_are_refused(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        parse_options(argv)

    assert exit_.value.code == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [["--posts", "0"], ["--rounds", "0"], ["--cost-rounds", "0"], ["--sessions", "0"],
     ["--session-creates", "0"], ["--live-sessions", "0"]],
)
def test_counts_below_one_are_refused(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        parse_options(argv)

    assert exit_.value.code == 2
    assert "must be at least 1" in capsys.readouterr().err


def test_mocks_log_like_prism_unless_the_access_log_is_asked_for() -> None:
    from bench.command import quiet_flags

    help_text = "Usage: socialpost serve [OPTIONS]\n  --log-level [debug|info|warning|error]"

    assert parse_options([]).access_log is False
    assert quiet_flags(help_text, access_log=False) == ["--log-level", "warning"]
    assert quiet_flags(help_text, access_log=parse_options(["--access-log"]).access_log) == []
    # An older `serve` without the option runs as it always did
    assert quiet_flags("Usage: socialpost serve [OPTIONS]", access_log=False) == []
