"""Blocking calls made together: the requests waiting at one time share one worker-thread call.

On the shared store each request asks the database something (a catch-up, a journal insert).
Made one by one, every such call costs a worker thread's hand-off and a round trip of its own,
and under load they queue behind each other. A ``Coalescer`` runs ``work`` in a worker thread
for every item submitted while the previous run was under way, so that concurrent requests pay
one hand-off and one round trip between them.

An item is only ever served by a run that *started after it was submitted*: a request waiting
for a catch-up gets one that saw every write acknowledged before it asked.
"""

from __future__ import annotations

import asyncio
import contextvars
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

import anyio

T = TypeVar("T")
R = TypeVar("R")


class Coalescer(Generic[T, R]):
    """``await coalescer(item)``: ``work(items)[i]`` for the items submitted together.

    ``work`` answers one result per item, in order; a result that is an exception is raised to
    that item's caller, and an exception ``work`` raises goes to every caller of its run.
    """

    def __init__(self, work: Callable[[list[T]], Sequence[R | BaseException]]) -> None:
        self._work = work
        self._pending: list[tuple[T, asyncio.Future[R]]] = []
        self._runner: asyncio.Task[None] | None = None

    async def __call__(self, item: T) -> R:
        loop = asyncio.get_running_loop()
        runner = self._runner
        if runner is not None and not runner.done() and runner.get_loop() is not loop:
            # Another event loop (tests that run several) has a run going: no sharing.
            return _result(await anyio.to_thread.run_sync(self._work, [item]))
        future: asyncio.Future[R] = loop.create_future()
        self._pending.append((item, future))
        if runner is None or runner.done():
            # A context of its own: nothing of the first caller's request leaks into the work.
            self._runner = loop.create_task(self._run(), context=contextvars.Context())
        return await future

    async def _run(self) -> None:
        while self._pending:
            batch, self._pending = self._pending, []
            try:
                results = await anyio.to_thread.run_sync(self._work, [item for item, _ in batch])
            except asyncio.CancelledError:  # shutting down: nobody gets an answer
                for _, future in batch + self._pending:
                    future.cancel()
                self._pending = []
                raise
            except BaseException as exc:  # noqa: BLE001  # handed to every caller of the run
                for _, future in batch:
                    if not future.done():
                        future.set_exception(exc)
                continue
            for (_, future), result in zip(batch, results, strict=True):
                if future.done():  # its caller went away
                    continue
                if isinstance(result, BaseException):
                    future.set_exception(result)
                else:
                    future.set_result(result)


def _result(results: Sequence[R | BaseException]) -> R:
    result = results[0]
    if isinstance(result, BaseException):
        raise result
    return result
