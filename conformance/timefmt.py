"""The owner's `current_time`: the user's local time, written as the document writes it."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def local_time(instant: float, timezone: str, padded: bool = True) -> str | None:
    """``7:43 PM - Thursday Jan 02, 2026`` for ``instant`` in ``timezone`` (None if unknown).

    The day of the month is zero-padded as the real server's PostgreSQL format pads it (the
    document only shows a two-digit day); ``padded=False`` writes ``Jan 2``.
    """
    try:
        zone = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    moment = datetime.fromtimestamp(instant, zone)
    hour = moment.hour % 12 or 12
    day = f"{moment.day:02d}" if padded else str(moment.day)
    return f"{hour}:{moment:%M} {moment:%p} - {moment:%A} {moment:%b} {day}, {moment.year}"


def matches_local_time(
    shown: object, instants: list[float], timezone: str, padded: bool = True
) -> bool:
    """Whether ``shown`` is the local time of one of ``instants`` (a window: clocks move)."""
    return any(local_time(t, timezone, padded) == shown for t in instants)
