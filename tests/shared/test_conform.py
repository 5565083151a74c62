"""``socialpost conform`` passes against two replicas behind a round-robin proxy.

Every request the suite makes (the API's and the control API's clock moves and resets) goes to
the other replica than the one before it, so each step reads what another replica wrote.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from socialpost.conformance.cli import conform
from tests.live import serve_asgi
from tests.shared.replicas import RoundRobin, replicas


def test_quick_conformance_run_through_a_round_robin_over_two_replicas_conforms(
    store_url: str, tmp_path: Path
) -> None:
    with replicas(store_url, 2, tmp_path) as (a, b):
        proxy = RoundRobin([a.url, b.url])
        with serve_asgi(proxy) as base_url:
            ran = CliRunner().invoke(
                conform, ["--base-url", base_url, "--token", "test-token", "--quick",
                          "--seed", "11"],
                catch_exceptions=False,
            )
        assert ran.exit_code == 0, ran.output
        assert "conforms" in ran.output
        assert "publishing layer runs" in ran.output
        # Both replicas took a good share of the run
        assert min(proxy.forwarded.values()) > 50, proxy.forwarded
