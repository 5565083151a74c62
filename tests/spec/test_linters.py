"""Spectral (``spectral:oas``) and Redocly (``recommended``) find nothing in either document.

Each tool runs once per session over both documents, with the repository's own configuration
(``.spectral.yaml``, ``redocly.yaml``: the rulesets unchanged). A finding of any severity above
info fails the test, which prints every finding as ``document:line rule: message``.
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from socialpost.server import paths
from tests.tooling import ROOT, npm_bin

DOCUMENTS = {"openapi.yaml": paths.SPEC_PATH, "control.yaml": paths.CONTROL_SPEC_PATH}
# Spectral's severities, by number in its JSON output.
SPECTRAL_SEVERITY = {0: "error", 1: "warning", 2: "info", 3: "hint"}


@dataclass(frozen=True)
class Finding:
    document: Path
    line: int
    rule: str
    severity: str
    message: str

    def __str__(self) -> str:
        inside = self.document.is_relative_to(ROOT)
        where = self.document.relative_to(ROOT) if inside else self.document
        return f"{where}:{self.line} {self.severity} {self.rule}: {self.message}"


def run_tool(command: list[str]) -> subprocess.CompletedProcess[str]:
    """Run an npm tool from the repository root (where its configuration is), quietly."""
    env = {
        **os.environ,
        "NO_COLOR": "1",
        "REDOCLY_TELEMETRY": "off",
        "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true",
    }
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300, check=False)


def json_documents(text: str) -> list[Any]:
    """Every JSON document in ``text`` (Redocly prints one per linted file, back to back)."""
    decoder = json.JSONDecoder()
    found: list[Any] = []
    index = text.find("{")
    while index != -1:
        value, end = decoder.raw_decode(text, index)
        found.append(value)
        index = text.find("{", end)
    return found


def findings_of(by_document: dict[Path, list[Finding]], name: str) -> list[Finding]:
    return by_document.get(DOCUMENTS[name].resolve(), [])


@pytest.fixture(scope="session")
def spectral_findings() -> dict[Path, list[Finding]]:
    spectral = npm_bin("spectral")
    result = run_tool([str(spectral), "lint", "--quiet", "--format", "json",
                       "--ruleset", str(ROOT / ".spectral.yaml"),
                       *(str(path) for path in DOCUMENTS.values())])
    # Exit 1 only says that errors were found; anything else (or no JSON) is the tool failing.
    assert result.returncode in (0, 1), f"spectral failed:\n{result.stdout}\n{result.stderr}"
    found: dict[Path, list[Finding]] = {}
    for item in json.loads(result.stdout):
        document = Path(item["source"]).resolve()
        found.setdefault(document, []).append(Finding(
            document, item["range"]["start"]["line"] + 1, item["code"],
            SPECTRAL_SEVERITY[item["severity"]], item["message"],
        ))
    return found


@pytest.fixture(scope="session")
def redocly_findings() -> dict[Path, list[Finding]]:
    redocly = npm_bin("redocly")
    result = run_tool([str(redocly), "lint", "--format", "json",
                       "--config", str(ROOT / "redocly.yaml"),
                       *(str(path) for path in DOCUMENTS.values())])
    assert result.returncode in (0, 1), f"redocly failed:\n{result.stdout}\n{result.stderr}"
    reports = json_documents(result.stdout)
    assert len(reports) == len(DOCUMENTS), f"one report per document expected:\n{result.stdout}"
    found: dict[Path, list[Finding]] = {}
    for report in reports:
        for problem in report["problems"]:
            location = problem["location"][0]
            document = (ROOT / location["source"]["ref"]).resolve()
            line = location.get("start", {}).get("line", 0)
            found.setdefault(document, []).append(Finding(
                document, line, problem["ruleId"], problem["severity"], problem["message"],
            ))
    return found


def assert_clean(findings: list[Finding], tool: str) -> None:
    serious = [f for f in findings if f.severity in ("error", "warn", "warning")]
    counts = {s: sum(f.severity == s for f in serious) for s in ("error", "warning", "warn")}
    assert not serious, (
        f"{tool}: {counts['error']} error(s), {counts['warning'] + counts['warn']} warning(s):\n"
        + "\n".join(str(f) for f in serious)
    )


@pytest.mark.parametrize("document", DOCUMENTS)
def test_spectral_oas_ruleset_finds_no_error_and_no_warning(
    spectral_findings: dict[Path, list[Finding]], document: str
) -> None:
    assert_clean(findings_of(spectral_findings, document), "Spectral (spectral:oas)")


@pytest.mark.parametrize("document", DOCUMENTS)
def test_redocly_recommended_ruleset_finds_no_error_and_no_warning(
    redocly_findings: dict[Path, list[Finding]], document: str
) -> None:
    assert_clean(findings_of(redocly_findings, document), "Redocly (recommended)")


def test_the_linters_see_what_made_prism_skip_schemas(tmp_path: Path) -> None:
    # Given: the contract with one body schema back to `nullable` without `type`
    broken = tmp_path / "openapi.yaml"
    text = paths.SPEC_PATH.read_text(encoding="utf-8")
    typed = "    TemplateInstance:\n      type: object\n      nullable: true\n"
    assert typed in text
    broken.write_text(text.replace(typed, "    TemplateInstance:\n      nullable: true\n"),
                      encoding="utf-8")
    # When: both tools lint it
    spectral = run_tool([str(npm_bin("spectral")), "lint", "--quiet", "--format", "json",
                         "--ruleset", str(ROOT / ".spectral.yaml"), str(broken)])
    redocly = run_tool([str(npm_bin("redocly")), "lint", "--format", "json",
                        "--config", str(ROOT / "redocly.yaml"), str(broken)])
    # Then: each reports it as an error, so the clean results above are not vacuous
    assert any(item["severity"] == 0 for item in json.loads(spectral.stdout)), spectral.stdout
    rules = {p["ruleId"] for report in json_documents(redocly.stdout) for p in report["problems"]}
    assert "nullable-type-sibling" in rules, redocly.stdout
