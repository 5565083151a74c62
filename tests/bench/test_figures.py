"""Figures as the report prints them, and the nearest-rank percentile."""

from __future__ import annotations

import math

import pytest

from bench.figures import fmt_bytes, fmt_cpu, fmt_int, fmt_ms, fmt_s, percentile


def test_percentile_is_nearest_rank() -> None:
    values = [float(x) for x in range(7, 0, -1)]  # 1..7, unsorted

    assert percentile(values, 50) == 4
    assert percentile(values, 99) == 7
    assert percentile(values, 0) == 1
    assert percentile([float(x) for x in range(1, 1001)], 99) == 990
    assert percentile([7.0], 99) == 7.0


def test_percentile_of_nothing_is_nan() -> None:
    assert math.isnan(percentile([], 50))


@pytest.mark.parametrize(
    ("value", "text"),
    [(None, "–"), (float("nan"), "–"), (1234.5, "1,234 ms"), (100.0, "100 ms"),
     (61.84, "61.8 ms"), (10.0, "10.0 ms"), (3.5, "3.50 ms"), (0.004, "0.00 ms")],
)
def test_milliseconds_keep_three_significant_figures(value: float | None, text: str) -> None:
    assert fmt_ms(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [(None, "–"), (0, "0 B"), (1023, "1023 B"), (1024, "1.0 KiB"), (123_700, "120.8 KiB"),
     (5_767_168, "5.5 MiB")],
)
def test_bytes_in_binary_units(value: int | None, text: str) -> None:
    assert fmt_bytes(value) == text


def test_counts_seconds_and_cpu() -> None:
    assert (fmt_int(None), fmt_int(8890.4), fmt_int(10_000)) == ("–", "8,890", "10,000")
    assert (fmt_s(None), fmt_s(1.789)) == ("–", "1.79 s")
    assert (fmt_cpu(None), fmt_cpu(1.0), fmt_cpu(0.304)) == ("–", "100 %", "30 %")
