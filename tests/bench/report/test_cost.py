"""What a feature costs the list: req/s lost in %, against the issue's target."""

from __future__ import annotations

import pytest

from bench.load.load import Load
from bench.report.cost import Cost


@pytest.mark.parametrize(
    ("cost", "text", "target", "verdict"),
    [
        (Cost("c", 2000.0, 1900.0, at_most=10), "5.0 % (2,000 → 1,900 req/s)", "≤ 10 %", "met"),
        (Cost("c", 2000.0, 1700.0, at_most=10), "15.0 % (2,000 → 1,700 req/s)", "≤ 10 %",
         "**not met**"),
        (Cost("c", 2000.0, 2100.0, at_most=10), "−5.0 % (2,000 → 2,100 req/s)", "≤ 10 %", "met"),
        (Cost("c", 2000.0, 1000.0), "50.0 % (2,000 → 1,000 req/s)", "–", "–"),
        (Cost("c", None, 1000.0, at_most=10), "–", "≤ 10 %", "not measured"),
        (Cost("c", 0.0, 1000.0), "–", "–", "not measured"),
    ],
)
def test_cost_reads_against_the_issue_target(
    cost: Cost, text: str, target: str, verdict: str
) -> None:
    assert (cost.text(), cost.target(), cost.verdict()) == (text, target, verdict)


def test_cost_of_two_loads_notes_their_p50s_first() -> None:
    without = Load(tool="wrk", rps=1000.0, p50_ms=3.0)
    with_ = Load(tool="wrk", rps=950.0, p50_ms=3.25)

    cost = Cost.of_loads("journal", without, with_, at_most=10, note="0 matched")

    assert cost == Cost("journal", 1000.0, 950.0, 10, "p50 3.00 ms → 3.25 ms; 0 matched")
    assert Cost.of_loads("journal", None, with_) == Cost("journal", None, 950.0)
