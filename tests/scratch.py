"""A scratch git repository holding the project's contract, as another team's repository would."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def contract_repository(repo: Path) -> Path:
    """``repo``, a new repository on ``main`` whose one commit holds openapi.yaml."""
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "ci@example.com")
    git(repo, "config", "user.name", "CI")
    shutil.copy(ROOT / "openapi.yaml", repo / "openapi.yaml")
    git(repo, "add", "openapi.yaml")
    git(repo, "commit", "-q", "-m", "the contract")
    return repo
