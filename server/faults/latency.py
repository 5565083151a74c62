"""Latency: a random delay, in milliseconds, as ``socialpost serve --latency`` reads it."""

from __future__ import annotations

import random
import re

# "300ms", "50-300ms", "0.05-0.3s", "50ms-1s": a number or a range, each end with its unit or
# (the low end) borrowing the high end's.
_AMOUNT = r"(\d+(?:\.\d+)?|\.\d+)\s*(ms|s)?"
_LATENCY = re.compile(rf"^{_AMOUNT}(?:\s*-\s*{_AMOUNT})?$")
_MS_PER = {"ms": 1.0, "s": 1000.0}

Range = tuple[float, float]


def parse_latency(text: str) -> Range:
    """``(low, high)`` in milliseconds from ``300ms``, ``50-300ms`` or ``0.05-0.3s``."""
    found = _LATENCY.match(text.strip().lower())
    if found is None:
        raise ValueError(
            f"latency {text!r} is not a duration or a range of durations; write 300ms, "
            f"50-300ms or 0.05-0.3s"
        )
    low, low_unit, high, high_unit = found.groups()
    if high is None:
        if low_unit is None:
            raise ValueError(f"latency {text!r} needs a unit: {low}ms or {low}s")
        value = float(low) * _MS_PER[low_unit]
        return value, value
    if high_unit is None:
        raise ValueError(f"latency {text!r} needs a unit after its range: {low}-{high}ms")
    lowest = float(low) * _MS_PER[low_unit or high_unit]
    highest = float(high) * _MS_PER[high_unit]
    if lowest > highest:
        raise ValueError(f"latency {text!r}: the low end is above the high end")
    return lowest, highest


def pick_seconds(bounds: Range | None, chance: random.Random) -> float:
    """A delay uniformly within ``bounds`` (milliseconds), in seconds; 0 without bounds."""
    if bounds is None:
        return 0.0
    low, high = bounds
    return (low if low == high else chance.uniform(low, high)) / 1000.0
