"""The storage interface: what handlers, the publisher and the control API may ask of a store."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from contextvars import ContextVar
from typing import Any, Literal, Protocol, TypeVar

T = TypeVar("T")

Record = dict[str, Any]
Row = Mapping[str, Any]
Kind = Literal[
    "users", "brands", "facebook_pages", "templates", "template_instances", "brand_assets"
]
KINDS: tuple[Kind, ...] = (
    "users", "brands", "facebook_pages", "templates", "template_instances", "brand_assets"
)
POSTS = "social_posts"

# The shared store this request has already caught up with (set by ``http.freshness``): reads
# later in the same request need no second round trip.
FRESH: ContextVar[object | None] = ContextVar("socialpost_fresh_store", default=None)


class Store(Protocol):
    """What the mock needs from storage."""

    @property
    def version(self) -> int:
        """Grows with every write: equal versions, equal contents."""
        ...

    @property
    def shared(self) -> bool:
        """Whether other processes write to this store too (its reads are then round trips).

        A shared store's methods may wait on the network: callers run them off the event loop.
        """
        ...

    def atomic(self) -> AbstractContextManager[None]:
        """A read-check-write: nothing else writes between its reads and its writes.

        Its writes are durable when the block exits (not before: a store may commit them
        together with other blocks' writes).
        """
        ...

    def atomic_each(self, works: Sequence[Callable[[], T]]) -> list[T | Exception]:
        """Each of ``works`` as a write block of its own (as inside ``atomic()``), committed
        together where the store can; per work, what it returned or the exception it raised."""
        ...

    def reading(self) -> AbstractContextManager[None]:
        """A consistent read of the newest committed state (no writes inside)."""
        ...

    def try_reading(self) -> AbstractContextManager[bool]:
        """``reading()`` if it can start without waiting (on the disk, the network or another
        thread's hold): True, held until the block ends; else False, holding nothing (the
        caller then reads in a worker thread)."""
        ...

    def refresh(self) -> None:
        """Catch up with what other processes wrote (``version`` and the clock then tell)."""
        ...

    def user_for_token(self, token: str) -> str | None: ...
    def get(self, kind: Kind, id: str) -> Row | None: ...
    def post(self, id: str) -> Row | None: ...
    def posts_of_brand(self, brand: str) -> Sequence[Row]: ...
    def pending_posts(self) -> Sequence[Row]: ...
    def count_posts(self) -> int:
        """Every post held, deleted ones included."""
        ...

    def insert_post(self, post: Record) -> None: ...
    def update_post(self, id: str, changes: Record) -> Row: ...
    def update(self, kind: Kind, id: str, changes: Record) -> Row | None: ...
    def post_failure(self, id: str) -> str | None: ...
    def tokens(self) -> Mapping[str, str]:
        """Every bearer token the API accepts, to its user id, in the fixture file's order."""
        ...

    def rows(self, kind: Kind) -> Sequence[Row]:
        """Every row of ``kind``, in the order they were loaded or created."""
        ...

    def post_failures(self) -> Mapping[str, str]:
        """The publishing failure set for each post that has one (post id to message)."""
        ...

    def set_post_failure(self, id: str, message: str | None) -> None: ...
    def load(self, fixtures: Record) -> None:
        """Replace everything with a fixture file's content (plus optional ``post_failures``)."""
        ...

    def dump(self) -> Record:
        """Everything, in fixture-file format plus ``post_failures``: ``load(dump())`` restores it.

        A deep copy: later writes do not change it.
        """
        ...

    def close(self) -> None: ...
