"""Conform run time: a full ``socialpost conform`` (``--quick`` with --quick) against a fresh
mock of the fixtures; wall time, exit code and its last line."""

from __future__ import annotations

import subprocess
import time

from bench.command import has_conform
from bench.context import Bench
from bench.figures import fmt_s
from bench.load.queries import TOKEN
from bench.paths import ROOT
from bench.report.progress import log
from bench.targets.mock import start_mock


def measure_conform(bench: Bench) -> None:
    options, report = bench.options, bench.report
    label = "`socialpost conform` against a fresh mock (fixtures)"
    if not has_conform():
        report.others.append((label, "–", "the `conform` command does not exist yet"))
        return
    db = bench.workdir / "conform" / "db.json"
    db.parent.mkdir()
    server = start_mock(bench, "mock for conform", db, None)
    cmd = bench.cmd + ["conform", "--base-url", server.base, "--token", TOKEN]
    if options.quick:
        cmd.append("--quick")
        label = label.replace("conform`", "conform --quick`")
    out = bench.workdir / "conform.out"
    log(f"running {' '.join(cmd[len(bench.cmd) - 1 :])} (output: {out})")
    t0 = time.perf_counter()
    with out.open("wb") as handle:
        try:
            proc = subprocess.run(
                cmd,
                cwd=ROOT,
                stdout=handle,
                stderr=subprocess.STDOUT,
                timeout=options.conform_timeout,
                start_new_session=True,
            )
            code: int | str = proc.returncode
        except subprocess.TimeoutExpired:
            code = f"killed after {options.conform_timeout:.0f} s"
    wall = time.perf_counter() - t0
    lines = [ln for ln in out.read_text(errors="replace").splitlines() if ln.strip()]
    summary = lines[-1].strip() if lines else ""
    log(f"  exit {code} after {wall:.1f} s: {summary}")
    report.others.append(
        (label, f"{fmt_s(wall)}, exit {code}", f"last line: {summary[:200]}" if summary else "")
    )
    report.raw["conform"] = {"seconds": wall, "exit": code, "last_line": summary}
