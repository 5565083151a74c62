"""Layer 3: credentials and brand membership are enforced, for reads and writes alike."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

from ..choices import status_choice
from ..context import Context, json_or_none
from ..registry import check
from ..results import CheckFailure, CheckSkipped
from ..target.http import Exchange


def _every_operation(
    ctx: Context, brand: str, token: str | None | bool, post_id: str | None
) -> Iterator[tuple[str, Exchange]]:
    """The five operations on ``brand`` (writes only outside --read-only) with ``token``."""
    posts = f"/brands/{brand}/social-posts"
    yield "GET list", ctx.client.get(posts, token=token)
    yield "GET stats", ctx.client.get(f"{posts}/stats", token=token)
    if ctx.profile.user and brand != ctx.profile.brand:
        # "My own posts" must not be a way around the membership check.
        mine = {"user": ctx.profile.user}
        yield f"GET list with user={ctx.profile.user}", ctx.client.get(posts, mine, token=token)
        yield (f"GET stats with user={ctx.profile.user}",
               ctx.client.get(f"{posts}/stats", mine, token=token))
    if ctx.read_only or post_id is None:
        return
    body = ctx.body("refused create")
    answer = ctx.client.request("POST", posts, json_body=body, token=token)
    ctx.ledger.record_response(answer.status, json_or_none(answer))
    yield "POST create", answer
    update = {"caption": ctx.caption("refused update")}
    yield "PUT update", ctx.client.request("PUT", f"{posts}/{post_id}", json_body=update,
                                           token=token)
    yield "DELETE", ctx.client.request("DELETE", f"{posts}/{post_id}", token=token)


def _victim(ctx: Context) -> str | None:
    """A post of ours that refused writes aim at (None in --read-only)."""
    if ctx.read_only:
        return None
    return str(ctx.create_post("refused writes target", due_at=ctx.future(30, 111))["id"])


def _still_there(ctx: Context, post_id: str | None, why: str) -> None:
    if post_id is None:
        return
    listing = ctx.list_all(ctx.mine())
    post = next((p for p in listing if p.get("id") == post_id), None)
    if post is None:
        raise CheckFailure(f"post {post_id} is gone after {why}", exchange=listing.exchange)
    if "refused update" in str(post.get("caption")):
        raise CheckFailure(f"post {post_id} was updated by {why}", exchange=listing.exchange)


_AUTH_CONTRACT = (
    "**Authentication** is a bearer token (`Authorization: Bearer <token>`); a missing, empty "
    "or unknown token answers 401."
)


@check(layer=3, contract=_AUTH_CONTRACT)
def missing_credentials_are_401(ctx: Context) -> None:
    """Every operation without an Authorization header answers 401 and changes nothing."""
    victim = _victim(ctx)
    for operation, answer in _every_operation(ctx, ctx.profile.brand, None, victim):
        if answer.status != 401:
            raise CheckFailure(f"{operation} without credentials answered {answer.status}, "
                               "expected 401", exchange=answer)
    _still_there(ctx, victim, "requests without credentials")


@check(layer=3, contract=_AUTH_CONTRACT)
def invalid_credentials_are_401(ctx: Context) -> None:
    """Every operation with an unknown or empty bearer token answers 401 and changes nothing."""
    victim = _victim(ctx)
    for token in (f"conform-invalid-{ctx.run_id}", ""):
        for operation, answer in _every_operation(ctx, ctx.profile.brand, token, victim):
            if answer.status != 401:
                raise CheckFailure(
                    f"{operation} with bearer token {token!r} answered {answer.status}, "
                    "expected 401",
                    exchange=answer,
                )
    _still_there(ctx, victim, "requests with invalid credentials")


_BRAND_CONTRACT = (
    "An unknown brand and a brand the user is not a member of both answer 403 (existence is not "
    "revealed; reads and writes alike)"
)


@check(layer=3, contract=_BRAND_CONTRACT)
def foreign_brand_is_refused(ctx: Context) -> None:
    """A brand the token cannot reach refuses reads and writes (403, or 404) and changes nothing."""
    foreign = ctx.profile.foreign_brand
    if foreign is None:
        raise CheckSkipped("the profile names no foreign_brand")
    victim = _victim(ctx)
    for operation, answer in _every_operation(ctx, foreign, True, victim):
        status_choice(ctx, answer, decision="a brand the user is not a member of", mock=403,
                      acceptable=(403, 404),
                      what=f"{operation} on foreign brand {foreign}")
    _still_there(ctx, victim, "writes through a foreign brand's path")


@check(layer=3, contract=_BRAND_CONTRACT)
def unknown_brand_is_refused(ctx: Context) -> None:
    """A brand id that does not exist never answers 2xx: 403 (or 404) to reads and creates."""
    unknown = str(uuid.uuid4())
    for path in (f"/brands/{unknown}/social-posts", f"/brands/{unknown}/social-posts/stats"):
        answer = ctx.client.get(path)
        status_choice(ctx, answer, decision="an unknown brand", mock=403, acceptable=(403, 404),
                      what=f"GET {path} (unknown brand {unknown})")
    if ctx.read_only:
        return
    answer = ctx.client.request("POST", f"/brands/{unknown}/social-posts",
                                json_body=ctx.body("unknown brand"))
    ctx.ledger.record_response(answer.status, json_or_none(answer))
    status_choice(ctx, answer, decision="an unknown brand", mock=403, acceptable=(403, 404),
                  what=f"a create in unknown brand {unknown}")


@check(
    layer=3,
    writes=True,
    contract="Only a post's creator may delete it; another member gets 403.",
)
def delete_by_another_member_is_refused(ctx: Context) -> None:
    """Another member of the brand cannot delete a post (403, or 401 or 404); it stays listed."""
    member = ctx.profile.member_token
    if member is None:
        raise CheckSkipped("the profile names no member_token (another member of the brand)")
    post = ctx.create_post("delete by another member", due_at=ctx.future(31, 222))
    answer = ctx.client.request("DELETE", ctx.post_path(post["id"]), token=member)
    if 200 <= answer.status < 300:
        ctx.ledger.mark_deleted(post["id"])
    status_choice(ctx, answer, decision="a delete by a member who did not create the post",
                  mock=403, acceptable=(401, 403, 404), what="a delete by another member")
    _still_there(ctx, post["id"], "another member's delete")
