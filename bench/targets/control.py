"""The mock's control API as the benchmark drives it (from loopback, which needs no token):
sessions created by name or by a first request naming them, fault rules added and cleared.
Each call raises when the mock does not answer as the contract says."""

from __future__ import annotations

from typing import Any

import httpx

from bench.load.queries import SESSION_HEADER
from bench.processes import Server

CLOCK_PATH = "/_mock/clock"
SESSIONS_PATH = "/_mock/sessions"
FAULTS_PATH = "/_mock/faults"


class ControlError(RuntimeError):
    pass


def control_client(server: Server) -> httpx.Client:
    """A keep-alive client of the server (the caller closes it)."""
    return httpx.Client(base_url=server.base, timeout=30.0)


def _expect(response: httpx.Response, status: int) -> httpx.Response:
    if response.status_code != status:
        raise ControlError(
            f"{response.request.method} {response.request.url.path} answered "
            f"{response.status_code}, not {status}: {response.text[:300]}"
        )
    return response


def touch_session(client: httpx.Client, name: str) -> None:
    """``GET /_mock/clock`` naming the session: the first such request creates it."""
    _expect(client.get(CLOCK_PATH, headers={SESSION_HEADER: name}), 200)


def create_session(client: httpx.Client, name: str, scenario: str | None = None) -> None:
    """``POST /_mock/sessions``, from the scenario when given (else what the mock starts from)."""
    body: dict[str, Any] = {"name": name}
    if scenario is not None:
        body["scenario"] = scenario
    _expect(client.post(SESSIONS_PATH, json=body), 201)


def live_sessions(client: httpx.Client) -> int:
    """The sessions the mock holds, the default one included."""
    return int(_expect(client.get(SESSIONS_PATH), 200).json()["info"]["count"])


def add_fault(client: httpx.Client, rule: dict[str, Any]) -> str:
    """A fault rule of the default session; its id."""
    return str(_expect(client.post(FAULTS_PATH, json=rule), 201).json()["id"])


def faults(client: httpx.Client) -> list[dict[str, Any]]:
    """The default session's fault rules, with their counters."""
    data: list[dict[str, Any]] = _expect(client.get(FAULTS_PATH), 200).json()["data"]
    return data


def clear_faults(client: httpx.Client) -> None:
    _expect(client.delete(FAULTS_PATH), 204)
