"""Checks as small registered functions: one documented behaviour each.

Modelled on Schemathesis' ``@schemathesis.check``: a check is a plain function decorated with
what it verifies. It raises ``CheckFailure`` (or ``CheckSkipped``); returning means it passed.
The decorator records the layer, whether the check writes, and a verbatim excerpt of the
contract (a test holds every excerpt to ``openapi.yaml`` or the mock's ``control.yaml``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .context import Context

CheckFunction = Callable[["Context"], None]


@dataclass(frozen=True)
class Check:
    name: str
    layer: int
    behaviour: str
    contract: str
    writes: bool
    func: CheckFunction
    # Runs after every other check of its layer (it reviews their exchanges).
    last: bool = False


class Registry:
    """Checks in the order they were defined (the order they run in, within a layer)."""

    def __init__(self) -> None:
        self._checks: dict[str, Check] = {}

    def check(
        self, *, layer: int, contract: str, writes: bool = False, last: bool = False
    ) -> Callable[[CheckFunction], CheckFunction]:
        def register(func: CheckFunction) -> CheckFunction:
            name = func.__name__
            if name in self._checks:
                raise ValueError(f"check {name} is defined twice")
            behaviour = " ".join((func.__doc__ or name).split())
            self._checks[name] = Check(name, layer, behaviour, " ".join(contract.split()), writes,
                                       func, last)
            return func

        return register

    def __iter__(self) -> Iterator[Check]:
        return iter(self._checks.values())

    def __getitem__(self, name: str) -> Check:
        return self._checks[name]

    def in_layer(self, layer: int) -> list[Check]:
        """The layer's checks in the order they run."""
        checks = [c for c in self._checks.values() if c.layer == layer]
        return sorted(checks, key=lambda c: c.last)


CHECKS = Registry()
check = CHECKS.check
