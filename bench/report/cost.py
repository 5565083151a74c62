"""What a feature costs the list: its req/s without the feature against with it, as the share of
the former lost (issue 12: recording costs the list benchmark at most 10 %)."""

from __future__ import annotations

import dataclasses

from bench.figures import fmt_int, fmt_ms
from bench.load.load import Load


@dataclasses.dataclass(frozen=True)
class Cost:
    """req/s without and with a feature, and the issue's largest cost in % (None: no target)."""

    name: str
    without: float | None
    with_: float | None
    at_most: float | None = None
    note: str = ""

    @classmethod
    def of_loads(
        cls,
        name: str,
        without: Load | None,
        with_: Load | None,
        at_most: float | None = None,
        note: str = "",
    ) -> Cost:
        """The cost between two load runs; the note starts with their p50s."""
        notes = [note] if note else []
        if without and with_:
            notes.insert(0, f"p50 {fmt_ms(without.p50_ms)} → {fmt_ms(with_.p50_ms)}")
        return cls(
            name,
            without.rps if without else None,
            with_.rps if with_ else None,
            at_most,
            "; ".join(notes),
        )

    @property
    def percent(self) -> float | None:
        """The req/s lost, in % of those without (negative: faster with it, within noise)."""
        if not self.without or self.with_ is None:
            return None
        return (self.without - self.with_) / self.without * 100

    def text(self) -> str:
        percent = self.percent
        if percent is None:
            return "–"
        sign = "−" if percent < 0 else ""
        return f"{sign}{abs(percent):.1f} % ({fmt_int(self.without)} → {fmt_int(self.with_)} req/s)"

    def target(self) -> str:
        return "–" if self.at_most is None else f"≤ {self.at_most:g} %"

    def verdict(self) -> str:
        percent = self.percent
        if percent is None:
            return "not measured"
        if self.at_most is None:
            return "–"
        return "met" if percent <= self.at_most else "**not met**"
