"""The report: what the measurements fill in (rows, ratios against the issue's targets, other
measures, the costs of sessions, the journal and faults, problems, raw figures) and its
rendering as Markdown. A table with nothing measured (a part --only left out) is not printed."""

from __future__ import annotations

import dataclasses
import os
from typing import Any

from bench.cli import COMMAND, Options
from bench.figures import fmt_bytes, fmt_cpu, fmt_int, fmt_ms
from bench.load.load import Load
from bench.report.cost import Cost


@dataclasses.dataclass
class Row:
    """A line of the report."""

    label: str
    load: Load | None = None
    value: str = ""
    note: str = ""
    bytes_: int | None = None
    key: str = ""  # mock, mock-start50, mock-unique, bare, prism; or a cost run's

    @classmethod
    def best_of(
        cls, label: str, loads: list[Load], note: str = "", bytes_: int | None = None, key: str = ""
    ) -> Row:
        """The row of the round with the most req/s, its notes saying the range of the rounds."""
        ranked = sorted(loads, key=lambda x: x.rps or 0.0)
        notes = [note] if note else []
        if len(ranked) > 1:
            notes.insert(
                0,
                f"best of {len(ranked)} rounds "
                f"({fmt_int(ranked[0].rps)}–{fmt_int(ranked[-1].rps)} req/s)",
            )
        return cls(label, ranked[-1] if ranked else None, "", "; ".join(notes), bytes_, key)


@dataclasses.dataclass
class Ratio:
    """A ratio (or a figure, with den=1) and the issue's target for it."""

    name: str
    num: float | None
    den: float | None
    at_least: float | None = None
    at_most: float | None = None
    goal: float | None = None
    unit: str = "×"

    @property
    def value(self) -> float | None:
        return self.num / self.den if self.num and self.den else None

    def text(self) -> str:
        if self.value is None:
            return "–"
        return f"{self.value:,.0f}{self.unit}" if self.unit == "/s" else f"{self.value:.2f}×"

    def target(self) -> str:
        unit = self.unit if self.unit != "/s" else "/s"
        parts = []
        if self.at_least is not None:
            parts.append(f"≥ {self.at_least:,g}{unit}")
        if self.at_most is not None:
            parts.append(f"≤ {self.at_most:,g}{unit}")
        if self.goal is not None:
            parts.append(f"goal {self.goal:,g}{unit}" if parts else f"goal ≥ {self.goal:,g}{unit}")
        return ", ".join(parts)

    def verdict(self) -> str:
        value = self.value
        if value is None:
            return "not measured"
        if self.at_most is not None:
            return "met" if value <= self.at_most else "**not met**"
        met = self.at_least is None or value >= self.at_least
        goal = self.goal is not None and value >= self.goal
        if goal:
            return "met, goal reached" if self.at_least is not None else "goal reached"
        if self.at_least is None:
            return "below the goal"
        return "met" if met else "**not met**"


@dataclasses.dataclass
class Report:
    machine: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    throughput: list[Row] = dataclasses.field(default_factory=list)
    ratios: list[Ratio] = dataclasses.field(default_factory=list)
    others: list[tuple[str, str, str]] = dataclasses.field(default_factory=list)
    # the costs of sessions, the journal and faults (issue 12): their list runs, costs, measures
    cost_rows: list[Row] = dataclasses.field(default_factory=list)
    costs: list[Cost] = dataclasses.field(default_factory=list)
    cost_others: list[tuple[str, str, str]] = dataclasses.field(default_factory=list)
    # the stores side by side (issue 14): TinyDB, PostgreSQL, PostgreSQL with workers
    store_rows: list[Row] = dataclasses.field(default_factory=list)
    store_notes: list[str] = dataclasses.field(default_factory=list)
    problems: list[str] = dataclasses.field(default_factory=list)
    raw: dict[str, Any] = dataclasses.field(default_factory=dict)


# the order of the "measure" table: the first prefix a measure's name starts with
OTHERS_ORDER = [
    "durable",
    "list p50",
    "`serve` start to first 200, fresh",
    "`serve` start to first 200, existing",
    "`serve`",
    "`socialpost conform",
]
# the order of the cost measures
COST_ORDER = ["session", "memory", "fault rule", "`serve --latency", "RSS", "proxy"]
LIST_REQUEST = (
    "`GET /brands/{brand}/social-posts?status=any&limit=50&associations=` "
    "(all three), `Authorization: Bearer test-token`"
)
TABLE_HEAD = [
    "| server | req/s | p50 | p99 | response | server CPU | notes |",
    "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
]


def _ordered(measures: list[tuple[str, str, str]], order: list[str]) -> list[str]:
    """The measure table's lines, by the first prefix of order each name starts with."""
    ranked = sorted(
        measures,
        key=lambda o: next((i for i, key in enumerate(order) if o[0].startswith(key)), len(order)),
    )
    return [f"| {name} | {value} | {note} |" for name, value, note in ranked]


def throughput_line(row: Row) -> str:
    """A row of the list table; a row without a load (a skipped server) has dashes."""
    load = row.load
    notes = [row.note] if row.note else []
    if not load:
        return f"| {row.label} | – | – | – | – | – | {'; '.join(notes)} |"
    if load.tool != "wrk":
        notes.insert(0, f"**{load.tool} load generator, not wrk**")
    if load.non_2xx or load.errors:
        notes.append(f"**{load.non_2xx} non-2xx, {load.errors} socket errors**")
    if load.note:
        notes.append(f"**{load.note}**")
    if load.client_cpu is not None:
        notes.append(f"load generator CPU {fmt_cpu(load.client_cpu)}")
    if load.machine_cpu is not None:
        notes.append(f"machine busy {load.machine_cpu:.1f} of {os.cpu_count()} CPUs")
    return (
        f"| {row.label} | {fmt_int(load.rps)} | {fmt_ms(load.p50_ms)} | "
        f"{fmt_ms(load.p99_ms)} | {fmt_bytes(row.bytes_)} | {fmt_cpu(load.server_cpu)} | "
        f"{'; '.join(notes)} |"
    )


def render(report: Report, options: Options) -> str:
    lines: list[str] = []
    lines.append(
        f"### Benchmark ({'--quick smoke test, ' if options.quick else ''}"
        f"`{COMMAND}{' --quick' if options.quick else ''}`)"
    )
    lines.append("")
    for key, value in report.machine:
        lines.append(f"- **{key}**: {value}")
    lines.append(
        f"- **load**: {options.connections} connections, 1 thread, {options.duration:.0f} s "
        f"after {options.warmup:.0f} s warm-up; servers on 127.0.0.1, one process each "
        "(uvicorn with one worker for the mock and the bare app); "
        + ("every request logged by the mock and the bare app (`--access-log`)"
           if options.access_log else
           "no line logged per request by any of them (the mock with `--log-level warning`, "
           "Prism with `-v error`)")
    )
    if report.throughput:
        lines += ["", f"{LIST_REQUEST}:", "", *TABLE_HEAD]
        lines.extend(throughput_line(row) for row in report.throughput)
    if report.ratios:
        lines += ["", "| ratio | value | target (issue 7) | verdict |"]
        lines.append("| --- | ---: | --- | --- |")
        for ratio in report.ratios:
            lines.append(
                f"| {ratio.name} | {ratio.text()} | {ratio.target()} | {ratio.verdict()} |"
            )
    if report.others:
        lines += ["", "| measure | value | notes |", "| --- | ---: | --- |"]
        lines += _ordered(report.others, OTHERS_ORDER)
    if report.store_rows or report.store_notes:
        lines += ["", *store_section(report, options)]
    if report.cost_rows or report.costs or report.cost_others:
        lines += ["", *cost_section(report, options)]
    if report.problems:
        lines.append("")
        lines.append("Problems in this run:")
        lines.append("")
        for problem in report.problems:
            lines.append(f"- {problem}")
    return "\n".join(lines)


def store_section(report: Report, options: Options) -> list[str]:
    """The stores side by side (issue 14): the uncached list and durable creates on each."""
    lines = [
        "#### The stores side by side (issue 14)",
        "",
        f"The list: {LIST_REQUEST}, unique queries (no URL repeats: no response cache "
        f"answers); {options.connections} connections, {options.cost_duration:.0f} s after "
        f"{options.cost_warmup:.0f} s warm-up, the stores measured in turn, "
        f"{options.cost_rounds} {'round' if options.cost_rounds == 1 else 'rounds'}, the best "
        f"kept. Durable creates: the create-with-asset body, {options.create_connections} "
        f"connections, {options.duration:.0f} s. Server CPU counts every process of the mock "
        "(its workers too), not PostgreSQL's own.",
    ]
    if report.store_rows:
        lines += ["", *TABLE_HEAD]
        lines.extend(throughput_line(row) for row in report.store_rows)
    if report.store_notes:
        lines += [""] + [f"- {note}" for note in report.store_notes]
    return lines


def cost_section(report: Report, options: Options) -> list[str]:
    """The costs of sessions, the journal and faults (issue 12), and of the proxy (issue 15)."""
    lines = [
        "#### Sessions, the journal, faults (issue 12) and the validating proxy (issue 15)",
        "",
        f"{LIST_REQUEST}; {options.connections} connections, 1 thread, "
        f"{options.cost_duration:.0f} s after {options.cost_warmup:.0f} s warm-up; the "
        f"configurations compared run at the same time and are measured in turn, "
        f"{options.cost_rounds} {'round' if options.cost_rounds == 1 else 'rounds'}, the best "
        "kept. *Uncached* and *unique queries*: no URL "
        "repeats within the reach of the mock's response cache, so every request is served.",
    ]
    if report.cost_rows:
        lines += ["", *TABLE_HEAD]
        lines.extend(throughput_line(row) for row in report.cost_rows)
    if report.costs:
        lines += [
            "",
            "| cost (req/s lost) | value | target (issue 12) | verdict | notes |",
            "| --- | ---: | --- | --- | --- |",
        ]
        for cost in report.costs:
            lines.append(
                f"| {cost.name} | {cost.text()} | {cost.target()} | {cost.verdict()} | "
                f"{cost.note} |"
            )
    if report.cost_others:
        lines += ["", "| measure | value | notes |", "| --- | ---: | --- |"]
        lines += _ordered(report.cost_others, COST_ORDER)
    return lines
