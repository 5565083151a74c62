"""The result of one load run, whichever generator produced it."""

from __future__ import annotations

import dataclasses


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
