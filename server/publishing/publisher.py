"""The simulated publishing job: executes every post that falls due as the clock moves.

A punctual publisher: a post is executed at the later of its ``due_at`` and the instant it was
last saved (a post created already overdue goes out as soon as the clock next moves). Posts go
out in ``due_at`` order. A post fails when a failure is injected for it, or its page carries a
``failure`` message; otherwise it is published with a plausible link and media container id.
"""

from __future__ import annotations

import asyncio
import hashlib
from dataclasses import asdict, dataclass
from typing import Any, Literal

import anyio

from ..errors import ApiError
from ..state import MockState
from ..store import Record, Row, Store
from .clock import iso


@dataclass(frozen=True)
class Transition:
    """One post's change of state, as the settlement report lists it."""

    post: str
    brand: str
    to: Literal["published", "failed"]
    at: float
    failure: str | None

    def to_json(self) -> dict[str, Any]:
        shown = asdict(self)
        return {"post": shown["post"], "brand": shown["brand"], "from": "scheduled",
                "to": shown["to"], "at": shown["at"], "failure": shown["failure"]}


def _digits(post_id: str, length: int) -> str:
    """Deterministic digits for a post (same post, same link on every run)."""
    digest = int(hashlib.sha256(post_id.encode()).hexdigest(), 16)
    return str(digest)[:length]


def _published(post: Row, page: Row | None) -> Record:
    container = _digits(post["id"], 17)
    if page is not None and page.get("platform") == "instagram":
        link = f"https://www.instagram.com/p/{container[:11]}/"
    else:
        link = f"https://www.facebook.com/{_digits(post['facebook_page'], 15)}/posts/{container}"
    return {"post_link": link, "media_container_id": container, "failed_at": None, "failure": None}


def _failed(post: Row, message: str, executed_at: float) -> Record:
    # The container was made before publishing failed: the document's failed post keeps one.
    return {
        "post_link": None,
        "media_container_id": _digits(post["id"], 17),
        "failed_at": iso(executed_at),
        "failure": message,
    }


def settle(store: Store, now: float) -> list[Transition]:
    """Execute every post due by ``now``; the caller holds ``store.atomic()``."""
    due = sorted(
        (post for post in store.pending_posts() if post["due_at"] <= now),
        key=lambda post: (post["due_at"], post["created_at"], post["id"]),
    )
    transitions = []
    for post in due:
        executed_at = max(post["due_at"], post["updated_at"])
        page = store.get("facebook_pages", post["facebook_page"])
        failure = store.post_failure(post["id"]) or (page or {}).get("failure")
        outcome = _failed(post, failure, executed_at) if failure else _published(post, page)
        store.update_post(post["id"], {**outcome, "executed_at": executed_at})
        transitions.append(Transition(
            post=post["id"], brand=post["brand"], to="failed" if failure else "published",
            at=executed_at, failure=failure,
        ))
    return transitions


def next_due(store: Store) -> float | None:
    """The earliest ``due_at`` still to execute."""
    return min((post["due_at"] for post in store.pending_posts()), default=None)


# How often a replica on the shared store looks for what other replicas changed (seconds).
SHARED_POLL = 5.0


def _round(state: MockState) -> float | None:
    """One publishing run in realtime mode (a shared store catches up first); the next due."""
    state.store.refresh()
    if state.clock.mode != "realtime":
        return None
    with state.store.atomic():
        settle(state.store, state.clock.now())
        return next_due(state.store)


async def run_realtime(state: MockState, wake: asyncio.Event, max_wait: float = 3600.0) -> None:
    """In realtime mode, settle whenever a post falls due: a timer on the next due time.

    ``wake`` is set on every change that may move the next due time (a write, a clock move);
    the timer is then recomputed. In frozen mode the task only waits for a wake-up.
    """
    shared = state.store.shared
    while True:
        wake.clear()  # before settling: a change made while settling wakes the next round
        delay: float | None = None
        try:
            if shared:  # round trips to the database: off the loop
                due = await anyio.to_thread.run_sync(_round, state)
            else:
                due = _round(state)
        except ApiError:  # the shared store's database is out of reach: try again soon
            due = None
        if state.clock.mode == "realtime":
            if due is not None:
                delay = max(0.0, (due - state.clock.now()) / state.clock.speed)
            delay = min(delay if delay is not None else max_wait, max_wait)
        if shared:
            # Another replica may switch the clock or add posts: look again every few seconds.
            delay = min(delay if delay is not None else SHARED_POLL, SHARED_POLL)
        try:
            await asyncio.wait_for(wake.wait(), timeout=delay)
        except TimeoutError:
            pass
