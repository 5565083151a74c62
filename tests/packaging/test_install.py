"""A new user's install: the wheel and the sdist work outside the checkout.

The wheel is built from the checkout and installed with its dependencies into a fresh venv in a
temporary directory; every command then runs from that directory, so nothing of the checkout is
importable. The installed ``socialpost`` must find the contract, the control spec and the
fixtures inside the package, serve a mock that answers, and pass ``conform --quick`` against it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import venv
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.live import free_port, wait_healthy

ROOT = Path(__file__).resolve().parents[2]
# What the package carries besides code: without these, lint and serve fail once installed.
DATA = ("socialpost/openapi.yaml", "socialpost/fixtures/social-posts.json",
        "socialpost/fixtures/scenarios/busy.json",
        "socialpost/server/control.yaml", "socialpost/py.typed",
        "socialpost/server/dashboard/static/index.html",
        "socialpost/server/dashboard/static/js/main.js")


@dataclass(frozen=True)
class Installed:
    """A fresh venv holding the built wheel, and a working directory outside the checkout."""

    venv: Path
    cwd: Path
    wheel: Path
    sdist: Path

    def run(self, *args: str, check: bool = True,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(self.venv / "bin" / args[0]), *args[1:]], cwd=self.cwd,
                              capture_output=True, text=True, check=check, timeout=300,
                              env=None if env is None else {**os.environ, **env})

    def install_target(self, requirement: str, target: Path) -> dict[str, str]:
        """Install ``requirement`` alone into ``target``; the env that imports it from there."""
        self.run("pip", "install", "--quiet", "--no-deps", "--target", str(target), requirement)
        return {"PYTHONPATH": str(target)}


def _build(kind: str, out: Path, source: Path = ROOT) -> Path:
    subprocess.run([sys.executable, "-m", "build", f"--{kind}", "--outdir", str(out),
                    str(source)], check=True, capture_output=True, timeout=600)
    (built,) = out.glob("*.whl" if kind == "wheel" else "*.tar.gz")
    return built


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installed]:
    base = tmp_path_factory.mktemp("install")
    sdist = _build("sdist", base / "sdist")
    wheel = _build("wheel", base / "wheel")
    env = base / "venv"
    venv.create(env, with_pip=True)
    subprocess.run([str(env / "bin" / "pip"), "install", "--quiet", str(wheel)],
                   check=True, capture_output=True, timeout=900)
    cwd = base / "elsewhere"
    cwd.mkdir()
    yield Installed(env, cwd, wheel, sdist)


def _names(archive: Path) -> set[str]:
    if archive.suffix == ".whl":
        with zipfile.ZipFile(archive) as zipped:
            return set(zipped.namelist())
    with tarfile.open(archive) as tarred:
        return {name.split("/", 1)[1] for name in tarred.getnames() if "/" in name}


def test_the_wheel_installs_one_import_package_carrying_its_data(installed: Installed) -> None:
    names = _names(installed.wheel)
    assert set(DATA) <= names
    top_level = {name.split("/", 1)[0] for name in names if not name.endswith(".dist-info")}
    assert {top for top in top_level if not top.endswith(".dist-info")} == {"socialpost"}
    for generic in ("server", "conformance"):
        probe = installed.run("python", "-c", f"import {generic}", check=False)
        assert probe.returncode != 0, f"a top-level {generic!r} package is importable"


def test_the_sdist_carries_the_contract_and_builds_the_same_wheel(
    installed: Installed, tmp_path: Path
) -> None:
    names = _names(installed.sdist)
    assert set(DATA) <= names
    with tarfile.open(installed.sdist) as tarred:
        tarred.extractall(tmp_path, filter="data")
    (unpacked,) = tmp_path.iterdir()
    rebuilt = _build("wheel", tmp_path / "out", source=unpacked)
    code = {name for name in _names(installed.wheel) if not name.startswith("socialpost-")}
    assert {name for name in _names(rebuilt) if not name.startswith("socialpost-")} == code


def test_version_and_module_entry_point(installed: Installed) -> None:
    from socialpost import __version__

    version = installed.run("socialpost", "--version").stdout.strip()
    assert version == f"socialpost, version {__version__}"
    assert "serve" in installed.run("python", "-m", "socialpost", "--help").stdout


def test_lint_finds_the_contract_inside_the_package(installed: Installed) -> None:
    result = installed.run("socialpost", "lint")
    assert "site-packages/socialpost/openapi.yaml: clean" in result.stdout
    control = installed.venv.glob("lib/python*/site-packages/socialpost/server/control.yaml")
    assert "clean" in installed.run("socialpost", "lint", str(next(control))).stdout


def test_serve_answers_and_conforms(installed: Installed) -> None:
    port = free_port()
    log = installed.cwd / "serve.log"
    with log.open("wb") as sink:
        server = subprocess.Popen(
            [str(installed.venv / "bin" / "socialpost"), "serve", "--port", str(port),
             "--db", str(installed.cwd / "db.json")],
            cwd=installed.cwd, stdout=sink, stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, seconds=60, process=server, log=log)
        result = installed.run("socialpost", "conform", "--quick", "--base-url", url,
                               "--token", "test-token", check=False)
        assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
        moved = installed.run("socialpost", "clock", "--url", url, "advance", "1h")
        assert moved.returncode == 0 and "2026-" in moved.stdout
        for page in ("/_mock/", "/_mock/dashboard/js/main.js"):  # the dashboard, installed
            assert httpx.get(f"{url}{page}").status_code == 200, page
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_the_sdist_installs_a_working_command(installed: Installed, tmp_path: Path) -> None:
    env = installed.install_target(str(installed.sdist), tmp_path / "from-sdist")
    result = installed.run("python", "-m", "socialpost", "lint", env=env)
    assert f"{tmp_path}/from-sdist/socialpost/openapi.yaml: clean" in result.stdout


def test_pip_install_git_url_gives_a_working_command(installed: Installed, tmp_path: Path) -> None:
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    env = installed.install_target(f"git+file://{ROOT}", tmp_path / "from-git")
    result = installed.run("python", "-m", "socialpost", "lint", env=env)
    assert f"{tmp_path}/from-git/socialpost/openapi.yaml: clean" in result.stdout


def test_pipx_installs_a_working_command(installed: Installed, tmp_path: Path) -> None:
    pipx = shutil.which("pipx", path=str(Path(sys.executable).parent))
    assert pipx is not None, "pipx is a dev dependency (pyproject.toml)"
    env = {**os.environ, "PIPX_HOME": str(tmp_path / "pipx"),
           "PIPX_BIN_DIR": str(tmp_path / "bin"), "PIPX_MAN_DIR": str(tmp_path / "man")}
    subprocess.run([pipx, "install", str(ROOT)], cwd=installed.cwd, env=env, check=True,
                   capture_output=True, timeout=900)
    command = str(tmp_path / "bin" / "socialpost")
    lint = subprocess.run([command, "lint"], cwd=installed.cwd, capture_output=True, text=True,
                          check=True, timeout=120)
    assert lint.stdout.strip().endswith("socialpost/openapi.yaml: clean")


def test_diff_compares_the_bundled_contract(installed: Installed, tmp_path: Path) -> None:
    bundled = next(installed.venv.glob("lib/python*/site-packages/socialpost/openapi.yaml"))
    narrowed = tmp_path / "openapi.yaml"
    narrowed.write_text(bundled.read_text().replace("maxLength: 2200", "maxLength: 280", 1))
    same = installed.run("socialpost", "diff", str(bundled), str(bundled))
    assert "no changes" in same.stdout
    broken = installed.run("socialpost", "diff", str(bundled), str(narrowed), check=False)
    assert broken.returncode == 1 and "request-constraint-narrowed" in broken.stdout
