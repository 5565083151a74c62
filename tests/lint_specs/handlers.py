"""Handlers for the lint fixture (base.yaml), resolved the way the mock resolves its own:
``listPosts`` -> ``list_posts``."""

from __future__ import annotations

from typing import Any

# Not callable: an operationId naming it does not resolve.
post_limit = 100


def list_posts() -> dict[str, Any]:
    return {"data": [], "count": 0}


def create_post() -> dict[str, Any]:
    return {}
