"""Deviations: answers the document allows that differ from the mock's choices.

The target is the mock behind a small ASGI wrapper that answers two silent points the way the
real server does: an unknown brand 404 (the mock: 403) and errors as ``application/json``
``{http, message, code}`` (the mock: problem+json). conform exits 0 listing both, and 1 with
``--strict``; the JUnit XML marks them as deviations (a failure of type ``deviation`` only under
``--strict``).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from socialpost.server.app import create_app
from socialpost.server.config import Settings
from socialpost.server.paths import FIXTURES_PATH
from tests.conformance.conftest import conform
from tests.live import serve_asgi

KNOWN_BRANDS = {b["id"] for b in json.loads(FIXTURES_PATH.read_text())["brands"]}
BRAND_PATH = re.compile(r"^/brands/([^/]+)/")


class RealServerAnswers:
    """The mock, answering an unknown brand 404 and errors as the real server's JSON objects."""

    def __init__(self) -> None:
        self.app = create_app(Settings(db_path=None))

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def buffer(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            else:
                chunks.append(message.get("body", b""))

        await self.app(scope, receive, buffer)
        status, body = start["status"], b"".join(chunks)
        headers = [(k, v) for k, v in start["headers"] if k.lower() != b"content-length"]
        kind = dict((k.lower(), v) for k, v in headers).get(b"content-type", b"")
        match = BRAND_PATH.match(scope["path"])
        if status == 403 and match and match.group(1) not in KNOWN_BRANDS:
            status = 404
        if kind.startswith(b"application/problem+json"):
            problem = json.loads(body)
            body = json.dumps({"http": status, "message": problem.get("detail") or "error",
                               "code": problem.get("code") or "Error"}).encode()
            headers = [(k, v) for k, v in headers if k.lower() != b"content-type"]
            headers.append((b"content-type", b"application/json"))
        headers.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


@pytest.fixture(scope="module")
def real_server_answers() -> Iterator[str]:
    with serve_asgi(RealServerAnswers()) as base_url:
        yield base_url


def _run(base_url: str, junit: Path, *extra: str) -> tuple[int, str, ET.Element]:
    ran = conform("--base-url", base_url, "--token", "test-token", "--quick", "--seed", "11",
                  "--junit-xml", str(junit), *extra)
    return ran.exit_code, ran.output, ET.parse(junit).getroot()


def test_deviations_are_listed_and_the_run_conforms(
    real_server_answers: str, tmp_path: Path
) -> None:
    # When
    code, output, junit = _run(real_server_answers, tmp_path / "conform.xml")
    # Then: it conforms, saying where it differs from the mock
    assert code == 0, output
    assert "DEVIATIONS FROM THE MOCK'S CHOICES (acceptable answers; --strict fails them)" in output
    assert ("deviation: unknown_brand_is_refused: an unknown brand: the mock answers 403; the "
            "target answers 404") in output
    assert ("deviation: errors_are_json_with_a_message: error bodies: the mock answers "
            "application/problem+json") in output
    verdict = output.strip().splitlines()[-2]  # the last line names the JUnit file
    assert re.match(r"conforms · \d+ checks · \d+ deviations · ", verdict), verdict
    # and JUnit XML says so, without a failure
    assert not list(junit.iter("failure"))
    deviations = {c.get("name") for c in junit.iter("testcase")
                  if any(p.get("name") == "deviation" for p in c.iter("property"))}
    assert {"unknown_brand_is_refused", "errors_are_json_with_a_message"} <= deviations


def test_strict_fails_a_target_that_deviates(real_server_answers: str, tmp_path: Path) -> None:
    code, output, junit = _run(real_server_answers, tmp_path / "conform.xml", "--strict")
    assert code == 1, output
    assert "(failing: --strict)" in output
    assert "does not conform under --strict · " in output
    failures = list(junit.iter("failure"))
    assert failures and {f.get("type") for f in failures} == {"deviation"}


def test_the_mock_itself_deviates_from_nothing_even_under_strict(live_mock: str) -> None:
    ran = conform("--base-url", live_mock, "--token", "test-token", "--quick", "--strict",
                  "--seed", "12")
    assert ran.exit_code == 0, ran.output
    assert " · 0 deviations · " in ran.output
