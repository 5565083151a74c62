"""``socialpost lint --format``: what a person, a script, a GitHub Actions job and code scanning
each read, every problem at its file and line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from jsonschema import Draft4Validator, FormatChecker

from socialpost.server.cli import main
from socialpost.server.spec.lint import RULES
from tests.github_annotations import Annotation, parse

BASE_SPEC = Path(__file__).parent.parent / "lint_specs" / "base.yaml"
# The official SARIF 2.1.0 schema (OASIS, with its approved errata); tests/data/README.md.
SARIF_SCHEMA = Path(__file__).parent.parent / "data" / "sarif-schema-2.1.0.json"
EXAMPLE = "/paths/~1brands~1{brand}~1posts/get/parameters/1/examples/small/value"
EXAMPLE_MESSAGE = (
    "Example 'small' of parameter 'limit' does not match its schema: "
    "1000 is greater than the maximum of 100."
)


@pytest.fixture
def broken_spec(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the base spec whose example on line 31 breaks its schema, in the working
    directory, as a CI job sees the repository's files."""
    text = BASE_SPEC.read_text(encoding="utf-8").replace("value: 10\n", "value: 1000\n")
    spec = tmp_path / "openapi.yaml"
    spec.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return spec


@pytest.fixture
def twice_broken_spec(broken_spec: Path) -> Path:
    """The broken spec with a second problem, of another rule, further down: on line 100,
    a ``nullable`` without ``type``."""
    text = broken_spec.read_text(encoding="utf-8")
    typed = "          type: string\n          format: date-time\n"
    broken_spec.write_text(text.replace(typed, "          format: date-time\n"), encoding="utf-8")
    return broken_spec


def lint(*args: str) -> Result:
    return CliRunner().invoke(main, ["lint", *args])


def test_text_names_file_line_and_pointer_of_each_problem(broken_spec: Path) -> None:
    result = lint("openapi.yaml")
    assert result.exit_code == 1
    assert result.stdout == f"openapi.yaml:31: {EXAMPLE}: {EXAMPLE_MESSAGE}\n"
    assert result.stderr == "1 problem(s) in openapi.yaml\n"


def test_text_is_the_default_and_names_a_file_inside_the_working_directory_relatively(
    broken_spec: Path,
) -> None:
    result = lint(str(broken_spec))  # an absolute path, inside the working directory
    assert result.stdout.startswith(f"openapi.yaml:31: {EXAMPLE}: ")


def test_text_names_a_file_outside_the_working_directory_as_given(
    broken_spec: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = lint(str(broken_spec))
    assert result.stdout.startswith(f"{broken_spec}:31: {EXAMPLE}: ")


def test_text_says_a_clean_spec_is_clean(broken_spec: Path) -> None:
    broken_spec.write_text(BASE_SPEC.read_text(encoding="utf-8"), encoding="utf-8")
    result = lint("openapi.yaml")
    assert result.exit_code == 0
    assert result.stdout == "openapi.yaml: clean\n"


def test_json_is_one_object_with_every_problem_located(twice_broken_spec: Path) -> None:
    result = lint("openapi.yaml", "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert list(report) == ["file", "count", "problems"]
    assert report["file"] == "openapi.yaml"
    assert report["count"] == 2
    assert report["problems"] == [
        {
            "file": "openapi.yaml",
            "line": 31,
            "pointer": EXAMPLE,
            "message": EXAMPLE_MESSAGE,
            "rule": "example-schema",
        },
        {
            "file": "openapi.yaml",
            "line": 100,
            "pointer": "/components/schemas/Post/properties/scheduledAt/nullable",
            "message": "'nullable: true' has no sibling 'type': OpenAPI 3.0 defines 'nullable' "
            "only beside 'type', so tools ignore it or reject the schema (Prism skipped "
            "validating such bodies); add the 'type' of the other values.",
            "rule": "ignored-keyword",
        },
    ]
    assert result.stderr == "2 problem(s) in openapi.yaml\n"


def test_json_of_a_clean_spec_counts_nothing_and_says_clean_on_stderr(broken_spec: Path) -> None:
    broken_spec.write_text(BASE_SPEC.read_text(encoding="utf-8"), encoding="utf-8")
    result = lint("openapi.yaml", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"file": "openapi.yaml", "count": 0, "problems": []}
    assert result.stderr == "openapi.yaml: clean\n"


def test_github_prints_an_error_annotation_per_problem_at_its_file_and_line(
    twice_broken_spec: Path,
) -> None:
    result = lint("openapi.yaml", "--format", "github")
    assert result.exit_code == 1
    annotations = [parse(line) for line in result.stdout.splitlines()]
    assert annotations[0] == Annotation(
        "error",
        {"file": "openapi.yaml", "line": "31", "title": "socialpost lint: example-schema"},
        f"{EXAMPLE}: {EXAMPLE_MESSAGE}",
    )
    assert [(a.level, a.properties["line"], a.properties["title"]) for a in annotations] == [
        ("error", "31", "socialpost lint: example-schema"),
        ("error", "100", "socialpost lint: ignored-keyword"),
    ]


def test_github_prints_nothing_on_stdout_for_a_clean_spec(broken_spec: Path) -> None:
    broken_spec.write_text(BASE_SPEC.read_text(encoding="utf-8"), encoding="utf-8")
    result = lint("openapi.yaml", "--format", "github")
    assert result.exit_code == 0
    assert result.stdout == ""


def sarif_errors(log: Any) -> list[str]:
    """Every way ``log`` breaks the official SARIF 2.1.0 schema."""
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = Draft4Validator(schema, format_checker=FormatChecker())
    return [f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(log)]


def test_sarif_validates_against_the_sarif_2_1_0_schema(twice_broken_spec: Path) -> None:
    result = lint("openapi.yaml", "--format", "sarif")
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    assert sarif_errors(log) == []
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-schema-2.1.0.json")


def test_sarif_reports_each_problem_under_its_rule_at_a_relative_uri_and_line(
    twice_broken_spec: Path,
) -> None:
    log = json.loads(lint("openapi.yaml", "--format", "sarif").stdout)
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "socialpost"
    assert [rule["id"] for rule in driver["rules"]] == [rule.id for rule in RULES]
    first = run["results"][0]
    assert first["ruleId"] == "example-schema"
    assert driver["rules"][first["ruleIndex"]]["id"] == "example-schema"
    assert first["level"] == "error"
    assert first["message"]["text"] == f"{EXAMPLE}: {EXAMPLE_MESSAGE}"
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "openapi.yaml", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 31}
    assert [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"])
            for r in run["results"]] == [("example-schema", 31), ("ignored-keyword", 100)]


def test_sarif_names_a_file_outside_the_working_directory_by_its_file_uri(
    broken_spec: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    log = json.loads(lint(str(broken_spec), "--format", "sarif").stdout)
    assert sarif_errors(log) == []
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": broken_spec.as_uri()}


def test_sarif_of_a_clean_spec_validates_and_has_no_results(broken_spec: Path) -> None:
    broken_spec.write_text(BASE_SPEC.read_text(encoding="utf-8"), encoding="utf-8")
    result = lint("openapi.yaml", "--format", "sarif")
    assert result.exit_code == 0
    log = json.loads(result.stdout)
    assert sarif_errors(log) == []
    assert log["runs"][0]["results"] == []


def test_sarif_schema_check_catches_a_broken_log() -> None:
    # The validation above would pass anything if the schema were not really applied.
    assert sarif_errors({"version": "2.1.0", "runs": [{"results": []}]}) != []


@pytest.mark.parametrize("output_format", ["text", "json", "github", "sarif"])
def test_every_format_fails_the_run_on_a_problem(broken_spec: Path, output_format: str) -> None:
    assert lint("openapi.yaml", "--format", output_format).exit_code == 1


def test_an_unknown_format_is_refused(broken_spec: Path) -> None:
    result = lint("openapi.yaml", "--format", "xml")
    assert result.exit_code == 2
    assert "'xml' is not one of" in result.stderr


def test_several_specs_are_each_linted_and_any_problem_fails_the_run(broken_spec: Path) -> None:
    (broken_spec.parent / "clean.yaml").write_text(BASE_SPEC.read_text(encoding="utf-8"))
    result = lint("clean.yaml", "openapi.yaml")
    assert result.exit_code == 1
    assert result.stdout == (
        f"clean.yaml: clean\nopenapi.yaml:31: {EXAMPLE}: {EXAMPLE_MESSAGE}\n"
    )


@pytest.mark.parametrize("output_format", ["json", "sarif"])
def test_one_file_reports_take_one_spec(broken_spec: Path, output_format: str) -> None:
    result = lint("openapi.yaml", "openapi.yaml", "--format", output_format)
    assert result.exit_code == 2
    assert f"--format {output_format} reports on one file" in result.output
