"""Configurations compared in turn: the order of the runs, where uncached URLs go on from, and
the round kept."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import cast

from bench.load.compare import Arm, Runs, best, interleave
from bench.load.load import Load
from bench.load.loadgen import LoadGen
from bench.load.queries import SAME, SESSION_HEADER, Variation
from bench.processes import Server


class RecordingGen(LoadGen):
    """A load generator that sends nothing: each run answers `requests` requests."""

    def __init__(self, requests: int) -> None:
        super().__init__(Path("."), force_python=True)
        self.requests = requests
        self.calls: list[tuple[int, str, Variation, dict[str, str] | None, float]] = []

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
        self.calls.append((server.port, path, vary, headers, duration))
        return Load(tool="fake", requests=self.requests, rps=float(len(self.calls)))


def _server(port: int) -> Server:
    # never started: the recording generator only reads its port
    return Server(f"s{port}", cast("subprocess.Popen[bytes]", None), port, Path("log"), 0.0)


def test_arms_run_in_turn_in_alternating_order_and_uncached_urls_go_on_per_server_and_session(
) -> None:
    gen, one, many = RecordingGen(requests=100), _server(1), _server(2)
    uncached = Variation("limits", span=990, low=11)
    named = {SESSION_HEADER: "bench-0"}
    arms = [
        Arm("one-same", one, "/same"),
        Arm("one-uncached", one, "/any", uncached),
        Arm("many-uncached", many, "/any", uncached),
        Arm("named-uncached", many, "/any", uncached, named),
    ]
    logged: list[str] = []

    loads = interleave(gen, arms, Runs(rounds=2, connections=8, duration=2, warmup=1),
                       logged.append)

    in_turn = [(1, "/same", {}), (1, "/any", {}), (2, "/any", {}), (2, "/any", named)]
    assert [(port, path, headers) for port, path, _, headers, _ in gen.calls] == \
        in_turn + in_turn[::-1]  # the second round in the other order
    offsets = [vary.offset for _, _, vary, _, _ in gen.calls]
    assert offsets == [0, 0, 0, 0, 108, 108, 108, 0]  # 100 requests + 8 connections further
    assert [load.rps for load in loads["named-uncached"]] == [4.0, 5.0]
    assert logged[0] == "  round 1, one-same: 1 req/s"
    assert best(loads["one-same"]) is loads["one-same"][1]
    assert best([]) is None
