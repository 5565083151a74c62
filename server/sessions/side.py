"""What a session holds besides its store: fault rules, request journal, snapshots.

With the embedded store they live in this process's memory. With the shared store they live in
PostgreSQL beside the session's records, so every replica applies the same fault rules, lists
the same requests and restores the same snapshots.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass
from typing import Any

from ..faults.rules import FaultRules
from ..journal.log import RequestLog
from ..store import Store
from ..store.backends import Backend, Shared
from ..store.postgres import PgStore
from ..store.postgres.shelf import SharedShelf
from .snapshots import Snapshot


@dataclass
class Side:
    faults: FaultRules
    journal: RequestLog
    snapshots: MutableMapping[str, Any]


def side_of(backend: Backend, name: str, store: Store, journal_size: int) -> Side:
    if not isinstance(backend, Shared):
        return Side(FaultRules(), RequestLog(journal_size), {})
    from ..faults.shared import SharedFaultRules
    from ..journal.shared import SharedRequestLog

    database = backend.database
    faults = SharedFaultRules(database, name)
    if isinstance(store, PgStore):
        store.faults = faults  # reloaded by the store's catch-ups when they change
        store.refresh()
    return Side(faults, SharedRequestLog(database, name, journal_size),
                SharedShelf(database, name, Snapshot.to_json, Snapshot.from_json))
