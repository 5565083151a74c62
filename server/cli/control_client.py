"""The control API of a running mock, as the command line's commands talk to it."""

from __future__ import annotations

import sys
from typing import Any

import click
import httpx


class ControlClient:
    """``/_mock`` of the mock at ``url``, in one session, with the control token if any.

    Every answer is JSON or a message: the mock unreachable exits 2, a refusal (4xx/5xx)
    prints the problem's detail and exits 1.
    """

    def __init__(self, command: str, url: str, *, session: str | None = None,
                 token: str | None = None) -> None:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        if session:
            headers["X-Mock-Session"] = session
        self.command = command
        self.url = url
        self.client = httpx.Client(base_url=f"{url.rstrip('/')}/_mock", headers=headers,
                                   timeout=10)

    def __enter__(self) -> ControlClient:
        return self

    def __exit__(self, *_: object) -> None:
        self.client.close()

    def call(self, method: str, path: str, *, json: dict[str, Any] | None = None,
             params: dict[str, Any] | None = None) -> dict[str, Any]:
        try:
            response = self.client.request(method, path, json=json, params=params)
        except httpx.HTTPError as exc:
            click.echo(f"socialpost {self.command}: cannot reach the mock at {self.url}: {exc}",
                       err=True)
            sys.exit(2)
        if response.status_code >= 400:
            try:
                detail = response.json().get("detail", response.text)
            except ValueError:
                detail = response.text
            click.echo(f"socialpost {self.command}: {response.status_code}: {detail}", err=True)
            sys.exit(1)
        answer: dict[str, Any] = response.json()
        return answer
