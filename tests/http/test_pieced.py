"""A body sent with the pieces it joins, and how a layer outside reads them."""

from __future__ import annotations

import anyio
from starlette.types import Message

from socialpost.server.http.pieced import PIECES, PiecedResponse, pieces_of


def _sent(response: PiecedResponse) -> list[Message]:
    messages: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        messages.append(message)

    async def answer() -> None:
        await response({"type": "http", "method": "GET", "headers": []}, receive, send)

    anyio.run(answer)
    return messages


def test_the_body_is_its_pieces_joined_and_sent_with_them() -> None:
    pieces = [b'{"data":[', b'{"id":"a"}', b",", b'{"id":"b"}', b"]}"]
    start, body = _sent(PiecedResponse(pieces, headers={"Content-Type": "application/json"}))

    assert start["status"] == 200
    assert (b"content-length", b"32") in start["headers"]
    assert body["body"] == b"".join(pieces) == b'{"data":[{"id":"a"},{"id":"b"}]}'
    assert list(pieces_of(body)) == pieces


def test_pieces_describe_only_the_body_they_were_sent_with() -> None:
    body = b"abc"
    message = {"type": "http.response.body", "body": body, PIECES: (body, [b"a", b"bc"])}
    assert list(pieces_of(message)) == [b"a", b"bc"]
    # A layer that replaced the body and kept the rest of the message: the body it sent counts
    replaced = {**message, "body": b"xyz"}
    assert list(pieces_of(replaced)) == [b"xyz"]


def test_a_plain_body_is_its_one_piece_and_an_empty_one_has_none() -> None:
    assert list(pieces_of({"type": "http.response.body", "body": b"abc"})) == [b"abc"]
    assert list(pieces_of({"type": "http.response.body", "body": b""})) == []
    assert list(pieces_of({"type": "http.response.body"})) == []
