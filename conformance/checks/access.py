"""Layer 3: credentials and brand membership are enforced, for reads and writes alike."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

from conformance.context import Context, json_or_none
from conformance.http import Exchange
from conformance.registry import check
from conformance.results import CheckFailure, CheckSkipped


def _every_operation(
    ctx: Context, brand: str, token: str | None | bool, post_id: str | None
) -> Iterator[tuple[str, Exchange]]:
    """The five operations on ``brand`` (writes only outside --read-only) with ``token``."""
    posts = f"/brands/{brand}/social-posts"
    yield "GET list", ctx.client.get(posts, token=token)
    yield "GET stats", ctx.client.get(f"{posts}/stats", token=token)
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


@check(
    layer=3,
    contract="a brand the user is not a member of answers 403 (reads and writes alike).",
)
def foreign_brand_is_refused(ctx: Context) -> None:
    """A brand the token cannot reach answers 403 to reads and writes alike."""
    foreign = ctx.profile.foreign_brand
    if foreign is None:
        raise CheckSkipped("the profile names no foreign_brand")
    victim = _victim(ctx)
    for operation, answer in _every_operation(ctx, foreign, True, victim):
        if answer.status != 403:
            raise CheckFailure(f"{operation} on foreign brand {foreign} answered "
                               f"{answer.status}, expected 403", exchange=answer)
    _still_there(ctx, victim, "writes through a foreign brand's path")


@check(layer=3, contract="An unknown brand answers 404;")
def unknown_brand_is_404(ctx: Context) -> None:
    """A brand id that does not exist answers 404 to the list and to stats."""
    unknown = str(uuid.uuid4())
    for path in (f"/brands/{unknown}/social-posts", f"/brands/{unknown}/social-posts/stats"):
        answer = ctx.client.get(path)
        if answer.status != 404:
            raise CheckFailure(f"unknown brand {unknown} answered {answer.status}, expected 404",
                               exchange=answer)
    if ctx.read_only:
        return
    answer = ctx.client.request("POST", f"/brands/{unknown}/social-posts",
                                json_body=ctx.body("unknown brand"))
    ctx.ledger.record_response(answer.status, json_or_none(answer))
    if answer.status != 404:
        raise CheckFailure(f"a create in unknown brand {unknown} answered {answer.status}, "
                           "expected 404", exchange=answer)
