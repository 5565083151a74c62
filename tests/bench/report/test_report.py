"""The Markdown report: its tables, the issue's targets and verdicts, the order of measures."""

from __future__ import annotations

import pytest

from bench.cli import parse_options
from bench.load.load import Load
from bench.report.cost import Cost
from bench.report.report import Ratio, Report, Row, render, throughput_line


def _report() -> Report:
    wrk = Load(tool="wrk", requests=9000, rps=900.4, p50_ms=3.5, p99_ms=7.126, seconds=10,
               server_cpu=1.0, client_cpu=0.3, machine_cpu=1.25)
    return Report(
        machine=[("machine", "2 CPUs"), ("commit", "abc1234")],
        throughput=[
            Row("socialpost mock, 10,000 posts", wrk, bytes_=123_700, note="median", key="mock"),
            Row("Prism 5 mock", note="skipped: --skip-prism", key="prism"),
        ],
        ratios=[Ratio("mock / Prism, req/s", 900.4, None, at_least=1.5, goal=2.0)],
        others=[
            ("`socialpost conform --quick` against a fresh mock (fixtures)", "9.00 s, exit 0", ""),
            ("`serve` start to first 200 after a kill -9 (following the creates)", "2.00 s", ""),
            ("`serve` start to first 200, existing 10,000-post db", "1.50 s", "5.5 MiB"),
            ("list p50 at 10,000 posts, sequential, same query", "1.58 ms", "100 requests"),
            ("`serve` start to first 200, fresh db (10,000 posts generated)", "1.79 s", ""),
            ("durable creates/s at 10,000 posts (create-with-asset body)", "**77/s**", "ok"),
            ("list p50 at 100 posts, sequential, same query", "1.47 ms", "100 requests"),
        ],
        problems=["wrk is not installed"],
    )


def test_quick_report_renders_every_table_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("os.cpu_count", lambda: 2)

    text = render(_report(), parse_options(["--quick"]))

    assert text == "\n".join(
        [
            "### Benchmark (--quick smoke test, `python -m bench --quick`)",
            "",
            "- **machine**: 2 CPUs",
            "- **commit**: abc1234",
            "- **load**: 32 connections, 1 thread, 2 s after 1 s warm-up; servers on 127.0.0.1, "
            "one process each (uvicorn with one worker for the mock and the bare app); no line "
            "logged per request by any of them (the mock with `--log-level warning`, Prism with "
            "`-v error`)",
            "",
            "`GET /brands/{brand}/social-posts?status=any&limit=50&associations=` (all three), "
            "`Authorization: Bearer test-token`:",
            "",
            "| server | req/s | p50 | p99 | response | server CPU | notes |",
            "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
            "| socialpost mock, 10,000 posts | 900 | 3.50 ms | 7.13 ms | 120.8 KiB | 100 % | "
            "median; load generator CPU 30 %; machine busy 1.2 of 2 CPUs |",
            "| Prism 5 mock | – | – | – | – | – | skipped: --skip-prism |",
            "",
            "| ratio | value | target (issue 7) | verdict |",
            "| --- | ---: | --- | --- |",
            "| mock / Prism, req/s | – | ≥ 1.5×, goal 2× | not measured |",
            "",
            "| measure | value | notes |",
            "| --- | ---: | --- |",
            "| durable creates/s at 10,000 posts (create-with-asset body) | **77/s** | ok |",
            "| list p50 at 10,000 posts, sequential, same query | 1.58 ms | 100 requests |",
            "| list p50 at 100 posts, sequential, same query | 1.47 ms | 100 requests |",
            "| `serve` start to first 200, fresh db (10,000 posts generated) | 1.79 s |  |",
            "| `serve` start to first 200, existing 10,000-post db | 1.50 s | 5.5 MiB |",
            "| `serve` start to first 200 after a kill -9 (following the creates) | 2.00 s |  |",
            "| `socialpost conform --quick` against a fresh mock (fixtures) | 9.00 s, exit 0 |  |",
            "",
            "Problems in this run:",
            "",
            "- wrk is not installed",
        ]
    )


def test_full_run_heading_has_no_quick_and_no_problems_section() -> None:
    report = _report()
    report.problems = []

    text = render(report, parse_options([]))

    assert text.splitlines()[0] == "### Benchmark (`python -m bench`)"
    assert "- **load**: 32 connections, 1 thread, 10 s after 3 s warm-up;" in text
    assert "Problems in this run" not in text


def test_row_from_the_python_load_generator_says_so_and_flags_errors() -> None:
    load = Load(tool="python-httpx", requests=0, rps=0.0, non_2xx=3, errors=2,
                note="no answer completed within 2 s")

    line = throughput_line(Row("mock", load, bytes_=512))

    assert line == (
        "| mock | 0 | – | – | 512 B | – | **python-httpx load generator, not wrk**; "
        "**3 non-2xx, 2 socket errors**; **no answer completed within 2 s** |"
    )


@pytest.mark.parametrize(
    ("ratio", "text", "target", "verdict"),
    [
        (Ratio("r", 30.0, 10.0, at_least=1.5, goal=2.0), "3.00×", "≥ 1.5×, goal 2×",
         "met, goal reached"),
        (Ratio("r", 18.0, 10.0, at_least=1.5, goal=2.0), "1.80×", "≥ 1.5×, goal 2×", "met"),
        (Ratio("r", 14.0, 10.0, at_least=1.5, goal=2.0), "1.40×", "≥ 1.5×, goal 2×",
         "**not met**"),
        (Ratio("r", 4.0, 10.0, goal=0.35), "0.40×", "goal ≥ 0.35×", "goal reached"),
        (Ratio("r", 3.0, 10.0, goal=0.35), "0.30×", "goal ≥ 0.35×", "below the goal"),
        (Ratio("r", 3.0, 2.0, at_most=2.0), "1.50×", "≤ 2×", "met"),
        (Ratio("r", 5.0, 2.0, at_most=2.0), "2.50×", "≤ 2×", "**not met**"),
        (Ratio("r", 1234.4, 1.0, at_least=300, goal=1000, unit="/s"), "1,234/s",
         "≥ 300/s, goal 1,000/s", "met, goal reached"),
        (Ratio("r", None, 1.0, at_least=300, goal=1000, unit="/s"), "–",
         "≥ 300/s, goal 1,000/s", "not measured"),
        (Ratio("r", 5.0, 0.0, at_most=2.0), "–", "≤ 2×", "not measured"),
    ],
)
def test_ratio_reads_against_the_issue_target(
    ratio: Ratio, text: str, target: str, verdict: str
) -> None:
    assert (ratio.text(), ratio.target(), ratio.verdict()) == (text, target, verdict)


def _cost_report() -> Report:
    rounds = [Load(tool="wrk", requests=900, rps=r, p50_ms=3.0, p99_ms=9.0, seconds=2,
                   server_cpu=0.9) for r in (300.0, 450.0)]
    return Report(
        machine=[("commit", "abc1234")],
        cost_rows=[
            Row.best_of("mock, journal on, same query", rounds, bytes_=2048, key="journal-on"),
            Row("mock, `serve --latency 50-300ms`", note="skipped", key="latency"),
        ],
        costs=[Cost("the journal, same query", 500.0, 450.0, at_most=10, note="p50 …")],
        cost_others=[
            ("list answer delayed by a `delay_ms: 300` fault rule, p50", "302 ms", "20 requests"),
            ("memory per session of the fixtures", "76.7 KiB", "500 sessions"),
            ("session created with `POST /_mock/sessions`, p50", "1.46 ms", "500 sessions"),
        ],
    )


def test_cost_section_alone_leaves_out_the_empty_issue_7_tables() -> None:
    options = parse_options(["--only", "journal", "--cost-rounds", "2", "--access-log"])

    text = render(_cost_report(), options)

    assert text == "\n".join(
        [
            "### Benchmark (`python -m bench`)",
            "",
            "- **commit**: abc1234",
            "- **load**: 32 connections, 1 thread, 10 s after 3 s warm-up; servers on 127.0.0.1, "
            "one process each (uvicorn with one worker for the mock and the bare app); every "
            "request logged by the mock and the bare app (`--access-log`)",
            "",
            "#### Sessions, the journal, faults (issue 12) and the validating proxy (issue 15)",
            "",
            "`GET /brands/{brand}/social-posts?status=any&limit=50&associations=` (all three), "
            "`Authorization: Bearer test-token`; 32 connections, 1 thread, 2 s after 1 s "
            "warm-up; the configurations compared run at the same time and are measured in "
            "turn, 2 rounds, the best kept. *Uncached* and *unique queries*: no URL repeats "
            "within the reach of the mock's response cache, so every request is served.",
            "",
            "| server | req/s | p50 | p99 | response | server CPU | notes |",
            "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
            "| mock, journal on, same query | 450 | 3.00 ms | 9.00 ms | 2.0 KiB | 90 % | "
            "best of 2 rounds (300–450 req/s) |",
            "| mock, `serve --latency 50-300ms` | – | – | – | – | – | skipped |",
            "",
            "| cost (req/s lost) | value | target (issue 12) | verdict | notes |",
            "| --- | ---: | --- | --- | --- |",
            "| the journal, same query | 10.0 % (500 → 450 req/s) | ≤ 10 % | met | p50 … |",
            "",
            "| measure | value | notes |",
            "| --- | ---: | --- |",
            "| session created with `POST /_mock/sessions`, p50 | 1.46 ms | 500 sessions |",
            "| memory per session of the fixtures | 76.7 KiB | 500 sessions |",
            "| list answer delayed by a `delay_ms: 300` fault rule, p50 | 302 ms | 20 requests |",
        ]
    )


def test_cost_section_follows_the_issue_7_tables_and_precedes_the_problems() -> None:
    report = _report()
    costs = _cost_report()
    report.cost_rows, report.costs = costs.cost_rows, costs.costs

    lines = render(report, parse_options(["--quick"])).splitlines()

    section = lines.index(
        "#### Sessions, the journal, faults (issue 12) and the validating proxy (issue 15)")
    assert lines.index("| measure | value | notes |") < section
    assert section < lines.index("Problems in this run:")
    assert "1 s after 1 s warm-up" in lines[section + 2]
    assert "1 round, the best kept" in lines[section + 2]


def test_best_of_one_round_keeps_it_without_a_range() -> None:
    load = Load(tool="wrk", rps=10.0)

    assert Row.best_of("r", [load], "n", key="k") == Row("r", load, "", "n", None, "k")
    assert Row.best_of("r", []) == Row("r")


def test_store_section_sets_the_stores_side_by_side_before_the_problems() -> None:
    wrk = Load(tool="wrk", requests=900, rps=300.0, p50_ms=50.0, p99_ms=90.0, seconds=2,
               server_cpu=1.0)
    report = Report(
        store_rows=[Row("TinyDB: list, unique queries", wrk, bytes_=123_700, key="tinydb"),
                    Row("PostgreSQL, `--workers 2`: durable creates", wrk, note="ok",
                        key="postgresql-2-creates")],
        store_notes=["PostgreSQL rows skipped (--skip-postgresql)"],
        problems=["a problem"],
    )

    text = render(report, parse_options(["--quick"]))

    section = text[text.index("#### The stores side by side"):]
    assert section.index("| TinyDB: list, unique queries | 300 | 50.0 ms") < section.index(
        "| PostgreSQL, `--workers 2`: durable creates | 300 |") < section.index(
        "- PostgreSQL rows skipped (--skip-postgresql)") < section.index("Problems in this run")
    assert "Server CPU counts every process of the mock" in section
