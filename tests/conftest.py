"""Shared test fixtures: every test gets its own mock (own store, own clock)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from socialpost.server import paths
from socialpost.server.app import create_app, open_state
from socialpost.server.config import Settings
from socialpost.server.state import MockState
from socialpost.server.store.fixtures import load_fixtures
from tests.pg import scratch_database

BRAND = "b3ad887b-a14e-4bff-b618-a2edb675d19b"
OTHER_BRAND = "4d74ae35-499f-4bff-9ffd-478c72705e64"
USER = "80a227b2-29a0-11e7-b636-e4a7a08e15d4"
AGENT = "3cfa9133-2bfb-44a2-8866-dd912821db71"
OTHER_USER = "400d8880-d8c3-44d6-8b42-96857530b5ae"
PAGE = "5383b70e-bd8f-481f-a605-0664736def2d"
FAILING_PAGE = "618ecfc2-6346-435b-b9d0-6db86744a60b"
INSTAGRAM_PAGE = "421dff38-0b8c-47ff-8059-006b69a97063"  # connected by the agent
OTHER_BRAND_PAGE = "57e5fd79-2614-4608-9eb0-22c679442cdf"
TEMPLATE_INSTANCE = "8e6b780b-ae31-4277-bdbd-42f0663ac8ff"
VIDEO_TEMPLATE_INSTANCE = "811baacb-5264-49cd-bbe0-acef86289b87"
ASSET = "55f4cb8e-f8fc-414e-bffa-6dbcc8d919a4"
UPDATE_POST = "db5aa459-2ec6-4c1a-850a-ad5bf64f7159"
DELETE_POST = "c802583b-073f-4580-bb35-6ddca119f4c8"
FAILED_POST = "55372393-ccd2-46c1-bf39-02449a39b07b"
POSTS = f"/brands/{BRAND}/social-posts"
STATS = f"{POSTS}/stats"

AUTH = {"Authorization": "Bearer test-token"}
AGENT_AUTH = {"Authorization": "Bearer agent-token"}
OTHER_AUTH = {"Authorization": "Bearer other-brand-token"}


FIXTURES = load_fixtures(paths.FIXTURES_PATH)


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """The test run's own PostgreSQL database (created now, dropped at the end)."""
    with scratch_database() as url:
        yield url


@pytest.fixture(scope="session", params=["memory", "json", "postgresql"])
def settings(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Each behaviour runs over the in-memory, the JSON-file and the PostgreSQL store alike."""
    if request.param == "postgresql":
        url = request.getfixturevalue("pg_url")
        return Settings(db_path=None, store_url=url, validate_responses=True)
    db = None if request.param == "memory" else tmp_path_factory.mktemp("db") / "db.json"
    return Settings(db_path=db, validate_responses=True)


@pytest.fixture(scope="session")
def served(settings: Settings) -> Iterator[tuple[MockState, TestClient]]:
    """One app per store kind for the whole session (building one takes ~0.3 s)."""
    state = open_state(settings)
    app = create_app(settings, state)
    # A loopback client, as a developer's browser or test suite on the same machine is.
    with app.test_client(client=("127.0.0.1", 50000)) as test_client:
        yield state, test_client


@pytest.fixture
def state(settings: Settings, served: tuple[MockState, TestClient]) -> MockState:
    """The mock's state, restored to the fixtures and the clock's start for each test."""
    mock = served[0]
    with mock.store.atomic():
        mock.clock.configure(mode=settings.clock_mode, speed=settings.clock_speed)
        mock.store.load(FIXTURES)
        mock.clock.reset(settings.clock_start)
    mock.faults.clear()
    mock.journal.clear()
    mock.snapshots.clear()
    return mock


@pytest.fixture
def client(state: MockState, served: tuple[MockState, TestClient]) -> TestClient:
    """An HTTP client of a mock in its fixture state (strict and response validation on)."""
    return served[1]


def create_body(**overrides: Any) -> dict[str, Any]:
    """A valid create body (the document's asset example), with overrides."""
    body: dict[str, Any] = {
        "facebook_page": PAGE,
        "asset": ASSET,
        "due_at": 1769140000.5,
        "caption": "made by a test",
    }
    body.update(overrides)
    return {k: v for k, v in body.items() if v is not ...}
