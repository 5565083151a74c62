"""What a QA engineer reads: each failure with what was sent, what came back, the contract;
each deviation with the decision, the mock's answer and the target's."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from socialpost.conformance.reports import text as report
from socialpost.conformance.reports.junit import write_junit
from socialpost.conformance.results import Finding, Result, Status
from socialpost.conformance.runner import Outcome, Settings
from socialpost.conformance.target.ledger import Cleanup
from socialpost.conformance.target.profile import load_profile
from tests.conformance.reports.results import UNKNOWN_BRAND, broken_limit_check

SETTINGS = Settings(base_url="http://127.0.0.1:8080", profile=load_profile(None, "test-token"),
                    seed=42)


def _outcome() -> Outcome:
    broken = broken_limit_check()
    skipped = Result(layer=4, name="due_post_publishes_when_the_clock_passes", behaviour="B.",
                     status=Status.SKIPPED, reason="no control API")
    passed = Result(layer=1, name="not_a_server_error", behaviour="C.", runs=12)
    return Outcome(results=[passed, broken, skipped], cleanup=Cleanup(deleted=3, left=()),
                   seconds=1.25)


def test_failures_show_behaviour_request_response_and_contract() -> None:
    lines: list[str] = []
    report.failures(_outcome(), lines.append)
    assert lines == [
        "",
        "NON-CONFORMANCES",
        "",
        "[layer 3] limit_caps_the_page: `limit=k` returns at most k posts (exactly k when more "
        "match).",
        "  found:     limit=1 returned 17 post(s) while 17 match",
        "  sent:      curl -X GET -H \"Authorization: Bearer ${TOKEN}\" "
        "'http://127.0.0.1:8080/x?limit=1'",
        '  got:       200 application/json {"code": "OK", "data": [...]}',
        "  contract:  Largest number of rows to return.",
    ]


def test_summary_counts_per_layer_and_names_each_check() -> None:
    lines: list[str] = []
    report.summary(_outcome(), SETTINGS, lines.append)
    text = "\n".join(lines)
    assert "layer 1 · contract (Schemathesis: examples, coverage, fuzzing): 1 passed" in text
    assert "  PASS  not_a_server_error (12 runs)" in text
    assert "  FAIL  limit_caps_the_page (1 finding(s))" in text
    assert "  SKIP  due_post_publishes_when_the_clock_passes (no control API)" in text
    assert "cleanup: deleted 3 post(s) the run created" in text
    assert lines[-1] == ("1 non-conformance(s) found · 3 checks · 0 deviations · 1.2 s · "
                         "reproduce with --seed 42")


def test_a_clean_run_says_it_conforms() -> None:
    outcome = Outcome(results=[Result(layer=3, name="x", behaviour="X.")], seconds=2.0)
    lines: list[str] = []
    report.failures(outcome, lines.append)
    report.summary(outcome, SETTINGS, lines.append)
    assert lines[-1].startswith("conforms · 1 checks · 0 deviations")
    assert "NON-CONFORMANCES" not in lines


def _deviating(strict: bool) -> Outcome:
    deviated = Result(layer=3, name="unknown_brand_is_refused", behaviour="Refused.")
    deviated.deviate(UNKNOWN_BRAND)
    passed = Result(layer=3, name="limit_caps_the_page", behaviour="Capped.")
    return Outcome(results=[passed, deviated], seconds=2.0, strict=strict)


def test_a_deviation_is_listed_but_the_run_conforms() -> None:
    # Given
    outcome = _deviating(strict=False)
    lines: list[str] = []
    # When
    report.failures(outcome, lines.append)
    report.summary(outcome, SETTINGS, lines.append)
    # Then
    text = "\n".join(lines)
    assert outcome.conforms
    assert "NON-CONFORMANCES" not in text
    assert "DEVIATIONS FROM THE MOCK'S CHOICES (acceptable answers; --strict fails them)" in text
    assert "[layer 3] unknown_brand_is_refused: an unknown brand" in text
    assert "  mock:      403" in text
    assert "  target:    404" in text
    assert "  DEV   unknown_brand_is_refused (1 deviation(s))" in text
    assert ("deviation: unknown_brand_is_refused: an unknown brand: the mock answers 403; the "
            "target answers 404") in text
    assert lines[-1].startswith("conforms · 2 checks · 1 deviation · ")


def test_under_strict_a_deviation_fails_the_run() -> None:
    outcome = _deviating(strict=True)
    lines: list[str] = []
    report.failures(outcome, lines.append)
    report.summary(outcome, SETTINGS, lines.append)
    assert not outcome.conforms
    assert "(failing: --strict)" in "\n".join(lines)
    assert lines[-1].startswith("does not conform under --strict · 2 checks · 1 deviation · ")


def test_a_failed_check_keeps_its_deviations() -> None:
    result = Result(layer=3, name="x", behaviour="X.")
    result.fail(Finding(message="broken"))
    result.deviate(UNKNOWN_BRAND)
    result.deviate(UNKNOWN_BRAND)  # the same deviation twice is one
    assert result.status == Status.FAILED
    assert result.deviations == [UNKNOWN_BRAND]


def _junit(outcome: Outcome, tmp_path: Path) -> ET.Element:
    path = tmp_path / "conform.xml"
    write_junit(outcome, path)
    return ET.parse(path).getroot()


def test_junit_marks_a_deviation_as_a_property_and_output_not_a_failure(tmp_path: Path) -> None:
    root = _junit(_deviating(strict=False), tmp_path)
    case = next(c for c in root.iter("testcase") if c.get("name") == "unknown_brand_is_refused")
    properties = [(p.get("name"), p.get("value")) for p in case.iter("property")]
    assert properties == [("deviation", "an unknown brand: the mock answers 403; the target "
                                        "answers 404")]
    assert "mock: 403" in (case.findtext("system-out") or "")
    assert not list(root.iter("failure"))
    assert next(root.iter("testsuite")).get("failures") == "0"


def test_junit_under_strict_fails_a_deviation_by_type(tmp_path: Path) -> None:
    root = _junit(_deviating(strict=True), tmp_path)
    failures = list(root.iter("failure"))
    assert [f.get("type") for f in failures] == ["deviation"]
    assert "an unknown brand" in (failures[0].get("message") or "")
    layer3 = [s for s in root.iter("testsuite") if (s.get("name") or "").startswith("layer 3")]
    assert layer3[0].get("failures") == "1"


def test_a_huge_finding_is_printed_bounded() -> None:
    # Given: a finding that quotes a megabyte (a caption echoed back, a body)
    huge = Result(layer=3, name="x", behaviour="X.")
    huge.fail(Finding(message="m" * 1_000_000, curl="c" * 1_000_000, response="r" * 1_000_000))
    lines: list[str] = []
    # When
    report.failures(Outcome(results=[huge]), lines.append)
    # Then
    assert max(len(line) for line in lines) < 1100
    assert "bytes more)" in lines[-1]


def test_finding_text_lists_what_the_finding_knows_one_line_each() -> None:
    assert report.finding_text(Finding(message="broken")) == "found: broken"
    assert report.finding_text(Finding(message="broken", response="500 text/plain")) == (
        "found: broken\ngot: 500 text/plain"
    )


def test_deviation_text_names_the_decision_and_both_answers() -> None:
    assert report.deviation_text(UNKNOWN_BRAND).splitlines() == [
        "deviation: an unknown brand",
        "mock: 403",
        "target: 404",
        "sent: curl -X GET 'http://127.0.0.1:8080/brands/x/social-posts'",
        'got: 404 application/json {"http": 404, "message": "Not found"}',
    ]
