"""What the proxy has seen of posts, for the checks that compare one answer with another.

A post is remembered by the fields only a client's writes change (``OWNED``: not what the
publishing job records) and its ``updated_at``, as the newest answer showed them. Deletes
answered 204 are remembered with the instant (a ``tick``) they were complete.

Comparing two answers is fair only when no write could have come between them: a read is
*settled* when no write was in flight through the proxy at any moment of it (``begin`` and
``settled``). Writes made elsewhere (straight to the upstream) are out of its sight; the README
says so.
"""

from __future__ import annotations

import itertools
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

# The fields of a post only a client's writes change (the publishing job records the others).
OWNED = ("brand", "created_by", "created_at", "caption", "due_at", "facebook_page")
WRITES = {"POST", "PUT", "PATCH", "DELETE"}
KEPT = 100_000  # posts (and deletes) remembered, the oldest forgotten first


@dataclass(frozen=True)
class Moment:
    """When an exchange began, and how many writes had begun and were in flight then."""

    tick: int
    writes_begun: int
    writes_in_flight: int
    write: bool


@dataclass
class Memory:
    # The oldest first, forgotten in O(1) (``_bound``).
    posts: OrderedDict[str, dict[str, Any]] = field(default_factory=OrderedDict)
    deleted: OrderedDict[str, int] = field(default_factory=OrderedDict)  # post id -> its 204's tick
    writes_begun: int = 0
    writes_in_flight: int = 0
    _ticks: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def begin(self, method: str) -> Moment:
        write = method in WRITES
        moment = Moment(next(self._ticks), self.writes_begun, self.writes_in_flight, write)
        if write:
            self.writes_begun += 1
            self.writes_in_flight += 1
        return moment

    def end(self, moment: Moment) -> None:
        """The exchange that began at ``moment`` is complete."""
        if moment.write:
            self.writes_in_flight -= 1

    def tick(self) -> int:
        return next(self._ticks)

    def settled(self, moment: Moment) -> bool:
        """Whether no write was in flight at any moment of the read that began at ``moment``."""
        return moment.writes_in_flight == 0 and self.writes_begun == moment.writes_begun

    def remember(self, post: dict[str, Any]) -> None:
        post_id = post.get("id")
        if isinstance(post_id, str):
            self.posts.pop(post_id, None)
            self.posts[post_id] = {**owned(post), "updated_at": post.get("updated_at")}
            _bound(self.posts)

    def forget(self, post_id: str, tick: int) -> None:
        self.posts.pop(post_id, None)
        self.deleted[post_id] = tick
        _bound(self.deleted)


def _bound(kept: OrderedDict[str, Any]) -> None:
    """The oldest forgotten beyond ``KEPT`` (a plain dict's first key, after deletions at its
    front, is found by skipping every deleted slot: up to ``KEPT`` of them per call)."""
    while len(kept) > KEPT:
        kept.popitem(last=False)


def owned(post: dict[str, Any]) -> dict[str, Any]:
    return {name: post[name] for name in OWNED if name in post}
