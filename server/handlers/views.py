"""Remembered answers to list and stats queries, valid while the store does not change.

Filtering and ordering 10,000 posts takes milliseconds; a frontend asks the same question page
after page. Each answer is kept with the store's version and recomputed once that moves (any
write, including publishing), so no answer is ever stale. Rendered posts are remembered the
same way, per store version and clock instant (a post's associations show the clock's time):
a page that no response cache holds still renders only the posts no earlier page showed.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

from ..store import Row, Store
from . import posts

Key = tuple[Any, ...]


class Views:
    """Bounded memo of post lists and stats per (brand, filters, order)."""

    def __init__(self, size: int = 256, shown_size: int = 20_000) -> None:
        self.size = size
        self.shown_size = shown_size
        self._memo: OrderedDict[Key, tuple[int, Any]] = OrderedDict()
        self._shown = posts.Shown()
        self._shown_at: tuple[int, float] | None = None

    def shown(self, store: Store, now: float) -> posts.Shown:
        """Posts rendered at this store version and instant (``posts.Renderer`` fills it)."""
        if self._shown_at != (store.version, now) or self._shown.count > self.shown_size:
            self._shown, self._shown_at = posts.Shown(), (store.version, now)
        return self._shown

    def matching(
        self,
        store: Store,
        brand: str,
        *,
        status: posts.Status,
        author: str | None,
        video: bool | None,
        mediums: Sequence[str] | None,
        order: str,
    ) -> list[Row]:
        """The brand's matching posts in ``order`` (callers hold ``store.reading()``)."""
        wanted = tuple(sorted(set(mediums))) if mediums else None
        key = ("posts", brand, status, author, video, wanted, order)

        def compute() -> list[Row]:
            matching = posts.select(store.posts_of_brand(brand), store, status=status,
                                    author=author, video=video, mediums=wanted)
            return posts.ordered(matching, order)

        result: list[Row] = self._remember(key, store.version, compute)
        return result

    def stats(self, store: Store, brand: str, *, status: posts.Status,
              author: str | None) -> dict[str, str]:
        key = ("stats", brand, status, author)

        def compute() -> dict[str, str]:
            matching = posts.select(store.posts_of_brand(brand), store, status=status,
                                    author=author)
            return posts.stats(matching, store)

        result: dict[str, str] = self._remember(key, store.version, compute)
        return dict(result)

    def _remember(self, key: Key, version: int, compute: Any) -> Any:
        found = self._memo.get(key)
        if found is not None and found[0] == version:
            self._memo.move_to_end(key)
            return found[1]
        value = compute()
        self._memo[key] = (version, value)
        self._memo.move_to_end(key)
        while len(self._memo) > self.size:
            self._memo.popitem(last=False)
        return value
