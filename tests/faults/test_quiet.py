"""``X-Mock-Quiet``: an observer's requests (the dashboard's reads) leave no trace and meet no
fault, so watching a session does not change what a test of it sees."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from starlette.testclient import TestClient

from socialpost.server.app import create_app
from socialpost.server.config import Settings
from tests.conftest import AUTH, POSTS, create_body
from tests.live import serve_asgi

QUIET = {**AUTH, "X-Mock-Quiet": "1"}


@pytest.fixture
def clean(client: TestClient) -> Iterator[TestClient]:
    client.delete("/_mock/faults")
    client.delete("/_mock/requests")
    yield client
    client.delete("/_mock/faults")


def test_a_quiet_request_is_not_journaled(clean: TestClient) -> None:
    clean.get(POSTS, headers=QUIET)
    clean.get(POSTS, headers=AUTH)

    [entry] = clean.get("/_mock/requests").json()["data"]
    assert "x-mock-quiet" not in entry["request"]["headers"]


def test_a_quiet_request_neither_fires_nor_uses_up_a_fault_rule(clean: TestClient) -> None:
    rule = clean.post("/_mock/faults", json={"status": 503, "times": 1}).json()

    assert clean.get(POSTS, headers=QUIET).status_code == 200
    assert clean.post(POSTS, json=create_body(), headers=QUIET).status_code == 200
    assert clean.get(f"/_mock/faults/{rule['id']}").json()["fired"] == 0

    assert clean.get(POSTS, headers=AUTH).status_code == 503  # the app's request still meets it


def test_prefer_still_holds_for_a_quiet_request(clean: TestClient) -> None:
    response = clean.get(POSTS, headers={**QUIET, "Prefer": "code=404"})

    assert response.status_code == 404
    assert response.headers["x-mock-fault"] == "prefer"


@pytest.fixture(scope="module")
def slow(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db: Path = tmp_path_factory.mktemp("quiet") / "db.json"
    with serve_asgi(create_app(Settings(db_path=db, latency_ms=(3000, 3000)))) as url:
        yield url


def test_a_quiet_request_is_not_delayed_by_latency(slow: str) -> None:
    started = time.perf_counter()
    response = httpx.get(f"{slow}{POSTS}", headers=QUIET, timeout=30)

    assert response.status_code == 200
    assert time.perf_counter() - started < 3  # the latency is 3 s for everyone else
