"""A frontend's session, as it goes through the proxy: every request one the contract allows."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from socialpost.conformance.checks.echo import EVERYTHING, MOCK_CAPTION_MAX

BRAND = "b3ad887b-a14e-4bff-b618-a2edb675d19b"
LIST = f"/brands/{BRAND}/social-posts"
TOKEN = "test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ASSET = "55f4cb8e-f8fc-414e-bffa-6dbcc8d919a4"
PAGE = "5383b70e-bd8f-481f-a605-0664736def2d"
ALL = "social_post.template_instance,social_post.asset,social_post.owner"
# Every hostile but valid kind of caption conform sends, at once; the longest caption every
# server keeps (2,199 characters); due_at far in the future, to the millisecond.
CAPTION = EVERYTHING.replace("{prefix}", "proxy")
LONGEST = "y" * (MOCK_CAPTION_MAX - 1)
DUE_AT = 4102444800.364  # 2100-01-01


def browse(client: httpx.Client) -> dict[str, httpx.Response]:
    """Lists, stats, a create, two updates (and a list between them), a delete (and the list
    and update after it), an unknown post: what a client app does, with the captions and
    dates conform sends."""
    seen: dict[str, httpx.Response] = {}
    seen["list"] = client.get(LIST, params={"status": "any", "limit": 20, "associations": ALL},
                              headers=AUTH)
    seen["page"] = client.get(LIST, params={"status": "any", "start": 1, "limit": 2,
                                            "order": "-due_at"}, headers=AUTH)
    seen["stats"] = client.get(f"{LIST}/stats", params={"status": "any"}, headers=AUTH)
    seen["create"] = client.post(LIST, json={"facebook_page": PAGE, "asset": ASSET,
                                             "due_at": DUE_AT, "caption": CAPTION},
                                 headers=AUTH)
    created: dict[str, Any] = seen["create"].json().get("data") or {}
    post = f"{LIST}/{created.get('id', uuid.uuid4())}"
    seen["update"] = client.put(post, json={"caption": LONGEST}, headers=AUTH)
    newest: dict[str, str | int] = {"status": "any", "order": "-created_at", "limit": 10}
    seen["reread"] = client.get(LIST, params=newest, headers=AUTH)
    seen["clear"] = client.put(post, json={"caption": ""}, headers=AUTH)
    seen["delete"] = client.delete(post, headers=AUTH)
    seen["after"] = client.get(LIST, params=newest, headers=AUTH)
    seen["gone"] = client.put(post, json={"caption": "again"}, headers=AUTH)
    seen["unknown"] = client.put(f"{LIST}/{uuid.uuid4()}", json={"caption": "x"}, headers=AUTH)
    return seen
