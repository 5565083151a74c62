"""``serve --workers 2 --store URL``: two processes on one port, answering as one mock."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
from click.testing import CliRunner

from socialpost.server.cli import main
from tests.conftest import AUTH, POSTS, create_body
from tests.live import free_port, wait_healthy
from tests.shared.replicas import TIMEOUT, post_ids, run_all

CLIENTS = 8
CREATES = 8


def cpu_ticks(pid: int) -> int:
    """User and system CPU time of a process so far, in clock ticks."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return int(fields[11]) + int(fields[12])


def children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rpartition(")")[2].split()[1]) == pid:
                found.append(int(entry))
    return found


def test_two_worker_processes_on_one_port_both_answer_and_agree(
    store_url: str, tmp_path: Path, http: httpx.Client
) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = tmp_path / "workers.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "socialpost", "serve", "--store", store_url, "--port",
             str(port), "--workers", "2"], stdout=sink, stderr=subprocess.STDOUT)
    try:
        wait_healthy(url, seconds=30, process=process, log=log)
        # uvicorn's workers are multiprocessing spawns (its resource tracker is another child)
        workers = [pid for pid in children(process.pid)
                   if "spawn_main" in Path(f"/proc/{pid}/cmdline").read_text(errors="replace")]
        before = {pid: cpu_ticks(pid) for pid in workers}
        # When clients on fresh connections create posts and read the list after each
        failures: list[str] = []
        acknowledged: list[str] = []

        def client(number: int) -> None:
            for n in range(CREATES):
                with httpx.Client(timeout=TIMEOUT) as fresh:
                    made = fresh.post(f"{url}{POSTS}", headers=AUTH,
                                      json=create_body(caption=f"{number}/{n}"))
                if made.status_code != 200:
                    failures.append(made.text[:200])
                    continue
                post = made.json()["data"]["id"]
                acknowledged.append(post)
                with httpx.Client(timeout=TIMEOUT) as fresh:
                    if post not in post_ids(fresh, url):
                        failures.append(f"{post} not listed right after its create")

        run_all(client, CLIENTS)
        # Then every read saw the writes before it, whichever process took them
        assert failures == []
        assert set(acknowledged) <= set(post_ids(http, url))
        assert len(acknowledged) == CLIENTS * CREATES
        # And both worker processes did part of the work
        output = log.read_text(errors="replace")
        assert output.count("Started server process") == 2, output
        worked = {pid: cpu_ticks(pid) - ticks for pid, ticks in before.items()}
        assert len(worked) == 2 and min(worked.values()) >= 10, worked
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_workers_without_a_shared_store_is_a_usage_error() -> None:
    ran = CliRunner().invoke(main, ["serve", "--workers", "2", "--port", str(free_port())])
    assert ran.exit_code == 2, ran.output
    assert "--workers" in ran.output
    assert "--store" in ran.output
