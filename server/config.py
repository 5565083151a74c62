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
    # A PostgreSQL URL (postgresql://user@host:port/db): the shared store, instead of db_path.
    store_url: str | None = None
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
    # Browser origins (besides the mock's own pages) allowed to drive the control API.
    control_origins: tuple[str, ...] = ()
    # Named sessions: idle ones dropped after ``session_ttl`` seconds; at most ``max_sessions``.
    session_ttl: float = 3600.0
    max_sessions: int = 1000
    # Request journal entries kept per session (0: no journal).
    journal_size: int = 10_000
    # A random delay (milliseconds, low and high) added to every API answer; None: none.
    latency_ms: tuple[float, float] | None = None
    # A scenario (name in fixtures/scenarios/ or a file) the database, resets and new sessions
    # start from instead of the fixtures.
    scenario: str | None = None
    # The happy path of listSocialPosts and createSocialPost answered without Connexion's
    # per-request machinery (``http.fastlane``); False: every request goes through Connexion.
    fast_lane: bool = True
