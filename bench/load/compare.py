"""Configurations compared under the same load: each an ``Arm`` (a server, a request, its
variation, extra headers), measured in turn, ``rounds`` times (in alternating order), so that
what else the machine does weighs on all of them alike."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from bench.figures import fmt_int
from bench.load.load import Load
from bench.load.loadgen import LoadGen
from bench.load.queries import SAME, SESSION_HEADER, Variation
from bench.processes import Server


@dataclasses.dataclass(frozen=True)
class Arm:
    """One configuration under load."""

    key: str
    server: Server
    path: str
    vary: Variation = SAME
    headers: dict[str, str] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True)
class Runs:
    """How long and how hard each arm is loaded."""

    rounds: int
    connections: int
    duration: float
    warmup: float


def interleave(
    loadgen: LoadGen, arms: list[Arm], runs: Runs, progress: Callable[[str], None]
) -> dict[str, list[Load]]:
    """Every arm's loads, one per round. An uncached variation goes on, in each server and
    session, from where the previous run of that server and session stopped."""
    loads: dict[str, list[Load]] = {arm.key: [] for arm in arms}
    used: dict[tuple[int, str], int] = {}  # uncached URLs requested, by server and session
    for round_ in range(runs.rounds):
        # Every other round in the other order: the arm measured first (just after the
        # previous round's last run) is not always the same one.
        for arm in (arms if round_ % 2 == 0 else list(reversed(arms))):
            vary = arm.vary
            where = (arm.server.port, arm.headers.get(SESSION_HEADER, ""))
            if vary.uncached:
                vary = dataclasses.replace(vary, offset=used.get(where, 0))
            load = loadgen.run(
                arm.server,
                path=arm.path,
                connections=runs.connections,
                duration=runs.duration,
                warmup=runs.warmup,
                vary=vary,
                headers=arm.headers,
            )
            if vary.uncached:
                used[where] = vary.offset + load.requests + runs.connections
            loads[arm.key].append(load)
            progress(f"  round {round_ + 1}, {arm.key}: {fmt_int(load.rps)} req/s")
    return loads


def best(loads: list[Load]) -> Load | None:
    """The load with the most req/s (the least disturbed by the rest of the machine)."""
    return max(loads, key=lambda x: x.rps or 0.0, default=None)
