"""Every post the run created, so that the run deletes exactly those and nothing else.

The suite's own posts carry the run's caption prefix; posts the fuzzer creates carry whatever
caption it generated, so the ledger records the id of every 2xx create, from whichever layer
(Schemathesis calls included, from its worker threads). Cleanup deletes each recorded id and
sweeps the brand for captions with this run's prefix whose create response carried no id.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

import httpx

from .http import Client


@dataclass
class Ledger:
    created: list[str] = field(default_factory=list)
    deleted: set[str] = field(default_factory=set)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def record(self, post_id: str) -> None:
        with self._lock:
            if post_id not in self.created:
                self.created.append(post_id)

    def record_response(self, status: int, body: Any) -> str | None:
        """Record the post of a create response (2xx with ``data.id``); its id, if any."""
        if not 200 <= status < 300 or not isinstance(body, dict):
            return None
        data = body.get("data")
        post_id = data.get("id") if isinstance(data, dict) else None
        if isinstance(post_id, str):
            self.record(post_id)
            return post_id
        return None

    def owns(self, post_id: str) -> bool:
        with self._lock:
            return post_id in self.created

    def mark_deleted(self, post_id: str) -> None:
        with self._lock:
            self.deleted.add(post_id)

    def pending(self) -> list[str]:
        with self._lock:
            return [p for p in self.created if p not in self.deleted]


@dataclass(frozen=True)
class Cleanup:
    deleted: int
    left: tuple[str, ...]


def clean_up(
    ledger: Ledger, client: Client, posts_path: str, caption_prefix: str, user: str | None
) -> Cleanup:
    """Delete every post the run created; the ids that could not be deleted are reported."""
    for post_id in _captioned(client, posts_path, caption_prefix, user):
        ledger.record(post_id)
    deleted = 0
    left: list[str] = []
    for post_id in ledger.pending():
        try:
            answer = client.request("DELETE", f"{posts_path}/{post_id}")
        except httpx.HTTPError:  # cleanup goes on for every other post; this one is reported
            left.append(post_id)
            continue
        if answer.status in (200, 202, 204):
            deleted += 1
            ledger.mark_deleted(post_id)
        elif answer.status == 404:
            ledger.mark_deleted(post_id)
        else:
            left.append(post_id)
    return Cleanup(deleted=deleted, left=tuple(left))


def _captioned(client: Client, posts_path: str, prefix: str, user: str | None) -> list[str]:
    """Ids of live posts whose caption starts with this run's prefix (best effort)."""
    found: list[str] = []
    start = 0
    query: dict[str, str | int] = {"limit": 1000}
    if user:
        query["user"] = user
    for _ in range(50):
        try:
            answer = client.get(posts_path, {**query, "start": start})
            body = answer.json() if answer.status == 200 else None
        except (httpx.HTTPError, ValueError):  # a sweep that cannot read the list finds nothing
            return found
        page = body.get("data") if isinstance(body, dict) else None
        if not isinstance(page, list) or not page:
            return found
        for post in page:
            if isinstance(post, dict) and str(post.get("caption") or "").startswith(prefix):
                found.append(str(post.get("id")))
        if len(page) < 1000:
            return found
        start += len(page)
    return found
