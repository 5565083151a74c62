"""Bearer authentication: tokens map to users through the store (the fixtures' ``tokens``)."""

from __future__ import annotations

from typing import Any

from server.state import state_of


def bearer_info(token: str, request: Any) -> dict[str, Any] | None:
    """Connexion's ``x-bearerInfoFunc``: the token's user as ``sub``, or None (answers 401)."""
    if not token:
        return None
    user = state_of(request).store.user_for_token(token)
    return None if user is None else {"sub": user}
