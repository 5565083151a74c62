"""``.pre-commit-hooks.yaml`` as another repository uses it, through ``pre-commit try-repo``.

A scratch repository commits the project's contract; each test changes it and runs one hook the
way pre-commit would on a commit. pre-commit installs this repository (its current working tree,
through try-repo's shadow commit) into a fresh environment of its own, so this also proves the
hooks' ``language: python`` install works.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRE_COMMIT = Path(sys.executable).parent / "pre-commit"


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """pre-commit's cache for this module: the hook environment is built once."""
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def scratch(tmp_path: Path) -> Iterator[Path]:
    repo = tmp_path / "api"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "config", "user.email", "ci@example.com")
    _git(repo, "config", "user.name", "CI")
    shutil.copy(ROOT / "openapi.yaml", repo / "openapi.yaml")
    _git(repo, "add", "openapi.yaml")
    _git(repo, "commit", "-q", "-m", "the contract")
    yield repo


def try_hook(repo: Path, home: Path, hook: str) -> subprocess.CompletedProcess[str]:
    _git(repo, "add", "openapi.yaml")
    return subprocess.run(
        [str(PRE_COMMIT), "try-repo", str(ROOT), hook, "--files", "openapi.yaml", "--color=never"],
        cwd=repo, capture_output=True, text=True, timeout=900,
        env={**os.environ, "PRE_COMMIT_HOME": str(home)},
    )


def edit(repo: Path, old: str, new: str) -> None:
    spec = repo / "openapi.yaml"
    text = spec.read_text()
    assert old in text
    spec.write_text(text.replace(old, new, 1))


def test_lint_hook_passes_a_clean_contract(scratch: Path, home: Path) -> None:
    result = try_hook(scratch, home, "socialpost-lint")
    assert result.returncode == 0, result.stdout
    assert "socialpost lint" in result.stdout and "Passed" in result.stdout


def test_lint_hook_fails_a_broken_example_and_says_where(scratch: Path, home: Path) -> None:
    edit(scratch, "      example: executed\n", "      example: published\n")
    lines = (scratch / "openapi.yaml").read_text().splitlines()
    line = lines.index("      example: published") + 1
    result = try_hook(scratch, home, "socialpost-lint")
    assert result.returncode == 1, result.stdout
    assert "Failed" in result.stdout
    assert f"openapi.yaml:{line}: /components/parameters/status/example" in result.stdout


def test_diff_hook_passes_a_compatible_change(scratch: Path, home: Path) -> None:
    edit(scratch, "    Brands of a real-estate", "    The brands of a real-estate")
    result = try_hook(scratch, home, "socialpost-diff")
    assert result.returncode == 0, result.stdout


def test_diff_hook_refuses_a_breaking_change(scratch: Path, home: Path) -> None:
    edit(scratch, "      maxLength: 2200\n", "      maxLength: 280\n")
    result = try_hook(scratch, home, "socialpost-diff")
    assert result.returncode == 1, result.stdout
    assert "Failed" in result.stdout and "ERR" in result.stdout
