"""The ``socialpost`` command the benchmark runs, and which of its features exist."""

from __future__ import annotations

import sys
from pathlib import Path

from bench.processes import run_text


def socialpost_cmd() -> list[str]:
    """The venv's ``socialpost`` script, else ``python -m socialpost``."""
    script = Path(sys.executable).parent / "socialpost"
    return [str(script)] if script.exists() else [sys.executable, "-m", "socialpost"]


def has_generate_posts() -> bool:
    return "--generate-posts" in run_text(socialpost_cmd() + ["serve", "--help"], timeout=60)


def has_conform() -> bool:
    return "conform" in run_text(socialpost_cmd() + ["--help"], timeout=60)
