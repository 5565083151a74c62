"""The ``socialpost`` command the benchmark runs, and which of its features exist."""

from __future__ import annotations

import sys
from pathlib import Path

from bench.processes import run_text


def socialpost_cmd() -> list[str]:
    """The venv's ``socialpost`` script, else ``python -m socialpost``."""
    script = Path(sys.executable).parent / "socialpost"
    return [str(script)] if script.exists() else [sys.executable, "-m", "socialpost"]


def serve_help() -> str:
    return run_text(socialpost_cmd() + ["serve", "--help"], timeout=60)


def has_generate_posts(help_text: str) -> bool:
    """Whether `serve` (its ``--help`` is ``help_text``) can generate posts."""
    return "--generate-posts" in help_text


def quiet_flags(help_text: str, access_log: bool) -> list[str]:
    """The `serve` flags that log problems only, as Prism runs with ``-v error`` (no line per
    request); none when the access log is asked for, or `serve` has no ``--log-level``."""
    return [] if access_log or "--log-level" not in help_text else ["--log-level", "warning"]


def has_conform() -> bool:
    return "conform" in run_text(socialpost_cmd() + ["--help"], timeout=60)
