"""The mock on PostgreSQL as a benchmark target: a database of the bench's own on --pg-url
(created for the run, dropped after it, also when the run fails), and `socialpost serve
--store URL [--workers N]` on it, generating the posts."""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from urllib.parse import urlsplit, urlunsplit

from bench.context import Bench
from bench.load.queries import HEALTH_PATH
from bench.processes import Server, free_port, run_text
from bench.report.progress import log

NAME = re.compile(r"^[a-z0-9_]+$")


def has_store_option(cmd: list[str]) -> bool:
    """Whether `socialpost serve` takes `--store URL` (the PostgreSQL store) yet."""
    return "--store" in run_text(cmd + ["serve", "--help"], timeout=60)


def database_url(server_url: str, name: str) -> str:
    """``server_url`` with its database replaced by ``name``."""
    parts = urlsplit(server_url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


def bench_database_name(n: int) -> str:
    return f"socialpost_bench_{os.getpid()}_{n}"


@contextlib.contextmanager
def scratch_database(server_url: str, name: str) -> Iterator[str]:
    """A new, empty database ``name`` on the server of ``server_url``; dropped at the end."""
    import psycopg  # only the PostgreSQL rows need it

    if not NAME.match(name):
        raise ValueError(f"not a plain database name: {name!r}")
    with psycopg.connect(server_url, autocommit=True, connect_timeout=10) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {name}")
    try:
        yield database_url(server_url, name)
    finally:
        with psycopg.connect(server_url, autocommit=True, connect_timeout=10) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def start_shared(bench: Bench, name: str, url: str, posts: int, workers: int = 1) -> Server:
    """`socialpost serve --store url` generating ``posts`` posts, with ``workers`` processes."""
    port = free_port()
    cmd = bench.cmd + ["serve", "--store", url, "--port", str(port),
                       "--generate-posts", str(posts), *bench.log_flags]
    if workers > 1:
        cmd += ["--workers", str(workers)]
    log(f"starting {name}: {' '.join(cmd[len(bench.cmd) - 1 :])}")
    server = bench.servers.spawn(name, cmd, port)
    server.wait_ready(HEALTH_PATH, timeout=bench.options.start_timeout)
    log(f"  {name} answered 200 after {server.ready_after:.2f} s")
    return server
