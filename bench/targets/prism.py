"""Prism, the reference mock, as a benchmark target: installed into bench/ with npm when
missing (pinned in bench/package.json), then started on openapi.yaml."""

from __future__ import annotations

import shutil
import subprocess

from bench.context import Bench
from bench.load.queries import AUTH, LIST_PATH
from bench.paths import BENCH_DIR, PRISM_BIN, ROOT, SPEC
from bench.processes import Server, free_port, run_text
from bench.report.progress import log
from bench.report.report import Report


def ensure_prism(report: Report) -> tuple[list[str] | None, str]:
    """The command that runs Prism, installing it into bench/ with npm when needed; or None and
    why not."""
    if PRISM_BIN.exists():
        return [str(PRISM_BIN)], ""
    npm = shutil.which("npm")
    if not npm:
        return (
            None,
            "npm is not installed (Prism comes from npm: @stoplight/prism-cli, "
            "see bench/package.json)",
        )
    lock = BENCH_DIR / "package-lock.json"
    cmd = [
        npm,
        "ci" if lock.exists() else "install",
        "--prefix",
        str(BENCH_DIR),
        "--no-audit",
        "--no-fund",
        "--loglevel",
        "error",
    ]
    log(f"Prism missing: {' '.join(cmd[:2])} --prefix bench (pinned in bench/package.json)")
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=600, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return None, "npm install of Prism took over 10 minutes"
    if done.returncode != 0 or not PRISM_BIN.exists():
        tail = " ".join((done.stderr or done.stdout).strip().splitlines()[-3:])
        return None, f"npm could not install Prism (exit {done.returncode}): {tail[:300]}"
    report.raw["prism_installed_now"] = True
    return [str(PRISM_BIN)], ""


def start_prism(bench: Bench) -> tuple[Server | None, str, str]:
    """Prism serving openapi.yaml, its row label, and why it is missing (when it is)."""
    label = "Prism 5 mock of openapi.yaml, `-v error` (the spec's example)"
    if bench.options.skip_prism:
        return None, label, "--skip-prism"
    cmd, why = ensure_prism(bench.report)
    if cmd is None:
        return None, label, why
    version_lines = run_text(cmd + ["--version"], timeout=60).splitlines()
    version = version_lines[-1] if version_lines else "?"
    bench.report.raw["prism_version"] = version
    label = f"Prism {version} mock of openapi.yaml, `-v error` (the spec's example)"
    port = free_port()
    log(f"starting Prism {version}")
    server = bench.servers.spawn(
        "prism",
        cmd + ["mock", str(SPEC), "-h", "127.0.0.1", "-p", str(port), "-v", "error"],
        port,
    )
    server.wait_ready(LIST_PATH, timeout=120, headers=AUTH)
    return server, label, ""
