"""What the dashboard's tests compare the page with: the mock as a client that is not a browser.

The ``busy`` scenario's clock starts frozen at 2026-01-23T01:43:19.587474Z with 112 posts
scheduled in the 15 days after it (8 due within the first hour), 40 drafts and 26 failed posts;
the page "Unit Test Realty Listings" fails every publish with "Internal Server Error".
"""

from __future__ import annotations

from typing import Any

import httpx

from tests.conftest import AUTH, POSTS

HOUR = 3600.0
# Chromium logs every 4xx answer a page's fetch receives; where a test provokes one on purpose.
LOGGED_409 = r"the server responded with a status of 409"
LOGGED_403 = r"the server responded with a status of 403"



def start_over(mock: str) -> None:
    """The busy scenario at the clock's start, frozen, with no snapshot, fault or journal."""
    httpx.post(f"{mock}/_mock/clock", json={"mode": "frozen", "speed": 1}).raise_for_status()
    httpx.post(f"{mock}/_mock/reset", json={"scenario": "busy"}).raise_for_status()
    for snapshot in httpx.get(f"{mock}/_mock/snapshots").json()["data"]:
        httpx.delete(f"{mock}/_mock/snapshots/{snapshot['name']}").raise_for_status()



def listed(mock: str, **params: Any) -> list[dict[str, Any]]:
    """The brand's posts, as the API lists them to a client that is not the page."""
    answer = httpx.get(f"{mock}{POSTS}", params={"limit": 1000, **params}, headers=AUTH)
    answer.raise_for_status()
    posts: list[dict[str, Any]] = answer.json()["data"]
    return posts


def status_of(post: dict[str, Any]) -> str:
    if post["failure"] or post["failed_at"]:
        return "failed"
    if post["executed_at"] is not None:
        return "published"
    return "scheduled" if post["due_at"] is not None else "draft"


def on_axis(posts: list[dict[str, Any]], start: float, end: float) -> dict[str, str]:
    """id -> status of the posts the timeline places in [start, end)."""
    placed = {}
    for post in posts:
        at = post["executed_at"] if post["executed_at"] is not None else post["due_at"]
        if at is not None and start <= at < end:
            placed[post["id"]] = status_of(post)
    return placed


def clock(mock: str) -> dict[str, Any]:
    answer: dict[str, Any] = httpx.get(f"{mock}/_mock/clock").json()
    return answer


def directory(mock: str) -> dict[str, Any]:
    answer: dict[str, Any] = httpx.get(f"{mock}/_mock/directory").json()
    return answer


def due_within(mock: str, seconds: float) -> list[dict[str, Any]]:
    now = clock(mock)["now"]
    return [p for p in listed(mock, status="scheduled", order="due_at")
            if p["due_at"] <= now + seconds]


def listed_post(mock: str, post_id: str) -> dict[str, Any]:
    return next(p for p in listed(mock) if p["id"] == post_id)
