"""Options: the defaults of a full run, those --quick changes, and what is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.cli import Options, parse_options


def test_full_run_defaults() -> None:
    assert parse_options([]) == Options(
        quick=False, skip_prism=False, rounds=3, posts=10_000, duration=10.0, warmup=3.0,
        connections=32, create_connections=16, sequential=400, start_timeout=300,
        conform_timeout=1800, python_load=False, json=None, keep=False,
    )


def test_quick_shortens_runs_rounds_and_sequential_requests() -> None:
    options = parse_options(["--quick"])

    assert (options.duration, options.warmup, options.rounds, options.sequential) == (
        2.0, 1.0, 1, 100,
    )
    assert (options.posts, options.connections, options.create_connections) == (10_000, 32, 16)


def test_explicit_values_win_over_quick_defaults() -> None:
    options = parse_options(
        ["--quick", "--duration", "5", "--warmup", "0", "--rounds", "2", "--sequential", "7",
         "--posts", "2000", "--skip-prism", "--json", "out.json"]
    )

    assert (options.duration, options.warmup, options.rounds, options.sequential) == (
        5.0, 0.0, 2, 7,
    )
    assert (options.posts, options.skip_prism, options.json) == (2000, True, Path("out.json"))


@pytest.mark.parametrize("argv", [["--posts", "0"], ["--rounds", "0"]])
def test_counts_below_one_are_refused(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        parse_options(argv)

    assert exit_.value.code == 2
    assert "must be at least 1" in capsys.readouterr().err
