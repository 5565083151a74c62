"""Where the comparison writes what it finds: one ``Findings`` per run, one ``Scope`` per operation.

A check reports a rule id, a message and where (a pointer in BASE or HEAD); ``Findings`` looks up
the rule's level (its default, or what the severity file says), drops rules turned off, and adds
the file, the label and the line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .changes import Change, Level, Side
from .load.document import Spec
from .load.refs import Resolver

__all__ = ["Findings", "Operation", "Scope"]


@dataclass(frozen=True)
class Operation:
    """An operation as changes name it: ``GET /brands/{brand}/social-posts`` and its operationId."""

    method: str
    path: str
    operation_id: str | None

    @property
    def label(self) -> str:
        """The method and path, as a client reads them."""
        return f"{self.method.upper()} {self.path}"


class Findings:
    """The changes of one comparison of BASE with HEAD, each at its level."""

    def __init__(self, base: Spec, head: Spec, levels: Mapping[str, Level | None]) -> None:
        self.base = base
        self.head = head
        self.base_resolver = Resolver(base.document, base.label)
        self.head_resolver = Resolver(head.document, head.label)
        self.changes: list[Change] = []
        self._levels = levels

    def report(
        self, rule: str, message: str, *, side: Side, pointer: str, operation: Operation | None
    ) -> None:
        """Record one change of ``rule`` (dropped when the rule is turned off)."""
        level = self._levels[rule]
        if level is None:
            return
        spec = self.base if side == "base" else self.head
        self.changes.append(
            Change(
                rule=rule,
                level=level,
                message=message,
                operation=operation.label if operation else None,
                operation_id=operation.operation_id if operation else None,
                side=side,
                file=spec.file,
                source=spec.label,
                pointer=pointer,
                line=spec.line(pointer),
            )
        )


@dataclass(frozen=True)
class Scope:
    """The findings and the operation a check reports into."""

    findings: Findings
    operation: Operation

    @property
    def base(self) -> Resolver:
        """Resolves references in BASE."""
        return self.findings.base_resolver

    @property
    def head(self) -> Resolver:
        """Resolves references in HEAD."""
        return self.findings.head_resolver

    def report(self, rule: str, message: str, *, side: Side, pointer: str) -> None:
        """Record one change of ``rule`` in this operation."""
        self.findings.report(rule, message, side=side, pointer=pointer, operation=self.operation)
