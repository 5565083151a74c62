"""The app factory: a Connexion app driven by openapi.yaml, with the mock's state passed in."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, suppress
from pathlib import Path
from typing import Any

import anyio
import connexion
import yaml
from connexion.json_schema import resolve_refs
from connexion.middleware import MiddlewarePosition
from connexion.options import SwaggerUIOptions

from . import paths
from .config import Settings
from .dashboard import Dashboard
from .errors import ApiError
from .faults.steering import Steering
from .handlers.social_posts import FAST_LANE
from .http import problems
from .http.control_cors import ControlPreflight
from .http.cors import CORS
from .http.fastlane import FastLane
from .http.jsonify import OrjsonJsonifier
from .http.middleware import (
    AllowedMethods,
    ArrayQuery,
    BodyLimit,
    ControlGuard,
    ServedSpecServers,
    array_parameters,
    documented_methods,
)
from .http.operations import Operations
from .http.resolver import resolver_for
from .http.response_cache import ResponseCache
from .http.validation import validator_map
from .journal.recorder import Recorder
from .publishing.publisher import run_realtime
from .sessions.registry import Sessions
from .sessions.routing import SessionErrors, SessionRouter
from .sessions.side import side_of
from .state import DEFAULT_SESSION, MockState, starting_data
from .store import Record
from .store.backends import Backend, Embedded, Shared
from .store.postgres import Database


def _load(path: Path) -> dict[str, Any]:
    spec: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return spec


# The API's own request headers: allowed cross-origin whatever --cors-allow-header narrows to.
API_HEADERS = ("Authorization", "Content-Type", "Prefer", "X-Mock-Session", "X-Mock-Quiet")


# The answer's headers a page may read besides the safelisted ones.
EXPOSED_HEADERS = ("Content-Type", "Allow", "WWW-Authenticate", "X-Mock-Session", "X-Mock-Fault")


def cors_headers(allowed: tuple[str, ...]) -> list[str]:
    """The request headers a browser may send: ``*`` echoes whatever a preflight names."""
    if "*" in allowed:
        return ["*"]
    return list(dict.fromkeys([*API_HEADERS, *allowed]))


def cors_options(origins: tuple[str, ...], allow_headers: tuple[str, ...],
                 expose: tuple[str, ...] = ()) -> dict[str, Any]:
    """Starlette's ``CORSMiddleware`` as the mock configures it (the proxy's too)."""
    return {
        "allow_origins": list(dict.fromkeys(origins)),
        "allow_methods": ["GET", "POST", "PUT", "DELETE", "OPTIONS"],
        "allow_headers": cors_headers(allow_headers),
        "expose_headers": [*EXPOSED_HEADERS, *expose],
        "max_age": 600,
    }


def open_backend(settings: Settings, say: Callable[[str], None] = lambda _: None) -> Backend:
    """The embedded file store, or the PostgreSQL one (schema migrated) for ``store_url``."""
    if settings.store_url is None:
        return Embedded(settings.db_path)
    database = Database(settings.store_url)
    database.open(say)
    return Shared(database)


def open_state(settings: Settings, backend: Backend | None = None) -> MockState:
    """Open (or create from the fixtures) the default session's store, and start the clock."""
    backend = backend or open_backend(settings)
    clock = backend.clock(settings.clock_start, settings.clock_mode, settings.clock_speed)

    def starting() -> Record:
        return starting_data(settings.fixtures_path, settings.scenario,
                             settings.generate_posts, settings.clock_start)

    store = backend.open(DEFAULT_SESSION, clock, starting, settings.scenario)
    side = side_of(backend, DEFAULT_SESSION, store, settings.journal_size)
    return MockState(
        store=store,
        clock=clock,
        fixtures_path=settings.fixtures_path,
        clock_start=settings.clock_start,
        generate_posts=settings.generate_posts,
        scenario=settings.scenario,
        faults=side.faults,
        journal=side.journal,
        snapshots=side.snapshots,
        backend=backend,
    )


def create_app(
    settings: Settings | None = None, state: MockState | None = None
) -> connexion.AsyncApp:
    """A mock server for ``settings``; ``state`` may be given to share it with the caller."""
    settings = settings or Settings()
    mock = state or open_state(settings)

    @asynccontextmanager
    async def lifespan(app: Any) -> AsyncIterator[dict[str, Any]]:
        mock.bind(asyncio.get_running_loop())  # the loop that serves this app
        sessions = Sessions(
            mock,
            clock=lambda: mock.backend.clock(settings.clock_start, settings.clock_mode,
                                             settings.clock_speed),
            journal_size=settings.journal_size,
            ttl=settings.session_ttl,
            limit=settings.max_sessions,
            scenario=settings.scenario,
        )
        tasks = [asyncio.create_task(run_realtime(mock, mock.wake)),
                 asyncio.create_task(_sweep(sessions, min(60.0, settings.session_ttl / 2)))]
        try:
            yield {"mock": mock, "sessions": sessions}
        finally:
            for task in tasks:
                task.cancel()
                with suppress(asyncio.CancelledError):
                    await task
            await sessions.close()
            mock.store.close()
            mock.backend.close()

    jsonifier = OrjsonJsonifier()
    app = connexion.AsyncApp(
        __name__,
        lifespan=lifespan,
        validator_map=validator_map(),
        jsonifier=jsonifier,
        swagger_ui_options=SwaggerUIOptions(swagger_ui_path="/ui"),
    )
    problems.install(app)
    app.add_api(
        paths.SPEC_PATH,
        resolver=resolver_for(paths.SPEC_PATH),
        strict_validation=True,
        validate_responses=settings.validate_responses,
    )
    app.add_api(
        paths.CONTROL_SPEC_PATH,
        base_path="/_mock",
        resolver=resolver_for(paths.CONTROL_SPEC_PATH),
        strict_validation=True,
        validate_responses=settings.validate_responses,
        swagger_ui_options=SwaggerUIOptions(swagger_ui_path="/ui"),
    )
    contract = _load(paths.SPEC_PATH)
    # Outermost first: the session router, before anything reads the path.
    app.add_middleware(SessionRouter, position=MiddlewarePosition.BEFORE_EXCEPTION,
                       operations=Operations(contract))
    app.add_middleware(Recorder, position=MiddlewarePosition.BEFORE_EXCEPTION)
    app.add_middleware(SessionErrors, position=MiddlewarePosition.BEFORE_ROUTING)
    methods = documented_methods(contract)
    methods.update(documented_methods(_load(paths.CONTROL_SPEC_PATH), base_path="/_mock"))
    app.add_middleware(AllowedMethods, position=MiddlewarePosition.BEFORE_ROUTING,
                       methods=methods)
    app.add_middleware(ArrayQuery, position=MiddlewarePosition.BEFORE_ROUTING,
                       arrays=array_parameters(contract))
    app.add_middleware(ControlGuard, position=MiddlewarePosition.BEFORE_ROUTING,
                       token=settings.control_token, origins=settings.control_origins)
    app.add_middleware(
        BodyLimit, position=MiddlewarePosition.BEFORE_ROUTING, max_bytes=settings.max_body_bytes
    )
    app.add_middleware(ServedSpecServers, position=MiddlewarePosition.BEFORE_SWAGGER)
    app.add_middleware(Dashboard, position=MiddlewarePosition.BEFORE_SWAGGER)
    # Before CORS, which answers preflights itself: none for /_mock from a page it may not serve.
    app.add_middleware(ControlPreflight, position=MiddlewarePosition.BEFORE_EXCEPTION,
                       origins=settings.control_origins)
    app.add_middleware(
        CORS,
        position=MiddlewarePosition.BEFORE_EXCEPTION,
        **cors_options((*settings.cors_origins, *settings.control_origins),
                       settings.cors_allow_headers),
    )
    # Inside CORS (a faulted answer is still readable cross-origin), outside the cache.
    app.add_middleware(Steering, position=MiddlewarePosition.BEFORE_EXCEPTION, spec=contract,
                       latency_ms=settings.latency_ms)
    app.add_middleware(ResponseCache, position=MiddlewarePosition.BEFORE_EXCEPTION)
    if settings.fast_lane:  # innermost of these: cache, steering, CORS and journal still apply
        app.add_middleware(FastLane, position=MiddlewarePosition.BEFORE_EXCEPTION,
                           spec=resolve_refs(contract), handlers=FAST_LANE, jsonifier=jsonifier,
                           max_body_bytes=settings.max_body_bytes,
                           validate_responses=settings.validate_responses)
    return app


async def _sweep(sessions: Sessions, every: float = 60.0) -> None:
    """Drop idle sessions even when no request comes to do it."""
    while True:
        await asyncio.sleep(every)
        if sessions.shared:  # a round trip to the database: off the loop
            with suppress(ApiError):
                await anyio.to_thread.run_sync(sessions.expire)
        else:
            sessions.expire()
