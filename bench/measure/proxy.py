"""The cost of the validating proxy (issue 15): the list at --posts posts asked of the mock
directly and through ``socialpost proxy`` in front of it (every answer checked against the
contract), under load and one request at a time."""

from __future__ import annotations

import dataclasses

import httpx

from bench.context import Bench
from bench.figures import fmt_ms
from bench.load.compare import Arm, Runs, best, interleave
from bench.load.queries import AUTH, LIST_PATH
from bench.processes import Server, free_port
from bench.report.cost import Cost
from bench.report.progress import log
from bench.report.report import Row
from bench.targets.mock import data_note, start_mock

SEQUENTIAL = 200  # requests of each one-at-a-time p50


def start_proxy(bench: Bench, upstream: Server) -> Server:
    """`socialpost proxy` in front of ``upstream``; ready when its health answers."""
    port = free_port()
    cmd = bench.cmd + ["proxy", "--upstream", upstream.base, "--port", str(port),
                       "--log-level", "warning"]
    log(f"starting the proxy: {' '.join(cmd[len(bench.cmd) - 1 :])}")
    server = bench.servers.spawn("proxy", cmd, port)
    server.wait_ready("/_proxy/health", timeout=bench.options.start_timeout)
    return server


def measure_proxy(bench: Bench) -> None:
    options, report, n = bench.options, bench.report, bench.options.posts
    root = bench.workdir / "proxy"
    root.mkdir()
    mock = start_mock(bench, f"mock behind the proxy ({n} posts)", root / "db.json", n)
    proxy = start_proxy(bench, mock)
    arms = [Arm("proxy-direct", mock, LIST_PATH), Arm("proxy-through", proxy, LIST_PATH)]
    runs = Runs(
        options.cost_rounds, options.connections, options.cost_duration, options.cost_warmup
    )
    log(f"proxy: list under load, direct against through the proxy, {options.cost_rounds} "
        "round(s)")
    loads = interleave(bench.loadgen, arms, runs, log)
    size = len(httpx.get(mock.base + LIST_PATH, headers=AUTH, timeout=30).content)
    data = data_note(bench, n)
    labels = {"proxy-direct": f"mock, {n:,} posts, asked directly",
              "proxy-through": f"mock, {n:,} posts, through `socialpost proxy` (every answer "
                               "checked)"}
    for arm in arms:
        report.cost_rows.append(
            Row.best_of(labels[arm.key], loads[arm.key], data, size, arm.key))
    report.costs.append(Cost.of_loads(
        f"the validating proxy (issue 15), list at {n:,} posts, same query",
        best(loads["proxy-direct"]), best(loads["proxy-through"])))
    one_by_one = {arm.key: bench.loadgen.sequential(arm.server, LIST_PATH, SEQUENTIAL, 60.0)
                  for arm in arms}
    direct, through = one_by_one["proxy-direct"], one_by_one["proxy-through"]
    if direct is not None and through is not None:
        report.cost_others.append((
            "proxy: list p50 one request at a time, direct / through the proxy",
            f"{fmt_ms(direct.p50_ms)} / {fmt_ms(through.p50_ms)}",
            f"{SEQUENTIAL} requests on one connection, timed by wrk; the proxy parses and "
            f"checks each {size / 1024:.1f} KiB answer against its schema",
        ))
    report.raw["proxy"] = {
        "list": {key: [dataclasses.asdict(x) for x in value] for key, value in loads.items()},
        "sequential": {k: dataclasses.asdict(v) for k, v in one_by_one.items() if v},
    }
    bench.servers.stop(proxy)
    bench.servers.stop(mock)
