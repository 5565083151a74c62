"""Bearer authentication: tokens map to users through the store (the fixtures' ``tokens``)."""

from __future__ import annotations

from typing import Any

from ..errors import Unauthorized
from ..state import state_of


def bearer_info(token: str, request: Any) -> dict[str, Any] | None:
    """Connexion's ``x-bearerInfoFunc``: the token's user as ``sub``, or None (answers 401).

    A token that itself starts with ``Bearer `` was typed with its prefix into a form that adds
    one (Swagger UI's Authorize): say so rather than only "not valid".
    """
    if not token:
        return None
    if token.lower().startswith("bearer "):
        raise Unauthorized(
            "The Authorization header reads 'Bearer Bearer ...': enter the token alone, "
            "without 'Bearer ' (Swagger UI's Authorize adds the prefix itself)."
        )
    user = state_of(request).store.user_for_token(token)
    return None if user is None else {"sub": user}
