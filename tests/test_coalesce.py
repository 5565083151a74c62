"""Calls made together share one worker-thread run; none is served by a run that began before it."""

from __future__ import annotations

import asyncio
import threading

import pytest

from socialpost.server.coalesce import Coalescer


class Recorded:
    """A ``work`` that records its batches and, while ``hold`` is clear, blocks its first run."""

    def __init__(self) -> None:
        self.batches: list[list[int]] = []
        self.started = threading.Event()
        self.hold = threading.Event()

    def __call__(self, items: list[int]) -> list[int | BaseException]:
        self.batches.append(list(items))
        self.started.set()
        self.hold.wait(5)
        return [ValueError(f"bad {i}") if i < 0 else i * 10 for i in items]


async def _started(work: Recorded) -> None:
    while not work.started.is_set():
        await asyncio.sleep(0.001)


async def _calls_made_while_a_run_is_under_way_share_the_next_run() -> None:
    work = Recorded()
    coalesce: Coalescer[int, int] = Coalescer(work)
    first = asyncio.create_task(coalesce(1))
    await _started(work)
    # These arrive while the first run is under way: it must not answer them
    later = [asyncio.create_task(coalesce(n)) for n in (2, 3, 4)]
    await asyncio.sleep(0.01)
    work.hold.set()

    assert await first == 10
    assert [await task for task in later] == [20, 30, 40]
    assert work.batches == [[1], [2, 3, 4]]


async def _a_failed_item_fails_only_its_caller() -> None:
    work = Recorded()
    work.hold.set()
    coalesce: Coalescer[int, int] = Coalescer(work)

    results = await asyncio.gather(coalesce(1), coalesce(-1), coalesce(2),
                                   return_exceptions=True)

    assert results[0] == 10 and results[2] == 20
    assert isinstance(results[1], ValueError) and str(results[1]) == "bad -1"


async def _a_run_that_raises_fails_every_caller_of_that_run_and_the_next_still_runs() -> None:
    calls: list[list[str]] = []

    def work(items: list[str]) -> list[str]:
        calls.append(items)
        if "boom" in items:
            raise RuntimeError("database gone")
        return [item.upper() for item in items]

    coalesce: Coalescer[str, str] = Coalescer(work)
    failed = await asyncio.gather(coalesce("boom"), coalesce("x"), return_exceptions=True)

    assert [type(result) for result in failed] == [RuntimeError, RuntimeError]
    assert await coalesce("y") == "Y"


async def _a_caller_that_goes_away_leaves_the_others_their_answers() -> None:
    work = Recorded()
    coalesce: Coalescer[int, int] = Coalescer(work)
    first = asyncio.create_task(coalesce(1))
    await _started(work)
    gone, staying = asyncio.create_task(coalesce(2)), asyncio.create_task(coalesce(3))
    await asyncio.sleep(0.01)
    gone.cancel()
    work.hold.set()

    assert await first == 10
    assert await staying == 30
    with pytest.raises(asyncio.CancelledError):
        await gone


def test_calls_made_while_a_run_is_under_way_share_the_next_run() -> None:
    asyncio.run(_calls_made_while_a_run_is_under_way_share_the_next_run())


def test_a_failed_item_fails_only_its_caller() -> None:
    asyncio.run(_a_failed_item_fails_only_its_caller())


def test_a_run_that_raises_fails_every_caller_of_that_run_and_the_next_still_runs() -> None:
    asyncio.run(_a_run_that_raises_fails_every_caller_of_that_run_and_the_next_still_runs())


def test_a_caller_that_goes_away_leaves_the_others_their_answers() -> None:
    asyncio.run(_a_caller_that_goes_away_leaves_the_others_their_answers())
