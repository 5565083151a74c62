"""The processes the benchmark starts: servers in their own process groups, each logging to a
file, polled until ready, watched for the CPU and memory they use, and always stopped; plus the
CPU the whole machine uses, a free port and the output of a short command."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import httpx

from bench.paths import ROOT

CLK_TCK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


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


def machine_busy_ticks() -> int | None:
    """Busy CPU time of the whole machine so far (clock ticks, all CPUs)."""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    except (OSError, ValueError, IndexError):
        return None
    return sum(fields[:8]) - fields[3] - fields[4]  # all but idle and iowait


def _cpu_of(stat: Path, group: int | None = None) -> int | None:
    """utime + stime of the process of ``stat``; None if gone, or not of process ``group``."""
    try:
        fields = stat.read_text().rsplit(")", 1)[1].split()
        if group is not None and int(fields[2]) != group:  # fields[2]: the process group
            return None
        return int(fields[11]) + int(fields[12])
    except (OSError, IndexError, ValueError):
        return None


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
        """CPU time (clock ticks) the server's processes have used so far: its process group
        (``serve --workers N`` runs N worker processes beside the one started)."""
        own = _cpu_of(Path(f"/proc/{self.proc.pid}/stat"))
        if own is None:
            return None
        total = 0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            found = _cpu_of(stat, group=self.proc.pid)
            total += found or 0
        return max(total, own)

    def rss_bytes(self) -> int | None:
        """The server's resident memory now (VmRSS), in bytes."""
        try:
            for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024  # kB
        except (OSError, ValueError, IndexError):
            return None
        return None

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

    def kill(self) -> None:
        """SIGKILL to the server's process group, and wait for it (the crash of durability)."""
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=30)

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
