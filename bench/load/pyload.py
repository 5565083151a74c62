"""The Python load generator, used when wrk is not installed: httpx + asyncio in one process,
closed loop. It saturates far below the servers, so every row it produced says so."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Coroutine
from typing import Any

import httpx

from bench.figures import percentile
from bench.load.load import Load
from bench.load.queries import AUTH, Variation
from bench.processes import Server


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
    extra_headers: dict[str, str] | None = None,
) -> Load:
    """Closed-loop load: `connections` workers, each one request at a time, for `duration` s."""
    headers = {**AUTH, **(extra_headers or {})}
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
