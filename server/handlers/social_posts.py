"""The five operations of openapi.yaml (its operationIds point here).

Each handler checks access, reads or writes through the ``Store`` under ``atomic()`` (so no
write is half-done and none interleaves with another), and renders with ``handlers.posts``.
"""

from __future__ import annotations

import uuid
from typing import Any

from connexion import request
from starlette.responses import Response as StarletteResponse

from ..errors import Conflict, Forbidden, NotFound
from ..publishing.publisher import settle
from ..state import MockState, state_of
from ..store import Kind, Record, Row, Store
from . import posts

JSON = {"Content-Type": "application/json"}
Response = tuple[Any, int, dict[str, str]]


def _state() -> MockState:
    """The request's mock state, with every post that is due in realtime mode executed.

    The realtime publisher's timer does this too; settling here as well means no answer ever
    shows a post as scheduled after its due time has passed on the clock.
    """
    state = state_of(request)
    if state.clock.mode == "realtime":
        with state.store.atomic():
            settle(state.store, state.clock.now())
    return state


def _author_filter() -> str | None:
    """The `user` query filter, read from the query itself: Connexion passes the authenticated
    user to handlers under the same name, which would shadow it."""
    author: str | None = request.query_params.get("user")
    return author


def _member_brand(store: Store, brand: str, user: str) -> Row:
    """The brand, if the user may reach it; 403 otherwise.

    An unknown brand answers exactly as a brand the user is not a member of (as the real
    server does): the answer never reveals whether a brand exists.
    """
    record = store.get("brands", brand)
    if record is None or user not in record.get("members", []):
        raise Forbidden(f"Access denied: you are not a member of brand {brand}.")
    return record


def _brand_post(store: Store, brand: str, post_id: str) -> Row:
    """A live post of this brand; posts of other brands and deleted ones are not found."""
    post = store.post(post_id)
    if post is None or post["brand"] != brand or post.get("deleted_at") is not None:
        raise NotFound(f"Social post {post_id} does not exist in brand {brand}.")
    return post


_REFERENCES: dict[str, tuple[Kind, str]] = {
    "facebook_page": ("facebook_pages", "facebook page"),
    "template_instance": ("template_instances", "template instance"),
    "asset": ("brand_assets", "brand asset"),
}


def _check_references(store: Store, brand: str, body: Record) -> None:
    """Each page, template instance and asset sent exists, is live and belongs to the brand.

    One that does not exist (or is deleted) is 404. Another brand's Facebook page is 403, as
    on the real server ("Access denied"); another brand's template instance or asset is 404:
    to this brand it does not exist.
    """
    for field, (kind, noun) in _REFERENCES.items():
        ref = body.get(field)
        if ref is None:
            continue
        record = store.get(kind, ref)
        if record is None or record.get("deleted_at") is not None:
            raise NotFound(f"Body field '{field}': {noun} {ref} does not exist.", field=field)
        if record.get("brand") == brand:
            continue
        if field == "facebook_page":
            raise Forbidden(
                f"Body field '{field}': access denied to {noun} {ref}, a page of another brand.",
                field=field,
            )
        raise NotFound(
            f"Body field '{field}': {noun} {ref} does not belong to brand {brand}.",
            field=field,
        )


def _envelope(state: MockState, post: Row, associations: list[str] | None) -> Response:
    shown = posts.render(post, state.store, associations or [], state.clock.now())
    return {"code": "OK", "data": shown}, 200, JSON


async def list_social_posts(
    brand: str,
    token_info: dict[str, Any],
    status: posts.Status = "any",
    start: int = 0,
    limit: int = 100,
    video: bool | None = None,
    mediums: list[str] | None = None,
    order: str = "created_at",
    associations: list[str] | None = None,
) -> Response:
    state = _state()
    store = state.store
    author = _author_filter()
    with store.atomic():
        _member_brand(store, brand, token_info["sub"])
        matching = state.views.matching(store, brand, status=status, author=author, video=video,
                                     mediums=mediums, order=order)
        renderer = posts.Renderer(store, associations or [], state.clock.now())
        data = [renderer.post(p) for p in matching[start : start + limit]]
    info = {"count": len(data), "total": len(matching)}
    return {"code": "OK", "data": data, "info": info}, 200, JSON


async def get_social_post_stats(
    brand: str, token_info: dict[str, Any], status: posts.Status = "any"
) -> Response:
    state = _state()
    store = state.store
    author = _author_filter()
    with store.atomic():
        _member_brand(store, brand, token_info["sub"])
        return state.views.stats(store, brand, status=status, author=author), 200, JSON


async def create_social_post(
    brand: str, body: Record, token_info: dict[str, Any], associations: list[str] | None = None
) -> Response:
    state = _state()
    store = state.store
    with store.atomic():
        _member_brand(store, brand, token_info["sub"])
        _check_references(store, brand, body)
        now = state.clock.now()
        post: Record = {
            "id": str(uuid.uuid4()),
            "brand": brand,
            "created_by": token_info["sub"],
            "caption": body.get("caption"),
            "facebook_page": body["facebook_page"],
            "template_instance": body.get("template_instance"),
            "asset": body.get("asset"),
            "post_link": None,
            "failed_at": None,
            "failure": None,
            "media_container_id": None,
            "type": "social_post",
            "created_at": now,
            "updated_at": now,
            "deleted_at": None,
            "due_at": body.get("due_at"),
            "executed_at": None,
        }
        store.insert_post(post)
        state.changed()
        return _envelope(state, post, associations)


async def update_social_post(
    brand: str,
    socialPostId: str,  # noqa: N803  (the contract's parameter name)
    body: Record,
    token_info: dict[str, Any],
    associations: list[str] | None = None,
) -> Response:
    state = _state()
    store = state.store
    with store.atomic():
        _member_brand(store, brand, token_info["sub"])
        post = _brand_post(store, brand, socialPostId)
        if post.get("executed_at") is not None:
            raise Forbidden(
                f"This post is executed: social post {socialPostId} was already "
                f"{'failed' if post.get('failed_at') else 'published'} and can no longer change."
            )
        _check_references(store, brand, body)
        changes = {**body, "updated_at": state.clock.now()}
        # Sending one source replaces the other: a post has exactly one.
        if body.get("template_instance") is not None:
            changes["asset"] = None
        elif body.get("asset") is not None:
            changes["template_instance"] = None
        merged = {**post, **changes}
        if merged.get("template_instance") is None and merged.get("asset") is None:
            field, other = (("template_instance", "asset") if "template_instance" in body
                            else ("asset", "template_instance"))
            raise Conflict(
                f"Body field '{field}': null would leave the post with neither a template "
                f"instance nor an asset; send '{other}' with it.",
                field=field,
            )
        updated = store.update_post(socialPostId, changes)
        state.changed()
        return _envelope(state, updated, associations)


async def delete_social_post(
    brand: str, socialPostId: str, token_info: dict[str, Any]  # noqa: N803
) -> StarletteResponse:
    state = _state()
    store = state.store
    with store.atomic():
        _member_brand(store, brand, token_info["sub"])
        post = _brand_post(store, brand, socialPostId)
        if post["created_by"] != token_info["sub"]:
            # The 2022 server answers 401 here; browser apps read 401 as a lost session.
            raise Forbidden(
                f"Only the post's author ({post['created_by']}) may delete social post "
                f"{socialPostId}."
            )
        store.update_post(socialPostId, {"deleted_at": state.clock.now()})
        state.changed()
    # A bare 204: Connexion would label an empty answer with the operation's error media type.
    return StarletteResponse(status_code=204)
