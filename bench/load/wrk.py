"""wrk, the load generator of record: one run (1 thread, --latency) and the reading of its
output into a Load."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from bench.load.load import Load
from bench.load.queries import TOKEN

_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def _wrk_ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text.strip())
    if not match:
        raise ValueError(f"unknown wrk duration {text!r}")
    return float(match.group(1)) * _UNITS_MS[match.group(2)]


def parse_wrk(output: str) -> Load:
    load = Load(tool="wrk")
    if m := re.search(r"Requests/sec:\s+([\d.]+)", output):
        load.rps = float(m.group(1))
    if m := re.search(r"(\d+) requests in ([\d.]+\w+)", output):
        load.requests = int(m.group(1))
        load.seconds = _wrk_ms(m.group(2)) / 1000
    if m := re.search(r"^\s+50%\s+(\S+)", output, re.M):
        load.p50_ms = _wrk_ms(m.group(1))
    if m := re.search(r"^\s+99%\s+(\S+)", output, re.M):
        load.p99_ms = _wrk_ms(m.group(1))
    if m := re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output):
        load.non_2xx = int(m.group(1))
    if m := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    ):
        load.errors = sum(int(g) for g in m.groups())
    if load.rps is None:
        raise ValueError(f"could not read wrk's output:\n{output}")
    return load


def run_wrk(
    wrk: str,
    url: str,
    connections: int,
    duration: float,
    script: Path | None,
    headers: dict[str, str] | None = None,
) -> Load:
    """One wrk run against url (with the test token and ``headers``); the Load includes the
    CPU wrk itself used."""
    cmd = [
        wrk,
        "-t1",
        f"-c{connections}",
        f"-d{max(1, round(duration))}s",
        "--latency",
        "--timeout",
        "30s",
        "-H",
        f"Authorization: Bearer {TOKEN}",
    ]
    for name, value in (headers or {}).items():
        cmd += ["-H", f"{name}: {value}"]
    if script:
        cmd += ["-s", str(script)]
    cmd.append(url)
    before = os.times()
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=duration + 90)
    after = os.times()
    if done.returncode != 0:
        raise RuntimeError(f"wrk failed ({done.returncode}): {done.stderr or done.stdout}")
    load = parse_wrk(done.stdout)
    used = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    load.client_cpu = used / max(after.elapsed - before.elapsed, 1e-9)
    return load


def counted(lua: str | None, count: int) -> str:
    """A wrk script that stops after ``count`` answers: ``lua``'s requests (or the URL given to
    wrk) and a ``response`` that counts them. With one connection, one request after another."""
    return (lua or "") + (
        "local answered = 0\n"
        "response = function(status, headers, body)\n"
        "  answered = answered + 1\n"
        f"  if answered >= {count} then wrk.thread:stop() end\n"
        "end\n"
    )
