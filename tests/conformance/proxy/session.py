"""A frontend's session, as it goes through the proxy: every request one the contract allows."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

BRAND = "b3ad887b-a14e-4bff-b618-a2edb675d19b"
LIST = f"/brands/{BRAND}/social-posts"
TOKEN = "test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ASSET = "55f4cb8e-f8fc-414e-bffa-6dbcc8d919a4"
PAGE = "5383b70e-bd8f-481f-a605-0664736def2d"
ALL = "social_post.template_instance,social_post.asset,social_post.owner"


def browse(client: httpx.Client) -> dict[str, httpx.Response]:
    """Lists, stats, a create, an update (and the list after it), a delete (and the list and
    update after it), an unknown post: what a client app does."""
    seen: dict[str, httpx.Response] = {}
    seen["list"] = client.get(LIST, params={"status": "any", "limit": 20, "associations": ALL},
                              headers=AUTH)
    seen["page"] = client.get(LIST, params={"status": "any", "start": 1, "limit": 2,
                                            "order": "-due_at"}, headers=AUTH)
    seen["stats"] = client.get(f"{LIST}/stats", params={"status": "any"}, headers=AUTH)
    seen["create"] = client.post(LIST, json={"facebook_page": PAGE, "asset": ASSET,
                                             "due_at": 1769132000.364, "caption": "proxy"},
                                 headers=AUTH)
    created: dict[str, Any] = seen["create"].json().get("data") or {}
    post = f"{LIST}/{created.get('id', uuid.uuid4())}"
    seen["update"] = client.put(post, json={"caption": "proxied"}, headers=AUTH)
    newest: dict[str, str | int] = {"status": "any", "order": "-created_at", "limit": 10}
    seen["reread"] = client.get(LIST, params=newest, headers=AUTH)
    seen["delete"] = client.delete(post, headers=AUTH)
    seen["after"] = client.get(LIST, params=newest, headers=AUTH)
    seen["gone"] = client.put(post, json={"caption": "again"}, headers=AUTH)
    seen["unknown"] = client.put(f"{LIST}/{uuid.uuid4()}", json={"caption": "x"}, headers=AUTH)
    return seen
