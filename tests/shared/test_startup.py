"""Starting on the shared store: an unreachable database stops ``serve`` with a message."""

from __future__ import annotations

import subprocess
import sys
import time

from tests.live import free_port


def test_serve_on_an_unreachable_database_exits_2_saying_so() -> None:
    # Nothing listens on that port: the connection is refused.
    url = f"postgresql://postgres@127.0.0.1:{free_port()}/nowhere"
    started = time.monotonic()
    ran = subprocess.run(
        [sys.executable, "-m", "socialpost", "serve", "--store", url, "--port", str(free_port())],
        capture_output=True, text=True, timeout=60,
    )
    assert ran.returncode == 2, ran.stdout + ran.stderr
    assert "cannot reach the PostgreSQL store" in ran.stderr
    assert "nowhere" in ran.stderr
    assert time.monotonic() - started < 30
