"""``socialpost proxy`` as a process, and ``socialpost proxy report`` on what it saw."""

from __future__ import annotations

import signal
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from socialpost.conformance.proxy.app import create_proxy
from socialpost.server.app import create_app
from socialpost.server.cli import main
from socialpost.server.config import Settings
from tests.conformance.proxy.session import AUTH, LIST, browse
from tests.live import free_port, serve_asgi, wait_healthy


@pytest.fixture
def mock() -> Iterator[str]:
    with serve_asgi(create_app(Settings(db_path=None))) as url:
        yield url


@pytest.fixture
def proxy(mock: str) -> Iterator[str]:
    with serve_asgi(create_proxy(mock)) as url:
        yield url


def test_the_upstream_is_required() -> None:
    result = CliRunner().invoke(main, ["proxy", "--port", "0"])
    assert result.exit_code == 2
    assert "--upstream" in result.output


def test_report_of_clean_traffic_exits_0(proxy: str) -> None:
    with httpx.Client(base_url=proxy) as client:
        browse(client)
    result = CliRunner().invoke(main, ["proxy", "report", "--url", proxy])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("11 exchanges, 0 broke the contract: 0 failures")


def test_report_lists_each_violation_and_exits_1(proxy: str, tmp_path: Path) -> None:
    httpx.get(proxy + LIST, params={"limit": "x", "page": "2"}, headers=AUTH)
    result = CliRunner().invoke(main, ["proxy", "report", "--url", proxy])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == "1 exchanges, 1 broke the contract: 1 failures, 1 deviations"
    assert lines[3].split()[:2] == ["failure", "request_parameters_conformance"]
    assert lines[4].split()[:2] == ["deviation", "request_parameters_conformance"]
    assert "GET /brands/" in lines[3] and "-> 400" in lines[3]

    xml = tmp_path / "proxy.xml"
    result = CliRunner().invoke(main, ["proxy", "report", "--url", proxy, "--format", "junit",
                                       "--junit-xml", str(xml)])
    assert result.exit_code == 1
    suite = ET.parse(xml).getroot().find("testsuite")
    assert suite is not None and suite.get("failures") == "1"
    cases = {c.get("name"): c for c in suite.iter("testcase")}
    assert "response_schema_conformance" in cases and "undocumented_operation" in cases
    failing = cases["request_parameters_conformance"]
    assert failing.find("failure") is not None
    assert failing.find("properties/property[@name='deviation']") is not None


def test_report_without_a_proxy_exits_2() -> None:
    result = CliRunner().invoke(main, ["proxy", "report", "--url",
                                       f"http://127.0.0.1:{free_port()}"])
    assert result.exit_code == 2
    assert "cannot ask" in result.output


def _run_proxy(upstream: str, tmp_path: Path) -> tuple[subprocess.Popen[bytes], str, Path]:
    port = free_port()
    log = tmp_path / f"proxy-{port}.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "socialpost", "proxy", "--upstream", upstream,
             "--port", str(port), "--log-level", "warning"],
            stdout=sink, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    wait_healthy(url, process=process, log=log, path="/_proxy/health")
    return process, url, log


@pytest.mark.parametrize(("query", "code"), [({"limit": "5"}, 0), ({"limit": "x"}, 1)])
def test_the_exit_status_on_shutdown_says_whether_a_failure_was_seen(
        mock: str, tmp_path: Path, query: dict[str, str], code: int) -> None:
    process, url, log = _run_proxy(mock, tmp_path)
    try:
        answer = httpx.get(url + LIST, params=query, headers=AUTH)
        assert ("x-contract-violations" in answer.headers) == bool(code)
        # The upstream's own Date and Server pass as they are, once.
        assert len(answer.headers.get_list("date")) == 1
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=20) == code
    assert f"1 exchanges, {code} broke the contract" in log.read_text()


def test_a_profile_that_cannot_be_read_stops_the_proxy_with_2(tmp_path: Path) -> None:
    profile = tmp_path / "staging.toml"
    profile.write_text('token = "t"\nunknown_key = "x"\n')
    result = CliRunner().invoke(main, ["proxy", "--upstream", "http://127.0.0.1:9",
                                       "--profile", str(profile)])
    assert result.exit_code == 2
    assert "unknown key(s) unknown_key" in result.output
