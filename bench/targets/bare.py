"""The practical limit as a benchmark target: the mock's list response, fetched once, served
by bench/bare_app.py (bare Starlette on uvicorn) with the same bytes and content type."""

from __future__ import annotations

import dataclasses
import sys

import httpx

from bench.context import Bench
from bench.load.queries import AUTH, LIST_PATH
from bench.paths import BARE_APP
from bench.processes import Server, free_port
from bench.report.progress import log


@dataclasses.dataclass(frozen=True)
class ListResponse:
    """The mock's answer to the list request, as the bare app must repeat it."""

    body: bytes
    content_type: str
    access_log: bool  # the mock logs requests, so the bare app must too


def fetch_list_response(bench: Bench, mock: Server) -> ListResponse:
    """The mock's list response, also written to the work directory for the bare app."""
    response = httpx.get(mock.base + LIST_PATH, headers=AUTH, timeout=30)
    if response.status_code != 200:
        raise RuntimeError(f"the mock answered {response.status_code} to the list request")
    listed = ListResponse(
        body=response.content,
        content_type=response.headers.get("content-type", "application/json"),
        access_log="GET /_mock/health" in mock.log_path.read_text(errors="replace"),
    )
    (bench.workdir / "list-body.json").write_bytes(listed.body)
    bench.report.raw["mock_access_log"] = listed.access_log
    return listed


def start_bare(bench: Bench, listed: ListResponse) -> Server:
    """bench/bare_app.py serving the list response; checked to answer the very same bytes."""
    port = free_port()
    cmd = [
        sys.executable,
        str(BARE_APP),
        "--body",
        str(bench.workdir / "list-body.json"),
        "--content-type",
        listed.content_type,
        "--port",
        str(port),
    ]
    if listed.access_log:
        cmd.append("--access-log")
    log("starting the bare Starlette app")
    server = bench.servers.spawn("bare starlette", cmd, port)
    server.wait_ready("/", timeout=60)
    check = httpx.get(server.base + LIST_PATH, headers=AUTH, timeout=10)
    if check.content != listed.body:
        raise RuntimeError("the bare app does not answer the mock's bytes")
    return server
