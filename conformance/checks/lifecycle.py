"""Layer 2: scenarios that write, then read the state back through the list and stats."""

from __future__ import annotations

from typing import Any

from ..choices import status_choice
from ..context import Context
from ..posts import same_instant
from ..registry import check
from ..results import CheckFailure, CheckSkipped

_DELETE_CONTRACT = (
    "Soft-deletes the post (`deleted_at` is set): it disappears from lists and stats, and a "
    "second delete or any update answers 404."
)


def _listed(ctx: Context, post_id: str, query: dict[str, Any] | None = None) -> bool:
    return any(p.get("id") == post_id for p in ctx.list_all({**ctx.mine(), **(query or {})}))


@check(
    layer=2,
    contract="The brand's posts that match every filter given, ordered by `order`, windowed by "
    "`start`/`limit`.",
    writes=True,
)
def created_post_is_listed(ctx: Context) -> None:
    """A created post is listed with the values it was created with, under its status."""
    sent_due = ctx.future(40, 123)
    post = ctx.create_post("listed after create", "asset", due_at=sent_due)
    listing = ctx.list_all({**ctx.mine(), "status": "scheduled"})
    shown = next((p for p in listing if p.get("id") == post["id"]), None)
    if shown is None:
        raise CheckFailure(f"created post {post['id']} is missing from the list (status=scheduled)",
                           exchange=listing.exchange)
    for name in ("caption", "facebook_page", "created_by", "due_at", "created_at"):
        equal = (same_instant(shown.get(name), post.get(name)) if name.endswith("_at")
                 else shown.get(name) == post.get(name))
        if not equal:
            raise CheckFailure(
                f"the list shows {name} {shown.get(name)!r} for post {post['id']}; the create "
                f"answered {post.get(name)!r}",
                exchange=listing.exchange,
            )


@check(
    layer=2,
    contract="Fields sent replace the stored ones; fields not sent are kept.",
    writes=True,
)
def updated_post_is_read_back(ctx: Context) -> None:
    """After an update, the list shows the new values and keeps the others."""
    post = ctx.create_post("read back after update", due_at=ctx.future(41, 234))
    caption, due_at = ctx.caption("read back, updated"), ctx.future(42, 345)
    answer = ctx.update(post["id"], {"caption": caption, "due_at": due_at})
    if answer.status != 200:
        raise CheckFailure(f"the update answered {answer.status}, expected 200", exchange=answer)
    listing = ctx.list_all(ctx.mine())
    shown = next((p for p in listing if p.get("id") == post["id"]), None)
    if shown is None:
        raise CheckFailure(f"updated post {post['id']} is missing from the list",
                           exchange=listing.exchange)
    if shown.get("caption") != caption or not same_instant(shown.get("due_at"), due_at):
        raise CheckFailure(
            f"after the update the list shows caption {shown.get('caption')!r}, due_at "
            f"{shown.get('due_at')!r}; sent {caption!r}, {due_at!r}",
            exchange=listing.exchange,
        )
    if shown.get("facebook_page") != post.get("facebook_page"):
        raise CheckFailure(f"the update (page not sent) changed facebook_page to "
                           f"{shown.get('facebook_page')!r}", exchange=listing.exchange)


def _deleted_post(ctx: Context, label: str) -> dict[str, Any]:
    post = ctx.create_post(label, "asset", query={"associations": "social_post.asset"},
                           due_at=ctx.future(43, 456))
    answer = ctx.delete(post["id"])
    if answer.status not in (200, 204):
        raise CheckFailure(f"deleting post {post['id']} answered {answer.status}, expected 204",
                           exchange=answer)
    return post


@check(layer=2, contract="Answers 204 with no body.", writes=True)
def delete_answers_204_without_body(ctx: Context) -> None:
    """Deleting a post answers 204 with an empty body."""
    post = ctx.create_post("deleted with 204", due_at=ctx.future(44, 567))
    answer = ctx.delete(post["id"])
    if answer.status != 204 or answer.response_body.strip():
        raise CheckFailure(
            f"deleting post {post['id']} answered {answer.status} with a "
            f"{len(answer.response_body)}-byte body; 204 with no body is documented",
            exchange=answer,
        )


@check(layer=2, contract=_DELETE_CONTRACT, writes=True)
def deleted_post_leaves_the_list(ctx: Context) -> None:
    """A deleted post is no longer listed, under any status."""
    post = _deleted_post(ctx, "gone from the list")
    for query in ({}, {"status": "scheduled"}, {"status": "any"}):
        if _listed(ctx, post["id"], query):
            raise CheckFailure(f"deleted post {post['id']} is still listed",
                               exchange=ctx.client.exchanges[-1])


@check(layer=2, contract=_DELETE_CONTRACT, writes=True)
def deleted_post_leaves_the_stats(ctx: Context) -> None:
    """Deleting a post lowers the stats count of its medium by one."""
    post = ctx.create_post("gone from the stats", "asset",
                           query={"associations": "social_post.asset"}, due_at=ctx.future(45, 678))
    asset = post.get("asset")
    medium = asset.get("medium") if isinstance(asset, dict) else None
    if not isinstance(medium, str):
        raise CheckSkipped("the created asset post does not show its asset's medium")
    query = {**ctx.mine(), "status": "scheduled"}
    _, before = ctx.stats(query)
    answer = ctx.delete(post["id"])
    if answer.status not in (200, 204):
        raise CheckFailure(f"deleting post {post['id']} answered {answer.status}", exchange=answer)
    after_answer, after = ctx.stats(query)
    was, now = int(str(before.get(medium, "0"))), int(str(after.get(medium, "0")))
    if now != was - 1:
        raise CheckFailure(
            f"stats for {medium} went from {was} to {now} when post {post['id']} was deleted; "
            "one less is expected",
            exchange=after_answer,
        )


@check(layer=2, contract=_DELETE_CONTRACT, writes=True)
def second_delete_is_404(ctx: Context) -> None:
    """Deleting an already deleted post answers 404."""
    post = _deleted_post(ctx, "deleted twice")
    answer = ctx.delete(post["id"])
    status_choice(ctx, answer, decision="a second delete", mock=404, acceptable=(404, 410),
                  what=f"the second delete of post {post['id']}")


@check(layer=2, contract=_DELETE_CONTRACT, writes=True)
def update_after_delete_is_404(ctx: Context) -> None:
    """Updating a deleted post answers 404."""
    post = _deleted_post(ctx, "updated after delete")
    answer = ctx.update(post["id"], {"caption": ctx.caption("updated after delete")})
    status_choice(ctx, answer, decision="an update of a deleted post", mock=404,
                  acceptable=(404, 410), what=f"updating deleted post {post['id']}")
