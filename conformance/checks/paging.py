"""Layer 3: `start`/`limit` window the list; `info.count` and `info.total` count as documented."""

from __future__ import annotations

from ..context import Context
from ..posts import ids, shorten
from ..registry import check
from ..results import CheckFailure, CheckSkipped

PAGE = 3


def _enough_posts(ctx: Context, at_least: int) -> list[str]:
    everything = ids(ctx.list_all())
    if len(everything) < at_least:
        raise CheckSkipped(f"the brand lists {len(everything)} post(s); {at_least} are needed")
    return everything


@check(layer=3, contract="Largest number of rows to return.")
def limit_caps_the_page(ctx: Context) -> None:
    """`limit=k` returns at most k posts (exactly k when more match)."""
    everything = _enough_posts(ctx, 3)
    for limit in (1, 2):
        answer, body = ctx.list_page({"limit": limit})
        if len(body["data"]) != limit:
            raise CheckFailure(
                f"limit={limit} returned {len(body['data'])} post(s) while {len(everything)} match",
                exchange=answer,
            )


@check(layer=3, contract="Number of matching rows to skip before returning rows.")
def start_skips_rows(ctx: Context) -> None:
    """`start=n` skips the first n matching posts; a start past the end returns none."""
    everything = _enough_posts(ctx, 3)
    answer, body = ctx.list_page({"start": 1, "limit": 2})
    if ids(body["data"]) != everything[1:3]:
        raise CheckFailure(
            f"start=1&limit=2 returned {shorten(ids(body['data']))}; the 2nd and 3rd posts of "
            f"the list are {shorten(everything[1:3])}",
            exchange=answer,
        )
    answer, body = ctx.list_page({"start": len(everything)})
    if body["data"]:
        raise CheckFailure(
            f"start={len(everything)} (the number of posts) returned {len(body['data'])} post(s)",
            exchange=answer,
        )


@check(
    layer=3,
    contract="The brand's posts that match every filter given, ordered by `order`, windowed by "
    "`start`/`limit`.",
)
def pages_tile_the_list(ctx: Context) -> None:
    """Consecutive `start`/`limit` windows cover the whole list, without gaps or overlaps."""
    everything = _enough_posts(ctx, PAGE + 1)
    seen: list[str] = []
    for start in range(0, len(everything), PAGE):
        answer, body = ctx.list_page({"start": start, "limit": PAGE})
        page = ids(body["data"])
        if page != everything[start:start + PAGE]:
            raise CheckFailure(
                f"start={start}&limit={PAGE} returned {shorten(page)}; the list has "
                f"{shorten(everything[start:start + PAGE])} there (pages seen so far: "
                f"{len(seen)} posts)",
                exchange=answer,
            )
        seen += page
    if seen != everything:
        raise CheckFailure(f"the pages hold {len(seen)} posts, the list {len(everything)}")


@check(layer=3, contract="`info.count` is the number of posts returned")
def info_count_is_the_page_size(ctx: Context) -> None:
    """`info.count` equals the number of posts in `data`."""
    _enough_posts(ctx, 2)
    for query in ({}, {"limit": 1}, {"limit": 2, "start": 1}, {"status": "draft"}):
        answer, body = ctx.list_page(query)
        if body["info"]["count"] != len(body["data"]):
            raise CheckFailure(
                f"info.count is {body['info']['count']} but data holds {len(body['data'])} "
                "post(s)",
                exchange=answer,
            )


@check(layer=3, contract="`info.total` the number matching the filters before windowing.")
def info_total_counts_all_matching(ctx: Context) -> None:
    """`info.total` is the number of posts matching the filters, whatever the window."""
    everything = _enough_posts(ctx, 2)
    for query in ({"limit": 1}, {"limit": 2, "start": 1}, {"start": len(everything)}):
        answer, body = ctx.list_page(query)
        if body["info"]["total"] != len(everything):
            raise CheckFailure(
                f"info.total is {body['info']['total']}; {len(everything)} posts match",
                exchange=answer,
            )
    filters: list[dict[str, str | bool]] = [{"status": s} for s in ("draft", "scheduled",
                                                                    "executed")]
    filters += [{**ctx.mine()}, {**ctx.mine(), "status": "scheduled"}, {"video": False}]
    for wanted in filters:
        if not wanted:
            continue
        matching = ctx.list_all(wanted)
        answer, body = ctx.list_page({**wanted, "limit": 1})
        if body["info"]["total"] != len(matching):
            shown = "&".join(f"{k}={v}" for k, v in wanted.items())
            raise CheckFailure(
                f"with {shown}&limit=1, info.total is {body['info']['total']}; "
                f"{len(matching)} posts match",
                exchange=answer,
            )


@check(
    layer=3,
    contract="The document gives no default or bound; here the default is 100 and the allowed "
    "range 1 to 1000 (outside it: 400, never clamped).",
)
def limit_out_of_range_is_400(ctx: Context) -> None:
    """`limit` outside 1..1000 (and a negative `start`) answer 400, never clamped."""
    for query in ({"limit": 0}, {"limit": 1001}, {"start": -1}):
        answer = ctx.client.get(ctx.posts_path, query)
        sent = "&".join(f"{k}={v}" for k, v in query.items())
        if answer.status != 400:
            raise CheckFailure(f"{sent} answered {answer.status}, expected 400", exchange=answer)
        name = next(iter(query))
        if name not in answer.response_body.decode("utf-8", "replace"):
            raise CheckFailure(f"the 400 for {sent} does not name the parameter '{name}'",
                               exchange=answer)


@check(
    layer=3,
    contract="The brand's posts that match every filter given, ordered by `order`, windowed by "
    "`start`/`limit`.",
)
def filtered_pages_tile_the_filtered_list(ctx: Context) -> None:
    """`start`/`limit` window the posts that match the filters (filtered first, then windowed)."""
    for status in ("draft", "scheduled", "executed"):
        matching = ids(ctx.list_all({"status": status}))
        for start in range(0, min(len(matching), 8), 2):
            answer, body = ctx.list_page({"status": status, "start": start, "limit": 2})
            page = ids(body["data"])
            if page != matching[start:start + 2]:
                raise CheckFailure(
                    f"status={status}&start={start}&limit=2 returned {shorten(page)}; the "
                    f"{status} posts there are {shorten(matching[start:start + 2])} (windowed "
                    "before filtering?)",
                    exchange=answer,
                )
