"""The mock's control API (``/_mock``): detected, never assumed; real servers do not have it."""

from __future__ import annotations

from typing import Any

import httpx

from .http import Client, Exchange


class ControlError(Exception):
    """The control API answered something unusable (the publishing layer cannot go on)."""

    def __init__(self, message: str, exchange: Exchange) -> None:
        super().__init__(message)
        self.exchange = exchange


class MockControl:
    """Clock moves and failure injection, on posts the suite created only."""

    def __init__(self, client: Client, token: str | None = None) -> None:
        self.client = client
        # The mock's control token (its --control-token), sent as the bearer when set.
        self.token: str | None | bool = token

    @classmethod
    def detect(cls, client: Client, token: str | None = None) -> MockControl | None:
        """The control API if ``GET /_mock/health`` answers 200, else None."""
        try:
            answer = client.request("GET", "/_mock/health", token=None)
        except httpx.HTTPError:
            return None
        return cls(client, token) if answer.status == 200 else None

    def _json(self, answer: Exchange, what: str) -> dict[str, Any]:
        try:
            body = answer.json()
        except ValueError:
            body = None
        if answer.status != 200 or not isinstance(body, dict):
            raise ControlError(f"{what} answered {answer.status}", answer)
        return body

    def clock(self) -> dict[str, Any]:
        answer = self.client.request("GET", "/_mock/clock", token=self.token)
        return self._json(answer, "GET /_mock/clock")

    def advance(self, seconds: float) -> tuple[dict[str, Any], Exchange]:
        """Move the clock forward; the answer lists the publishing transitions it caused."""
        answer = self.client.request(
            "POST", "/_mock/clock", json_body={"advance": seconds}, token=self.token
        )
        return self._json(answer, "POST /_mock/clock"), answer

    def fail_post(self, post_id: str, message: str) -> Exchange:
        answer = self.client.request(
            "PUT", f"/_mock/posts/{post_id}/failure", json_body={"message": message},
            token=self.token,
        )
        self._json(answer, f"PUT /_mock/posts/{post_id}/failure")
        return answer
