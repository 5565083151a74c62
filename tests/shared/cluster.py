"""A PostgreSQL 15 server of the test's own (initdb, pg_ctl), to stop and start at will.

The machine's main cluster serves every other test, so an outage is staged on a private one: a
data directory in a new temporary directory, on a free port, trust authentication. ``initdb``
refuses to run as root: as root, every command runs as the ``postgres`` user (``runuser``), who
is given the directory.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.live import free_port

BIN = Path("/usr/lib/postgresql/15/bin")


def _as_postgres(*command: str) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return list(command)


@dataclass
class Cluster:
    home: Path
    port: int

    @property
    def data(self) -> Path:
        return self.home / "data"

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _pg_ctl(self, *args: str) -> None:
        subprocess.run(_as_postgres(str(BIN / "pg_ctl"), "-D", str(self.data), *args),
                       check=True, capture_output=True, timeout=60)

    def start(self) -> None:
        self._pg_ctl("-w", "-t", "30", "-l", str(self.home / "server.log"), "-o",
                     f"-p {self.port} -k {self.home} -c listen_addresses=127.0.0.1", "start")

    def stop(self, mode: str = "fast") -> None:
        self._pg_ctl("-w", "-t", "30", "-m", mode, "stop")


@contextmanager
def own_cluster() -> Iterator[Cluster]:
    """A new PostgreSQL server, started; stopped and deleted on exit."""
    home = Path(tempfile.mkdtemp(prefix="socialpost-pg-"))
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        os.chown(home, user.pw_uid, user.pw_gid)
    cluster = Cluster(home, free_port())
    try:
        subprocess.run(_as_postgres(str(BIN / "initdb"), "-D", str(cluster.data), "-U",
                                    "postgres", "--auth=trust", "--no-sync", "-E", "UTF8"),
                       check=True, capture_output=True, timeout=120)
        cluster.start()
        yield cluster
    finally:
        if (cluster.data / "postmaster.pid").exists():
            cluster.stop("immediate")
        shutil.rmtree(home, ignore_errors=True)
