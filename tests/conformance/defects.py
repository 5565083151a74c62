"""Deliberately defective implementations of the Social Post API, for the proof of power.

Each ``Defect`` is the mock (a fresh ``create_app(Settings(db_path=None))``) behind a small ASGI
wrapper that breaks exactly one documented behaviour of ``openapi.yaml``, the way a real
implementation plausibly could: a parameter validated but not applied, a counter that is never
decremented, an error handler of the wrong framework. ``conform`` must exit 1 on every one of them
and name the broken behaviour (``expect``).

The wrappers buffer the whole exchange (``Exchange``/``Answer``), so a defect reads as what it
does to a request or a response: ``handle`` gets the request and returns the answer, usually by
``forward``-ing a (changed) request to the mock and changing what comes back. Defects of reads
first forward the request unchanged and return the mock's answer when that is not a 200, so that
validation (400, 401, 403, 404) stays exactly the mock's; only the behaviour named breaks.
"""

from __future__ import annotations

import asyncio
import html
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from socialpost.server import paths
from socialpost.server.app import create_app, open_state
from socialpost.server.config import Settings
from socialpost.server.handlers import posts
from socialpost.server.publishing.clock import iso
from socialpost.server.store import Store
from socialpost.server.store.fixtures import load_fixtures

SETTINGS = Settings(db_path=None)
ASSOCIATIONS = ",".join(posts.ASSOCIATIONS)
ASSOCIATION_KEYS = ("template_instance", "asset", "owner")

_LIST = re.compile(r"^/brands/(?P<brand>[^/]+)/social-posts$")
_STATS = re.compile(r"^/brands/(?P<brand>[^/]+)/social-posts/stats$")
_POST = re.compile(r"^/brands/(?P<brand>[^/]+)/social-posts/(?P<post>(?!stats$)[^/]+)$")

Pairs = list[tuple[str, str]]
Stored = Mapping[str, Any]  # a record as the mock's store returns it (read-only)


# -- the buffered exchange ------------------------------------------------------------------------


@dataclass(frozen=True)
class Exchange:
    """A whole HTTP request as the wrapper received it."""

    scope: Scope
    body: bytes = b""

    @property
    def method(self) -> str:
        return str(self.scope["method"]).upper()

    @property
    def path(self) -> str:
        return str(self.scope["path"])

    def route(self, kind: str) -> dict[str, str] | None:
        """The path parameters when the path is the API's ``list``, ``stats`` or ``post`` path."""
        pattern = {"list": _LIST, "stats": _STATS, "post": _POST}[kind]
        match = pattern.match(self.path)
        return None if match is None else match.groupdict()

    def with_path(self, path: str) -> Exchange:
        scope = {**self.scope, "path": path, "raw_path": path.encode("latin-1")}
        return replace(self, scope=scope)

    def header(self, name: str) -> str | None:
        wanted = name.lower().encode("latin-1")
        for key, value in self.scope["headers"]:
            if key.lower() == wanted:
                return bytes(value).decode("latin-1")
        return None

    def with_header(self, name: str, value: str | None) -> Exchange:
        """The request with header ``name`` set to ``value`` (or removed, for None)."""
        wanted = name.lower().encode("latin-1")
        headers = [(k, v) for k, v in self.scope["headers"] if k.lower() != wanted]
        if value is not None:
            headers.append((wanted, value.encode("latin-1")))
        return replace(self, scope={**self.scope, "headers": headers})

    @property
    def token(self) -> str | None:
        """The bearer token sent, if the ``Authorization`` header is a bearer one."""
        auth = self.header("authorization")
        if auth is None or not auth.lower().startswith("bearer "):
            return None
        return auth[len("bearer ") :].strip()

    # query parameters (latin-1 both ways keeps every byte as it was sent, as the mock does)

    @property
    def params(self) -> Pairs:
        query: bytes = self.scope.get("query_string", b"")
        return parse_qsl(query.decode("latin-1"), keep_blank_values=True, encoding="latin-1")

    def param(self, name: str) -> str | None:
        return next((v for k, v in self.params if k in (name, f"{name}[]")), None)

    def with_params(self, pairs: Pairs) -> Exchange:
        query = urlencode(pairs, encoding="latin-1").encode("latin-1")
        return replace(self, scope={**self.scope, "query_string": query})

    def without(self, *names: str) -> Exchange:
        """The request without the query parameters ``names`` (either array spelling)."""
        drop = {*names, *(f"{n}[]" for n in names)}
        return self.with_params([(k, v) for k, v in self.params if k not in drop])

    def setting(self, name: str, value: str) -> Exchange:
        """The request with query parameter ``name`` set to ``value`` (replacing any)."""
        return self.with_params([*self.without(name).params, (name, value)])

    # body

    def json(self) -> Any:
        try:
            return json.loads(self.body)
        except ValueError:
            return None

    def with_json(self, body: Any) -> Exchange:
        data = json.dumps(body).encode()
        exchange = replace(self, body=data)
        return exchange.with_header("content-length", str(len(data)))


@dataclass
class Answer:
    """A whole HTTP response as the mock gave it (or as a defect makes it up)."""

    status: int
    headers: list[tuple[bytes, bytes]] = field(default_factory=list)
    body: bytes = b""

    @classmethod
    def of_json(cls, status: int, body: Any, content_type: str = "application/json") -> Answer:
        answer = cls(status, [(b"content-type", content_type.encode())])
        answer.set_body(json.dumps(body).encode())
        return answer

    @property
    def content_type(self) -> str:
        for key, value in self.headers:
            if key.lower() == b"content-type":
                return value.decode("latin-1")
        return ""

    def set_header(self, name: str, value: str | None) -> None:
        wanted = name.lower().encode("latin-1")
        self.headers = [(k, v) for k, v in self.headers if k.lower() != wanted]
        if value is not None:
            self.headers.append((wanted, value.encode("latin-1")))

    def set_body(self, body: bytes) -> None:
        self.body = body
        self.set_header("content-length", str(len(body)))

    def json(self) -> Any:
        """The body as JSON, or None when it is not JSON."""
        if "json" not in self.content_type or not self.body:
            return None
        try:
            return json.loads(self.body)
        except ValueError:
            return None

    def set_json(self, body: Any) -> None:
        self.set_body(json.dumps(body).encode())

    def posts(self) -> list[dict[str, Any]]:
        """The posts of a 200 list, create or update answer (a list's ``data``, else ``data``)."""
        body = self.json()
        if self.status != 200 or not isinstance(body, dict):
            return []
        data = body.get("data")
        if isinstance(data, list):
            return [p for p in data if isinstance(p, dict)]
        return [data] if isinstance(data, dict) else []

    def edit_posts(self, edit: Callable[[dict[str, Any]], None]) -> None:
        """Apply ``edit`` to every post of the answer, in place, and re-encode the body."""
        body = self.json()
        if self.status != 200 or not isinstance(body, dict):
            return
        data = body.get("data")
        for post in data if isinstance(data, list) else [data]:
            if isinstance(post, dict):
                edit(post)
        self.set_json(body)


# -- the wrapper --------------------------------------------------------------------------------


class Defective:
    """The mock behind one defect: an ASGI app. Subclasses override ``handle``."""

    def __init__(self) -> None:
        self.state = open_state(SETTINGS)
        self.store = self.state.store
        self.mock: ASGIApp = create_app(SETTINGS, self.state)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":  # lifespan: the mock's own
            await self.mock(scope, receive, send)
            return
        body = b""
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            if not message.get("more_body", False):
                break
        answer = await self.handle(Exchange(scope, body))
        await send(
            {"type": "http.response.start", "status": answer.status, "headers": answer.headers}
        )
        await send({"type": "http.response.body", "body": answer.body})

    async def handle(self, request: Exchange) -> Answer:
        return await self.forward(request)

    async def forward(self, request: Exchange) -> Answer:
        """What the mock answers to ``request``, buffered."""
        answer = Answer(500)
        done = asyncio.Event()
        sent = False

        async def receive() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": request.body, "more_body": False}
            await done.wait()
            return {"type": "http.disconnect"}

        async def send(message: Message) -> None:
            if message["type"] == "http.response.start":
                answer.status = message["status"]
                answer.headers = [(bytes(k), bytes(v)) for k, v in message.get("headers", [])]
            elif message["type"] == "http.response.body":
                answer.body += message.get("body", b"")
                if not message.get("more_body", False):
                    done.set()

        await self.mock(request.scope, receive, send)
        done.set()
        return answer

    async def read_as(self, request: Exchange, variant: Exchange) -> Answer:
        """The mock's answer to ``variant``, once it has answered ``request`` itself with 200.

        For defects of reads: the request is validated and authorized exactly as the mock does,
        and only then answered wrongly.
        """
        answer = await self.forward(request)
        if answer.status != 200:
            return answer
        return await self.forward(variant)

    def stored(self, post_id: str) -> Stored | None:
        """The stored post, deleted or not."""
        return self.store.post(post_id)


def _int(value: str | None, default: int) -> int | None:
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        return None


def window(answer: Answer, keep: Callable[[dict[str, Any]], bool], start: int, limit: int) -> None:
    """Rewrite a complete list answer to the posts ``keep`` accepts, windowed, with its info."""
    body = answer.json()
    if answer.status != 200 or not isinstance(body, dict):
        return
    matching = [p for p in body["data"] if keep(p)]
    page = matching[start : start + limit]
    body["data"] = page
    body["info"] = {"count": len(page), "total": len(matching)}
    answer.set_json(body)


class Refiltered(Defective):
    """A list computed in the wrapper: the mock's complete list for ``superset``, then ``keep``."""

    def applies(self, request: Exchange) -> bool:
        raise NotImplementedError

    def superset(self, request: Exchange) -> Exchange:
        return request

    def keep(self, post: dict[str, Any]) -> bool:
        raise NotImplementedError

    async def handle(self, request: Exchange) -> Answer:
        if request.method != "GET" or request.route("list") is None or not self.applies(request):
            return await self.forward(request)
        start = _int(request.param("start"), 0)
        limit = _int(request.param("limit"), 100)
        # The largest page the contract allows: enough for every brand this gallery serves.
        complete = self.superset(request).without("start").setting("limit", "1000")
        answer = await self.read_as(request, complete)
        if start is not None and limit is not None:
            window(answer, self.keep, start, limit)
        return answer


# -- list parameters ------------------------------------------------------------------------------


class LimitIgnored(Defective):
    async def handle(self, request: Exchange) -> Answer:
        if request.method == "GET" and request.route("list") and request.param("limit"):
            return await self.read_as(request, request.without("limit"))
        return await self.forward(request)


class StartIgnored(Defective):
    async def handle(self, request: Exchange) -> Answer:
        if request.method == "GET" and request.route("list") and request.param("start"):
            return await self.read_as(request, request.without("start"))
        return await self.forward(request)


class StartAsPageNumber(Defective):
    """``start`` read as a page number: the offset is ``start * limit``."""

    async def handle(self, request: Exchange) -> Answer:
        start = _int(request.param("start"), 0)
        limit = _int(request.param("limit"), 100)
        if request.method == "GET" and request.route("list") and start and limit:
            offset = str(min(start * limit, 1_000_000_000))
            return await self.read_as(request, request.setting("start", offset))
        return await self.forward(request)


class UserFilterIgnored(Defective):
    async def handle(self, request: Exchange) -> Answer:
        if request.method == "GET" and request.route("list") and request.param("user"):
            return await self.read_as(request, request.without("user"))
        return await self.forward(request)


class VideoFilterIgnored(Defective):
    async def handle(self, request: Exchange) -> Answer:
        if request.method == "GET" and request.route("list") and request.param("video"):
            return await self.read_as(request, request.without("video"))
        return await self.forward(request)


class VideoFalseDropsAssetPosts(Refiltered):
    """``video=false`` joins the templates table: asset posts (no template) fall out."""

    def applies(self, request: Exchange) -> bool:
        return (request.param("video") or "").lower() == "false"

    def keep(self, post: dict[str, Any]) -> bool:
        stored = self.stored(post["id"])
        return stored is not None and stored.get("template_instance") is not None


class MediumsIgnored(Defective):
    async def handle(self, request: Exchange) -> Answer:
        if request.method == "GET" and request.route("list") and request.param("mediums"):
            return await self.read_as(request, request.without("mediums"))
        return await self.forward(request)


class MediumsFirstOnly(Defective):
    """``mediums`` read with a single-value getter: only the first medium filters."""

    async def handle(self, request: Exchange) -> Answer:
        first = request.param("mediums")
        if request.method == "GET" and request.route("list") and first is not None:
            return await self.read_as(request, request.setting("mediums", first))
        return await self.forward(request)


class OrderIgnored(Defective):
    async def handle(self, request: Exchange) -> Answer:
        if request.method == "GET" and request.route("list") and request.param("order"):
            return await self.read_as(request, request.without("order"))
        return await self.forward(request)


class OrderDirectionIgnored(Defective):
    """The ``-`` prefix is stripped: every order is ascending."""

    async def handle(self, request: Exchange) -> Answer:
        order = request.param("order") or ""
        if request.method == "GET" and request.route("list") and order.startswith("-"):
            return await self.read_as(request, request.setting("order", order.lstrip("-")))
        return await self.forward(request)


def _takes_associations(request: Exchange) -> bool:
    return (request.method in ("GET", "POST") and request.route("list") is not None) or (
        request.method == "PUT" and request.route("post") is not None
    )


class AssociationsAlwaysIncluded(Defective):
    async def handle(self, request: Exchange) -> Answer:
        if _takes_associations(request) and request.param("associations") is None:
            return await self.forward(request.setting("associations", ASSOCIATIONS))
        return await self.forward(request)


class AssociationsNeverExpanded(Defective):
    """``associations`` is validated, then never expanded."""

    async def handle(self, request: Exchange) -> Answer:
        answer = await self.forward(request)
        if _takes_associations(request):
            answer.edit_posts(_unexpand)
        return answer


def _unexpand(post: dict[str, Any]) -> None:
    for key in ASSOCIATION_KEYS:
        post.pop(key, None)


class ExecutedExcludesFailed(Refiltered):
    """``status=executed`` lists only published posts (``post_link`` set), not failed ones."""

    def applies(self, request: Exchange) -> bool:
        return request.param("status") == "executed"

    def keep(self, post: dict[str, Any]) -> bool:
        return post.get("failed_at") is None


class ScheduledIncludesDrafts(Refiltered):
    """``status=scheduled`` means "not executed": drafts (no ``due_at``) count too."""

    def applies(self, request: Exchange) -> bool:
        return request.param("status") == "scheduled"

    def superset(self, request: Exchange) -> Exchange:
        return request.setting("status", "any")

    def keep(self, post: dict[str, Any]) -> bool:
        return post.get("executed_at") is None

    async def handle(self, request: Exchange) -> Answer:
        if request.method == "GET" and request.route("stats") and self.applies(request):
            answer = await self.forward(request)
            drafts = (await self.forward(request.setting("status", "draft"))).json()
            counts = answer.json()
            if answer.status == 200 and isinstance(counts, dict) and isinstance(drafts, dict):
                for medium, count in drafts.items():
                    if medium != "type":
                        counts[medium] = str(int(counts.get(medium, "0")) + int(count))
                answer.set_json(counts)
            return answer
        return await super().handle(request)


# -- paging arithmetic ----------------------------------------------------------------------------


class InfoRewrite(Defective):
    def info(self, info: dict[str, Any]) -> None:
        raise NotImplementedError

    async def handle(self, request: Exchange) -> Answer:
        answer = await self.forward(request)
        body = answer.json()
        if request.method == "GET" and request.route("list") and answer.status == 200:
            self.info(body["info"])
            answer.set_json(body)
        return answer


class TotalIsPageSize(InfoRewrite):
    def info(self, info: dict[str, Any]) -> None:
        info["total"] = info["count"]


class CountIsTotal(InfoRewrite):
    def info(self, info: dict[str, Any]) -> None:
        info["count"] = info["total"]


# -- stats ----------------------------------------------------------------------------------------


class StatsCountsAsNumbers(Defective):
    async def handle(self, request: Exchange) -> Answer:
        answer = await self.forward(request)
        counts = answer.json()
        if request.route("stats") and answer.status == 200 and isinstance(counts, dict):
            answer.set_json({k: v if k == "type" else int(v) for k, v in counts.items()})
        return answer


class StatsIgnoreStatus(Defective):
    async def handle(self, request: Exchange) -> Answer:
        if request.method == "GET" and request.route("stats") and request.param("status"):
            return await self.read_as(request, request.without("status"))
        return await self.forward(request)


def _status_of(post: Stored) -> str:
    if post.get("executed_at") is not None:
        return "executed"
    return "scheduled" if post.get("due_at") is not None else "draft"


class StatsCountDeleted(Defective):
    """Stats are counters kept per medium: a create counts up, a delete never counts down."""

    def __init__(self) -> None:
        super().__init__()
        self.deleted: list[Stored] = []

    async def handle(self, request: Exchange) -> Answer:
        route = request.route("post")
        if request.method == "DELETE" and route:
            before = self.stored(route["post"])
            answer = await self.forward(request)
            if answer.status == 204 and before is not None:
                self.deleted.append(before)
            return answer
        answer = await self.forward(request)
        stats = request.route("stats")
        counts = answer.json()
        if stats and answer.status == 200 and isinstance(counts, dict):
            status, user = request.param("status") or "any", request.param("user")
            for post in self.deleted:
                if (
                    post["brand"] == stats["brand"]
                    and status in ("any", _status_of(post))
                    and user in (None, post["created_by"])
                ):
                    medium = posts.medium_of(post, self.store)
                    if medium is not None:
                        counts[medium] = str(int(counts.get(medium, "0")) + 1)
            answer.set_json(counts)
        return answer


# -- create and update ----------------------------------------------------------------------------


class CreateAnswers201(Defective):
    async def handle(self, request: Exchange) -> Answer:
        answer = await self.forward(request)
        if request.method == "POST" and request.route("list") and answer.status == 200:
            answer.status = 201
        return answer


class DueAtWholeSeconds(Defective):
    """``due_at`` is stored in an integer column: milliseconds are lost."""

    async def handle(self, request: Exchange) -> Answer:
        answer = await self.forward(request)

        def truncate(post: dict[str, Any]) -> None:
            if isinstance(post.get("due_at"), float):
                post["due_at"] = int(post["due_at"])

        if request.route("list") or request.route("post"):
            answer.edit_posts(truncate)
        return answer


class CreatedByIsBrand(Defective):
    """``created_by`` is filled from the wrong variable: the brand's id, not the user's."""

    async def handle(self, request: Exchange) -> Answer:
        answer = await self.forward(request)
        route = request.route("list")
        if request.method == "POST" and route and answer.status == 200:
            brand = route["brand"]

            def misattribute(post: dict[str, Any]) -> None:
                self.store.update_post(post["id"], {"created_by": brand})
                post["created_by"] = brand
                if "owner" in post:
                    post["owner"] = None

            answer.edit_posts(misattribute)
        return answer


class UpdateClearsUnsentDueAt(Defective):
    """An update assigns ``due_at = body.get("due_at")``: not sending it makes a draft."""

    async def handle(self, request: Exchange) -> Answer:
        body = request.json()
        if (
            request.method == "PUT"
            and request.route("post")
            and isinstance(body, dict)
            and body
            and "due_at" not in body
        ):
            return await self.forward(request.with_json({**body, "due_at": None}))
        return await self.forward(request)


class UpdateCaptionNotSaved(Defective):
    """The update echoes the new caption but leaves it out of what it stores."""

    async def handle(self, request: Exchange) -> Answer:
        route = request.route("post")
        body = request.json()
        if request.method != "PUT" or not route or not isinstance(body, dict):
            return await self.forward(request)
        before = self.stored(route["post"])
        answer = await self.forward(request)
        if answer.status == 200 and before is not None and "caption" in body:
            self.store.update_post(route["post"], {"caption": before.get("caption")})
        return answer


class UpdateOfExecutedPostSucceeds(Defective):
    """The update never checks whether the publishing job already executed the post."""

    async def handle(self, request: Exchange) -> Answer:
        answer = await self.forward(request)
        route = request.route("post")
        if request.method != "PUT" or not route or answer.status not in (403, 409):
            return answer
        stored = self.stored(route["post"])
        if stored is None or stored.get("executed_at") is None:
            return answer
        executed = {k: stored.get(k) for k in ("executed_at", "post_link", "failed_at", "failure")}
        self.store.update_post(stored["id"], {"executed_at": None})
        try:
            answer = await self.forward(request)
        finally:
            self.store.update_post(stored["id"], executed)
        answer.edit_posts(lambda post: post.update(executed))
        return answer


# -- delete and unknown posts ----------------------------------------------------------------------


class DeleteAnswers200WithBody(Defective):
    async def handle(self, request: Exchange) -> Answer:
        answer = await self.forward(request)
        if request.method == "DELETE" and request.route("post") and answer.status == 204:
            return Answer.of_json(200, {"code": "OK"})
        return answer


class DeleteNotPersisted(Defective):
    """The delete answers 204 but its change is never committed."""

    async def handle(self, request: Exchange) -> Answer:
        answer = await self.forward(request)
        route = request.route("post")
        if request.method == "DELETE" and route and answer.status == 204:
            self.store.update_post(route["post"], {"deleted_at": None})
        return answer


def _is_deleted_post_of(stored: Stored | None, brand: str) -> bool:
    return stored is not None and stored["brand"] == brand and stored["deleted_at"] is not None


class SecondDeleteAnswers204(Defective):
    """Deleting an already deleted post is treated as done (idempotent) instead of 404."""

    async def handle(self, request: Exchange) -> Answer:
        answer = await self.forward(request)
        route = request.route("post")
        if request.method == "DELETE" and route and answer.status == 404:
            if _is_deleted_post_of(self.stored(route["post"]), route["brand"]):
                return Answer(204)
        return answer


class UpdateOfDeletedPostSucceeds(Defective):
    """The update looks the post up without the ``deleted_at IS NULL`` condition."""

    async def handle(self, request: Exchange) -> Answer:
        answer = await self.forward(request)
        route = request.route("post")
        if request.method != "PUT" or not route or answer.status != 404:
            return answer
        stored = self.stored(route["post"])
        if stored is None or not _is_deleted_post_of(stored, route["brand"]):
            return answer
        self.store.update_post(stored["id"], {"deleted_at": None})
        try:
            answer = await self.forward(request)
        finally:
            self.store.update_post(stored["id"], {"deleted_at": stored["deleted_at"]})
        answer.edit_posts(lambda post: post.update(deleted_at=stored["deleted_at"]))
        return answer


class UnknownPostAnswers500(Defective):
    """An unknown post id is dereferenced anyway: 500 instead of 404."""

    async def handle(self, request: Exchange) -> Answer:
        answer = await self.forward(request)
        route = request.route("post")
        if (
            request.method in ("PUT", "DELETE")
            and route
            and answer.status == 404
            and self.store.get("brands", route["brand"]) is not None
            and self.stored(route["post"]) is None
        ):
            problem = {
                "type": "about:blank",
                "title": "Internal Server Error",
                "status": 500,
                "detail": "'NoneType' object is not subscriptable",
            }
            return Answer.of_json(500, problem, "application/problem+json")
        return answer


# -- credentials and brand access ------------------------------------------------------------------


class MissingCredentialsAccepted(Defective):
    """A development fallback left on: no ``Authorization`` header means the default user."""

    async def handle(self, request: Exchange) -> Answer:
        if request.header("authorization") is None:
            request = request.with_header("authorization", "Bearer test-token")
        return await self.forward(request)


class UnknownTokenAccepted(Defective):
    """The token is decoded but never verified: any non-empty bearer token is the default user."""

    async def handle(self, request: Exchange) -> Answer:
        token = request.token
        if token and self.store.user_for_token(token) is None:
            request = request.with_header("authorization", "Bearer test-token")
        return await self.forward(request)


class ForeignBrandReadable(Defective):
    """Reads skip the membership check: they run as a member of the brand asked for."""

    def __init__(self) -> None:
        super().__init__()
        tokens: dict[str, str] = load_fixtures(paths.FIXTURES_PATH)["tokens"]
        self.token_of = {user: token for token, user in tokens.items()}

    async def handle(self, request: Exchange) -> Answer:
        route = request.route("list") or request.route("stats")
        user = self.store.user_for_token(request.token or "")
        brand = self.store.get("brands", route["brand"]) if route else None
        if request.method == "GET" and user and brand and user not in brand["members"]:
            member = next((m for m in brand["members"] if m in self.token_of), None)
            if member is not None:
                request = request.with_header("authorization", f"Bearer {self.token_of[member]}")
        return await self.forward(request)


class ForeignBrandWritable(Defective):
    """Writes authorize against the brand of the page (create) or of the post (update, delete)
    instead of the brand in the path: a write through a foreign brand's path goes through."""

    async def handle(self, request: Exchange) -> Answer:
        if request.method not in ("POST", "PUT", "DELETE"):
            return await self.forward(request)
        route = request.route("list") if request.method == "POST" else request.route("post")
        user = self.store.user_for_token(request.token or "")
        path_brand = self.store.get("brands", route["brand"]) if route else None
        if route is None or user is None or path_brand is None or user in path_brand["members"]:
            return await self.forward(request)
        body = request.json()
        if request.method == "POST":
            page = body.get("facebook_page") if isinstance(body, dict) else None
            owner = self.store.get("facebook_pages", page) if isinstance(page, str) else None
        else:
            owner = self.stored(route["post"])
        owning = self.store.get("brands", owner["brand"]) if owner else None
        if owning is None or user not in owning["members"]:
            return await self.forward(request)
        return await self.forward(request.with_path(
            request.path.replace(f"/brands/{route['brand']}/", f"/brands/{owning['id']}/", 1)
        ))


# -- status codes and content types of errors ------------------------------------------------------


class ErrorsAsTextPlain(Defective):
    """Errors rendered by the framework's default handler: plain text."""

    async def handle(self, request: Exchange) -> Answer:
        answer = await self.forward(request)
        problem = answer.json()
        if answer.status >= 400 and isinstance(problem, dict):
            answer.set_header("content-type", "text/plain; charset=utf-8")
            answer.set_body(f"{problem.get('title')}: {problem.get('detail')}".encode())
        return answer


class ErrorsWithoutMessage(Defective):
    """Errors rendered by a framework's default JSON handler: ``{"error": "Not Found"}``, no
    readable message (neither a problem document nor the real server's ``{http, message, code}``;
    a problem labelled ``application/json`` is acceptable since issue 10, so that is no longer a
    defect)."""

    async def handle(self, request: Exchange) -> Answer:
        answer = await self.forward(request)
        problem = answer.json()
        if answer.status >= 400 and isinstance(problem, dict):
            answer.set_header("content-type", "application/json")
            answer.set_json({"error": problem.get("title")})
        return answer


class BadRequestAs422(Defective):
    """Invalid requests answered 422 Unprocessable Entity (another framework's habit), not 400."""

    async def handle(self, request: Exchange) -> Answer:
        answer = await self.forward(request)
        problem = answer.json()
        if answer.status == 400 and isinstance(problem, dict):
            answer.status = 422
            answer.set_json({**problem, "status": 422, "title": "Unprocessable Entity"})
        return answer


# -- the post's schema ---------------------------------------------------------------------------


class PostEdit(Defective):
    """Every post of every answer goes through ``edit`` (a serializer's defect)."""

    def edit(self, post: dict[str, Any]) -> None:
        raise NotImplementedError

    async def handle(self, request: Exchange) -> Answer:
        answer = await self.forward(request)
        if request.route("list") or request.route("post"):
            answer.edit_posts(self.edit)
        return answer


class TypeMisspelt(PostEdit):
    def edit(self, post: dict[str, Any]) -> None:
        post["type"] = "SocialPost"


class TimestampsAsIsoStrings(PostEdit):
    def edit(self, post: dict[str, Any]) -> None:
        for key in ("created_at", "updated_at"):
            if isinstance(post.get(key), int | float):
                post[key] = iso(post[key])


class FailedAtAsEpoch(PostEdit):
    def edit(self, post: dict[str, Any]) -> None:
        if isinstance(post.get("failed_at"), str):
            moment = datetime.fromisoformat(post["failed_at"].replace("Z", "+00:00"))
            post["failed_at"] = moment.timestamp()


class NullsOmitted(PostEdit):
    """The serializer drops null fields (``exclude_none``)."""

    def edit(self, post: dict[str, Any]) -> None:
        for key in [k for k, v in post.items() if v is None]:
            del post[key]


class AssociationBareIds(PostEdit):
    """Associations not asked for are shown as the bare ids of the row, not left out."""

    def edit(self, post: dict[str, Any]) -> None:
        stored = self.stored(str(post.get("id")))
        for key in ("template_instance", "asset"):
            if stored is not None and key not in post:
                post[key] = stored.get(key)


class FailureMessageDropped(PostEdit):
    """The publishing job records that a post failed, but not why."""

    def edit(self, post: dict[str, Any]) -> None:
        if post.get("failed_at") is not None:
            post["failure"] = None


# -- issue 10: values kept exactly, nothing else touched, every request form ----------------------
#
# Defects that no check of the suite caught before: each keeps every answer's shape and status,
# and breaks a behaviour every correct implementation has (the document's, or the real server's
# as real-api.md records it), where the suite used to look the other way.


def _is_write(request: Exchange) -> bool:
    """A create (POST on the list path) or an update (PUT on a post's path)."""
    return (request.method == "POST" and request.route("list") is not None) or (
        request.method == "PUT" and request.route("post") is not None
    )


class CaptionRewrite(Defective):
    """The caption of a create or an update goes through ``rewrite`` before it is stored."""

    def rewrite(self, caption: str) -> str | None:
        raise NotImplementedError

    async def handle(self, request: Exchange) -> Answer:
        body = request.json()
        if _is_write(request) and isinstance(body, dict) and isinstance(body.get("caption"), str):
            request = request.with_json({**body, "caption": self.rewrite(body["caption"])})
        return await self.forward(request)


class CaptionWhitespaceTrimmed(CaptionRewrite):
    """A form-handling habit: leading and trailing whitespace of the caption is stripped."""

    def rewrite(self, caption: str) -> str | None:
        return caption.strip()


class CaptionAstralReplaced(CaptionRewrite):
    """A 3-byte UTF-8 column (MySQL's ``utf8``): characters outside the BMP (emoji, CJK
    extension B, plane-14 tags) become U+FFFD."""

    def rewrite(self, caption: str) -> str | None:
        return "".join("\ufffd" if ord(c) > 0xFFFF else c for c in caption)


class CaptionFormatCharactersStripped(CaptionRewrite):
    """An "invisible characters" sanitizer: format characters (ZWJ, plane-14 tags, bidi marks)
    and variation selectors are removed, breaking emoji sequences and flags."""

    def rewrite(self, caption: str) -> str | None:
        return "".join(
            c for c in caption
            if unicodedata.category(c) != "Cf"
            and not 0xFE00 <= ord(c) <= 0xFE0F
            and not 0xE0100 <= ord(c) <= 0xE01EF
        )


class CaptionTruncated(CaptionRewrite):
    """A ``VARCHAR(2000)`` column that truncates silently: longer captions lose their end."""

    def rewrite(self, caption: str) -> str | None:
        return caption[:2000]


class CaptionHtmlEscaped(CaptionRewrite):
    """Output escaping done on input: ``<``, ``>``, ``&`` and quotes are stored as entities."""

    def rewrite(self, caption: str) -> str | None:
        return html.escape(caption, quote=True)


class CaptionNfcNormalized(CaptionRewrite):
    """The caption is NFC-normalized: combining sequences (``e`` + U+0301) are composed."""

    def rewrite(self, caption: str) -> str | None:
        return unicodedata.normalize("NFC", caption)


class CaptionLineEndingsNormalized(CaptionRewrite):
    """CR LF line endings are rewritten to LF (a text-mode habit)."""

    def rewrite(self, caption: str) -> str | None:
        return caption.replace("\r\n", "\n")


class EmptyCaptionBecomesNull(Defective):
    """The persistence layer writes ``caption or None``: an empty caption is stored as null."""

    async def handle(self, request: Exchange) -> Answer:
        answer = await self.forward(request)
        body = request.json()
        if _is_write(request) and isinstance(body, dict) and body.get("caption") == "":

            def nullify(post: dict[str, Any]) -> None:
                self.store.update_post(post["id"], {"caption": None})
                post["caption"] = None

            answer.edit_posts(nullify)
        return answer


class DueAtClampedAt2038(Defective):
    """``due_at`` kept in a signed 32-bit epoch column: later instants saturate at 2038-01-19."""

    LARGEST = float(2**31 - 1)

    async def handle(self, request: Exchange) -> Answer:
        body = request.json()
        due_at = body.get("due_at") if isinstance(body, dict) else None
        if (
            _is_write(request)
            and isinstance(due_at, int | float)
            and not isinstance(due_at, bool)
            and due_at > self.LARGEST
        ):
            request = request.with_json({**body, "due_at": self.LARGEST})
        return await self.forward(request)


class UpdateClearsUnsentCaption(Defective):
    """An update assigns ``caption = body.get("caption")``: not sending it erases the caption."""

    async def handle(self, request: Exchange) -> Answer:
        answer = await self.forward(request)
        body = request.json()
        if (
            request.method == "PUT" and request.route("post") and answer.status == 200
            and isinstance(body, dict) and "caption" not in body
        ):

            def erase(post: dict[str, Any]) -> None:
                self.store.update_post(post["id"], {"caption": None})
                post["caption"] = None

            answer.edit_posts(erase)
        return answer


class UpdateRestampsCreatedAt(Defective):
    """An update writes every timestamp column: ``created_at`` becomes the update's instant."""

    async def handle(self, request: Exchange) -> Answer:
        answer = await self.forward(request)
        if request.method == "PUT" and request.route("post") and answer.status == 200:

            def restamp(post: dict[str, Any]) -> None:
                if isinstance(post.get("updated_at"), int | float):
                    self.store.update_post(post["id"], {"created_at": post["updated_at"]})
                    post["created_at"] = post["updated_at"]

            answer.edit_posts(restamp)
        return answer


def _others_of_the_author(store: Store, post: Stored) -> list[Stored]:
    """The author's other live posts in the post's brand."""
    return [
        p for p in store.posts_of_brand(post["brand"])
        if p["id"] != post["id"] and p["created_by"] == post["created_by"]
        and p.get("deleted_at") is None
    ]


class UpdateWritesEveryPostOfTheAuthor(Defective):
    """The update's ``WHERE id = ?`` is lost: the caption sent lands on every unexecuted post of
    the post's author in the brand (the answer shows only the post asked for)."""

    async def handle(self, request: Exchange) -> Answer:
        answer = await self.forward(request)
        route = request.route("post")
        body = request.json()
        if (
            request.method != "PUT" or not route or answer.status != 200
            or not isinstance(body, dict) or "caption" not in body
        ):
            return answer
        stored = self.stored(route["post"])
        if stored is not None:
            for other in _others_of_the_author(self.store, stored):
                if other.get("executed_at") is None:
                    self.store.update_post(other["id"], {"caption": body["caption"]})
        return answer


class DeleteRemovesEveryPostOfTheAuthor(Defective):
    """The delete's ``WHERE id = ?`` is lost: every post of the post's author in the brand is
    soft-deleted with it."""

    async def handle(self, request: Exchange) -> Answer:
        route = request.route("post")
        if request.method != "DELETE" or not route:
            return await self.forward(request)
        answer = await self.forward(request)
        stored = self.stored(route["post"])
        if answer.status == 204 and stored is not None:
            for other in _others_of_the_author(self.store, stored):
                self.store.update_post(other["id"], {"deleted_at": stored["deleted_at"]})
        return answer


class OtherMembersDeleteSucceeds(Defective):
    """The delete checks brand membership only: any member deletes any member's post (the
    document's user, the real server and the mock all let only the post's creator delete)."""

    def __init__(self) -> None:
        super().__init__()
        tokens: dict[str, str] = load_fixtures(paths.FIXTURES_PATH)["tokens"]
        self.token_of = {user: token for token, user in tokens.items()}

    async def handle(self, request: Exchange) -> Answer:
        answer = await self.forward(request)
        route = request.route("post")
        if request.method != "DELETE" or not route or answer.status not in (401, 403):
            return answer
        user = self.store.user_for_token(request.token or "")
        brand = self.store.get("brands", route["brand"])
        stored = self.stored(route["post"])
        if (
            user is None or brand is None or user not in brand["members"] or stored is None
            or stored["brand"] != route["brand"] or stored["deleted_at"] is not None
            or stored["created_by"] not in self.token_of
        ):
            return answer
        creator = self.token_of[stored["created_by"]]
        return await self.forward(request.with_header("authorization", f"Bearer {creator}"))


class UpdateOfExecutedPostAnswers200Unchanged(Defective):
    """An update of an executed post is ignored but answered 200 with the post as it is: the
    client believes its change was made. (Caught before; kept so that accepting 403 as well as
    409 never lets a 2xx through.)"""

    async def handle(self, request: Exchange) -> Answer:
        answer = await self.forward(request)
        route = request.route("post")
        if request.method != "PUT" or not route or answer.status not in (403, 409):
            return answer
        stored = self.stored(route["post"])
        if stored is None or stored.get("executed_at") is None:
            return answer
        path = request.path.rsplit("/", 1)[0]
        listing = (
            Exchange({**request.scope, "method": "GET"}).with_path(path)
            .with_header("content-length", None).with_header("content-type", None)
        ).with_params(
            [(k, v) for k, v in request.params if k.startswith("associations")]
            + [("status", "executed"), ("limit", "1000")]
        )
        post = next((p for p in (await self.forward(listing)).posts()
                     if p.get("id") == stored["id"]), None)
        return answer if post is None else Answer.of_json(200, {"code": "OK", "data": post})


class OwnerIsTheAuthor(PostEdit):
    """``owner`` expands ``created_by``, not the user who connected the post's page (whose
    credentials publish it): a page connected by a colleague shows the wrong owner."""

    def edit(self, post: dict[str, Any]) -> None:
        owner = post.get("owner")
        author = self.store.get("users", str(post.get("created_by")))
        if isinstance(owner, dict) and author is not None and owner.get("id") != author["id"]:
            shown = posts.user_view(author, self.state.clock.now())
            post["owner"] = shown


# lists: a filter lost only in company, paging before filtering


class TotalIgnoresUserFilter(Defective):
    """``info.total`` comes from a count query built without the ``user`` condition."""

    async def handle(self, request: Exchange) -> Answer:
        answer = await self.forward(request)
        if request.method != "GET" or not request.route("list") or not request.param("user"):
            return answer
        body = answer.json()
        unfiltered = (await self.forward(request.without("user"))).json()
        if answer.status == 200 and isinstance(body, dict) and isinstance(unfiltered, dict):
            body["info"]["total"] = unfiltered["info"]["total"]
            answer.set_json(body)
        return answer


class VideoIgnoredWithMediums(Defective):
    """``video`` and ``mediums`` each filter alone; together, ``mediums`` replaces ``video``'s
    condition (a query builder's ``where`` overwritten)."""

    async def handle(self, request: Exchange) -> Answer:
        if (
            request.method == "GET" and request.route("list")
            and request.param("video") is not None and request.param("mediums") is not None
        ):
            return await self.read_as(request, request.without("video"))
        return await self.forward(request)


class WindowBeforeStatusFilter(Defective):
    """``start``/``limit`` window the brand's posts in SQL and ``status`` filters the page in the
    application: pages of a filtered list come back short or empty (``info.total`` is right)."""

    async def handle(self, request: Exchange) -> Answer:
        status = request.param("status")
        start = _int(request.param("start"), 0)
        limit = _int(request.param("limit"), 100)
        if (
            request.method != "GET" or request.route("list") is None
            or status not in ("executed", "scheduled", "draft")
            or start is None or limit is None
        ):
            return await self.forward(request)
        complete = request.setting("status", "any").without("start").setting("limit", "1000")
        answer = await self.read_as(request, complete)
        body = answer.json()
        if answer.status == 200 and isinstance(body, dict):
            everything = body["data"]
            page = [p for p in everything[start : start + limit] if _status_of(p) == status]
            body["data"] = page
            body["info"] = {"count": len(page),
                            "total": sum(1 for p in everything if _status_of(p) == status)}
            answer.set_json(body)
        return answer


class OrderIgnoredWithStatus(Defective):
    """``order`` sorts the whole list, but a ``status`` filter runs its own query with the
    default order (``created_at`` ascending)."""

    async def handle(self, request: Exchange) -> Answer:
        if (
            request.method == "GET" and request.route("list") and request.param("order")
            and request.param("status") in ("executed", "scheduled", "draft")
        ):
            return await self.read_as(request, request.without("order"))
        return await self.forward(request)


class MediumFrozenAtCreate(Defective):
    """A post's medium is a column written at create and never refreshed: after an update
    switches the source (an Email asset to a Social template instance), ``mediums`` and stats
    still file the post under its old medium."""

    def __init__(self) -> None:
        super().__init__()
        self.frozen: dict[str, str | None] = {}

    def medium(self, post: Mapping[str, Any]) -> str | None:
        post_id = str(post.get("id"))
        if post_id in self.frozen:
            return self.frozen[post_id]
        stored = self.stored(post_id)
        return None if stored is None else posts.medium_of(stored, self.store)

    async def handle(self, request: Exchange) -> Answer:
        if request.method == "POST" and request.route("list"):
            answer = await self.forward(request)
            for post in answer.posts():
                stored = self.stored(str(post.get("id")))
                if stored is not None:
                    self.frozen[stored["id"]] = posts.medium_of(stored, self.store)
            return answer
        if request.method == "GET" and request.route("list") and request.param("mediums"):
            asked = {v for k, v in request.params if k in ("mediums", "mediums[]")}
            start = _int(request.param("start"), 0)
            limit = _int(request.param("limit"), 100)
            complete = request.without("mediums", "start").setting("limit", "1000")
            answer = await self.read_as(request, complete)
            if start is not None and limit is not None:
                window(answer, lambda p: self.medium(p) in asked, start, limit)
            return answer
        stats = request.route("stats")
        if request.method == "GET" and stats:
            answer = await self.forward(request)
            counts = answer.json()
            if answer.status != 200 or not isinstance(counts, dict):
                return answer
            listing = request.with_path(request.path.removesuffix("/stats"))
            listed = (await self.forward(listing.setting("limit", "1000"))).json()
            if not isinstance(listed, dict):
                return answer
            tally: dict[str, int] = {}
            for post in listed["data"]:
                medium = self.medium(post)
                if medium is not None:
                    tally[medium] = tally.get(medium, 0) + 1
            answer.set_json({"type": counts.get("type"),
                             **{m: str(n) for m, n in sorted(tally.items())}})
            return answer
        return await self.forward(request)


# brand access through a filter


class ForeignBrandReadableForOwnPosts(Defective):
    """A shortcut for "my own posts": a read with ``user`` = the caller skips the membership
    check, so a brand the caller is not a member of answers 200."""

    def __init__(self) -> None:
        super().__init__()
        tokens: dict[str, str] = load_fixtures(paths.FIXTURES_PATH)["tokens"]
        self.token_of = {user: token for token, user in tokens.items()}

    async def handle(self, request: Exchange) -> Answer:
        route = request.route("list") or request.route("stats")
        user = self.store.user_for_token(request.token or "")
        brand = self.store.get("brands", route["brand"]) if route else None
        if (
            request.method == "GET" and user and brand and user not in brand["members"]
            and request.param("user") == user
        ):
            member = next((m for m in brand["members"] if m in self.token_of), None)
            if member is not None:
                request = request.with_header("authorization", f"Bearer {self.token_of[member]}")
        return await self.forward(request)


# associations in every form, and the nested one


def _associations_asked(request: Exchange) -> list[str]:
    """Every association named, in any form (comma list, repeated keys, brackets)."""
    names: list[str] = []
    for key, value in request.params:
        if key in ("associations", "associations[]"):
            names += [v for v in value.split(",") if v]
    return names


class AssociationsRepeatedKeysLastOnly(Defective):
    """``associations=a&associations=b`` read with a single-value getter: only the last applies
    (openapi-fetch and other query libraries send arrays as repeated keys)."""

    async def handle(self, request: Exchange) -> Answer:
        plain = [(k, v) for k, v in request.params if k == "associations"]
        if _takes_associations(request) and len(plain) > 1:
            kept = [(k, v) for k, v in request.params if k != "associations"] + [plain[-1]]
            request = request.with_params(kept)
        return await self.forward(request)


class AssociationsBracketFormIgnored(Defective):
    """``associations[]=a`` (what the real web app sends) is not read: nothing is expanded."""

    async def handle(self, request: Exchange) -> Answer:
        if _takes_associations(request) and any(k == "associations[]" for k, _ in request.params):
            request = request.with_params([(k, v) for k, v in request.params
                                           if k != "associations[]"])
        return await self.forward(request)


class TemplateAssociationIgnored(Defective):
    """``template_instance.template`` is validated, then never expanded."""

    async def handle(self, request: Exchange) -> Answer:
        answer = await self.forward(request)

        def drop(post: dict[str, Any]) -> None:
            instance = post.get("template_instance")
            if isinstance(instance, dict):
                instance.pop("template", None)

        if _takes_associations(request):
            answer.edit_posts(drop)
        return answer


class TemplateAssociationImpliesInstance(Defective):
    """``template_instance.template`` alone expands the template instance too (the nested
    association is documented to change nothing without ``social_post.template_instance``)."""

    async def handle(self, request: Exchange) -> Answer:
        asked = _associations_asked(request)
        if (
            _takes_associations(request) and "template_instance.template" in asked
            and "social_post.template_instance" not in asked
        ):
            names = ",".join(dict.fromkeys([*asked, "social_post.template_instance"]))
            request = request.with_params(
                [(k, v) for k, v in request.params if k not in ("associations", "associations[]")]
                + [("associations", names)]
            )
        return await self.forward(request)


# -- the gallery ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Defect:
    """One deliberately defective implementation, and what ``conform`` must say about it."""

    name: str
    behaviour: str
    expect: tuple[str, ...]
    build: Callable[[], ASGIApp]

    def __str__(self) -> str:
        return self.name


def _gallery(defects: Iterable[Defect]) -> tuple[Defect, ...]:
    found = tuple(defects)
    names = [d.name for d in found]
    assert len(set(names)) == len(names), "defect names must be unique"
    return found


DEFECTS: tuple[Defect, ...] = _gallery([
    # each list parameter has its documented effect
    Defect("limit_ignored", "`limit` caps the number of posts returned",
           ("limit",), LimitIgnored),
    Defect("start_ignored", "`start` skips that many matching posts",
           ("start",), StartIgnored),
    Defect("start_as_page_number", "`start` is a row offset, not a page number",
           ("start",), StartAsPageNumber),
    Defect("user_filter_ignored", "`user` keeps only that author's posts",
           ("user",), UserFilterIgnored),
    Defect("video_filter_ignored", "`video=true`/`false` keeps only (non-)video posts",
           ("video",), VideoFilterIgnored),
    Defect(
        "video_false_drops_asset_posts",
        "asset posts have no template and count as not video (`video=false` keeps them)",
        ("video",),
        VideoFalseDropsAssetPosts,
    ),
    Defect("mediums_ignored", "`mediums` keeps only posts of the given mediums",
           ("mediums",), MediumsIgnored),
    Defect("mediums_first_only", "repeated `mediums` keys all filter (`mediums=A&mediums=B`)",
           ("mediums",), MediumsFirstOnly),
    Defect("order_ignored", "`order` sorts the list by the given timestamp",
           ("order",), OrderIgnored),
    Defect("order_direction_ignored", "a `-` prefix on `order` sorts descending",
           ("descending",), OrderDirectionIgnored),
    Defect("associations_always_included", "associations not asked for are absent from the post",
           ("association",), AssociationsAlwaysIncluded),
    Defect(
        "associations_never_expanded",
        "each association asked for adds its key (object or null) to every post",
        ("association",),
        AssociationsNeverExpanded,
    ),
    Defect(
        "executed_excludes_failed",
        "`status=executed` includes failed posts (`executed_at` set)",
        ("executed",),
        ExecutedExcludesFailed,
    ),
    Defect(
        "scheduled_includes_drafts",
        "`status=scheduled` is not executed with `due_at` set; drafts are not scheduled",
        ("status",),
        ScheduledIncludesDrafts,
    ),
    # paging arithmetic
    Defect("total_is_page_size", "`info.total` is the number matching before windowing",
           ("info.total",), TotalIsPageSize),
    Defect("count_is_total", "`info.count` is the number of posts returned",
           ("info.count",), CountIsTotal),
    # stats
    Defect("stats_counts_as_numbers", "stats counts are decimal strings",
           ("stats", "string"), StatsCountsAsNumbers),
    Defect("stats_ignore_status", "stats count the same posts as the list for the same `status`",
           ("stats",), StatsIgnoreStatus),
    Defect("stats_count_deleted", "a deleted post disappears from stats",
           ("stats", "delet"), StatsCountDeleted),
    # create and update
    Defect("create_answers_201", "create answers 200 (not 201) with the new post",
           ("201",), CreateAnswers201),
    Defect("due_at_whole_seconds", "`due_at` is kept as sent, with its milliseconds",
           ("due_at",), DueAtWholeSeconds),
    Defect("created_by_is_brand", "`created_by` is the authenticated user",
           ("created_by",), CreatedByIsBrand),
    Defect("update_clears_unsent_due_at", "an update keeps the fields not sent (here `due_at`)",
           ("update", "keep"), UpdateClearsUnsentDueAt),
    Defect("update_caption_not_saved", "an update stores every field sent (read back: `caption`)",
           ("update", "caption"), UpdateCaptionNotSaved),
    Defect("update_of_executed_post_succeeds",
           "an executed post cannot be updated (403, or 409)",
           ("executed",), UpdateOfExecutedPostSucceeds),
    # delete
    Defect("delete_answers_200_with_body", "delete answers 204 with no body",
           ("204",), DeleteAnswers200WithBody),
    Defect("delete_not_persisted", "a deleted post disappears from the list",
           ("deleted", "list"), DeleteNotPersisted),
    Defect("second_delete_answers_204", "a second delete of a post answers 404",
           ("second", "404"), SecondDeleteAnswers204),
    Defect("update_of_deleted_post_succeeds", "an update of a deleted post answers 404",
           ("update", "delete", "404"), UpdateOfDeletedPostSucceeds),
    Defect("unknown_post_answers_500", "an unknown post id answers 404",
           ("unknown", "404"), UnknownPostAnswers500),
    # credentials and brand access
    Defect("missing_credentials_accepted", "a request without a bearer token answers 401",
           ("credentials", "401"), MissingCredentialsAccepted),
    Defect("unknown_token_accepted", "an unknown bearer token answers 401",
           ("token", "401"), UnknownTokenAccepted),
    Defect(
        "foreign_brand_readable",
        "a brand the user is not a member of is refused (403) to reads",
        ("brand", "403"),
        ForeignBrandReadable,
    ),
    Defect(
        "foreign_brand_writable",
        "a write through a brand the user is not a member of is refused (403), whatever it names",
        ("brand", "403"),
        ForeignBrandWritable,
    ),
    # content types and status codes of errors
    Defect("errors_as_text_plain", "errors are application/problem+json documents",
           ("problem+json",), ErrorsAsTextPlain),
    Defect("errors_without_message",
           "errors are JSON carrying a readable message (problem+json or {http, message, code})",
           ("error", "message"), ErrorsWithoutMessage),
    Defect("bad_request_as_422", "an invalid parameter or body answers 400",
           ("422",), BadRequestAs422),
    # the post's schema
    Defect("type_misspelt", "a post's `type` is `social_post`",
           ("type",), TypeMisspelt),
    Defect("timestamps_as_iso_strings", "`created_at`/`updated_at` are epoch seconds (numbers)",
           ("created_at",), TimestampsAsIsoStrings),
    Defect("failed_at_as_epoch", "`failed_at` is an ISO-8601 string",
           ("failed_at",), FailedAtAsEpoch),
    Defect("nulls_omitted", "a post's null fields are present as null",
           ("required",), NullsOmitted),
    Defect(
        "association_bare_ids",
        "a post never carries the bare id of its template instance/asset",
        ("asset",),
        AssociationBareIds,
    ),
    # publishing
    Defect("failure_message_dropped", "a failed post carries the failure message",
           ("failure",), FailureMessageDropped),
    # -- issue 10: defects no check caught before --
    # every value sent comes back exactly (create and update alike)
    Defect("caption_whitespace_trimmed",
           "leading and trailing whitespace of a caption is kept as sent",
           ("caption", "whitespace"), CaptionWhitespaceTrimmed),
    Defect("caption_astral_replaced",
           "characters outside the BMP (emoji, CJK extension B, plane-14 tags) are kept",
           ("caption", "astral"), CaptionAstralReplaced),
    Defect("caption_format_characters_stripped",
           "format characters (ZWJ, tags, bidi marks) and variation selectors are kept",
           ("caption", "format"), CaptionFormatCharactersStripped),
    Defect("caption_truncated", "the longest caption every server allows (2,199) is kept whole",
           ("caption", "longest"), CaptionTruncated),
    Defect("caption_html_escaped", "markup characters (< > & quotes) are kept, not escaped",
           ("caption", "html"), CaptionHtmlEscaped),
    Defect("caption_nfc_normalized", "combining sequences are kept, not normalized",
           ("caption", "combining"), CaptionNfcNormalized),
    Defect("caption_crlf_normalized", "CR LF line endings are kept",
           ("caption", "crlf"), CaptionLineEndingsNormalized),
    Defect("empty_caption_becomes_null", "an empty caption stays an empty string, not null",
           ("caption", "empty"), EmptyCaptionBecomesNull),
    Defect("due_at_clamped_at_2038", "a far-future `due_at` (after 2038) is kept as sent",
           ("due_at", "future"), DueAtClampedAt2038),
    # nothing the request did not ask to change moves
    Defect("update_clears_unsent_caption", "an update keeps the caption when it does not send one",
           ("update", "keep", "caption"), UpdateClearsUnsentCaption),
    Defect("update_restamps_created_at", "an update never moves `created_at`",
           ("update", "created_at"), UpdateRestampsCreatedAt),
    Defect("update_writes_every_post_of_the_author",
           "an update changes only the post it names",
           ("update", "only"), UpdateWritesEveryPostOfTheAuthor),
    Defect("delete_removes_every_post_of_the_author",
           "a delete removes only the post it names",
           ("delete", "only"), DeleteRemovesEveryPostOfTheAuthor),
    Defect("other_members_delete_succeeds",
           "only the post's creator may delete it (another member is refused: 401 or 403)",
           ("delete", "member"), OtherMembersDeleteSucceeds),
    Defect("update_of_executed_post_answers_200_unchanged",
           "an update of an executed post is refused with a 4xx, never a 2xx (even one that "
           "changes nothing)",
           ("executed",), UpdateOfExecutedPostAnswers200Unchanged),
    Defect("owner_is_the_author",
           "`owner` is the user who connected the post's page, the same for every post of a page",
           ("owner", "page"), OwnerIsTheAuthor),
    # every filter in company, paging after filtering
    Defect("total_ignores_user_filter", "`info.total` counts only posts matching `user` too",
           ("info.total", "user"), TotalIgnoresUserFilter),
    Defect("video_ignored_with_mediums", "`video` and `mediums` together keep posts matching both",
           ("video", "mediums"), VideoIgnoredWithMediums),
    Defect("window_before_status_filter",
           "`start`/`limit` window the posts matching `status`, not the brand's posts",
           ("status", "start"), WindowBeforeStatusFilter),
    Defect("order_ignored_with_status", "`order` sorts a list filtered by `status` too",
           ("order", "status"), OrderIgnoredWithStatus),
    Defect("medium_frozen_at_create",
           "a post's medium follows its source: after an update switches it, `mediums` and "
           "stats file the post under the new medium",
           ("medium", "switch"), MediumFrozenAtCreate),
    Defect("foreign_brand_readable_for_own_posts",
           "a brand the user is not a member of is refused even with `user` = the caller",
           ("brand", "user"), ForeignBrandReadableForOwnPosts),
    # associations in every form, and the nested one
    Defect("associations_repeated_keys_last_only",
           "repeated `associations` keys all apply (`associations=a&associations=b`)",
           ("associations", "repeated"), AssociationsRepeatedKeysLastOnly),
    Defect("associations_bracket_form_ignored",
           "the bracket form `associations[]=a` (the real web app's) applies",
           ("associations", "bracket"), AssociationsBracketFormIgnored),
    Defect("template_association_ignored",
           "`template_instance.template` adds the template inside the expanded template instance",
           ("template_instance.template",), TemplateAssociationIgnored),
    Defect("template_association_implies_instance",
           "`template_instance.template` without `social_post.template_instance` changes nothing",
           ("template_instance.template",), TemplateAssociationImpliesInstance),
])
