"""``serve --workers N``: N processes on one port, each building its app from the same settings.

uvicorn starts worker processes from an import string, so the settings travel to them in an
environment variable (JSON). Only a shared store makes sense for several processes: each one
opens the PostgreSQL store itself.
"""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path
from typing import Any

import connexion

from ..config import Settings
from . import collector

ENV = "SOCIALPOST_WORKER_SETTINGS"
FACTORY = "socialpost.server.cli.workers:app"
_PATHS = ("db_path", "fixtures_path")


def encode(settings: Settings) -> str:
    fields = dataclasses.asdict(settings)
    return json.dumps({k: str(v) if k in _PATHS and v is not None else v
                       for k, v in fields.items()})


def decode(text: str) -> Settings:
    fields: dict[str, Any] = json.loads(text)
    for name, value in fields.items():
        if name in _PATHS and value is not None:
            fields[name] = Path(value)
        elif isinstance(value, list):
            fields[name] = tuple(value)
    return Settings(**fields)


def app() -> connexion.AsyncApp:
    """The app of one worker process (uvicorn calls this factory in each)."""
    from ..app import create_app

    app = create_app(decode(os.environ[ENV]))
    collector.settle()  # this worker's store is loaded: it lives as long as the process
    return app
