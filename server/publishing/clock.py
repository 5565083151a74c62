"""The mock's simulated clock: every timestamp the mock writes comes from here, never the wall.

``frozen`` (the default) moves only when told to; ``realtime`` moves with the wall clock from its
start instant, ``speed`` times as fast. It never moves backwards: the publisher relies on that.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Literal

from ..errors import BadRequest, Conflict

Mode = Literal["frozen", "realtime"]
MODES: tuple[Mode, ...] = ("frozen", "realtime")

# The instant the document's examples were recorded at: the `executed_at` of its executed posts,
# the `updated_at` of its update example and (as an ISO string) its `failed_at`.
DOCUMENT_INSTANT = 1769132599.587474


def parse_instant(text: str) -> float:
    """Epoch seconds from ``1769132599.5`` or an ISO-8601 instant (``2026-01-24T09:00Z``)."""
    try:
        return float(text)
    except ValueError:
        pass
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError as exc:
        raise BadRequest(f"'{text}' is neither epoch seconds nor an ISO-8601 instant") from exc
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.timestamp()


def clock_json(now: float, mode: Mode, speed: float) -> dict[str, Any]:
    """A clock as the control API shows it: the instant twice (epoch seconds, ISO), mode, speed."""
    return {"now": now, "iso": iso(now), "mode": mode, "speed": speed}


def iso(instant: float) -> str:
    """An instant as the document writes `failed_at`: ISO-8601, milliseconds, ``Z``."""
    moment = datetime.fromtimestamp(instant, UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


class Clock:
    """Simulated time, in epoch seconds with microsecond precision."""

    def __init__(
        self,
        start: float = DOCUMENT_INSTANT,
        mode: Mode = "frozen",
        speed: float = 1.0,
        wall: Callable[[], float] = time.monotonic,
    ) -> None:
        if speed <= 0:
            raise BadRequest("The clock speed must be a positive number.", field="speed")
        self._lock = threading.Lock()
        self._wall = wall
        self._anchor = start
        self._wall_anchor = wall()
        self._mode: Mode = mode
        self._speed = speed

    @property
    def mode(self) -> Mode:
        return self._mode

    @property
    def speed(self) -> float:
        return self._speed

    def now(self) -> float:
        if self._mode == "frozen":  # one attribute read: no lock needed (every request asks)
            return self._anchor
        with self._lock:
            return self._now()

    def _now(self) -> float:
        if self._mode == "frozen":
            return self._anchor
        elapsed = (self._wall() - self._wall_anchor) * self._speed
        return round(self._anchor + elapsed, 6)

    def set(self, instant: float) -> float:
        """Move to ``instant``; refuses to move backwards (409)."""
        with self._lock:
            current = self._now()
            if instant < current:
                raise Conflict(
                    f"The clock only moves forward: {instant} is before now ({current}); "
                    "POST /_mock/reset starts over from the fixtures."
                )
            self._anchor, self._wall_anchor = instant, self._wall()
            return instant

    def advance(self, seconds: float) -> float:
        if seconds < 0:
            raise Conflict(f"The clock only moves forward: cannot advance by {seconds} s.")
        with self._lock:
            target = round(self._now() + seconds, 6)
        return self.set(target)

    def configure(self, mode: Mode | None = None, speed: float | None = None) -> None:
        """Switch mode or speed; simulated time continues from where it is."""
        if speed is not None and speed <= 0:
            raise BadRequest("The clock speed must be a positive number.", field="speed")
        with self._lock:
            self._anchor, self._wall_anchor = self._now(), self._wall()
            if mode is not None:
                self._mode = mode
            if speed is not None:
                self._speed = speed

    def to_json(self) -> dict[str, Any]:
        """The clock's whole state, for a shared store: instant, wall anchor, mode, speed.

        Only meaningful across processes with ``wall=time.time`` (epoch seconds everywhere).
        """
        with self._lock:
            return {"anchor": self._anchor, "wall_anchor": self._wall_anchor,
                    "mode": self._mode, "speed": self._speed}

    def restore(self, saved: dict[str, Any]) -> None:
        """Take the state another process saved with ``to_json`` (it may be behind: no check)."""
        with self._lock:
            self._anchor, self._wall_anchor = float(saved["anchor"]), float(saved["wall_anchor"])
            self._mode, self._speed = saved["mode"], float(saved["speed"])

    def reset(self, start: float) -> None:
        """Back to ``start`` (only for restoring fixtures: it is the one backwards move)."""
        with self._lock:
            self._anchor, self._wall_anchor = start, self._wall()
