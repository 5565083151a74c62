"""The database stopped under load and started again: 503s while it is down, then service again.

While PostgreSQL is down every API and control request answers 503 ``application/problem+json``
with ``Retry-After``, within a few seconds (never a hang, never a 500, never a dropped
connection); once it is back the replicas reconnect by themselves and answer as before. The
database is a server of the test's own (``cluster.py``): the machine's main one stays up.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import httpx
import psycopg
import pytest

from tests.conftest import AUTH, POSTS, create_body
from tests.shared.cluster import own_cluster
from tests.shared.replicas import Background, Replica, create_post, post_ids, replicas

DOWN_FOR = 6.0  # seconds the database stays stopped
RECOVERS_WITHIN = 15.0  # seconds after it is back by which every request succeeds again
SLOWEST = 5.0  # no answer may take longer, database up or down


@dataclass
class Sample:
    kind: str
    replica: str
    sent: float
    took: float
    status: int | None  # None: no HTTP answer at all
    content_type: str = ""
    retry_after: str | None = None
    error: str = ""


Send = Callable[[httpx.Client, str], httpx.Response]
KINDS: dict[str, Send] = {
    "list": lambda c, url: c.get(f"{url}{POSTS}", headers=AUTH),
    "create": lambda c, url: c.post(f"{url}{POSTS}", json=create_body(), headers=AUTH),
    "clock": lambda c, url: c.get(f"{url}/_mock/clock"),
    "advance": lambda c, url: c.post(f"{url}/_mock/clock", json={"advance": 1}),
    "health": lambda c, url: c.get(f"{url}/_mock/health"),
}


class Probes(Background):
    """One client per kind of request and replica, each sending it over and over, timed."""

    def __init__(self, urls: list[str]) -> None:
        super().__init__([(kind, url) for kind in KINDS for url in urls])
        self.samples: list[Sample] = []

    def run(self, kind: str, url: str) -> None:
        send = KINDS[kind]
        # The timeout is far above SLOWEST, so that a slow answer is measured, not cut short.
        with httpx.Client(timeout=20) as client:
            while not self.stopped.is_set():
                sent = time.monotonic()
                try:
                    answer = send(client, url)
                except httpx.TransportError as exc:
                    self.samples.append(Sample(kind, url, sent, time.monotonic() - sent, None,
                                               error=repr(exc)))
                    continue
                self.samples.append(Sample(
                    kind, url, sent, time.monotonic() - sent, answer.status_code,
                    answer.headers.get("content-type", ""), answer.headers.get("retry-after"),
                ))
                time.sleep(0.05)

    def since(self, instant: float) -> list[Sample]:
        return [s for s in self.samples if s.sent >= instant]


@dataclass
class Outage:
    """What the probes saw around one stop and start of the database."""

    replicas: tuple[Replica, Replica]
    samples: list[Sample]
    down: float  # pg_ctl stop returned
    up_at: float  # pg_ctl start was called
    up: float  # pg_ctl start returned
    recovered: float | None  # every kind succeeding on every replica again

    def during(self, kinds: set[str]) -> list[Sample]:
        """The requests of these kinds sent and answered while the database was down."""
        return [s for s in self.samples
                if s.kind in kinds and self.down <= s.sent and s.sent + s.took <= self.up_at]


API = {"list", "create"}
CONTROL = {"clock", "advance", "health"}


@pytest.fixture(scope="module")
def outage(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Outage]:
    """Two replicas under load on a database of their own, stopped for DOWN_FOR s and started."""
    logs = tmp_path_factory.mktemp("outage")
    with own_cluster() as cluster:
        with psycopg.connect(cluster.url, autocommit=True) as conn:
            conn.execute("CREATE DATABASE mock")
        store_url = cluster.url.rpartition("/")[0] + "/mock"
        with replicas(store_url, 2, logs) as (a, b):
            with Probes([a.url, b.url]) as probes:
                time.sleep(1.0)
                cluster.stop("fast")
                down = time.monotonic()
                time.sleep(DOWN_FOR)
                up_at = time.monotonic()
                cluster.start()
                up = time.monotonic()
                recovered = wait_for_recovery(probes, up, [a, b])
            seen = Outage((a, b), probes.samples, down, up_at, up, recovered)
            report = summary(seen)
            (logs / "outage.txt").write_text(report)
            print(report)
            yield seen


def test_control_requests_answer_503_problem_with_retry_after_while_the_database_is_down(
    outage: Outage,
) -> None:
    during = outage.during(CONTROL)
    assert {(s.kind, s.replica) for s in during} == {
        (k, r.url) for k in CONTROL for r in outage.replicas}
    assert [s for s in during if s.status != 503] == []
    assert all(is_unavailable_problem(s) for s in during)


def test_api_requests_answer_503_problem_with_retry_after_while_the_database_is_down(
    outage: Outage,
) -> None:
    during = outage.during(API)
    assert {(s.kind, s.replica) for s in during} == {
        (k, r.url) for k in API for r in outage.replicas}
    assert [s for s in during if s.status != 503] == []
    assert all(is_unavailable_problem(s) for s in during)


def test_no_request_answers_500_or_another_error_than_503_around_the_outage(
    outage: Outage,
) -> None:
    answered = [s for s in outage.samples if s.status is not None]
    assert {s.status for s in answered} <= {200, 204, 503}
    assert all(is_unavailable_problem(s) for s in answered if s.status == 503)


def test_no_request_hangs_past_5_seconds_or_loses_its_connection_around_the_outage(
    outage: Outage,
) -> None:
    assert [s for s in outage.samples if s.took > SLOWEST] == []
    assert [s for s in outage.samples if s.status is None] == []


def test_replicas_serve_again_by_themselves_once_the_database_is_back(
    outage: Outage, http: httpx.Client
) -> None:
    a, b = outage.replicas
    assert outage.recovered is not None, summary(outage)
    post = create_post(http, a.url)
    assert post["id"] in post_ids(http, b.url)
    assert http.get(f"{b.url}/_mock/health").status_code == 200


def is_unavailable_problem(sample: Sample) -> bool:
    return (sample.status == 503 and sample.content_type == "application/problem+json"
            and sample.retry_after is not None and sample.retry_after.isdigit())


def wait_for_recovery(probes: Probes, up: float, started: list[Replica]) -> float | None:
    """When every kind of request last succeeded on every replica (None: not in time)."""
    wanted = {(k, r.url) for k in KINDS for r in started}
    deadline = up + RECOVERS_WITHIN
    while time.monotonic() < deadline:
        ok = {(s.kind, s.replica) for s in probes.since(up) if s.status in (200, 204)}
        if ok >= wanted:
            return time.monotonic()
        time.sleep(0.1)
    return None


def summary(outage: Outage) -> str:
    samples, down, up_at, up, recovered = (outage.samples, outage.down, outage.up_at, outage.up,
                                           outage.recovered)
    after = [s for s in samples if s.sent >= up]
    last_503 = max((s.sent + s.took for s in after if s.status == 503), default=up)
    first_ok = min((s.sent for s in after if s.status in (200, 204)), default=float("nan"))
    during = [s for s in samples if down <= s.sent < up_at]
    statuses = sorted({str(s.status) for s in samples})
    cut = [s for s in samples if s.status is None]
    return "\n".join([
        f"requests: {len(samples)}, statuses seen: {', '.join(statuses)}; no answer: {len(cut)}"
        + "".join(f"\n  {s.kind} after {s.took:.2f} s: {s.error[:90]}" for s in cut),
        f"database down {up_at - down:.1f} s; pg_ctl start took {up - up_at:.1f} s",
        f"sent while down: {len(during)}, by status: "
        f"{dict(Counter(str(s.status) for s in during))}; by kind and how long (s): "
        f"{ {k: [round(s.took, 2) for s in during if s.kind == k] for k in KINDS} }",
        f"after restart: first success {first_ok - up:.2f} s, last 503 {last_503 - up:.2f} s, "
        f"every kind on every replica succeeding "
        + (f"{recovered - up:.2f} s" if recovered else "NEVER") + " after pg_ctl start returned",
        "slowest answers: " + ", ".join(
            f"{s.kind} {s.took:.2f} s ({s.status}, sent {s.sent - down:+.1f} s from the stop)"
            for s in sorted(samples, key=lambda s: -s.took)[:4]),
    ])
