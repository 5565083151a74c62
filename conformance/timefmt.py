"""The owner's `current_time`: the user's local time, written as the document writes it."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def local_time(instant: float, timezone: str) -> str | None:
    """``7:43 PM - Thursday Jan 22, 2026`` for ``instant`` in ``timezone`` (None if unknown)."""
    try:
        zone = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    moment = datetime.fromtimestamp(instant, zone)
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment:%M} {moment:%p} - {moment:%A} {moment:%b} {moment.day}, {moment.year}"


def matches_local_time(shown: object, instants: list[float], timezone: str) -> bool:
    """Whether ``shown`` is the local time of one of ``instants`` (a window: clocks move)."""
    return any(local_time(t, timezone) == shown for t in instants)
