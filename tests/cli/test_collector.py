"""A serving process's collector: what is loaded frozen, young collections rarer."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from socialpost.server.cli import collector


@pytest.fixture
def restored() -> Iterator[None]:
    threshold = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


@pytest.mark.usefixtures("restored")
def test_what_is_loaded_is_frozen_and_young_collections_come_rarer() -> None:
    loaded = [{"post": n} for n in range(1000)]

    collector.settle()

    assert gc.get_freeze_count() >= len(loaded)
    assert gc.get_threshold()[0] == collector.YOUNG_OBJECTS > 700
