"""A request body read ahead of the app that will handle it, and handed to it again.

Layers that must look at a body before deciding (steering matching a fault rule's ``body``, the
fast lane validating a create) read it here; the app inside then reads the very same messages
from ``receive``, and whatever the client sends after them.
"""

from __future__ import annotations

from dataclasses import dataclass

from starlette.types import Message, Receive


@dataclass(frozen=True)
class Buffered:
    receive: Receive  # every message read, then the rest
    raw: bytes | None  # the whole body; None when longer than the limit, or cut off


async def buffer_body(receive: Receive, limit: int) -> Buffered:
    """Read the body up to ``limit`` bytes (a longer one is left unread past the limit)."""
    read: list[Message] = []
    size, more = 0, True
    while more and size <= limit:
        message = await receive()
        read.append(message)
        if message["type"] != "http.request":
            break
        size += len(message.get("body", b""))
        more = message.get("more_body", False)
    pending = iter(read)

    async def replay() -> Message:
        return next(pending, None) or await receive()

    whole = not more and size <= limit
    raw = b"".join(m.get("body", b"") for m in read if m["type"] == "http.request")
    return Buffered(replay, raw if whole else None)
