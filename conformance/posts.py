"""What the contract says about posts, as plain functions over the JSON the target answered."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

Post = dict[str, Any]
STATUSES = ("executed", "scheduled", "draft")
ORDER_FIELDS = ("created_at", "updated_at", "due_at", "executed_at")
ASSOCIATION_KEYS = {
    "social_post.template_instance": "template_instance",
    "social_post.asset": "asset",
    "social_post.owner": "owner",
}


def status_of(post: Post) -> str:
    """``executed`` (published or failed), ``scheduled`` (due_at set) or ``draft``."""
    if post.get("executed_at") is not None:
        return "executed"
    return "scheduled" if post.get("due_at") is not None else "draft"


def ids(posts: Iterable[Post]) -> list[str]:
    return [str(p.get("id")) for p in posts]


def shorten(post_ids: list[str], keep: int = 4) -> str:
    """A list of ids for a message: the first few, and how many there are in all."""
    if len(post_ids) <= keep:
        return "[" + ", ".join(post_ids) + "]"
    return "[" + ", ".join(post_ids[:keep]) + f", ... ({len(post_ids)} posts)]"


def documented_order(posts: list[Post], order: str) -> list[Post]:
    """``posts`` as ``order`` sorts them: nulls last ascending and first descending, ties by
    ``created_at`` then ``id`` ascending."""
    descending = order.startswith("-")
    name = order.lstrip("-")
    stable = sorted(posts, key=lambda p: (_number(p.get("created_at")), str(p.get("id"))))
    present = [p for p in stable if p.get(name) is not None]
    missing = [p for p in stable if p.get(name) is None]
    present.sort(key=lambda p: _number(p.get(name)), reverse=descending)
    return missing + present if descending else present + missing


def _number(value: Any) -> float:
    return float(value) if isinstance(value, int | float) else float("-inf")


def describe(post: Post) -> str:
    """A post in a few words for a failure message."""
    state = status_of(post)
    if post.get("failure"):
        state = f"failed: {post['failure']}"
    return f"{post.get('id')} ({state})"


def same_instant(a: Any, b: Any, tolerance: float = 1e-6) -> bool:
    """Two epoch timestamps are equal to the microsecond (None equals only None)."""
    if a is None or b is None:
        return a is b
    if isinstance(a, bool) or isinstance(b, bool):
        return False
    if not isinstance(a, int | float) or not isinstance(b, int | float):
        return False
    return abs(float(a) - float(b)) <= tolerance
