"""One catch-up with a shared store per request, done off the event loop, shared by the
requests that wait for one at the same time.

A replica on the PostgreSQL store answers from memory after asking the database what changed
(``Store.refresh``: one round trip). The outer layers that need the session current (steering
reads the fault rules, the response cache keys on the version) call ``refresh_once`` first; the
handler's own reads in the same request then skip theirs. Requests arriving while a catch-up is
under way wait for the next one, which all of them share (``coalesce``): it starts after each of
them arrived, so each sees every write acknowledged before it. An unreachable database is left
for the handler to report (503 problem+json, rendered in the one place errors are).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import ApiError
from ..store import Store
from ..store.base import FRESH

if TYPE_CHECKING:
    from ..state import MockState


def catch_up_all(stores: list[Store]) -> list[BaseException | None]:
    """Each distinct store of ``stores`` caught up once; per item, its store's outcome."""
    outcome: dict[int, BaseException | None] = {}
    for store in stores:
        if id(store) not in outcome:
            try:
                store.refresh()
                outcome[id(store)] = None
            except ApiError as exc:
                outcome[id(store)] = exc
    return [outcome[id(store)] for store in stores]


async def refresh_once(state: MockState) -> bool:
    """Catch the session's store up for this request if it is shared; whether it is current."""
    store = state.store
    if not store.shared:
        return True
    if FRESH.get() is store:
        return True
    try:
        await state.catch_ups(store)
    except ApiError:
        return False
    FRESH.set(store)
    return True
