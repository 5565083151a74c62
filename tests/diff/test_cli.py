"""``socialpost diff`` as a CI job runs it: exit status, formats, severity file, version rule."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from socialpost.server.cli.diff import diff
from socialpost.server.spec.diff import RULES
from tests.diff.gallery import pair

BREAKING = pair("response-property-removed")  # ERR, with a major bump
WARNING = pair("request-property-removed")  # WARN only
COMPATIBLE = pair("response-property-added")  # INFO only
UNBUMPED = pair("breaking-change-without-major-version-bump")  # ERR and the version WARN


def run(*arguments: str | Path) -> Result:
    return CliRunner().invoke(diff, [str(argument) for argument in arguments])


def test_the_same_spec_twice_exits_0_and_says_there_are_no_changes() -> None:
    result = run(COMPATIBLE.base, COMPATIBLE.base)

    assert result.exit_code == 0, result.output
    assert "no changes" in result.stdout


def test_a_breaking_change_exits_1_and_names_rule_operation_and_line() -> None:
    result = run(BREAKING.base, BREAKING.head)

    assert result.exit_code == 1
    assert "ERR   response-property-removed" in result.stdout
    assert "GET /posts/{post} (getPost)" in result.stdout
    assert f"{BREAKING.base}:37 /components/schemas/Post/properties/caption" in result.stdout


def test_text_output_reads_as_a_short_report() -> None:
    result = run(WARNING.base, WARNING.head)

    assert result.stdout == (
        "WARN  request-property-removed\n"
        "      POST /posts (createPost): request body (application/json), "
        "property `due_at`: removed\n"
        f"      at {WARNING.base}:31 /components/schemas/PostCreate/properties/due_at\n"
        f"{WARNING.base} -> {WARNING.head}: 1 change(s): 1 WARN\n"
    )


def test_a_warning_passes_by_default_and_fails_with_fail_on_warn() -> None:
    assert run(WARNING.base, WARNING.head).exit_code == 0
    assert run("--fail-on", "WARN", WARNING.base, WARNING.head).exit_code == 1


def test_compatible_changes_pass_even_with_fail_on_warn() -> None:
    result = run("--fail-on", "WARN", COMPATIBLE.base, COMPATIBLE.head)

    assert result.exit_code == 0
    assert "INFO  response-property-added" in result.stdout


def test_json_lists_every_change_with_its_fields() -> None:
    result = run("--format", "json", UNBUMPED.base, UNBUMPED.head)

    report = json.loads(result.stdout)
    assert result.exit_code == 1
    assert report["failed"] is True
    assert report["counts"] == {"ERR": 1, "WARN": 1, "INFO": 0}
    first, second = report["changes"]
    assert first == {
        "rule": "response-property-removed",
        "level": "ERR",
        "message": "response 200 (application/json), property `caption`: removed",
        "operation": "GET /posts/{post}",
        "operation_id": "getPost",
        "side": "base",
        "file": str(UNBUMPED.base),
        "source": str(UNBUMPED.base),
        "pointer": "/components/schemas/Post/properties/caption",
        "line": 37,
    }
    assert second["rule"] == "breaking-change-without-major-version-bump"
    assert (second["operation"], second["pointer"], second["line"]) == (None, "/info/version", 4)


def test_github_format_prints_one_annotation_per_change_with_file_and_line() -> None:
    result = run("--format", "github", UNBUMPED.base, UNBUMPED.head)

    lines = result.stdout.splitlines()
    assert [line.split(" ", 1)[0] for line in lines] == ["::error", "::warning"]
    assert lines[0].startswith(f"::error file={UNBUMPED.base},line=37,title=response-property-")
    assert lines[1].startswith(f"::warning file={UNBUMPED.head},line=4,")


def test_junit_has_one_case_per_change_failing_at_fail_on() -> None:
    result = run("--format", "junit", UNBUMPED.base, UNBUMPED.head)

    suite = ElementTree.fromstring(result.stdout).find("testsuite")
    assert suite is not None
    cases = suite.findall("testcase")
    assert (suite.get("tests"), suite.get("failures")) == ("2", "1")
    assert [case.get("classname") for case in cases] == [
        "socialpost.diff.response-property-removed",
        "socialpost.diff.breaking-change-without-major-version-bump",
    ]
    assert cases[0].find("failure") is not None
    assert cases[1].find("failure") is None


def test_junit_with_fail_on_warn_fails_the_warning_too() -> None:
    result = run("--format", "junit", "--fail-on", "WARN", UNBUMPED.base, UNBUMPED.head)

    suite = ElementTree.fromstring(result.stdout).find("testsuite")
    assert suite is not None and suite.get("failures") == "2"


def test_junit_without_changes_has_one_passing_case() -> None:
    result = run("--format", "junit", COMPATIBLE.base, COMPATIBLE.base)

    suite = ElementTree.fromstring(result.stdout).find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("failures")) == ("1", "0")


def test_markdown_is_a_changelog_grouped_by_level_then_operation() -> None:
    result = run("--format", "markdown", UNBUMPED.base, UNBUMPED.head)

    headings = [line for line in result.stdout.splitlines() if line.startswith("#")]
    assert headings == [
        f"# API changes: `{UNBUMPED.base}` → `{UNBUMPED.head}`",
        "## Breaking changes (ERR)",
        "### `GET /posts/{post} (getPost)`",
        "## Changes that may break clients (WARN)",
        "### `the document`",
    ]
    assert "- `response-property-removed`: response 200 (application/json)" in result.stdout


def test_severity_file_lowers_a_rule_so_the_run_passes(tmp_path: Path) -> None:
    severity = tmp_path / "severity.yaml"
    severity.write_text("response-property-removed: WARN\n", encoding="utf-8")

    result = run("--format", "json", "--severity", severity, UNBUMPED.base, UNBUMPED.head)

    assert result.exit_code == 0
    # No ERR is left, so the version needs no major bump either.
    changes = [(change["rule"], change["level"]) for change in json.loads(result.stdout)["changes"]]
    assert changes == [("response-property-removed", "WARN")]


def test_severity_file_raises_a_rule_so_the_run_fails(tmp_path: Path) -> None:
    severity = tmp_path / "severity.json"
    severity.write_text('{"request-property-removed": "ERR"}', encoding="utf-8")

    result = run("--severity", severity, WARNING.base, WARNING.head)

    assert result.exit_code == 1
    assert "ERR   request-property-removed" in result.stdout


@pytest.mark.parametrize("off", ["off", "'off'", "OFF"])
def test_severity_file_turns_a_rule_off(tmp_path: Path, off: str) -> None:
    severity = tmp_path / "severity.yaml"
    severity.write_text(f"breaking-change-without-major-version-bump: {off}\n", encoding="utf-8")

    result = run("--format", "json", "--severity", severity, UNBUMPED.base, UNBUMPED.head)

    rules = [change["rule"] for change in json.loads(result.stdout)["changes"]]
    assert rules == ["response-property-removed"]


def test_severity_file_with_unknown_rules_and_levels_exits_2_naming_them(tmp_path: Path) -> None:
    severity = tmp_path / "severity.yaml"
    severity.write_text(
        "response-property-gone: ERR\nrequest-property-removed: FATAL\n", encoding="utf-8"
    )

    result = run("--severity", severity, WARNING.base, WARNING.head)

    assert result.exit_code == 2
    assert "unknown rule id 'response-property-gone'" in result.stderr
    assert "unknown level 'FATAL' for request-property-removed" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("content", ["[ERR, WARN]\n", "a: [unclosed\n"])
def test_severity_file_that_is_not_a_mapping_exits_2(tmp_path: Path, content: str) -> None:
    severity = tmp_path / "severity.yaml"
    severity.write_text(content, encoding="utf-8")

    result = run("--severity", severity, WARNING.base, WARNING.head)

    assert result.exit_code == 2
    assert f"severity file {severity}" in result.stderr


def test_missing_severity_file_exits_2(tmp_path: Path) -> None:
    result = run("--severity", tmp_path / "missing.yaml", WARNING.base, WARNING.head)

    assert result.exit_code == 2
    assert "cannot be read" in result.stderr


def test_a_breaking_change_without_a_major_bump_is_reported_and_with_one_is_not() -> None:
    unbumped = run(UNBUMPED.base, UNBUMPED.head)
    bumped = run("--format", "json", BREAKING.base, BREAKING.head)

    assert "WARN  breaking-change-without-major-version-bump" in unbumped.stdout
    assert "1 breaking change(s), but info.version went from 1.0.0 to 1.0.0" in unbumped.stdout
    rules = [change["rule"] for change in json.loads(bumped.stdout)["changes"]]
    assert rules == ["response-property-removed"]


def test_an_unreadable_spec_exits_2_and_says_which(tmp_path: Path) -> None:
    result = run(WARNING.base, tmp_path / "missing.yaml")

    assert result.exit_code == 2
    assert f"{tmp_path / 'missing.yaml'}: cannot be read" in result.stderr
    assert "no changes" not in result.output


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("paths: {}\n", "not an OpenAPI 3 document"),
        ("swagger: '2.0'\npaths: {}\n", "Swagger 2.0 is not supported"),
        ("- just\n- a list\n", "not an OpenAPI document"),
        ("openapi: 3.0.3\npaths: [\n", "not YAML or JSON"),
        ("", "not an OpenAPI document"),
    ],
)
def test_a_spec_that_is_not_openapi_exits_2(tmp_path: Path, content: str, reason: str) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(content, encoding="utf-8")

    result = run(WARNING.base, spec)

    assert result.exit_code == 2
    assert reason in result.stderr


def test_one_spec_without_base_ref_is_a_usage_error_exit_2() -> None:
    result = run(WARNING.base)

    assert result.exit_code == 2
    assert "--base-ref" in result.output


def test_three_specs_are_a_usage_error_exit_2() -> None:
    assert run(WARNING.base, WARNING.head, WARNING.head).exit_code == 2


def test_list_rules_prints_every_rule_with_level_and_description() -> None:
    result = run("--list-rules")

    lines = result.stdout.splitlines()
    assert result.exit_code == 0
    assert len(lines) == len(RULES)
    assert lines[0].split()[:2] == [RULES[0].id, RULES[0].level.name]
    assert all(rule.description in result.stdout for rule in RULES)


def test_list_rules_as_json() -> None:
    rules = json.loads(run("--list-rules", "--format", "json").stdout)

    assert [(rule["id"], rule["level"]) for rule in rules] == [
        (rule.id, rule.level.name) for rule in RULES
    ]
