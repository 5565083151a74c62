"""A recording (``proxy --record DIR``) made into a scenario the mock can start from.

The scenario holds what the recorded answers showed, with their ids, as the newest answer showed
it: every post a list, create or update answered (less those deleted with a 204 afterwards),
the template instances, templates, assets and users their associations expanded, and the
brands and pages they name. What no answer showed is made up, and said so here and in the
README:

* a post never shown with its associations has neither a template instance nor an asset (its
  medium is unknown: stats and the ``mediums`` filter leave it out);
* a template instance never shown with its template has none;
* a brand is ``Recorded brand``, its members every user the recording names; a page is a
  Facebook page ``Recorded page``, connected by its posts' owner when one was shown;
* a user never expanded as an owner is ``Recorded user`` in UTC.

Tokens are masked in a recording, so the scenario's are given (``--token NAME=USER``), or
``test-token`` for the user who made the recorded creates (else the most frequent author).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ...server.handlers.posts import POST_FIELDS
from ...server.store.fixtures import FIXTURE_FORMAT
from .observed import json_of
from .recording import body_bytes

DEFAULT_TOKEN = "test-token"
POST_KEYS = (*POST_FIELDS[:5], "template_instance", "asset", *POST_FIELDS[5:])
UNKNOWN = object()


def _ref(value: Any) -> Any:
    """A recorded association as an id: None when the post has none, UNKNOWN when not shown."""
    if isinstance(value, dict):
        return value.get("id")
    return None if value is None else UNKNOWN


@dataclass
class Collected:
    posts: dict[str, dict[str, Any]] = field(default_factory=dict)
    instances: dict[str, dict[str, Any]] = field(default_factory=dict)
    templates: dict[str, dict[str, Any]] = field(default_factory=dict)
    assets: dict[str, dict[str, Any]] = field(default_factory=dict)
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    connected_by: dict[str, str] = field(default_factory=dict)  # page -> owner shown
    creators: Counter[str] = field(default_factory=Counter)
    exchanges: int = 0
    span: list[float] = field(default_factory=list)

    def add(self, exchange: dict[str, Any]) -> None:
        self.exchanges += 1
        if isinstance(exchange.get("at"), int | float):
            self.span.append(float(exchange["at"]))
        operation, status = exchange.get("operation"), exchange.get("status")
        if operation == "deleteSocialPost" and status == 204:
            self.posts.pop(str(exchange.get("path", "")).rstrip("/").rsplit("/", 1)[-1], None)
            return
        body = json_of(body_bytes(exchange.get("response_body")))
        if status != 200 or not isinstance(body, dict):
            return
        if operation == "listSocialPosts" and isinstance(body.get("data"), list):
            for post in body["data"]:
                self.post(post)
        elif operation in ("createSocialPost", "updateSocialPost"):
            self.post(body.get("data"))
            if operation == "createSocialPost" and isinstance(body.get("data"), dict):
                self.creators[str(body["data"].get("created_by"))] += 1

    def post(self, post: Any) -> None:
        if not isinstance(post, dict) or not isinstance(post.get("id"), str):
            return
        before = self.posts.get(post["id"], {})
        kept = {key: post.get(key, before.get(key)) for key in POST_KEYS}
        for key in ("template_instance", "asset"):
            ref = _ref(post[key]) if key in post else UNKNOWN
            kept[key] = before.get(key, UNKNOWN) if ref is UNKNOWN else ref
        self.posts[post["id"]] = kept
        if isinstance(post.get("template_instance"), dict):
            self.instance(post["template_instance"], str(post.get("brand")))
        if isinstance(post.get("asset"), dict):
            self.assets[post["asset"]["id"]] = dict(post["asset"])
        owner = post.get("owner")
        if isinstance(owner, dict) and isinstance(owner.get("id"), str):
            self.users[owner["id"]] = {k: v for k, v in owner.items() if k != "current_time"}
            self.connected_by[str(post.get("facebook_page"))] = owner["id"]

    def instance(self, shown: dict[str, Any], brand: str) -> None:
        template = shown.get("template")
        known = self.instances.get(str(shown.get("id")), {})
        template_id = known.get("template")
        if isinstance(template, dict) and isinstance(template.get("id"), str):
            template_id = template["id"]
            self.templates[template_id] = {k: v for k, v in template.items() if k != "type"}
        rest = {k: v for k, v in shown.items() if k not in ("id", "template")}
        self.instances[str(shown.get("id"))] = {"id": shown.get("id"), "brand": brand,
                                                "template": template_id, **rest}

    def fixture(self, tokens: dict[str, str] | None = None) -> dict[str, Any]:
        posts = [{**p, "template_instance": _known(p["template_instance"]),
                  "asset": _known(p["asset"])} for p in self.posts.values()]
        caller = (self.creators or Counter(str(p.get("created_by")) for p in posts))
        tokens = tokens or ({DEFAULT_TOKEN: caller.most_common(1)[0][0]} if caller else {})
        named = {*tokens.values(), *(str(p.get("created_by")) for p in posts),
                 *self.users, *self.connected_by.values()}
        users = [self.users.get(user) or _made_up_user(user) for user in sorted(named)]
        brands = sorted({str(p.get("brand")) for p in posts})
        pages = sorted({(str(p.get("facebook_page")), str(p.get("brand"))) for p in posts})
        first, last = (min(self.span), max(self.span)) if self.span else (0.0, 0.0)
        return {
            "format": FIXTURE_FORMAT,
            "description": (
                f"Recorded through socialpost proxy: {self.exchanges} exchanges from {first:.3f} "
                f"to {last:.3f} (epoch seconds); {len(posts)} posts, {len(self.instances)} "
                f"template instances, {len(self.assets)} assets, {len(pages)} pages, "
                f"{len(users)} users. Made by `socialpost scenario from-recording`."),
            "tokens": tokens,
            "users": users,
            "brands": [{"id": brand, "name": "Recorded brand", "members": sorted(named)}
                       for brand in brands],
            "facebook_pages": [{"id": page, "brand": brand, "name": "Recorded page",
                                "platform": "facebook",
                                "connected_by": self.connected_by.get(page),
                                "failure": None} for page, brand in pages],
            "templates": list(self.templates.values()),
            "template_instances": list(self.instances.values()),
            "brand_assets": list(self.assets.values()),
            "social_posts": posts,
        }


def _known(ref: Any) -> Any:
    return None if ref is UNKNOWN else ref


def _made_up_user(user: str) -> dict[str, Any]:
    return {"type": "user", "first_name": "Recorded", "last_name": "user", "email": None,
            "id": user, "timezone": "UTC"}


def scenario_from(exchanges: Iterable[dict[str, Any]],
                  tokens: dict[str, str] | None = None) -> dict[str, Any]:
    """The scenario (a fixture file's content) of a recording's exchanges, in their order."""
    collected = Collected()
    for exchange in exchanges:
        collected.add(exchange)
    return collected.fixture(tokens)
