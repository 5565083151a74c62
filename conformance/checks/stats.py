"""Layer 3: stats count per medium over the list's posts, as strings."""

from __future__ import annotations

import re

from ..context import Context
from ..registry import check
from ..results import CheckFailure

COUNT = re.compile(r"^[1-9][0-9]*$")


@check(
    layer=3,
    contract="Counts are strings, as the document shows; a medium with no post is absent.",
)
def stats_counts_are_strings(ctx: Context) -> None:
    """Stats hold `type: social_post_stats` and a positive decimal string per medium."""
    for query in ({}, {"status": "executed"}):
        answer, stats = ctx.stats(query)
        if stats.get("type") != "social_post_stats":
            raise CheckFailure(f"stats type is {stats.get('type')!r}", exchange=answer)
        for medium, count in stats.items():
            if medium != "type" and not (isinstance(count, str) and COUNT.match(count)):
                raise CheckFailure(
                    f"stats count for {medium} is {count!r}: a positive count as a decimal "
                    "string is expected",
                    exchange=answer,
                )


def _total(stats: dict[str, object]) -> int:
    return sum(int(str(v)) for k, v in stats.items() if k != "type" and str(v).isdigit())


@check(
    layer=3,
    contract="Number of the brand's posts per medium, counted over the same posts the list "
    "returns for the same `user` and `status` (soft-deleted posts excluded).",
)
def stats_agree_with_list_totals(ctx: Context) -> None:
    """For each `status` (and `user`), stats add up to the number of posts the list returns."""
    users = [{}, ctx.mine()] if ctx.profile.user else [{}]
    for user in users:
        for status in ("any", "executed", "scheduled", "draft"):
            query = {**user, "status": status}
            answer, stats = ctx.stats(query)
            listed = ctx.list_all(query)
            if _total(stats) != len(listed):
                shown = "&".join(f"{k}={v}" for k, v in query.items())
                raise CheckFailure(
                    f"stats for {shown} add up to {_total(stats)} but the list returns "
                    f"{len(listed)} post(s)",
                    exchange=answer,
                )
