"""Publishing on a server without the control API: opt-in with ``publish_wait`` in the profile.

The target is a real mock process whose clock runs with the wall clock (``--clock realtime``)
behind a proxy that answers 404 on ``/_mock``: conform sees what a real server shows, and must
read the server's own clock (2026-01-23 on the mock, not this machine's date) from a post.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conformance.conftest import WithoutControl, conform
from tests.live import serve_asgi, serve_process


@pytest.fixture
def realtime_without_control(tmp_path: Path) -> Iterator[str]:
    with serve_process(tmp_path / "db.json", "--clock", "realtime") as server:
        with serve_asgi(WithoutControl(server.url)) as base_url:
            yield base_url


@pytest.fixture
def frozen_without_control(tmp_path: Path) -> Iterator[str]:
    with serve_process(tmp_path / "db.json") as server:
        with serve_asgi(WithoutControl(server.url)) as base_url:
            yield base_url


def _profile(tmp_path: Path, wait: str) -> str:
    path = tmp_path / "real-server.toml"
    path.write_text(f'token = "test-token"\npublish_wait = {wait}\n')
    return str(path)


def test_posts_publish_and_fail_on_the_servers_own_clock(
    realtime_without_control: str, tmp_path: Path
) -> None:
    ran = conform("--base-url", realtime_without_control, "--profile", _profile(tmp_path, "10"),
                  "--quick", "--seed", "3")
    assert ran.exit_code == 0, ran.output
    assert "publishing is checked on the server's own clock (publish_wait 10 s)" in ran.output
    assert "  PASS  due_post_publishes_on_the_servers_clock" in ran.output
    assert "  PASS  post_on_failing_page_fails_on_the_servers_clock" in ran.output


def test_a_server_whose_job_never_runs_fails_saying_how_long_it_waited(
    frozen_without_control: str, tmp_path: Path
) -> None:
    # Given: the mock's clock is frozen and its control API hidden: nothing ever falls due
    ran = conform("--base-url", frozen_without_control, "--profile", _profile(tmp_path, "0.5"),
                  "--quick", "--seed", "3")
    # Then
    assert ran.exit_code == 1, ran.output
    assert "  FAIL  due_post_publishes_on_the_servers_clock" in ran.output
    assert "was not executed within publish_wait (0.5 s after it fell due; waited" in ran.output


def test_without_publish_wait_the_layer_is_skipped_saying_how_to_run_it(
    frozen_without_control: str,
) -> None:
    ran = conform("--base-url", frozen_without_control, "--token", "test-token", "--quick",
                  "--seed", "3")
    assert ran.exit_code == 0, ran.output
    assert "publish_wait in the profile checks it on the server's own clock" in ran.output
    assert "SKIP  due_post_publishes_on_the_servers_clock (no mock control API, and the profile " \
           "sets no publish_wait" in ran.output
