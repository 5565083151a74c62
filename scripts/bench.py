#!/usr/bin/env python3
"""Benchmark the socialpost mock side by side with Prism and a bare Starlette app.

Run from the repository with the project's venv:

    .venv/bin/python scripts/bench.py            # the full run (about 5 minutes, conform included)
    .venv/bin/python scripts/bench.py --quick    # a smoke test: short durations, conform --quick
    .venv/bin/python scripts/bench.py --skip-prism --posts 2000 > bench.md

What it measures, on this machine, in one run (the report goes to stdout as Markdown, progress
to stderr):

* the list request ``GET /brands/{brand}/social-posts?status=any&limit=50&associations=`` (all
  three associations) with --posts posts stored: req/s, p50 and p99 under wrk (1 thread, 32
  connections, --duration seconds after a warm-up; every target runs at the same time and is
  measured in turn, --rounds times, keeping the median) for
  - the mock (``socialpost serve --generate-posts N`` on a fresh database),
  - the mock with a ``start`` that varies 0..49 per request (defeats a cache of the last
    response only),
  - the mock with unique queries: ``start`` 0..N-50 and then the next of the 8 ``order``
    values, so no URL repeats within the run and no response cache can answer (the uncached
    cost),
  - a bare Starlette app (bench/bare_app.py, uvicorn, one worker) answering the very same bytes,
  - Prism (``prism mock openapi.yaml -v error``, @stoplight/prism-cli 5, pinned in
    bench/package.json) serving the spec's example for the same operation;
* durable creates per second at --posts posts (wrk POSTs of the document's create-with-asset
  body, 16 connections, p50/p99); then the mock is killed with SIGKILL and started again on the
  same file, and the report says whether every acknowledged create is still there;
* list p50 at --posts posts against 100 posts (sequential requests on a server that has
  answered nothing else yet, measured client-side), for the same query and for unique queries;
* ``socialpost serve`` start to the first 200 of /_mock/health, on a fresh database (generating
  the posts) and on the existing one;
* a full ``socialpost conform`` run against a fresh mock (wall time and exit code).

Each load row also gives the CPU the server process used during the run (100 % = one core: the
server was the bottleneck) and how busy the whole machine was; the header gives the load average
before and after, and the report warns when other processes were competing for the CPUs.

Missing tools: Prism is installed into bench/node_modules with npm when npm exists (else its row
says why it is skipped); without wrk a Python load generator (httpx + asyncio, one process) runs
instead, and every row it produced says so: its figures are not comparable with wrk's.

Every server listens on 127.0.0.1 on a free port, is started in its own process group and is
stopped when the run ends, also on errors and Ctrl-C. Every request loop is bounded in count and
time.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import datetime as dt
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "bench"
SPEC = ROOT / "openapi.yaml"
BARE_APP = BENCH_DIR / "bare_app.py"
PRISM_BIN = BENCH_DIR / "node_modules" / ".bin" / "prism"

BRAND = "b3ad887b-a14e-4bff-b618-a2edb675d19b"
TOKEN = "test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
LIST_PATH = (
    f"/brands/{BRAND}/social-posts?status=any&limit=50"
    "&associations=social_post.template_instance,social_post.asset,social_post.owner"
)
CREATE_PATH = f"/brands/{BRAND}/social-posts"
CREATE_BODY = {
    "facebook_page": "5383b70e-bd8f-481f-a605-0664736def2d",
    "asset": "55f4cb8e-f8fc-414e-bffa-6dbcc8d919a4",
    "due_at": 1769132000.364,
    "caption": "bench",
}
HEALTH_PATH = "/_mock/health"
SMALL_POSTS = 100


# --------------------------------------------------------------------------- small helpers


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def run_text(cmd: list[str], timeout: float = 20) -> str:
    """Output of a short command, or '' when it cannot run."""
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    except (OSError, subprocess.SubprocessError):
        return ""
    return (done.stdout + done.stderr).strip()


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of values."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def fmt_int(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f}"


def fmt_ms(value: float | None) -> str:
    if value is None or value != value:
        return "–"
    if value >= 100:
        return f"{value:,.0f} ms"
    if value >= 10:
        return f"{value:.1f} ms"
    return f"{value:.2f} ms"


def fmt_s(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f} s"


def fmt_ratio(num: float | None, den: float | None) -> str:
    if not num or not den:
        return "–"
    return f"{num / den:.2f}×"


# --------------------------------------------------------------------------- servers


class ServerError(RuntimeError):
    pass


@dataclasses.dataclass
class Server:
    """A process we started, in its own process group, logging to a file."""

    name: str
    proc: subprocess.Popen[bytes]
    port: int
    log_path: Path
    started: float  # perf_counter at spawn
    ready_after: float | None = None  # seconds from spawn to the first 200 of the ready path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log_tail(self, lines: int = 15) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def wait_ready(self, path: str, timeout: float, headers: dict[str, str] | None = None) -> float:
        """Poll path until it answers 200; the seconds since spawn."""
        deadline = time.perf_counter() + timeout
        with httpx.Client(timeout=2.0, headers=headers or {}) as client:
            while time.perf_counter() < deadline:
                if self.proc.poll() is not None:
                    raise ServerError(
                        f"{self.name} exited with code {self.proc.returncode} before answering:\n"
                        f"{self.log_tail()}"
                    )
                try:
                    response = client.get(self.base + path)
                    if response.status_code == 200:
                        self.ready_after = time.perf_counter() - self.started
                        return self.ready_after
                except httpx.HTTPError:
                    pass
                time.sleep(0.01)
        raise ServerError(
            f"{self.name} did not answer 200 on {path} within {timeout:.0f} s:\n{self.log_tail()}"
        )

    def cpu_ticks(self) -> int | None:
        """CPU time (clock ticks) the server's process has used so far."""
        try:
            fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            return None
        return int(fields[11]) + int(fields[12])  # utime, stime

    def settle(self, timeout: float = 60.0) -> None:
        """Wait until the server is idle: a load run that ends leaves requests the server still
        works through (their connections closed), which must not count in the next run."""
        deadline = time.perf_counter() + timeout
        quiet = 0
        last = self.cpu_ticks()
        while last is not None and quiet < 3 and time.perf_counter() < deadline:
            time.sleep(0.1)
            now = self.cpu_ticks()
            if now is None:
                return
            quiet = quiet + 1 if now - last <= 1 else 0  # at most ~10 ms of CPU in 100 ms
            last = now

    def stop(self) -> None:
        if self.proc.poll() is None:
            for sig, grace in ((signal.SIGTERM, 10.0), (signal.SIGKILL, 5.0)):
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(self.proc.pid, sig)  # the group we created for it, nothing else
                try:
                    self.proc.wait(timeout=grace)
                    break
                except subprocess.TimeoutExpired:
                    continue


class Servers:
    """Every server of the run; all stopped on exit, whatever happens."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.running: list[Server] = []

    def spawn(
        self, name: str, cmd: list[str], port: int, env: dict[str, str] | None = None
    ) -> Server:
        log_path = self.workdir / f"{name.replace(' ', '_')}-{port}.log"
        handle = log_path.open("wb")
        started = time.perf_counter()
        proc = subprocess.Popen(
            cmd,
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env={**os.environ, **(env or {})},
        )
        handle.close()
        server = Server(name=name, proc=proc, port=port, log_path=log_path, started=started)
        self.running.append(server)
        return server

    def stop(self, server: Server) -> None:
        server.stop()
        if server in self.running:
            self.running.remove(server)

    def stop_all(self) -> None:
        for server in list(self.running):
            self.stop(server)


# --------------------------------------------------------------------------- load generation


@dataclasses.dataclass
class Load:
    """One load measurement."""

    tool: str
    requests: int = 0
    rps: float | None = None
    p50_ms: float | None = None
    p99_ms: float | None = None
    non_2xx: int = 0
    errors: int = 0
    seconds: float = 0.0
    note: str = ""
    server_cpu: float | None = None  # CPUs the server's process used on average (1.0 = one core)
    client_cpu: float | None = None  # CPUs the load generator used on average
    machine_cpu: float | None = None  # CPUs the whole machine used on average (all processes)


CLK_TCK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def machine_busy_ticks() -> int | None:
    """Busy CPU time of the whole machine so far (clock ticks, all CPUs)."""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    except (OSError, ValueError, IndexError):
        return None
    return sum(fields[:8]) - fields[3] - fields[4]  # all but idle and iowait


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


ORDERS = [
    "created_at",
    "-created_at",
    "updated_at",
    "-updated_at",
    "due_at",
    "-due_at",
    "executed_at",
    "-executed_at",
]


@dataclasses.dataclass(frozen=True)
class Variation:
    """How the list request changes from one request to the next.

    same: always the same URL. start50: ``start`` = 0..49 in turn (the issue's variation; a
    cache of 50 entries still answers it). unique: ``start`` = 0..span-1 and then the next of
    the 8 ``order`` values: no URL repeats within 8 × span requests.
    """

    kind: str = "same"
    span: int = 50
    offset: int = 0  # unique: the first index, so that two runs can use disjoint URLs

    @property
    def distinct(self) -> int:
        return {"same": 1, "start50": 50}.get(self.kind, 8 * self.span)

    def path(self, base: str, i: int) -> str:
        if self.kind == "start50":
            return f"{base}&start={i % 50}"
        if self.kind == "unique":
            j = i + self.offset
            return f"{base}&start={j % self.span}&order={ORDERS[(j // self.span) % 8]}"
        return base

    def lua(self, base: str) -> str | None:
        if self.kind == "same":
            return None
        orders = ", ".join(f'"{o}"' for o in ORDERS)
        if self.kind == "start50":
            line = 'base .. "&start=" .. (i % 50)'
        else:
            line = (
                f'base .. "&start=" .. (i % {self.span}) .. "&order=" '
                f".. orders[(math.floor(i / {self.span}) % 8) + 1]"
            )
        return (
            f"-- the list request, varied: {self.kind}\n"
            f'local base = "{base}"\n'
            f"local orders = {{{orders}}}\n"
            f"local i = {self.offset if self.kind == 'unique' else 0}\n"
            "request = function()\n"
            f"  local path = {line}\n"
            "  i = i + 1\n"
            "  return wrk.format(nil, path)\n"
            "end\n"
        )


SAME = Variation()
SEQ_UNIQUE = Variation("unique", span=50)  # 400 distinct URLs, valid at 100 posts too

LUA_POST = """\
wrk.method = "POST"
wrk.body = '{body}'
wrk.headers["Content-Type"] = "application/json"
"""


class LoadGen:
    """wrk when it is installed, else an httpx + asyncio load generator (clearly labelled)."""

    def __init__(self, workdir: Path, force_python: bool = False) -> None:
        self.workdir = workdir
        self.wrk = None if force_python else shutil.which("wrk")

    @property
    def label(self) -> str:
        return "wrk" if self.wrk else "python-httpx (wrk not installed)"

    # requests are described as: method, a function i -> path, body bytes or None
    def run(
        self,
        server: Server,
        *,
        path: str,
        connections: int,
        duration: float,
        warmup: float,
        lua: str | None = None,
        method: str = "GET",
        body: bytes | None = None,
        vary: Variation = SAME,
    ) -> Load:
        """A warm-up, then the measured run. A unique variation warms up with the same URL
        only, so that no measured URL was requested before."""
        server.settle()
        lua = lua or vary.lua(path)
        warm_vary = SAME if vary.kind == "unique" else vary
        if self.wrk:
            script = None
            if lua:
                script = self.workdir / f"bench-{abs(hash(lua)) % 10**8}.lua"
                script.write_text(lua)
            if warmup > 0:
                warm_script = script if warm_vary is vary else None
                self._wrk(server.base + path, connections, warmup, warm_script)
                server.settle()
            cpu0, busy0, t0 = server.cpu_ticks(), machine_busy_ticks(), time.perf_counter()
            load = self._wrk(server.base + path, connections, duration, script)
        else:
            if warmup > 0:
                run_async(py_load(server, path, connections, warmup, method, body, warm_vary))
                server.settle()
            cpu0, busy0, t0 = server.cpu_ticks(), machine_busy_ticks(), time.perf_counter()
            own0 = time.process_time()
            load = run_async(py_load(server, path, connections, duration, method, body, vary))
            load.client_cpu = (time.process_time() - own0) / max(load.seconds, 1e-9)
        cpu1, busy1, elapsed = server.cpu_ticks(), machine_busy_ticks(), time.perf_counter() - t0
        if cpu0 is not None and cpu1 is not None:
            load.server_cpu = (cpu1 - cpu0) / CLK_TCK / elapsed
        if busy0 is not None and busy1 is not None:
            load.machine_cpu = (busy1 - busy0) / CLK_TCK / elapsed
        server.settle()
        if load.requests == 0:
            load.p50_ms = load.p99_ms = None
            load.note = f"no answer completed within {duration:.0f} s"
        return load

    def _wrk(self, url: str, connections: int, duration: float, script: Path | None) -> Load:
        assert self.wrk
        cmd = [
            self.wrk,
            "-t1",
            f"-c{connections}",
            f"-d{max(1, round(duration))}s",
            "--latency",
            "--timeout",
            "30s",
            "-H",
            f"Authorization: Bearer {TOKEN}",
        ]
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


def run_async(coro: Coroutine[Any, Any, Load]) -> Load:
    """Run the Python load generator on uvloop when it is installed (uvicorn[standard] brings
    it), else on asyncio's loop."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(coro)
    return uvloop.run(coro)


async def py_load(
    server: Server,
    path: str,
    connections: int,
    duration: float,
    method: str,
    body: bytes | None,
    vary: Variation,
) -> Load:
    """Closed-loop load: `connections` workers, each one request at a time, for `duration` s."""
    headers = dict(AUTH)
    if body is not None:
        headers["Content-Type"] = "application/json"
    latencies: list[float] = []
    counters = {"non_2xx": 0, "errors": 0, "i": 0}

    async def worker(until: float) -> None:
        # one client (one connection) per worker: a shared httpx pool slows down sharply with
        # many concurrent requests
        async with httpx.AsyncClient(
            base_url=server.base,
            headers=headers,
            timeout=30.0,
            limits=httpx.Limits(max_connections=1),
        ) as client:
            while time.perf_counter() < until:
                i = counters["i"]
                counters["i"] += 1
                url = vary.path(path, i)
                t0 = time.perf_counter()
                try:
                    response = await client.request(method, url, content=body)
                except httpx.HTTPError:
                    counters["errors"] += 1
                    await asyncio.sleep(0.01)
                    continue
                latencies.append(time.perf_counter() - t0)
                if not 200 <= response.status_code < 400:
                    counters["non_2xx"] += 1

    t0 = time.perf_counter()
    await asyncio.gather(*(worker(t0 + duration) for _ in range(connections)))
    elapsed = time.perf_counter() - t0
    ms = [x * 1000 for x in latencies]
    return Load(
        tool="python-httpx",
        requests=len(ms),
        rps=len(ms) / elapsed if elapsed else None,
        p50_ms=percentile(ms, 50) if ms else None,
        p99_ms=percentile(ms, 99) if ms else None,
        non_2xx=counters["non_2xx"],
        errors=counters["errors"],
        seconds=elapsed,
    )


def sequential_latencies(
    server: Server, path: str, count: int, time_budget: float, vary: Variation = SAME
) -> tuple[list[float], int]:
    """`count` requests one after another (keep-alive), after 20 unmeasured ones; ms each and
    the number of non-200 answers. Stops early when time_budget seconds have passed."""
    out: list[float] = []
    bad = 0
    deadline = time.perf_counter() + time_budget
    server.settle()
    with httpx.Client(base_url=server.base, headers=AUTH, timeout=30.0) as client:
        for _ in range(20):
            client.get(path)
        for i in range(count):
            if time.perf_counter() > deadline:
                break
            url = vary.path(path, i)
            t0 = time.perf_counter()
            response = client.get(url)
            out.append((time.perf_counter() - t0) * 1000)
            if response.status_code != 200:
                bad += 1
    return out, bad


# --------------------------------------------------------------------------- the run


@dataclasses.dataclass
class Row:
    """A line of the report."""

    label: str
    load: Load | None = None
    value: str = ""
    note: str = ""
    bytes_: int | None = None
    key: str = ""  # mock, mock-start50, mock-unique, bare, prism


@dataclasses.dataclass
class Report:
    machine: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    throughput: list[Row] = dataclasses.field(default_factory=list)
    ratios: list[Ratio] = dataclasses.field(default_factory=list)
    others: list[tuple[str, str, str]] = dataclasses.field(default_factory=list)
    problems: list[str] = dataclasses.field(default_factory=list)
    raw: dict[str, Any] = dataclasses.field(default_factory=dict)


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


def socialpost_cmd() -> list[str]:
    script = Path(sys.executable).parent / "socialpost"
    return [str(script)] if script.exists() else [sys.executable, "-m", "server"]


def has_generate_posts() -> bool:
    return "--generate-posts" in run_text(socialpost_cmd() + ["serve", "--help"], timeout=60)


def has_conform() -> bool:
    return "conform" in run_text(socialpost_cmd() + ["--help"], timeout=60)


def stored_total(base: str) -> int | None:
    """The brand's live posts (info.total of status=any), or None when the answer has none."""
    with contextlib.suppress(httpx.HTTPError, ValueError, KeyError, TypeError):
        response = httpx.get(
            base + f"/brands/{BRAND}/social-posts?status=any&limit=1", headers=AUTH, timeout=30
        )
        return int(response.json()["info"]["total"])
    return None


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


class Bench:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.workdir = Path(tempfile.mkdtemp(prefix="socialpost-bench-"))
        self.servers = Servers(self.workdir)
        self.loadgen = LoadGen(self.workdir, force_python=args.python_load)
        self.report = Report()
        self.generate = has_generate_posts()
        self.cmd = socialpost_cmd()

    # -- mock servers

    def mock(self, name: str, db: Path, posts: int | None) -> Server:
        port = free_port()
        cmd = self.cmd + ["serve", "--db", str(db), "--port", str(port)]
        if posts is not None and self.generate:
            cmd[len(self.cmd) + 1 : len(self.cmd) + 1] = ["--generate-posts", str(posts)]
        log(f"starting {name}: {' '.join(cmd[len(self.cmd) - 1 :])}")
        server = self.servers.spawn(name, cmd, port)
        server.wait_ready(HEALTH_PATH, timeout=self.args.start_timeout)
        log(f"  {name} answered 200 after {server.ready_after:.2f} s")
        return server

    def data_note(self, posts: int) -> str:
        if self.generate:
            return ""
        return (
            f"`serve --generate-posts` does not exist yet: the fixtures only, not {posts:,} posts"
        )

    # -- the run

    def run(self) -> Report:
        args = self.args
        report = self.report
        report.machine = machine_info(self.loadgen)
        load_start = os.getloadavg()
        report.raw["loadavg_start"] = load_start
        n = args.posts
        if not self.generate:
            msg = (
                f"`socialpost serve --generate-posts` does not exist yet: every mock below holds "
                f"the fixtures only, not {n:,} / {SMALL_POSTS} posts"
            )
            log(msg)
            report.problems.append(msg)
        if not self.loadgen.wrk:
            msg = (
                "wrk is not installed (Debian: `apt-get install wrk`): load rows come from the "
                "Python load generator (httpx + asyncio, one process), which saturates well "
                "below the servers; they are not comparable with wrk figures"
            )
            log(msg)
            report.problems.append(msg)
        report.raw["posts"] = n
        report.raw["generate_posts_available"] = self.generate
        report.raw["load_generator"] = self.loadgen.label

        steps: list[tuple[str, Callable[[], None]]] = [
            ("mock at N posts", self.step_mock_large),
            ("mock at 100 posts", self.step_mock_small),
            ("conform", self.step_conform),
        ]
        for name, step in steps:
            try:
                step()
            except Exception as exc:  # one failing part must not lose the others
                msg = f"{name}: {type(exc).__name__}: {exc}"
                log("FAILED " + msg)
                report.problems.append(msg.splitlines()[0][:500])
            finally:
                self.servers.stop_all()
        self.ratios()
        load_end = os.getloadavg()
        report.raw["loadavg_end"] = load_end
        report.machine.append(
            (
                "load average (1 min)",
                f"{load_start[0]:.2f} at the start, {load_end[0]:.2f} at the end",
            )
        )
        cpus = os.cpu_count() or 1
        if load_start[0] > 0.5 * cpus:
            report.problems.append(
                f"the machine was busy before the run started (load average {load_start[0]:.1f} on "
                f"{cpus} CPUs): other processes competed with the servers and the load generator, "
                "so every figure is lower than on an idle machine (compare ratios rather than "
                "figures, and rerun on an idle machine for the README)"
            )
        return report

    def load(self, server: Server, **kw: Any) -> Load:
        return self.loadgen.run(server, duration=self.args.duration, warmup=self.args.warmup, **kw)

    def step_mock_large(self) -> None:
        args, report, n = self.args, self.report, self.args.posts
        db = self.workdir / "large" / "db.json"
        db.parent.mkdir()
        # 1. start on a fresh database: the posts are generated
        fresh = self.mock(f"mock (fresh db, {n} posts)", db, n)
        total = self.stored = stored_total(fresh.base)
        self.servers.stop(fresh)
        report.raw["start_fresh_s"] = fresh.ready_after
        report.raw["stored_posts"] = total
        note = self.data_note(n) or (
            f"{total:,} live posts of the brand" if total is not None else ""
        )
        report.others.append(
            (
                f"`serve` start to first 200, fresh db ({n:,} posts generated)",
                fmt_s(fresh.ready_after),
                note,
            )
        )
        # 2. start again on the same file
        server = self.mock("mock (existing db)", db, None)
        report.raw["start_existing_s"] = server.ready_after
        files = sorted(f for f in db.parent.iterdir() if f.is_file())
        size = sum(f.stat().st_size for f in files)
        report.others.append(
            (
                f"`serve` start to first 200, existing {n:,}-post db",
                fmt_s(server.ready_after),
                f"database files {fmt_bytes(size)} ({', '.join(f.name for f in files)})",
            )
        )
        report.raw["db_bytes"] = size

        # the response the bare app will serve
        response = httpx.get(server.base + LIST_PATH, headers=AUTH, timeout=30)
        if response.status_code != 200:
            raise RuntimeError(f"the mock answered {response.status_code} to the list request")
        self.body = response.content
        self.content_type = response.headers.get("content-type", "application/json")
        (self.workdir / "list-body.json").write_bytes(self.body)
        self.access_log = "GET /_mock/health" in server.log_path.read_text(errors="replace")
        report.raw["mock_access_log"] = self.access_log

        # sequential p50 first, on a server that has answered nothing else yet (unique URLs
        # 0..count-1; the load run below uses the ones after them)
        self.seq_large = self.sequential(server, n)

        self.list_rounds(server)

        # durable creates
        before = stored_total(server.base)
        log(
            f"durable creates: {self.loadgen.label}, {args.create_connections} connections, "
            f"{args.duration:.0f} s"
        )
        body = json.dumps(CREATE_BODY)
        creates = self.loadgen.run(
            server,
            path=CREATE_PATH,
            connections=args.create_connections,
            duration=args.duration,
            warmup=0,
            lua=LUA_POST.format(body=body),
            method="POST",
            body=body.encode(),
        )
        after = stored_total(server.base)
        log(f"  {creates.rps:,.0f} creates/s")
        acked = creates.requests - creates.non_2xx
        gained = (after - before) if after is not None and before is not None else None
        note = (
            f"{self.loadgen.label}, {args.create_connections} connections, {creates.seconds:.0f} s"
        )
        note += f"; {acked:,} acknowledged, the list then counted {fmt_int(gained)} more posts"
        if creates.non_2xx or creates.errors:
            note += f"; **{creates.non_2xx} non-2xx, {creates.errors} socket errors**"
        if self.data_note(n):
            note += "; " + self.data_note(n)
        self.creates = creates
        # durable: kill -9, start again on the same file, every acknowledged create is there
        log("kill -9 of the mock, then a start on the same database")
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(server.proc.pid, signal.SIGKILL)
        server.proc.wait(timeout=30)
        self.servers.stop(server)
        again = self.mock("mock (after kill -9)", db, None)
        kept = stored_total(again.base)
        self.servers.stop(again)
        kept_gain = (kept - before) if kept is not None and before is not None else None
        if kept_gain is None:
            durable = "could not count the posts after the restart"
        elif kept_gain >= acked:
            durable = (
                f"after kill -9 and a restart ({fmt_s(again.ready_after)}) the db holds "
                f"{kept_gain:,} new posts ≥ {acked:,} acknowledged"
            )
        else:
            durable = (
                f"**after kill -9 and a restart the db holds {kept_gain:,} new posts, "
                f"fewer than the {acked:,} acknowledged: acknowledged writes were lost**"
            )
            report.problems.append(durable.strip("*"))
        report.others.append(
            (
                f"durable creates/s at {n:,} posts (create-with-asset body)",
                f"**{fmt_int(creates.rps)}/s**, p50 {fmt_ms(creates.p50_ms)}, "
                f"p99 {fmt_ms(creates.p99_ms)}",
                f"{note}; {durable}",
            )
        )
        report.others.append(
            (
                "`serve` start to first 200 after a kill -9 (following the creates)",
                fmt_s(again.ready_after),
                "",
            )
        )
        report.raw["creates"] = dataclasses.asdict(creates) | {
            "acknowledged": acked,
            "gained": gained,
            "after_kill_restart": kept_gain,
            "start_after_kill_s": again.ready_after,
        }

    def sequential(self, server: Server, n: int) -> dict[str, Any]:
        count = self.args.sequential
        stored = stored_total(server.base)
        # the same URLs at both sizes: start 0..49 (a full page at 100 posts too) x 8 orders
        unique = SEQ_UNIQUE
        log(f"list p50 at {n:,} posts: {count} sequential requests, same query and unique queries")
        same, bad_same = sequential_latencies(server, LIST_PATH, count, self.args.duration * 6)
        varied, bad_varied = sequential_latencies(
            server, LIST_PATH, min(count, unique.distinct), self.args.duration * 6, vary=unique
        )
        result = {
            "count": len(same),
            "varied_count": len(varied),
            "p50_ms": statistics.median(same) if same else None,
            "p99_ms": percentile(same, 99) if same else None,
            "varied_p50_ms": statistics.median(varied) if varied else None,
            "varied_p99_ms": percentile(varied, 99) if varied else None,
            "non_200": bad_same + bad_varied,
            "stored": stored,
            "distinct": unique.distinct,
        }
        log(f"  p50 {fmt_ms(result['p50_ms'])}, unique {fmt_ms(result['varied_p50_ms'])}")
        return result

    def step_mock_small(self) -> None:
        db = self.workdir / "small" / "db.json"
        db.parent.mkdir()
        server = self.mock(f"mock ({SMALL_POSTS} posts)", db, SMALL_POSTS)
        self.seq_small = self.sequential(server, SMALL_POSTS)
        self.servers.stop(server)

    def start_bare(self) -> Server:
        port = free_port()
        cmd = [
            sys.executable,
            str(BARE_APP),
            "--body",
            str(self.workdir / "list-body.json"),
            "--content-type",
            self.content_type,
            "--port",
            str(port),
        ]
        if self.access_log:
            cmd.append("--access-log")
        log("starting the bare Starlette app")
        server = self.servers.spawn("bare starlette", cmd, port)
        server.wait_ready("/", timeout=60)
        check = httpx.get(server.base + LIST_PATH, headers=AUTH, timeout=10)
        if check.content != self.body:
            raise RuntimeError("the bare app does not answer the mock's bytes")
        return server

    def start_prism(self) -> tuple[Server | None, str, str]:
        """Prism serving openapi.yaml, its row label, and why it is missing (when it is)."""
        label = "Prism 5 mock of openapi.yaml, `-v error` (the spec's example)"
        if self.args.skip_prism:
            return None, label, "--skip-prism"
        cmd, why = ensure_prism(self.report)
        if cmd is None:
            return None, label, why
        version_lines = run_text(cmd + ["--version"], timeout=60).splitlines()
        version = version_lines[-1] if version_lines else "?"
        self.report.raw["prism_version"] = version
        label = f"Prism {version} mock of openapi.yaml, `-v error` (the spec's example)"
        port = free_port()
        log(f"starting Prism {version}")
        server = self.servers.spawn(
            "prism",
            cmd + ["mock", str(SPEC), "-h", "127.0.0.1", "-p", str(port), "-v", "error"],
            port,
        )
        server.wait_ready(LIST_PATH, timeout=120, headers=AUTH)
        return server, label, ""

    def list_rounds(self, mock: Server) -> None:
        """The list under load on every target, all running at once and measured in turn,
        --rounds times; each row keeps the round with the median req/s. Interleaving keeps
        every target's runs in the same stretch of time, so that what else the machine does
        weighs on all of them alike."""
        args, report, n = self.args, self.report, self.args.posts
        data = self.data_note(n)
        size = len(self.body)
        targets: list[tuple[str, str, Server, Variation, int, str]] = [
            ("mock", f"socialpost mock, {n:,} posts", mock, SAME, size, data),
        ]
        try:
            bare: Server | None = self.start_bare()
        except Exception as exc:  # the other rows still count
            bare = None
            report.problems.append(f"bare Starlette: {type(exc).__name__}: {exc}"[:500])
        try:
            prism, prism_label, prism_why = self.start_prism()
        except Exception as exc:
            prism, prism_label = None, "Prism 5 mock of openapi.yaml, `-v error`"
            prism_why = f"{type(exc).__name__}: {str(exc).splitlines()[0][:300]}"
        if bare:
            note = "uvicorn, 1 worker, same bytes and content-type; access log " + (
                "on, as the mock's" if self.access_log else "off, as the mock's"
            )
            label = "bare Starlette, fixed bytes (the practical limit)"
            targets.append(("bare", label, bare, SAME, size, note))
        if prism:
            prism_size = len(httpx.get(prism.base + LIST_PATH, headers=AUTH, timeout=30).content)
            note = f"node {run_text(['node', '--version'])}"
            targets.append(("prism", prism_label, prism, SAME, prism_size, note))
        start50 = Variation("start50")
        label = f"socialpost mock, {n:,} posts, varied queries (`start` 0..49 in turn)"
        note = "; ".join(
            x for x in ("50 distinct URLs: a response cache answers all but 50", data) if x
        )
        targets.append(("mock-start50", label, mock, start50, size, note))
        unique = Variation(
            "unique", span=max(1, (self.stored or n) - 49), offset=SEQ_UNIQUE.distinct
        )
        note = (
            f"`start` 0..{unique.span - 1} then the next of 8 `order`s: "
            f"{unique.distinct:,} distinct URLs"
        )
        label = f"socialpost mock, {n:,} posts, unique queries"
        targets.append(("mock-unique", label, mock, unique, size, note))

        runs: dict[str, list[Load]] = {key: [] for key, *_ in targets}
        used = SEQ_UNIQUE.distinct  # unique URLs already requested
        log(
            f"list under load: {self.loadgen.label}, {args.connections} connections, "
            f"{args.duration:.0f} s after {args.warmup:.0f} s warm-up, {len(targets)} targets, "
            f"{args.rounds} round(s)"
        )
        for round_ in range(args.rounds):
            for key, _label, server, vary, _size, _note in targets:
                if vary.kind == "unique":
                    vary = dataclasses.replace(vary, offset=used)
                load = self.load(server, path=LIST_PATH, connections=args.connections, vary=vary)
                if vary.kind == "unique":
                    used += load.requests + args.connections
                runs[key].append(load)
                log(f"  round {round_ + 1}, {key}: {fmt_int(load.rps)} req/s")
        order = ["mock", "mock-start50", "mock-unique", "bare", "prism"]
        for key, label, _server, vary, size_, note in sorted(
            targets, key=lambda t: order.index(t[0])
        ):
            loads = sorted(runs[key], key=lambda x: x.rps or 0.0)
            chosen = loads[len(loads) // 2]
            notes = [note] if note else []
            if vary.kind == "unique" and used > vary.distinct:
                notes.append(f"**{used - SEQ_UNIQUE.distinct:,} requests: some URLs repeated**")
            if len(loads) > 1:
                notes.insert(
                    0,
                    f"median of {len(loads)} rounds "
                    f"({fmt_int(loads[0].rps)}–{fmt_int(loads[-1].rps)} req/s)",
                )
            report.throughput.append(
                Row(label, chosen, bytes_=size_, note="; ".join(notes), key=key)
            )
            report.raw[f"list_{key}"] = [dataclasses.asdict(x) for x in runs[key]]
        if not prism:
            report.throughput.append(Row(prism_label, note=f"skipped: {prism_why}", key="prism"))
            if not args.skip_prism:
                report.problems.append(f"Prism skipped: {prism_why}")
        for extra in (bare, prism):
            if extra:
                self.servers.stop(extra)

    def step_conform(self) -> None:
        label = "`socialpost conform` against a fresh mock (fixtures)"
        if not has_conform():
            self.report.others.append((label, "–", "the `conform` command does not exist yet"))
            return
        db = self.workdir / "conform" / "db.json"
        db.parent.mkdir()
        server = self.mock("mock for conform", db, None)
        cmd = self.cmd + ["conform", "--base-url", server.base, "--token", TOKEN]
        if self.args.quick:
            cmd.append("--quick")
            label = label.replace("conform`", "conform --quick`")
        out = self.workdir / "conform.out"
        log(f"running {' '.join(cmd[len(self.cmd) - 1 :])} (output: {out})")
        t0 = time.perf_counter()
        with out.open("wb") as handle:
            try:
                proc = subprocess.run(
                    cmd,
                    cwd=ROOT,
                    stdout=handle,
                    stderr=subprocess.STDOUT,
                    timeout=self.args.conform_timeout,
                    start_new_session=True,
                )
                code: int | str = proc.returncode
            except subprocess.TimeoutExpired:
                code = f"killed after {self.args.conform_timeout:.0f} s"
        wall = time.perf_counter() - t0
        lines = [ln for ln in out.read_text(errors="replace").splitlines() if ln.strip()]
        summary = lines[-1].strip() if lines else ""
        log(f"  exit {code} after {wall:.1f} s: {summary}")
        self.report.others.append(
            (label, f"{fmt_s(wall)}, exit {code}", f"last line: {summary[:200]}" if summary else "")
        )
        self.report.raw["conform"] = {"seconds": wall, "exit": code, "last_line": summary}

    def ratios(self) -> None:
        report = self.report

        def rps(key: str) -> float | None:
            row = next((r for r in report.throughput if r.key == key and r.load), None)
            return row.load.rps if row and row.load else None

        bare, prism = rps("bare"), rps("prism")
        report.ratios = []
        for key, name in (
            ("mock", "mock"),
            ("mock-start50", "mock, `start` 0..49"),
            ("mock-unique", "mock, unique queries"),
        ):
            report.ratios.append(
                Ratio(f"{name} / Prism, req/s", rps(key), prism, at_least=1.5, goal=2.0)
            )
        for key, name in (
            ("mock", "mock"),
            ("mock-start50", "mock, `start` 0..49"),
            ("mock-unique", "mock, unique queries"),
        ):
            report.ratios.append(
                Ratio(f"{name} / bare Starlette, req/s", rps(key), bare, goal=0.35)
            )
        large = getattr(self, "seq_large", None)
        small = getattr(self, "seq_small", None)
        n = self.args.posts
        if large:
            report.others.append(
                (
                    f"list p50 at {n:,} posts, sequential, same query",
                    fmt_ms(large["p50_ms"]),
                    f"{large['count']} requests, p99 {fmt_ms(large['p99_ms'])}",
                )
            )
            report.others.append(
                (
                    f"list p50 at {n:,} posts, sequential, unique queries",
                    fmt_ms(large["varied_p50_ms"]),
                    f"{large['varied_count']} requests (`start` 0..49 × 8 `order`s, no repeat), "
                    f"p99 {fmt_ms(large['varied_p99_ms'])}",
                )
            )
        if small:
            stored = small.get("stored")
            report.others.append(
                (
                    f"list p50 at {SMALL_POSTS} posts, sequential, same query",
                    fmt_ms(small["p50_ms"]),
                    f"{small['count']} requests, p99 {fmt_ms(small['p99_ms'])}"
                    + (f"; {stored:,} live posts of the brand" if stored else ""),
                )
            )
            report.others.append(
                (
                    f"list p50 at {SMALL_POSTS} posts, sequential, unique queries",
                    fmt_ms(small["varied_p50_ms"]),
                    f"{small['varied_count']} requests, the same URLs, "
                    f"p99 {fmt_ms(small['varied_p99_ms'])}",
                )
            )
        if large and small:
            report.ratios.append(
                Ratio(
                    f"list p50 at {n:,} / at {SMALL_POSTS} posts, same query",
                    large["p50_ms"],
                    small["p50_ms"],
                    at_most=2.0,
                )
            )
            report.ratios.append(
                Ratio(
                    f"list p50 at {n:,} / at {SMALL_POSTS} posts, unique queries",
                    large["varied_p50_ms"],
                    small["varied_p50_ms"],
                    at_most=2.0,
                )
            )
            if large.get("non_200") or small.get("non_200"):
                report.problems.append("some sequential list requests did not answer 200")
        creates = getattr(self, "creates", None)
        if creates:
            report.ratios.append(
                Ratio(
                    f"durable creates/s at {n:,} posts",
                    creates.rps,
                    1.0,
                    at_least=300,
                    goal=1000,
                    unit="/s",
                )
            )
        report.raw["sequential_large"] = large
        report.raw["sequential_small"] = small
        report.raw["ratios"] = [dataclasses.asdict(r) for r in report.ratios]


@dataclasses.dataclass
class Ratio:
    """A ratio (or a figure, with den=1) and the issue's target for it."""

    name: str
    num: float | None
    den: float | None
    at_least: float | None = None
    at_most: float | None = None
    goal: float | None = None
    unit: str = "×"

    @property
    def value(self) -> float | None:
        return self.num / self.den if self.num and self.den else None

    def text(self) -> str:
        if self.value is None:
            return "–"
        return f"{self.value:,.0f}{self.unit}" if self.unit == "/s" else f"{self.value:.2f}×"

    def target(self) -> str:
        unit = self.unit if self.unit != "/s" else "/s"
        parts = []
        if self.at_least is not None:
            parts.append(f"≥ {self.at_least:,g}{unit}")
        if self.at_most is not None:
            parts.append(f"≤ {self.at_most:,g}{unit}")
        if self.goal is not None:
            parts.append(f"goal {self.goal:,g}{unit}" if parts else f"goal ≥ {self.goal:,g}{unit}")
        return ", ".join(parts)

    def verdict(self) -> str:
        value = self.value
        if value is None:
            return "not measured"
        if self.at_most is not None:
            return "met" if value <= self.at_most else "**not met**"
        met = self.at_least is None or value >= self.at_least
        goal = self.goal is not None and value >= self.goal
        if goal:
            return "met, goal reached" if self.at_least is not None else "goal reached"
        if self.at_least is None:
            return "below the goal"
        return "met" if met else "**not met**"


# --------------------------------------------------------------------------- output


def render(report: Report, args: argparse.Namespace) -> str:
    lines: list[str] = []
    lines.append(
        f"### Benchmark ({'--quick smoke test, ' if args.quick else ''}"
        f"`scripts/bench.py{' --quick' if args.quick else ''}`)"
    )
    lines.append("")
    for key, value in report.machine:
        lines.append(f"- **{key}**: {value}")
    lines.append(
        f"- **load**: {args.connections} connections, 1 thread, {args.duration:.0f} s "
        f"after {args.warmup:.0f} s warm-up; servers on 127.0.0.1, one process each "
        "(uvicorn with one worker for the mock and the bare app)"
    )
    lines.append("")
    lines.append(
        "`GET /brands/{brand}/social-posts?status=any&limit=50&associations=` "
        "(all three), `Authorization: Bearer test-token`:"
    )
    lines.append("")
    lines.append("| server | req/s | p50 | p99 | response | server CPU | notes |")
    lines.append("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
    for row in report.throughput:
        load = row.load
        notes = [row.note] if row.note else []
        if load:
            if load.tool != "wrk":
                notes.insert(0, f"**{load.tool} load generator, not wrk**")
            if load.non_2xx or load.errors:
                notes.append(f"**{load.non_2xx} non-2xx, {load.errors} socket errors**")
            if load.note:
                notes.append(f"**{load.note}**")
            if load.client_cpu is not None:
                notes.append(f"load generator CPU {fmt_cpu(load.client_cpu)}")
            if load.machine_cpu is not None:
                notes.append(f"machine busy {load.machine_cpu:.1f} of {os.cpu_count()} CPUs")
            lines.append(
                f"| {row.label} | {fmt_int(load.rps)} | {fmt_ms(load.p50_ms)} | "
                f"{fmt_ms(load.p99_ms)} | {fmt_bytes(row.bytes_)} | {fmt_cpu(load.server_cpu)} | "
                f"{'; '.join(notes)} |"
            )
        else:
            lines.append(f"| {row.label} | – | – | – | – | – | {'; '.join(notes)} |")
    lines.append("")
    lines.append("| ratio | value | target (issue 7) | verdict |")
    lines.append("| --- | ---: | --- | --- |")
    for ratio in report.ratios:
        lines.append(f"| {ratio.name} | {ratio.text()} | {ratio.target()} | {ratio.verdict()} |")
    lines.append("")
    lines.append("| measure | value | notes |")
    lines.append("| --- | ---: | --- |")
    order = [
        "durable",
        "list p50",
        "`serve` start to first 200, fresh",
        "`serve` start to first 200, existing",
        "`serve`",
        "`socialpost conform",
    ]
    others = sorted(
        report.others,
        key=lambda o: next((i for i, key in enumerate(order) if o[0].startswith(key)), len(order)),
    )
    for name, value, note in others:
        lines.append(f"| {name} | {value} | {note} |")
    if report.problems:
        lines.append("")
        lines.append("Problems in this run:")
        lines.append("")
        for problem in report.problems:
            lines.append(f"- {problem}")
    return "\n".join(lines)


def fmt_cpu(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f} %"


def fmt_bytes(value: int | None) -> str:
    if value is None:
        return "–"
    if value >= 1 << 20:
        return f"{value / (1 << 20):.1f} MiB"
    return f"{value / 1024:.1f} KiB" if value >= 1024 else f"{value} B"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="scripts/bench.py",
        description=__doc__.split("\n\n")[0],
        epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="Smoke test: 2 s runs after 1 s warm-up, 100 sequential requests, `conform --quick`.",
    )
    parser.add_argument("--skip-prism", action="store_true", help="Do not run (or install) Prism.")
    parser.add_argument(
        "--rounds",
        type=int,
        default=None,
        help="Measure every list target this many times, interleaved, and keep the round with "
        "the median req/s (default 3; --quick: 1).",
    )
    parser.add_argument(
        "--posts",
        type=int,
        default=10_000,
        metavar="N",
        help="Posts generated for the large-data measures (default 10000).",
    )
    parser.add_argument(
        "--duration",
        type=float,
        default=None,
        metavar="S",
        help="Seconds of each load run (default 10; --quick: 2).",
    )
    parser.add_argument(
        "--warmup",
        type=float,
        default=None,
        metavar="S",
        help="Seconds of unmeasured load before each run (default 3; --quick: 1).",
    )
    parser.add_argument(
        "--connections",
        type=int,
        default=32,
        help="Concurrent connections of the list runs (default 32).",
    )
    parser.add_argument(
        "--create-connections",
        type=int,
        default=16,
        help="Concurrent connections of the create run (default 16).",
    )
    parser.add_argument(
        "--sequential",
        type=int,
        default=None,
        metavar="COUNT",
        help="Sequential requests of each list p50 measure (default 400; --quick: 100); the "
        "unique-query measure makes at most 400 (its distinct URLs).",
    )
    parser.add_argument(
        "--start-timeout",
        type=float,
        default=300,
        metavar="S",
        help="Longest wait for a mock to answer its first 200 (default 300).",
    )
    parser.add_argument(
        "--conform-timeout",
        type=float,
        default=1800,
        metavar="S",
        help="Longest `socialpost conform` run (default 1800).",
    )
    parser.add_argument(
        "--python-load",
        action="store_true",
        help="Use the Python load generator even when wrk is installed.",
    )
    parser.add_argument(
        "--json", type=Path, metavar="FILE", help="Also write the raw figures here."
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="Keep the temporary directory (databases, server logs, conform output).",
    )
    args = parser.parse_args(argv)
    if args.duration is None:
        args.duration = 2.0 if args.quick else 10.0
    if args.warmup is None:
        args.warmup = 1.0 if args.quick else 3.0
    if args.sequential is None:
        args.sequential = 100 if args.quick else 400
    if args.posts < 1:
        parser.error("--posts must be at least 1")
    if args.rounds is None:
        args.rounds = 1 if args.quick else 3
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    bench = Bench(args)

    def on_signal(signum: int, _frame: object) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, on_signal)
    log(f"work directory {bench.workdir}")
    try:
        report = bench.run()
    except KeyboardInterrupt:
        log("interrupted: stopping the servers")
        return 130
    finally:
        bench.servers.stop_all()
        if args.keep:
            log(f"kept {bench.workdir}")
        else:
            shutil.rmtree(bench.workdir, ignore_errors=True)
    print(render(report, args))
    if args.json:
        args.json.write_text(
            json.dumps(
                {"machine": dict(report.machine), **report.raw, "problems": report.problems},
                indent=2,
                default=str,
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
