"""The mock as Schemathesis's adversary sees it: no 5xx, nothing outside its contract.

A smaller form of ``make fuzz`` (which sends over 10,000 requests): positive and negative
cases for every operation, every built-in check, against a live mock.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from schemathesis import GenerationMode

from socialpost.server import paths
from socialpost.server.app import create_app
from socialpost.server.config import Settings
from tests.conftest import AUTH
from tests.live import serve_asgi


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with serve_asgi(create_app(Settings(db_path=None))) as url:
        yield url


# Built at import: Schemathesis parametrizes at collection time (its `from_fixture` loader
# does not work with pytest 9).
CONTRACT = schemathesis.openapi.from_path(paths.SPEC_PATH)
CONTRACT.config.generation.update(
    modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE], max_examples=25
)


@CONTRACT.parametrize()
def test_mock_answers_every_generated_request_within_its_contract(
    case: schemathesis.Case[Any], base_url: str
) -> None:
    case.call_and_validate(base_url=base_url, headers=AUTH)
