"""Where the benchmark finds the repository's files: the spec, the bare app, Prism."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the repository; every command runs from here
BENCH_DIR = ROOT / "bench"
SPEC = ROOT / "openapi.yaml"
BARE_APP = BENCH_DIR / "bare_app.py"
PRISM_BIN = BENCH_DIR / "node_modules" / ".bin" / "prism"
