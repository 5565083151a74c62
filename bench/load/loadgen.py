"""One load run against a server: a warm-up, then the measured run with wrk (or the Python
fallback), and the CPU the server and the whole machine used meanwhile."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from bench.load.load import Load
from bench.load.pyload import py_load, run_async
from bench.load.queries import SAME, Variation
from bench.load.wrk import counted, run_wrk
from bench.processes import CLK_TCK, Server, machine_busy_ticks


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
        headers: dict[str, str] | None = None,
    ) -> Load:
        """A warm-up, then the measured run. An uncached variation warms up with the same URL
        only, so that no measured URL was requested before. ``headers`` go with every request,
        besides the test token's ``Authorization``."""
        server.settle()
        lua = lua or vary.lua(path)
        warm_vary = SAME if vary.uncached else vary
        if self.wrk:
            script = None
            if lua:
                script = self.workdir / f"bench-{abs(hash(lua)) % 10**8}.lua"
                script.write_text(lua)
            if warmup > 0:
                warm_script = script if warm_vary is vary else None
                run_wrk(self.wrk, server.base + path, connections, warmup, warm_script, headers)
                server.settle()
            cpu0, busy0, t0 = server.cpu_ticks(), machine_busy_ticks(), time.perf_counter()
            load = run_wrk(self.wrk, server.base + path, connections, duration, script, headers)
        else:
            if warmup > 0:
                run_async(
                    py_load(server, path, connections, warmup, method, body, warm_vary, headers)
                )
                server.settle()
            cpu0, busy0, t0 = server.cpu_ticks(), machine_busy_ticks(), time.perf_counter()
            own0 = time.process_time()
            load = run_async(
                py_load(server, path, connections, duration, method, body, vary, headers)
            )
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

    def sequential(self, server: Server, path: str, count: int, budget: float,
                   vary: Variation = SAME) -> Load | None:
        """``count`` requests one after another on one connection, timed by wrk (p50, p99), at
        most ``budget`` seconds; None without wrk."""
        if not self.wrk:
            return None
        script = self.workdir / f"bench-sequential-{vary.kind}-{count}.lua"
        script.write_text(counted(vary.lua(path), count))
        server.settle()
        return run_wrk(self.wrk, server.base + path, 1, budget, script)
