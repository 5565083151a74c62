"""Every check names one behaviour and quotes the contract verbatim."""

from __future__ import annotations

import re

import pytest

from socialpost.conformance import checks as _checks  # noqa: F401  (registers the checks)
from socialpost.conformance.registry import CHECKS, Check, Registry
from socialpost.server import paths

ALL = list(CHECKS)


def _normalised(text: str) -> str:
    return " ".join(text.split())


def _descriptions() -> str:
    """The contract's text (openapi.yaml and the mock's control.yaml), lines joined."""
    text = paths.SPEC_PATH.read_text() + paths.CONTROL_SPEC_PATH.read_text()
    return _normalised(text)


@pytest.mark.parametrize("check", ALL, ids=[c.name for c in ALL])
def test_contract_excerpt_is_verbatim(check: Check) -> None:
    assert check.contract in _descriptions(), f"{check.name} quotes text the contract lacks"


@pytest.mark.parametrize("check", ALL, ids=[c.name for c in ALL])
def test_check_names_its_behaviour_in_one_sentence(check: Check) -> None:
    assert re.fullmatch(r"[a-z0-9_]+", check.name)
    assert check.behaviour.endswith(".") and check.behaviour.count(". ") == 0


def test_every_layer_has_checks() -> None:
    assert {c.layer for c in ALL} == {2, 3, 4}
    assert len(ALL) >= 50


def test_a_check_cannot_be_defined_twice() -> None:
    registry = Registry()

    def twice(ctx: object) -> None:
        """Twice."""

    registry.check(layer=3, contract="x")(twice)
    with pytest.raises(ValueError, match="twice"):
        registry.check(layer=3, contract="x")(twice)
