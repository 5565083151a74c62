"""The Schemathesis layer's guard: the fuzzer only ever writes to posts of its own run."""

from __future__ import annotations

import time
from types import SimpleNamespace
from typing import Any

from socialpost.conformance.contract import SAFE_HORIZON, Collector, Guard, Options, config_for
from socialpost.conformance.results import Result, Status
from socialpost.conformance.target.ledger import Ledger
from socialpost.conformance.target.profile import load_profile

PROFILE = load_profile(None, "test-token")
SCHEMA = object()
OURS = "11111111-1111-4111-8111-111111111111"
THEIRS = "22222222-2222-4222-8222-222222222222"


def _case(method: str, path: dict[str, Any], body: Any = None) -> Any:
    return SimpleNamespace(method=method, path_parameters=path, body=body,
                           operation=SimpleNamespace(schema=SCHEMA))


def _guard(on_mock: bool = True) -> Guard:
    ledger = Ledger()
    ledger.record(OURS)
    return Guard(SCHEMA, PROFILE, ledger, on_mock)


def test_a_post_the_run_did_not_create_is_never_addressed() -> None:
    guard = _guard()
    case = _case("DELETE", {"brand": PROFILE.brand, "socialPostId": THEIRS})
    guard.before_call(None, case, {})  # type: ignore[arg-type]
    assert case.path_parameters["socialPostId"] not in (THEIRS, OURS)
    # and whatever the server answers to the replaced request is not held against it
    assert not guard.keeps_failure(case)
    assert guard.keeps_failure(_case("DELETE", {"brand": PROFILE.brand, "socialPostId": OURS}))


def test_a_post_the_run_created_is_addressed_as_generated() -> None:
    case = _case("PUT", {"brand": PROFILE.brand, "socialPostId": OURS}, {"caption": "x"})
    _guard().before_call(None, case, {})  # type: ignore[arg-type]
    assert case.path_parameters == {"brand": PROFILE.brand, "socialPostId": OURS}


def test_invalid_ids_stay_invalid() -> None:
    case = _case("DELETE", {"brand": "not-a-uuid", "socialPostId": "also-not"})
    _guard().before_call(None, case, {})  # type: ignore[arg-type]
    assert case.path_parameters == {"brand": "not-a-uuid", "socialPostId": "also-not"}


def test_another_brand_is_never_addressed() -> None:
    case = _case("POST", {"brand": THEIRS})
    _guard().before_call(None, case, {})  # type: ignore[arg-type]
    assert case.path_parameters["brand"] not in (THEIRS, PROFILE.brand)


def test_both_sources_filled_by_the_dictionaries_keep_only_the_template_instance() -> None:
    body = {"facebook_page": PROFILE.facebook_page, "template_instance": PROFILE.template_instance,
            "asset": PROFILE.asset}
    _guard().before_call(None, _case("POST", {"brand": PROFILE.brand}, body), {})  # type: ignore[arg-type]
    assert body["asset"] is None


def test_off_the_mock_nothing_is_due_before_the_run_ends() -> None:
    body = {"due_at": 1769132000.25}
    _guard(on_mock=False).before_call(None, _case("POST", {"brand": PROFILE.brand}, body), {})  # type: ignore[arg-type]
    assert body["due_at"] > time.time() + SAFE_HORIZON - 60
    assert body["due_at"] % 1 == 0.25


def test_on_the_mock_past_due_dates_are_sent_as_generated() -> None:
    body = {"due_at": 1769132000.25}
    _guard(on_mock=True).before_call(None, _case("POST", {"brand": PROFILE.brand}, body), {})  # type: ignore[arg-type]
    assert body["due_at"] == 1769132000.25


def test_a_create_answer_goes_to_the_ledger() -> None:
    guard = _guard()
    response = SimpleNamespace(status_code=200, json=lambda: {"code": "OK", "data": {"id": THEIRS}})
    guard.after_call(None, _case("POST", {}), response)  # type: ignore[arg-type]
    assert guard.ledger.owns(THEIRS)


def test_quick_runs_skip_the_stateful_phase_and_read_only_runs_too() -> None:
    def phases(**kw: bool) -> dict[str, Any]:
        options = Options(base_url="http://h", seed=1, on_mock=True, **kw)
        phases: dict[str, Any] = config_for(PROFILE, options)["phases"]
        return phases

    assert phases(quick=False, read_only=False)["stateful"]["enabled"]
    assert not phases(quick=True, read_only=False)["stateful"]["enabled"]
    assert not phases(quick=False, read_only=True)["stateful"]["enabled"]
    assert phases(quick=False, read_only=False)["stateful"]["inference"] == {"algorithms": []}


def _finding(collector: Collector, check: str) -> Result:
    result = collector.result(1, check)
    failure = SimpleNamespace(operation="POST /brands/{brand}/social-posts",
                              title="API accepted schema-violating request",
                              message="Invalid data should have been rejected")
    response = SimpleNamespace(status_code=200, content=b'{"code": "OK"}',
                               headers={"content-type": ["application/json"]})
    recorder = SimpleNamespace(interactions={"c1": SimpleNamespace(response=response)})
    info = SimpleNamespace(failure=failure, code_sample="curl -X POST http://h/x")
    collector._failure(result, recorder, "c1", info)  # type: ignore[arg-type]
    return result


def test_schemathesis_findings_on_the_mocks_own_choices_are_deviations() -> None:
    # negative_data_rejection: e.g. a real server that ignores a caption over the mock's 2,200
    result = _finding(Collector(), "negative_data_rejection")
    assert result.status == Status.DEVIATED
    assert not result.findings
    assert result.deviations[0].decision == (
        "a request the contract forbids is rejected with 4xx (POST /brands/{brand}/social-posts)")
    assert result.deviations[0].target.startswith("200: API accepted schema-violating request")


def test_other_schemathesis_findings_stay_failures() -> None:
    result = _finding(Collector(), "response_schema_conformance")
    assert result.status == Status.FAILED
    assert not result.deviations
