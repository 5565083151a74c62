"""``conform --format github``: what a GitHub Actions job shows beside the diff, one annotation
per failure and per deviation, at the contract's line when the run knows the operation."""

from __future__ import annotations

from pathlib import Path

import pytest

from socialpost.conformance.reports import github
from socialpost.conformance.results import Deviation, Finding, Result, Status
from socialpost.conformance.runner import Outcome
from socialpost.server import paths
from socialpost.server.spec.source import Source
from tests.conformance.reports.results import UNKNOWN_BRAND, broken_limit_check
from tests.github_annotations import Annotation, parse

LIST = "/brands/{brand}/social-posts"


@pytest.fixture
def contract(monkeypatch: pytest.MonkeyPatch) -> Source:
    """The contract as a CI job at the repository's root reads it."""
    monkeypatch.chdir(paths.PACKAGE_ROOT)
    return github.read_contract()


def line_of(text: str, after: str) -> int:
    """The 1-based line of the first line equal to ``text`` after the line equal to ``after``."""
    lines = paths.SPEC_PATH.read_text(encoding="utf-8").splitlines()
    start = lines.index(after)
    return lines.index(text, start) + 1


def render(outcome: Outcome, contract: Source) -> list[Annotation]:
    return [parse(line) for line in github.render(outcome, contract)]


def schemathesis_failure(where: str) -> Result:
    result = Result(layer=1, name="status_code_conformance",
                    behaviour="Every status code is documented.")
    result.fail(Finding(message="Undocumented HTTP status code. Received: 418",
                        contract=f"Every status code is documented. (openapi.yaml, {where})",
                        where=where))
    return result


def test_a_schemathesis_failure_is_an_error_at_its_operations_line(contract: Source) -> None:
    outcome = Outcome(results=[schemathesis_failure(f"GET {LIST}")])
    [annotation] = render(outcome, contract)
    assert annotation.level == "error"
    assert annotation.properties == {
        "file": "openapi.yaml",
        "line": str(line_of("    get:", after=f"  {LIST}:")),
        "title": "socialpost conform: status_code_conformance",
    }
    assert annotation.message.splitlines() == [
        "Every status code is documented.",
        "found: Undocumented HTTP status code. Received: 418",
        f"contract: Every status code is documented. (openapi.yaml, GET {LIST})",
    ]


def test_the_line_is_that_of_the_method_the_failure_names(contract: Source) -> None:
    outcome = Outcome(results=[schemathesis_failure(f"POST {LIST}")])
    [annotation] = render(outcome, contract)
    assert annotation.properties["line"] == str(line_of("    post:", after=f"  {LIST}:"))


@pytest.mark.parametrize("where", [f"PATCH {LIST}", "GET /nowhere", "not an operation"])
def test_a_failure_naming_no_operation_of_the_contract_names_no_file(
    contract: Source, where: str
) -> None:
    [annotation] = render(Outcome(results=[schemathesis_failure(where)]), contract)
    assert annotation.level == "error"
    assert "file" not in annotation.properties and "line" not in annotation.properties


def test_a_check_failure_is_an_error_with_what_was_sent_and_got_and_no_file(
    contract: Source,
) -> None:
    # Given: a layer-3 check's failure (which names no operation), beside a pass and a skip
    broken = broken_limit_check()
    passed = Result(layer=1, name="not_a_server_error", behaviour="C.", runs=12)
    skipped = Result(layer=4, name="y", behaviour="Y.", status=Status.SKIPPED, reason="no")
    # When
    [annotation] = render(Outcome(results=[passed, broken, skipped]), contract)
    # Then
    assert annotation == Annotation(
        "error",
        {"title": "socialpost conform: limit_caps_the_page"},
        "`limit=k` returns at most k posts (exactly k when more match).\n"
        "found: limit=1 returned 17 post(s) while 17 match\n"
        "sent: curl -X GET -H \"Authorization: Bearer ${TOKEN}\" "
        "'http://127.0.0.1:8080/x?limit=1'\n"
        'got: 200 application/json {"code": "OK", "data": [...]}\n'
        "contract: Largest number of rows to return.",
    )


def test_each_finding_of_a_check_is_an_annotation(contract: Source) -> None:
    result = schemathesis_failure(f"GET {LIST}")
    result.fail(Finding(message="second", where=f"DELETE {LIST}/{{socialPostId}}"))
    annotations = render(Outcome(results=[result]), contract)
    assert [a.properties["line"] for a in annotations] == [
        str(line_of("    get:", after=f"  {LIST}:")),
        str(line_of("    delete:", after=f"  {LIST}/{{socialPostId}}:")),
    ]


def test_a_check_that_errored_without_a_finding_is_still_an_error(contract: Source) -> None:
    errored = Result(layer=2, name="use_after_free", behaviour="Deleted resources stay gone.",
                     status=Status.ERROR)
    [annotation] = render(Outcome(results=[errored]), contract)
    assert annotation == Annotation("error", {"title": "socialpost conform: use_after_free"},
                                    "Deleted resources stay gone.")


def deviating(strict: bool) -> Outcome:
    result = Result(layer=3, name="unknown_brand_is_refused", behaviour="Refused.")
    result.deviate(UNKNOWN_BRAND)
    return Outcome(results=[result], strict=strict)


def test_a_deviation_is_a_notice_with_the_decision_and_both_answers(contract: Source) -> None:
    [annotation] = render(deviating(strict=False), contract)
    assert annotation.level == "notice"
    assert annotation.properties == {
        "title": "socialpost conform: unknown_brand_is_refused (deviation)"
    }
    assert annotation.message.splitlines()[:4] == [
        "Refused.", "deviation: an unknown brand", "mock: 403", "target: 404"
    ]


def test_under_strict_a_deviation_is_an_error(contract: Source) -> None:
    [annotation] = render(deviating(strict=True), contract)
    assert annotation.level == "error"


def test_a_failed_check_reports_its_deviations_too(contract: Source) -> None:
    result = schemathesis_failure(f"GET {LIST}")
    result.deviate(Deviation(decision="a default", mock="20", target="50"))
    assert [a.level for a in render(Outcome(results=[result]), contract)] == ["error", "notice"]


def test_a_clean_run_has_no_annotation(contract: Source) -> None:
    passed = Result(layer=3, name="x", behaviour="X.", runs=3)
    skipped = Result(layer=4, name="y", behaviour="Y.", status=Status.SKIPPED, reason="no")
    assert github.render(Outcome(results=[passed, skipped]), contract) == []


def test_each_annotation_is_one_line_whatever_the_target_sent(contract: Source) -> None:
    result = Result(layer=3, name="x", behaviour="X.")
    result.fail(Finding(message="line one\nline two, with a comma: and 100%",
                        response="200 text/plain a\r\nb"))
    [line] = github.render(Outcome(results=[result]), contract)
    assert "\n" not in line and "\r" not in line
    assert parse(line).message == (
        "X.\nfound: line one\nline two, with a comma: and 100%\ngot: 200 text/plain a\r\nb"
    )


def test_the_contract_outside_the_working_directory_is_named_by_its_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert github.read_contract().name == str(paths.SPEC_PATH)
