"""The five operations of openapi.yaml (its operationIds point here).

Each handler checks access, reads through the ``Store`` under ``reading()`` or writes under
``atomic()`` (so no write is half-done and none interleaves with another), and renders with
``handlers.posts``. The event loop never waits on a disk or a database: writes (whose
``atomic()`` exit waits for the commit) run in a worker thread, and so do reads of a ``shared``
store (each one a round trip); reads of the embedded store stay on the loop, from memory. What
a handler needs of ``request`` is read on the loop and handed to that work. The two hot
operations' logic (``list_posts``, ``create_post``) is also what the fast lane runs
(``http.fastlane``, through ``FAST_LANE``).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from anyio import to_thread
from connexion import request
from starlette.datastructures import QueryParams
from starlette.responses import Response as StarletteResponse

from ..errors import Forbidden
from ..publishing.publisher import settle
from ..state import MockState, state_of
from ..store import Record, Row, Store
from . import checks, posts

JSON = {"Content-Type": "application/json"}
Response = tuple[Any, int, dict[str, str]]
T = TypeVar("T")


async def _settle(state: MockState) -> MockState:
    """``state``, with every post that is due in realtime mode executed.

    The realtime publisher's timer does this too; settling here as well means no answer ever
    shows a post as scheduled after its due time has passed on the clock.
    """
    if state.clock.mode == "realtime":
        store, clock = state.store, state.clock

        def run() -> None:
            with store.atomic():  # a shared store catches up here: the clock's instant too
                settle(store, clock.now())

        await to_thread.run_sync(run)
    return state


async def _state() -> MockState:
    """The request's mock state, settled (``_settle``)."""
    return await _settle(state_of(request))


async def _read(store: Store, work: Callable[[], T]) -> T:
    """Read work: inline from memory when that means no wait (the embedded store's always; a
    shared store's once this request caught up with it and no other thread holds it:
    ``Store.try_reading``), else in a worker thread."""
    if not store.shared:
        return work()
    with store.try_reading() as now:
        if now:
            return work()
    return await to_thread.run_sync(work)


async def _write(state: MockState, work: Callable[[], T]) -> T:
    """Write work, in a worker thread (its commit waits on the disk or the database); on a
    shared store with the write work of the requests writing at the same time, in one batch."""
    result: T = await (state.writes(work) if state.store.shared else to_thread.run_sync(work))
    state.changed()  # on the loop: the publisher's wake-up event is not thread-safe
    return result


def _author_filter() -> str | None:
    """The `user` query filter, read from the query itself: Connexion passes the authenticated
    user to handlers under the same name, which would shadow it. Parsed from the raw query
    string (validated already): Connexion's ``query_params`` resolves every parameter again."""
    author: str | None = QueryParams(request.scope["query_string"]).get("user")
    return author


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
    return await list_posts(state_of(request), token_info["sub"], brand, author=_author_filter(),
                            status=status, start=start, limit=limit, video=video,
                            mediums=mediums, order=order, associations=associations)


async def list_posts(
    state: MockState,
    user: str,
    brand: str,
    *,
    author: str | None = None,
    status: posts.Status = "any",
    start: int = 0,
    limit: int = 100,
    video: bool | None = None,
    mediums: list[str] | None = None,
    order: str = "created_at",
    associations: list[str] | None = None,
) -> Response:
    """listSocialPosts for a request already authenticated (``user``) and validated."""
    await _settle(state)
    store, clock = state.store, state.clock

    def work() -> Response:
        with store.reading():
            now = clock.now()
            checks.member_brand(store, brand, user)
            matching = state.views.matching(store, brand, status=status, author=author,
                                         video=video, mediums=mediums, order=order)
            renderer = posts.Renderer(store, associations or [], now,
                                      state.views.shown(store, now))
            data = renderer.window(matching, start, start + limit)
        info = {"count": len(data), "total": len(matching)}
        return {"code": "OK", "data": data, "info": info}, 200, JSON

    return await _read(store, work)


async def get_social_post_stats(
    brand: str, token_info: dict[str, Any], status: posts.Status = "any"
) -> Response:
    state = await _state()
    store, user = state.store, token_info["sub"]
    author = _author_filter()

    def work() -> Response:
        with store.reading():
            checks.member_brand(store, brand, user)
            return state.views.stats(store, brand, status=status, author=author), 200, JSON

    return await _read(store, work)


async def create_social_post(
    brand: str, body: Record, token_info: dict[str, Any], associations: list[str] | None = None
) -> Response:
    return await create_post(state_of(request), token_info["sub"], brand, body, associations)


async def create_post(
    state: MockState, user: str, brand: str, body: Record, associations: list[str] | None = None
) -> Response:
    """createSocialPost for a request already authenticated (``user``) and validated.

    Every check (membership, references) runs before the insert, in one ``atomic()``: a
    refusal writes nothing.
    """
    await _settle(state)
    store, clock = state.store, state.clock

    def work() -> Response:
        with store.atomic():
            checks.member_brand(store, brand, user)
            checks.check_references(store, brand, body)
            now = clock.now()
            post: Record = {
                "id": str(uuid.uuid4()),
                "brand": brand,
                "created_by": user,
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
            return _envelope(state, post, associations)

    return await _write(state, work)


async def update_social_post(
    brand: str,
    socialPostId: str,  # noqa: N803  (the contract's parameter name)
    body: Record,
    token_info: dict[str, Any],
    associations: list[str] | None = None,
) -> Response:
    state = await _state()
    store, user, clock = state.store, token_info["sub"], state.clock

    def work() -> Response:
        with store.atomic():
            checks.member_brand(store, brand, user)
            post = checks.brand_post(store, brand, socialPostId)
            if post.get("executed_at") is not None:
                raise Forbidden(
                    f"This post is executed: social post {socialPostId} was already "
                    f"{'failed' if post.get('failed_at') else 'published'} and can no longer "
                    "change."
                )
            checks.check_references(store, brand, body)
            updated = store.update_post(socialPostId, checks.changes(post, body, clock.now()))
            return _envelope(state, updated, associations)

    return await _write(state, work)


async def delete_social_post(
    brand: str, socialPostId: str, token_info: dict[str, Any]  # noqa: N803
) -> StarletteResponse:
    state = await _state()
    store, user, clock = state.store, token_info["sub"], state.clock

    def work() -> None:
        with store.atomic():
            checks.member_brand(store, brand, user)
            post = checks.brand_post(store, brand, socialPostId)
            if post["created_by"] != user:
                # The 2022 server answers 401 here; browser apps read 401 as a lost session.
                raise Forbidden(
                    f"Only the post's author ({post['created_by']}) may delete social post "
                    f"{socialPostId}."
                )
            store.update_post(socialPostId, {"deleted_at": clock.now()})

    await _write(state, work)
    # A bare 204: Connexion would label an empty answer with the operation's error media type.
    return StarletteResponse(status_code=204)


# The fast lane's entry points (``http.fastlane``, wired by the app factory): the same logic as
# the handlers above, for a request the lane authenticated and validated itself. ``parameters``
# are by the contract's names, defaults filled in, as Connexion would pass them.
async def _fast_list(state: MockState, user: str, parameters: dict[str, Any],
                     body: Any) -> Response:
    arguments = dict(parameters)
    brand, author = arguments.pop("brand"), arguments.pop("user", None)
    return await list_posts(state, user, brand, author=author, **arguments)


async def _fast_create(state: MockState, user: str, parameters: dict[str, Any],
                       body: Any) -> Response:
    return await create_post(state, user, parameters["brand"], body,
                             parameters.get("associations"))


FAST_LANE = {"listSocialPosts": _fast_list, "createSocialPost": _fast_create}
