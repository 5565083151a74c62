"""Figures as report text (counts, milliseconds, seconds, CPU, bytes) and the nearest-rank
percentile they are computed with. Pure functions; a missing figure prints as "–"."""

from __future__ import annotations


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of values."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def fmt_int(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f}"


def fmt_ms(value: float | None) -> str:
    if value is None or value != value:
        return "–"
    if value >= 100:
        return f"{value:,.0f} ms"
    if value >= 10:
        return f"{value:.1f} ms"
    return f"{value:.2f} ms"


def fmt_s(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f} s"


def fmt_cpu(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f} %"


def fmt_bytes(value: int | None) -> str:
    if value is None:
        return "–"
    if value >= 1 << 20:
        return f"{value / (1 << 20):.1f} MiB"
    return f"{value / 1024:.1f} KiB" if value >= 1024 else f"{value} B"
