"""``.pre-commit-hooks.yaml`` as another repository uses it, through ``pre-commit try-repo``.

A scratch repository commits the project's contract; each test changes it and runs both hooks
the way pre-commit would on a commit. pre-commit installs this repository (its current working tree,
through try-repo's shadow commit) into a fresh environment of its own, so this also proves the
hooks' ``language: python`` install works.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.scratch import contract_repository, git

ROOT = Path(__file__).resolve().parents[2]
PRE_COMMIT = Path(sys.executable).parent / "pre-commit"


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    return contract_repository(tmp_path / "api")


def try_hooks(repo: Path) -> subprocess.CompletedProcess[str]:
    """Every hook of this repository on the staged contract, as ``pre-commit try-repo`` runs
    them. try-repo installs the hooks' environment afresh each time (about half a minute), so
    each test makes one call and reads both hooks' verdicts from it."""
    git(repo, "add", "openapi.yaml")
    return subprocess.run(
        [str(PRE_COMMIT), "try-repo", str(ROOT), "--files", "openapi.yaml", "--color=never"],
        cwd=repo, capture_output=True, text=True, timeout=900,
    )


def verdicts(result: subprocess.CompletedProcess[str]) -> dict[str, str]:
    """Each hook's name and its ``Passed`` / ``Failed``, from pre-commit's report."""
    found = re.findall(r"^(socialpost \w+)[^.\n]*\.+(Passed|Failed)$", result.stdout, re.M)
    return dict(found)


def edit(repo: Path, old: str, new: str) -> None:
    spec = repo / "openapi.yaml"
    text = spec.read_text()
    assert old in text
    spec.write_text(text.replace(old, new, 1))


def test_both_hooks_pass_a_compatible_change(scratch: Path) -> None:
    edit(scratch, "    Brands of a real-estate", "    The brands of a real-estate")
    result = try_hooks(scratch)
    assert result.returncode == 0, result.stdout
    assert verdicts(result) == {"socialpost lint": "Passed", "socialpost diff": "Passed"}


def test_both_hooks_fail_a_broken_example_and_a_breaking_change(scratch: Path) -> None:
    edit(scratch, "      example: executed\n", "      example: published\n")
    edit(scratch, "      maxLength: 2200\n", "      maxLength: 280\n")
    lines = (scratch / "openapi.yaml").read_text().splitlines()
    line = lines.index("      example: published") + 1
    result = try_hooks(scratch)
    assert result.returncode == 1, result.stdout
    assert verdicts(result) == {"socialpost lint": "Failed", "socialpost diff": "Failed"}
    assert f"openapi.yaml:{line}: /components/parameters/status/example" in result.stdout
    assert "ERR" in result.stdout and "request-constraint-narrowed" in result.stdout
