"""How a mock is configured: everything ``socialpost serve`` and the tests can set."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import paths
from .publishing.clock import DOCUMENT_INSTANT, Mode

DEFAULT_DB = Path(".socialpost") / "db.json"
DEFAULT_MAX_BODY = 64 * 1024


@dataclass(frozen=True)
class Settings:
    """A mock's configuration. ``db_path=None`` keeps the database in memory (tests)."""

    db_path: Path | None = DEFAULT_DB
    fixtures_path: Path = paths.FIXTURES_PATH
    clock_mode: Mode = "frozen"
    clock_start: float = DOCUMENT_INSTANT
    clock_speed: float = 1.0
    cors_origins: tuple[str, ...] = field(default=("*",))
    # "*": any header a preflight names (as Prism allows); else these, plus the API's own.
    cors_allow_headers: tuple[str, ...] = field(default=("*",))
    max_body_bytes: int = DEFAULT_MAX_BODY
    validate_responses: bool = True
    # Synthetic posts added to the document's brand when the database is created or reset.
    generate_posts: int = 0
    # None: the control API answers loopback clients only.
    control_token: str | None = None
