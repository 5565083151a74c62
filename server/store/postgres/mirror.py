"""What a replica holds of a session: its records in memory, indexed as the embedded store's.

``PgStore`` keeps it current (catch-ups apply the records other replicas wrote) and answers
every read from it; this class is those reads.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..base import POSTS, Kind, Record, Row
from ..tiny import TinyStore


class Mirror:
    def __init__(self) -> None:
        self._memory = TinyStore(None)

    def _apply(self, table: str, key: str, record: Record | None) -> None:
        if table == POSTS:
            assert record is not None
            self._memory.insert_post(record)
        elif table == "post_failures":
            self._memory.set_post_failure(key, None if record is None else record["message"])
        elif record is not None and table != "tokens":
            self._memory.update(table, key, record)  # type: ignore[arg-type]

    # -- reads (from memory, current as of the last catch-up) -----------------------------

    def user_for_token(self, token: str) -> str | None:
        return self._memory.user_for_token(token)

    def get(self, kind: Kind, id: str) -> Row | None:
        return self._memory.get(kind, id)

    def post(self, id: str) -> Row | None:
        return self._memory.post(id)

    def posts_of_brand(self, brand: str) -> Sequence[Row]:
        return self._memory.posts_of_brand(brand)

    def pending_posts(self) -> Sequence[Row]:
        return self._memory.pending_posts()

    def count_posts(self) -> int:
        return self._memory.count_posts()

    def post_failure(self, id: str) -> str | None:
        return self._memory.post_failure(id)

    def tokens(self) -> Mapping[str, str]:
        return self._memory.tokens()

    def rows(self, kind: Kind) -> Sequence[Row]:
        return self._memory.rows(kind)

    def post_failures(self) -> Mapping[str, str]:
        return self._memory.post_failures()
