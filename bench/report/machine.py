"""The machine the figures come from: CPU, memory, OS, Python and library versions, the load
generator and the commit, as the report's header lists them."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import platform
from pathlib import Path

from bench.load.loadgen import LoadGen
from bench.processes import run_text


def machine_info(loadgen: LoadGen) -> list[tuple[str, str]]:
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = "unknown"
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    nproc = run_text(["nproc"]) or str(os.cpu_count())
    versions = []
    for dist in ("connexion", "starlette", "uvicorn", "tinydb"):
        with contextlib.suppress(Exception):
            from importlib.metadata import version

            versions.append(f"{dist} {version(dist)}")
    commit = run_text(["git", "rev-parse", "--short", "HEAD"]) or "unknown"
    if run_text(["git", "status", "--porcelain", "--untracked-files=no"]):
        commit += " (with uncommitted changes)"
    rows = [
        ("date", dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")),
        (
            "machine",
            f"{nproc} CPUs (nproc), {cpu}, {mem} RAM, {platform.system()} {platform.release()}",
        ),
        ("os", _os_name()),
        (
            "python",
            f"{platform.python_implementation()} {platform.python_version()}; "
            + ", ".join(versions),
        ),
        (
            "load generator",
            loadgen.label
            if not loadgen.wrk
            else (run_text([loadgen.wrk, "--version"]).splitlines() or ["wrk"])[0].split(
                " Copyright"
            )[0],
        ),
        ("commit", commit),
    ]
    return rows


def _os_name() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                return line.split("=", 1)[1].strip('"')
    return platform.platform()
