"""What a session knows apart from posts (tokens, users, brands, pages, failures), and scenarios.

Read by tools that drive the API as one of the mock's users, such as the dashboard at ``/_mock/``.
"""

from __future__ import annotations

from typing import Any

from connexion import request

from ..state import state_of
from ..store import Store
from ..store.scenarios import available, describe
from .views import JSON, Answer


def get_directory() -> Answer:
    store = state_of(request).store
    with store.reading():
        return _directory(store)


def _directory(store: Store) -> Answer:
    brands = store.rows("brands")
    member_of: dict[str, list[str]] = {}
    for brand in brands:
        for member in brand["members"]:
            member_of.setdefault(member, []).append(brand["id"])
    users = [
        {
            "id": user["id"],
            "display_name": user.get("display_name") or "",
            "email": user.get("email") or "",
            "timezone": user.get("timezone") or "UTC",
            "brands": member_of.get(user["id"], []),
        }
        for user in store.rows("users")
    ]
    pages = [
        {key: page.get(key) for key in ("id", "brand", "name", "platform", "connected_by",
                                         "failure")}
        for page in store.rows("facebook_pages")
    ]
    body: dict[str, Any] = {
        "tokens": [{"token": token, "user": user} for token, user in store.tokens().items()],
        "users": users,
        "brands": [{"id": b["id"], "name": b["name"], "members": list(b["members"])}
                   for b in brands],
        "pages": pages,
        "post_failures": [{"post": post, "message": message}
                          for post, message in store.post_failures().items()],
    }
    return body, 200, JSON


def list_scenarios() -> Answer:
    return {"data": [{"name": name, "description": describe(name)}
                     for name in available()]}, 200, JSON
