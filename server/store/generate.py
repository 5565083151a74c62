"""Deterministic synthetic posts, for runs at realistic data sizes (``serve --generate-posts``).

The same N gives the same posts on every machine: ids, authors, pages, sources and times all
come from a seeded generator. They go to the document's brand, spread over its members, pages,
template instances and assets (so over mediums and video), and over statuses: a quarter
executed (one in ten of those failed), half scheduled over the 30 days after the clock start,
a quarter drafts. All were created in the 60 days before the clock start.
"""

from __future__ import annotations

import random
import uuid
from typing import Any

from ..publishing.clock import DOCUMENT_INSTANT, iso
from .base import Record

DOCUMENT_BRAND = "b3ad887b-a14e-4bff-b618-a2edb675d19b"
DAY = 86400.0


def with_generated_posts(fixtures: Record, count: int, start: float = DOCUMENT_INSTANT) -> Record:
    """``fixtures`` plus ``count`` synthetic posts in the document's brand."""
    if count <= 0:
        return fixtures
    rng = random.Random(f"socialpost-{count}")
    brand = next(b for b in fixtures["brands"] if b["id"] == DOCUMENT_BRAND)
    pages = [p for p in fixtures["facebook_pages"] if p["brand"] == DOCUMENT_BRAND]
    instances = [t["id"] for t in fixtures["template_instances"] if t["brand"] == DOCUMENT_BRAND]
    assets = [a["id"] for a in fixtures["brand_assets"] if a["brand"] == DOCUMENT_BRAND]
    posts = [_post(n, rng, start, brand["members"], pages, instances, assets) for n in range(count)]
    return {**fixtures, "social_posts": [*fixtures["social_posts"], *posts]}


def _post(n: int, rng: random.Random, start: float, members: list[str],
          pages: list[dict[str, Any]], instances: list[str], assets: list[str]) -> Record:
    created = round(start - rng.uniform(0, 60 * DAY), 6)
    use_asset = rng.random() < 0.35
    page = rng.choice(pages)
    kind = rng.random()
    post: Record = {
        "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "brand": DOCUMENT_BRAND,
        "created_by": rng.choice(members),
        "caption": f"Synthetic post {n + 1}",
        "facebook_page": page["id"],
        "template_instance": None if use_asset else rng.choice(instances),
        "asset": rng.choice(assets) if use_asset else None,
        "post_link": None, "failed_at": None, "failure": None, "media_container_id": None,
        "type": "social_post",
        "created_at": created, "updated_at": created, "deleted_at": None,
        "due_at": None, "executed_at": None,
    }
    if kind < 0.25:  # executed, between creation and the clock start
        executed = round(rng.uniform(created, start), 6)
        post.update(due_at=round(executed, 3), executed_at=executed,
                    media_container_id=str(rng.getrandbits(56)))
        if rng.random() < 0.1:
            post.update(failed_at=iso(executed), failure="Internal Server Error")
        else:
            post["post_link"] = f"https://www.facebook.com/{page['id'][:8]}/posts/{n + 1}"
    elif kind < 0.75:  # scheduled over the next 30 days
        post["due_at"] = round(start + rng.uniform(3600, 30 * DAY), 3)
    return post
