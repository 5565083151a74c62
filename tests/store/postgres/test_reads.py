"""A replica reads from memory on the event loop only when that means no wait: caught up for
this request, and no other thread holding its memory (``Store.try_reading``)."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from socialpost.server.app import open_state
from socialpost.server.config import Settings
from socialpost.server.state import MockState
from socialpost.server.store.base import FRESH


@pytest.fixture
def replica(database_url: str) -> Iterator[MockState]:
    state = open_state(Settings(db_path=None, store_url=database_url))
    yield state
    state.store.close()
    state.backend.close()


def _try(state: MockState) -> bool:
    with state.store.try_reading() as now:
        return now


def test_a_replica_not_caught_up_for_this_request_is_not_read_at_once(
        replica: MockState) -> None:
    assert not _try(replica)
    token = FRESH.set(replica.store)
    try:
        assert _try(replica)
    finally:
        FRESH.reset(token)


def test_a_replica_whose_memory_another_thread_holds_is_not_read_at_once(
        replica: MockState) -> None:
    holding, done = threading.Event(), threading.Event()

    def write_block() -> None:
        with replica.store.atomic():
            holding.set()
            done.wait(10)

    writer = threading.Thread(target=write_block)
    writer.start()
    token = FRESH.set(replica.store)
    try:
        assert holding.wait(10)
        assert not _try(replica), "a write block holds it"
        done.set()
        writer.join(10)
        assert _try(replica)
        with replica.store.try_reading():  # held: the same thread may read again inside
            assert _try(replica)
    finally:
        done.set()
        FRESH.reset(token)
