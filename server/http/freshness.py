"""One catch-up with a shared store per request, done off the event loop.

A replica on the PostgreSQL store answers from memory after asking the database what changed
(``Store.refresh``: one round trip). The outer layers that need the session current (steering
reads the fault rules, the response cache keys on the version) call ``refresh_once`` first; the
handler's own reads in the same request then skip theirs. An unreachable database is left for
the handler to report (503 problem+json, rendered in the one place errors are).
"""

from __future__ import annotations

import anyio

from ..errors import ApiError
from ..store import Store
from ..store.base import FRESH


async def refresh_once(store: Store) -> bool:
    """Catch ``store`` up for this request if it is shared; whether it is now current."""
    if not store.shared:
        return True
    if FRESH.get() is store:
        return True
    try:
        await anyio.to_thread.run_sync(store.refresh)
    except ApiError:
        return False
    FRESH.set(store)
    return True
