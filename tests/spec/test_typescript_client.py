"""A strict TypeScript client typed from the contract compiles and drives a live mock.

openapi-typescript generates types from ``openapi.yaml`` and ``server/control.yaml``; the
openapi-fetch client in ``tests/typescript`` (``"strict": true``) must compile with no error,
including ``type-checks.ts``: bodies the mock accepts type-check (``asset: null`` beside a
template instance), and bodies the contract rejects do not (``@ts-expect-error``). Then the
compiled flow runs against a real ``socialpost serve`` process: list with every association
(openapi-fetch's repeated keys), stats, create, update, the clock advances, the post is
published, delete, and 404 after.

By hand: copy tests/typescript to a scratch directory, link tools/npm/node_modules there as
node_modules, generate ``schema.ts`` and ``control-schema.ts`` with openapi-typescript, run
``tsc -p .`` and ``node dist/flow.js '{...}'`` (the fixture below).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from socialpost.server import paths
from tests.live import serve_process
from tests.tooling import NPM_TOOLS, ROOT, npm_bin

SOURCES = ROOT / "tests" / "typescript"
GENERATED = {"schema.ts": paths.SPEC_PATH, "control-schema.ts": paths.CONTROL_SPEC_PATH}
# The document's user, brand, a page that publishes and a template instance (fixtures).
FIXTURE = {
    "token": "test-token",
    "brand": "b3ad887b-a14e-4bff-b618-a2edb675d19b",
    "page": "5383b70e-bd8f-481f-a605-0664736def2d",
    "templateInstance": "8e6b780b-ae31-4277-bdbd-42f0663ac8ff",
}


@dataclass(frozen=True)
class Build:
    directory: Path
    tsc: subprocess.CompletedProcess[str]

    def errors(self) -> list[str]:
        return re.findall(r"^.*error TS\d+:.*$", self.tsc.stdout + self.tsc.stderr, re.MULTILINE)


def run(command: list[str], cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=timeout,
                          check=False)


@pytest.fixture(scope="session")
def build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The client's sources, the generated types beside them, compiled once by tsc."""
    generate, tsc = npm_bin("openapi-typescript"), npm_bin("tsc")
    directory = tmp_path_factory.mktemp("typescript")
    for source in SOURCES.iterdir():
        if source.suffix in (".ts", ".json"):
            shutil.copy(source, directory / source.name)
    # Node and tsc resolve openapi-fetch (and @types/node) from here.
    (directory / "node_modules").symlink_to(NPM_TOOLS / "node_modules", target_is_directory=True)
    for name, document in GENERATED.items():
        result = run([str(generate), str(document), "--output", str(directory / name)], directory)
        assert result.returncode == 0, f"openapi-typescript {document.name}:\n{result.stderr}"
    return Build(directory, run([str(tsc), "--project", str(directory)], directory))


def test_generated_types_and_the_strict_client_compile_without_errors(build: Build) -> None:
    assert build.errors() == [], "tsc:\n" + "\n".join(build.errors())
    assert build.tsc.returncode == 0, build.tsc.stdout + build.tsc.stderr


@pytest.fixture
def mock_url(tmp_path: Path) -> Iterator[str]:
    with serve_process(tmp_path / "db.json") as server:
        yield server.url


def test_typed_client_runs_the_whole_flow_against_a_live_mock(build: Build, mock_url: str) -> None:
    if build.tsc.returncode != 0:
        pytest.fail("the client did not compile (see the compile test)", pytrace=False)
    node = shutil.which("node")
    assert node is not None  # npm_bin made sure of it
    fixture = json.dumps({**FIXTURE, "baseUrl": mock_url})

    result = run([node, str(build.directory / "dist" / "flow.js"), fixture], build.directory,
                 timeout=120)

    output = f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    assert result.returncode == 0, output
    steps = [json.loads(line)["step"] for line in result.stdout.splitlines()]
    assert steps == ["list", "stats", "create", "update", "advance", "published", "delete",
                     "deleted", "done"], output
