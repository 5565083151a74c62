"""What a check works with: the client, the profile, the run's ledger and its own posts."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, cast

from .results import CheckFailure, CheckSkipped, Deviation
from .target.control import MockControl
from .target.http import Client, Exchange, Query
from .target.ledger import Ledger
from .target.profile import Profile

DAY = 86400.0
ALL_ASSOCIATIONS = "social_post.template_instance,social_post.asset,social_post.owner"
LIST_LIMIT = 1000


class Listing(list[dict[str, Any]]):
    """The posts of a (paged-through) list, with the request of its first page."""

    def __init__(self, posts: list[dict[str, Any]], exchange: Exchange) -> None:
        super().__init__(posts)
        self.exchange = exchange


@dataclass
class Corpus:
    """The posts layer 3 reads lists over, created once per run: role -> the post as created."""

    posts: dict[str, dict[str, Any]] = field(default_factory=dict)
    sent: dict[str, dict[str, Any]] = field(default_factory=dict)
    creates: dict[str, Exchange] = field(default_factory=dict)

    def ids(self) -> set[str]:
        return {p["id"] for p in self.posts.values()}


@dataclass
class Context:
    client: Client
    profile: Profile
    ledger: Ledger
    run_id: str
    control: MockControl | None = None
    read_only: bool = False
    corpus: Corpus | None = None
    # The server's idea of now (epoch s), from the first post the run created, and when (this
    # machine's monotonic clock) it was read.
    server_now: float | None = None
    server_now_read: float = 0.0
    # Results a layer's checks share (the publishing scenario), computed once.
    memo: dict[str, Any] = field(default_factory=dict)
    # The deviations the running check recorded (the runner moves them to its result).
    deviations: list[Deviation] = field(default_factory=list)

    @property
    def caption_prefix(self) -> str:
        return f"[socialpost-conform {self.run_id}]"

    def caption(self, label: str) -> str:
        return f"{self.caption_prefix} {label}"

    @property
    def posts_path(self) -> str:
        return f"/brands/{self.profile.brand}/social-posts"

    @property
    def stats_path(self) -> str:
        return f"{self.posts_path}/stats"

    def post_path(self, post_id: str) -> str:
        return f"{self.posts_path}/{post_id}"

    def deviate(
        self, decision: str, *, mock: str, target: str, exchange: Exchange | None = None
    ) -> None:
        """Record an acceptable answer that is not the mock's choice; the check goes on."""
        self.deviations.append(self.deviation(decision, mock=mock, target=target,
                                              exchange=exchange))

    def deviation(
        self, decision: str, *, mock: str, target: str, exchange: Exchange | None = None
    ) -> Deviation:
        return Deviation(
            decision=decision, mock=mock, target=target,
            curl=exchange.curl(self.profile.token) if exchange is not None else None,
            response=exchange.excerpt() if exchange is not None else None,
        )

    # -- writes -------------------------------------------------------------------------------

    def now(self) -> float:
        """The server's now: its mock clock, else the created_at of a draft the run creates."""
        if self.server_now is None and self.control is not None:
            self.server_now = float(self.control.clock()["now"])
            self.server_now_read = time.monotonic()
        if self.server_now is None:
            self.create_post("clock probe")
        if self.server_now is None:
            raise CheckFailure("a created post carries no numeric created_at")
        return self.server_now

    def server_clock(self) -> float:
        """The server's now as it runs on: its reading plus the time elapsed here since then.

        A fresh reading on the mock (its clock may be frozen); this machine's clock in
        --read-only runs that cannot create a post to read it from."""
        if self.control is not None:
            return float(self.control.clock()["now"])
        if self.server_now is None and self.read_only:
            return time.time()
        return self.now() + time.monotonic() - self.server_now_read

    def future(self, days: float, millis: int) -> float:
        """A due_at ``days`` after the server's now, with ``millis`` milliseconds."""
        return float(f"{round(self.now()) + days * DAY:.0f}.{millis:03d}")

    def post_create(self, body: dict[str, Any], query: Query | None = None) -> Exchange:
        """POST a create as given; a 2xx answer's post goes to the ledger at once."""
        answer = self.client.request("POST", self.posts_path, query=query, json_body=body)
        post_id = self.ledger.record_response(answer.status, json_or_none(answer))
        if post_id is not None and self.server_now is None:
            created_at = answer.json()["data"].get("created_at")
            if isinstance(created_at, int | float):
                self.server_now = float(created_at)
                self.server_now_read = time.monotonic()
        return answer

    def body(self, label: str, source: str = "template_instance", **fields: Any) -> dict[str, Any]:
        """A create body on the profile's page, from its template instance or asset."""
        ref = getattr(self.profile, source)
        body: dict[str, Any] = {"facebook_page": self.profile.facebook_page, source: ref,
                                "caption": self.caption(label)}
        body.update(fields)
        return body

    def create_post(
        self, label: str, source: str = "template_instance", query: Query | None = None,
        **fields: Any,
    ) -> dict[str, Any]:
        """Create a post to test on; a create that fails ends the check that needed it."""
        if self.read_only:
            raise CheckSkipped("--read-only: this check writes")
        answer = self.post_create(self.body(label, source, **fields), query)
        post = envelope_post(answer)
        if post is None or not 200 <= answer.status < 300:
            raise CheckFailure(
                "could not create a post to test on: a valid create must answer 200 "
                "with {code: OK, data: post}",
                exchange=answer,
            )
        return post

    def update(self, post_id: str, body: dict[str, Any], query: Query | None = None) -> Exchange:
        return self.client.request("PUT", self.post_path(post_id), query=query, json_body=body)

    def delete(self, post_id: str, token: str | None | bool = True) -> Exchange:
        answer = self.client.request("DELETE", self.post_path(post_id), token=token)
        if answer.status == 204:
            self.ledger.mark_deleted(post_id)
        return answer

    # -- reads --------------------------------------------------------------------------------

    def mine(self) -> dict[str, str]:
        """The ``user`` filter for the token's user, when the profile knows it."""
        return {"user": self.profile.user} if self.profile.user else {}

    def list_page(self, query: Query | None = None) -> tuple[Exchange, dict[str, Any]]:
        """One list request that must answer 200 with a list envelope."""
        answer = self.client.get(self.posts_path, query)
        return answer, expect_list(answer)

    def list_all(self, query: Query | None = None) -> Listing:
        """Every post matching ``query``, reading pages of the largest allowed size."""
        posts: list[dict[str, Any]] = []
        first: Exchange | None = None
        start = 0
        while True:
            # `status=any` said explicitly: a wrong default is list_defaults_are_documented's
            # finding, not every check's.
            answer, body = self.list_page(
                {"status": "any", **(query or {}), "limit": LIST_LIMIT, "start": start}
            )
            first = first or answer
            page = body["data"]
            posts.extend(page)
            start += len(page)
            if len(page) < LIST_LIMIT or start >= body["info"]["total"] or len(posts) > 100_000:
                return Listing(posts, first)

    def find(self, post_id: str, query: Query | None = None) -> dict[str, Any] | None:
        """The post with ``post_id`` as the list shows it (with ``query``), or None."""
        merged = {**self.mine(), **(query or {})}
        return next((p for p in self.list_all(merged) if p.get("id") == post_id), None)

    def stats(self, query: Query | None = None) -> tuple[Exchange, dict[str, Any]]:
        answer = self.client.get(self.stats_path, query)
        if answer.status != 200:
            raise CheckFailure(f"stats answered {answer.status}, expected 200", exchange=answer)
        body = json_or_none(answer)
        if not isinstance(body, dict):
            raise CheckFailure("stats did not answer a JSON object", exchange=answer)
        return answer, body


def json_or_none(answer: Exchange) -> Any:
    try:
        return answer.json()
    except ValueError:
        return None


def envelope_post(answer: Exchange) -> dict[str, Any] | None:
    """``data`` of a ``{code, data}`` envelope, if the answer is one with an id."""
    body = json_or_none(answer)
    data = body.get("data") if isinstance(body, dict) else None
    return data if isinstance(data, dict) and isinstance(data.get("id"), str) else None


def expect_list(answer: Exchange) -> dict[str, Any]:
    """The list envelope, or a failure saying why it is not one."""
    if answer.status != 200:
        raise CheckFailure(f"the list answered {answer.status}, expected 200", exchange=answer)
    body = json_or_none(answer)
    ok = (
        isinstance(body, dict)
        and isinstance(body.get("data"), list)
        and all(isinstance(p, dict) for p in body["data"])
        and isinstance(body.get("info"), dict)
        and isinstance(body["info"].get("count"), int)
        and isinstance(body["info"].get("total"), int)
    )
    if not ok:
        raise CheckFailure(
            "the list did not answer {code, data: [posts], info: {count, total}}", exchange=answer
        )
    return cast(dict[str, Any], body)
