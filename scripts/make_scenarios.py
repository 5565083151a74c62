"""Write the named scenarios (fixtures/scenarios/*.json) from the bundled fixtures.

    .venv/bin/python scripts/make_scenarios.py          # rewrite empty, busy, disconnected
    .venv/bin/python scripts/make_scenarios.py --check  # exit 1 if a file is not what it makes

Every scenario keeps the bundled users, tokens, brands, templates, template instances and assets,
so ``test-token``, ``agent-token`` and ``other-brand-token`` work on each. Only posts and page
failures differ. ``busy`` is seeded: the same run gives the same bytes on every machine. Rerun
this after changing fixtures/social-posts.json, and commit its output.
"""

from __future__ import annotations

import argparse
import copy
import json
import math
import random
import sys
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from socialpost.server.paths import FIXTURES_PATH, SCENARIOS_DIR
from socialpost.server.publishing.clock import DOCUMENT_INSTANT
from socialpost.server.publishing.publisher import _failed, _published
from socialpost.server.store.fixtures import load_fixtures

Record = dict[str, Any]

T0 = DOCUMENT_INSTANT
MINUTE, HOUR, DAY = 60.0, 3600.0, 86400.0
DOCUMENT_BRAND = "b3ad887b-a14e-4bff-b618-a2edb675d19b"
SEED = "socialpost-scenario-busy"

# What a Facebook page whose connection the platform lost fails with: the Graph API's
# OAuthException (code 190, subcode 460) for a session invalidated by a password change or a
# security event, as apps report it (e.g. github.com/stevenschobert/instafeed.js/issues/747).
DISCONNECTED = (
    "Error validating access token: The session has been invalidated because the user changed "
    "their password or Facebook has changed the session for security reasons."
)

# busy: posts of the document's brand, its 12 bundled ones included.
BUSY_TOTAL = 300
# The generated posts by status (288, with the 12 bundled ones 300); BUSY_DELETED of them,
# drawn at random, are soft-deleted too.
BUSY_MIX = {"published": 115, "failed": 25, "scheduled": 110, "draft": 38}
BUSY_DELETED = 10
# Scheduled posts due soon after T0: advancing the clock an hour or a day publishes some.
DUE_WITHIN_HOUR, DUE_WITHIN_DAY = 8, 16
# Besides the failing page's "Internal Server Error": Graph API errors a publish can end with.
FACEBOOK_FAILURES = ("Internal Server Error", "(#4) Application request limit reached")
INSTAGRAM_FAILURES = ("Media ID is not available",
                      "Only photo or video can be accepted as media type.")

STREETS = ("1420 N Lake Shore Dr", "88 Lake Shore Ct", "2315 W Belmont Ave", "517 N Wells St",
           "3030 N Sheffield Ave", "4410 N Ravenswood Ave", "1906 S State St", "720 W Fulton Mkt")
NEIGHBORHOODS = ("Lincoln Park", "Wicker Park", "Logan Square", "the South Loop", "Andersonville",
                 "Hyde Park", "Lakeview")
DAYS = ("Saturday", "Sunday")
CAPTIONS: tuple[Callable[[random.Random], str], ...] = (
    lambda r: f"Just listed: {r.randint(1, 5)} bed, {r.randint(1, 4)} bath at {r.choice(STREETS)}.",
    lambda r: f"Open house this {r.choice(DAYS)}, {r.randint(11, 14)}-{r.randint(2, 4)} PM at "
              f"{r.choice(STREETS)}. Stop by!",
    lambda r: f"Price reduced on {r.choice(STREETS)}: now ${r.randint(289, 1450)},000.",
    lambda r: f"Just sold! {r.choice(STREETS)} closed in {r.randint(6, 45)} days.",
    lambda r: f"Take a 30-second tour of {r.choice(STREETS)}.",
    lambda r: f"Coming soon to {r.choice(NEIGHBORHOODS)}. Ask us for a private showing.",
    lambda r: f"Market update: inventory in {r.choice(NEIGHBORHOODS)} is "
              f"{r.choice(('up', 'down'))} {r.randint(2, 18)}% year over year.",
    lambda r: "Thinking of selling this spring? Ask us what your home is worth.",
)


def empty(bundled: Record) -> Record:
    return _scenario(
        bundled,
        "Every brand, user, page, template, template instance and asset of the bundled fixtures, "
        "and no social posts: every list is empty and the stats count no medium.",
        posts=[],
    )


def disconnected(bundled: Record) -> Record:
    data = _scenario(
        bundled,
        "The bundled fixtures' posts, but every Facebook and Instagram page of Unit Test Realty "
        "has lost its connection: each post published to one fails with the Graph API's "
        "invalidated-session error (OAuthException 190/460). Lakeside Homes is unchanged.",
        posts=bundled["social_posts"],
    )
    for page in data["facebook_pages"]:
        if page["brand"] == DOCUMENT_BRAND:
            page["failure"] = DISCONNECTED
    return data


def busy(bundled: Record) -> Record:
    rng = random.Random(SEED)
    brand = next(b for b in bundled["brands"] if b["id"] == DOCUMENT_BRAND)
    pages = [p for p in bundled["facebook_pages"] if p["brand"] == DOCUMENT_BRAND]
    sources = [("template_instance", t["id"]) for t in bundled["template_instances"]
               if t["brand"] == DOCUMENT_BRAND]
    sources += [("asset", a["id"]) for a in bundled["brand_assets"] if a["brand"] == DOCUMENT_BRAND]
    count = BUSY_TOTAL - sum(p["brand"] == DOCUMENT_BRAND for p in bundled["social_posts"])
    statuses = [status for status, n in BUSY_MIX.items() for _ in range(n)]
    if len(statuses) != count:
        raise ValueError(f"BUSY_MIX adds up to {len(statuses)} posts; {count} are needed")
    rng.shuffle(statuses)
    deleted = set(rng.sample(range(count), BUSY_DELETED))
    soon = iter([*(("hour",) * DUE_WITHIN_HOUR), *(("day",) * DUE_WITHIN_DAY)])
    posts = []
    for i, status in enumerate(statuses):
        horizon = next(soon, "weeks") if status == "scheduled" else "weeks"
        post = _busy_post(rng, status, horizon, brand["members"], pages, sources)
        if i in deleted:
            last = post["executed_at"] or post["updated_at"]
            post["deleted_at"] = round(rng.uniform(last, T0), 6)
        posts.append(post)
    posts.sort(key=lambda post: post["created_at"])
    everything = [*bundled["social_posts"], *posts]
    mine = [post for post in everything if post["brand"] == DOCUMENT_BRAND]
    n = {status: sum(_status(post) == status for post in mine)
         for status in ("published", "failed", "scheduled", "draft", "deleted")}
    pending = [post["due_at"] - T0 for post in mine if _status(post) == "scheduled"]
    within_hour, within_day = sum(d <= HOUR for d in pending), sum(d <= DAY for d in pending)
    return _scenario(
        bundled,
        f"{len(mine)} posts in Unit Test Realty (its bundled ones included) over the month "
        f"around the clock start: {n['published']} published and {n['failed']} failed in the 15 "
        f"days before it, {n['scheduled']} scheduled in the 15 days after it ({within_hour} due "
        f"within its first hour, {within_day} within its first day), {n['draft']} drafts and "
        f"{n['deleted']} soft-deleted; every medium of the brand, both Facebook pages and the "
        "Instagram page, both members. Lakeside Homes as bundled. Made by "
        "scripts/make_scenarios.py.",
        posts=everything,
    )


def _status(post: Record) -> str:
    if post["deleted_at"] is not None:
        return "deleted"
    if post["executed_at"] is not None:
        return "failed" if post["failed_at"] else "published"
    return "draft" if post["due_at"] is None else "scheduled"


def _busy_post(rng: random.Random, status: str, horizon: str, members: list[str],
               pages: list[Record], sources: list[tuple[str, str]]) -> Record:
    working = [p for p in pages if p["failure"] is None]
    page = rng.choice(working if status == "published" else pages)
    kind, source = rng.choice(sources)
    post: Record = {
        "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "brand": DOCUMENT_BRAND,
        "created_by": members[0] if rng.random() < 0.6 else rng.choice(members[1:]),
        "caption": rng.choice(CAPTIONS)(rng),
        "facebook_page": page["id"],
        "template_instance": source if kind == "template_instance" else None,
        "asset": source if kind == "asset" else None,
        "post_link": None, "failed_at": None, "failure": None, "media_container_id": None,
        "type": "social_post",
        "created_at": 0.0, "updated_at": 0.0, "deleted_at": None,
        "due_at": None, "executed_at": None,
    }
    if status in ("published", "failed"):
        due = round(rng.uniform(T0 - 15 * DAY, T0 - 10 * MINUTE), 3)
        created = round(due - rng.uniform(10 * MINUTE, 7 * DAY), 6)
        # The real job runs every 5 seconds.
        executed = round(due + rng.uniform(0.2, 5.0), 6)
        post.update(due_at=due, executed_at=executed)
    elif status == "scheduled":
        low, high = {"hour": (MINUTE, HOUR), "day": (HOUR, DAY), "weeks": (DAY, 15 * DAY)}[horizon]
        # People pick a minute, not a millisecond.
        post["due_at"] = math.ceil((T0 + rng.uniform(low, high)) / MINUTE) * MINUTE
        created = round(T0 - rng.uniform(5 * MINUTE, 14 * DAY), 6)
    else:
        created = round(T0 - rng.uniform(5 * MINUTE, 30 * DAY), 6)
    edited_by = post["due_at"] if post["executed_at"] is not None else T0
    updated = round(rng.uniform(created, edited_by), 6) if rng.random() < 0.3 else created
    post.update(created_at=created, updated_at=updated)
    if status == "published":
        post.update(_published(post, page))
    elif status == "failed":
        post.update(_failed(post, _failure(rng, page), post["executed_at"]))
    return post


def _failure(rng: random.Random, page: Record) -> str:
    if page["failure"] is not None:
        return str(page["failure"])
    choices = INSTAGRAM_FAILURES if page["platform"] == "instagram" else FACEBOOK_FAILURES
    return rng.choice(choices)


def _scenario(bundled: Record, description: str, posts: list[Record]) -> Record:
    data = {"format": bundled["format"], "description": description}
    for key, value in bundled.items():
        if key not in ("format", "description", "social_posts"):
            data[key] = copy.deepcopy(value)
    data["social_posts"] = copy.deepcopy(posts)
    return data


SCENARIOS: dict[str, Callable[[Record], Record]] = {
    "empty": empty, "busy": busy, "disconnected": disconnected,
}


def render(data: Record) -> str:
    """As fixtures/social-posts.json is written: 2-space indent, a final newline."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if a scenario file differs from its output")
    parser.add_argument("--fixtures", type=Path, default=FIXTURES_PATH)
    parser.add_argument("--out", type=Path, default=SCENARIOS_DIR)
    args = parser.parse_args(argv)
    bundled = load_fixtures(args.fixtures)
    stale = []
    for name, make in SCENARIOS.items():
        path = args.out / f"{name}.json"
        text = render(make(bundled))
        if args.check:
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                stale.append(path)
        else:
            args.out.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}")
    for path in stale:
        print(f"{path} is stale: run scripts/make_scenarios.py", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
