"""docs/ci.md's workflow, run: every ``run:`` step in order, as GitHub's runner would.

The scratch repository is a clone whose ``origin/main`` holds the project's contract; the pull
request changes a description (compatible), so every step must pass and leave the files the
workflow's publishing steps upload.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.live import free_port
from tests.scratch import contract_repository, git

ROOT = Path(__file__).resolve().parents[2]
RECIPE = ROOT / "docs" / "ci.md"
# The install step is what tests/packaging/test_install.py::test_pipx_installs_a_working_command
# runs; here socialpost comes from the project's venv.
INSTALL = "pipx install ."


def blocks(language: str) -> list[Any]:
    found = re.findall(rf"```{language}\n(.*?)```", RECIPE.read_text(), flags=re.S)
    return [yaml.safe_load(block) for block in found]


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    origin = contract_repository(tmp_path / "origin")
    work = tmp_path / "work"
    git(tmp_path, "clone", "-q", str(origin), str(work))
    spec = work / "openapi.yaml"
    spec.write_text(spec.read_text().replace("    Brands of a real-estate",
                                             "    The brands of a real-estate", 1))
    return work


@pytest.fixture
def sessions() -> Iterator[list[int]]:
    """Process groups the steps started (the mock runs in the background): ended afterwards."""
    started: list[int] = []
    yield started
    for group in started:
        try:
            os.killpg(group, signal.SIGTERM)
        except ProcessLookupError:
            pass


def test_the_recipe_runs_step_by_step(checkout: Path, sessions: list[int], tmp_path: Path) -> None:
    (workflow,) = blocks("yaml")[:1]
    env = {**os.environ, **{key: str(value) for key, value in workflow["env"].items()},
           "MOCK_PORT": str(free_port()), "RUNNER_TEMP": str(tmp_path),
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    steps = workflow["jobs"]["contract"]["steps"]
    ran = []
    for step in steps:
        if "run" not in step:
            continue
        if step["name"] == "Install socialpost":
            assert step["run"] == INSTALL
            continue
        process = subprocess.Popen(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
            cwd=checkout, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            text=True, start_new_session=True,
        )
        sessions.append(process.pid)
        output, _ = process.communicate(timeout=600)
        assert process.returncode == 0, f"step {step['name']!r} failed:\n{output[-4000:]}"
        ran.append(step["name"])
    assert len(ran) == 4

    sarif = json.loads((checkout / "lint.sarif").read_text())
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"] == []
    assert (checkout / "api-changes.md").read_text().strip()
    junit = ET.parse(checkout / "conform.xml").getroot()
    assert list(junit.iter("testcase")) and not list(junit.iter("failure"))
    uploaded = [step["with"] for step in steps if "uses" in step and "with" in step]
    for files in uploaded:
        for key in ("sarif_file", "report_paths"):
            if key in files:
                assert (checkout / files[key]).is_file()


def test_the_hook_recipe_names_the_hooks_the_repository_offers() -> None:
    offered = {hook["id"] for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    (config,) = blocks("yaml")[1:]
    used = {hook["id"] for repo in config["repos"] for hook in repo["hooks"]}
    assert used == offered == {"socialpost-lint", "socialpost-diff"}
