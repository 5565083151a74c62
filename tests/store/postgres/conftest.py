"""Two replicas of the mock on one PostgreSQL database of the test's own, in this process."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from socialpost.server.app import create_app, open_state
from socialpost.server.config import Settings
from tests.pg import scratch_database


@pytest.fixture
def database_url() -> Iterator[str]:
    with scratch_database() as url:
        yield url


@pytest.fixture
def replicas(database_url: str) -> Iterator[tuple[TestClient, TestClient]]:
    """Replicas A and B: two apps, each with its own memory, on one database (loopback)."""
    settings = Settings(db_path=None, store_url=database_url)
    first = create_app(settings, open_state(settings))
    second = create_app(settings, open_state(settings))
    with first.test_client(client=("127.0.0.1", 50001)) as a, \
            second.test_client(client=("127.0.0.1", 50002)) as b:
        yield a, b
