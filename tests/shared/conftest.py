"""Each test of the shared store gets a fresh database on the machine's real PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.pg import scratch_database
from tests.shared.replicas import TIMEOUT


@pytest.fixture
def store_url() -> Iterator[str]:
    """A new, empty database (no schema yet); dropped after the test."""
    with scratch_database("socialpost_shared") as url:
        yield url


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    """An HTTP client whose every request gives up quickly (a hang fails the test)."""
    with httpx.Client(timeout=TIMEOUT) as client:
        yield client
