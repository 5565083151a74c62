"""What a QA engineer reads: each failure with what was sent, what came back, the contract."""

from __future__ import annotations

from conformance import report
from conformance.ledger import Cleanup
from conformance.profile import load_profile
from conformance.results import Finding, Result, Status
from conformance.runner import Outcome, Settings

SETTINGS = Settings(base_url="http://127.0.0.1:8080", profile=load_profile(None, "test-token"),
                    seed=42)


def _outcome() -> Outcome:
    broken = Result(layer=3, name="limit_caps_the_page",
                    behaviour="`limit=k` returns at most k posts (exactly k when more match).")
    broken.fail(Finding(
        message="limit=1 returned 17 post(s) while 17 match",
        curl="curl -X GET -H \"Authorization: Bearer ${TOKEN}\" 'http://127.0.0.1:8080/x?limit=1'",
        response='200 application/json {"code": "OK", "data": [...]}',
        contract="Largest number of rows to return.",
    ))
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
    assert lines[-1] == "1 non-conformance(s) found · 3 checks · 1.2 s · reproduce with --seed 42"


def test_a_clean_run_says_it_conforms() -> None:
    outcome = Outcome(results=[Result(layer=3, name="x", behaviour="X.")], seconds=2.0)
    lines: list[str] = []
    report.failures(outcome, lines.append)
    report.summary(outcome, SETTINGS, lines.append)
    assert lines[-1].startswith("conforms · 1 checks")
    assert "NON-CONFORMANCES" not in lines
