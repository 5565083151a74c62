"""The list throughput's ratios: each round's pair compared, the machine's drift cancelled."""

from __future__ import annotations

from bench.measure.throughput import paired, ratios
from bench.report.report import Report


def _report(unique: list[float], prism: list[float]) -> Report:
    report = Report()
    report.raw["list_mock-unique"] = [{"rps": x} for x in unique]
    report.raw["list_prism"] = [{"rps": x} for x in prism]
    return report


def test_the_paired_ratio_is_the_median_of_each_rounds_ratio() -> None:
    # The machine slowed down in round 2: both targets measured then were slow alike.
    report = _report([3000.0, 1500.0, 2800.0], [1400.0, 700.0, 1500.0])
    assert paired(report, "mock-unique", "prism") == 3000.0 / 1400.0


def test_an_even_number_of_rounds_takes_the_middle_two() -> None:
    report = _report([200.0, 300.0], [100.0, 100.0])
    assert paired(report, "mock-unique", "prism") == 2.5


def test_rounds_without_a_figure_are_left_out_and_none_is_none() -> None:
    assert paired(_report([200.0, 300.0], [0.0, 100.0]), "mock-unique", "prism") == 3.0
    assert paired(_report([], []), "mock-unique", "prism") is None


def test_the_ratios_table_carries_the_paired_ratio_with_its_target() -> None:
    report = _report([3000.0, 1500.0, 2800.0], [1400.0, 700.0, 1500.0])
    ratios(report)  # no throughput rows: the plain ratios are not measured
    found = {ratio.name: ratio for ratio in report.ratios}
    ratio = found["mock, unique queries / Prism, req/s, paired (median of each round's ratio)"]
    assert ratio.text() == "2.14×"
    assert ratio.verdict() == "met, goal reached"
