"""Tools outside Python that some tests drive: Node's npm tools, Chromium and wrk.

On a machine without them those tests are skipped, saying which tool is missing and how to get
it. CI must never skip them: ``.ci/run`` installs every tool first and sets
``SOCIALPOST_REQUIRE_TOOLS=1``, under which a missing tool fails the test instead.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The project's pinned npm tools (Spectral, Redocly, openapi-typescript, TypeScript, ...).
NPM_TOOLS = ROOT / "tools" / "npm"
CHROMIUM = Path("/usr/bin/chromium")


def required() -> bool:
    """Whether a missing tool is a failure (CI) rather than a skip (a developer's machine)."""
    return os.environ.get("SOCIALPOST_REQUIRE_TOOLS", "") not in ("", "0")


def missing(tool: str, how: str) -> None:
    """Skip (or, where tools are required, fail) a test for want of ``tool``."""
    reason = f"{tool} is not available ({how})"
    if required():
        pytest.fail(f"{reason}; SOCIALPOST_REQUIRE_TOOLS is set, so this is a failure",
                    pytrace=False)
    pytest.skip(reason)


def npm_bin(name: str) -> Path:
    """A pinned npm tool's executable, installed by ``npm ci`` in tools/npm."""
    path = NPM_TOOLS / "node_modules" / ".bin" / name
    if shutil.which("node") is None:
        missing("node", "install Node.js 20 and npm, then run `make npm-tools`")
    if not path.exists():
        missing(f"{name} (tools/npm)", "run `make npm-tools` (npm ci in tools/npm)")
    return path


def chromium() -> Path:
    """Debian's headless Chromium, which the browser tests drive through Playwright."""
    if not CHROMIUM.exists():
        missing("chromium", "apt-get install chromium (Debian's package, /usr/bin/chromium)")
    return CHROMIUM


def wrk() -> str:
    """wrk, the benchmark's load generator (Debian's package)."""
    found = shutil.which("wrk")
    if found is None:
        missing("wrk", "apt-get install wrk")
    assert found is not None
    return found
