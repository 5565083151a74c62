"""Replicas of the mock on one PostgreSQL database: real ``socialpost serve --store`` processes.

``replicas(url, n, logs)`` starts ``n`` of them at once (so their migrations race, as on a real
deployment) and kills them at the end; ``RoundRobin`` is a reverse proxy (ASGI) sending each
request to the next replica in turn. The helpers below speak the contract's API to one replica.
"""

from __future__ import annotations

import itertools
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self

import httpx

from tests.conftest import AUTH, BRAND, POSTS, STATS, create_body
from tests.live import ReverseProxy, free_port, wait_healthy

# Every request of these tests gives up after this long: a hang fails the test, fast.
TIMEOUT = httpx.Timeout(6.0, connect=3.0)
LIMIT = 1000  # the contract's largest list page


@dataclass
class Replica:
    """One ``socialpost serve --store URL`` process, restartable on its port."""

    store_url: str
    port: int
    log_dir: Path
    args: tuple[str, ...] = ()
    process: subprocess.Popen[bytes] | None = None
    starts: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def log(self) -> Path:
        return self.log_dir / f"replica-{self.port}-{self.starts}.log"

    def launch(self) -> None:
        """Start the process (not waiting for it to answer)."""
        self.starts += 1
        # Output goes to a file: a pipe nobody drains would block the server once it fills.
        with self.log.open("wb") as sink:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "socialpost", "serve", "--store", self.store_url,
                 "--port", str(self.port), *self.args],
                stdout=sink, stderr=subprocess.STDOUT,
            )

    def wait(self) -> None:
        wait_healthy(self.url, seconds=30, process=self.process, log=self.log)

    def start(self) -> None:
        self.launch()
        self.wait()

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def kill_hard(self) -> None:
        """``kill -9``: no shutdown code runs, open transactions are cut."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


@contextmanager
def replicas(store_url: str, count: int, log_dir: Path, *args: str) -> Iterator[list[Replica]]:
    """``count`` replicas serving ``store_url``, started together; stopped on exit."""
    started = [Replica(store_url, free_port(), log_dir, args) for _ in range(count)]
    with ExitStack() as stack:
        for replica in started:
            stack.callback(replica.stop)
            replica.launch()
        for replica in started:
            replica.wait()
        yield started


def run_all(target: Callable[[int], None], count: int, seconds: float = 120) -> None:
    """``target(0)`` … ``target(count - 1)`` at once, in threads; fails if one hangs."""
    threads = [threading.Thread(target=target, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds)
    assert not any(thread.is_alive() for thread in threads), "a client hung"


class Background:
    """Threads calling ``run(*job)`` for each job until the ``with`` block ends."""

    def __init__(self, jobs: Sequence[tuple[Any, ...]]) -> None:
        self.stopped = threading.Event()
        self._threads = [threading.Thread(target=self.run, args=job) for job in jobs]

    def run(self, *job: Any) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stopped.set()
        for thread in self._threads:
            thread.join(timeout=30)
        assert not any(t.is_alive() for t in self._threads), f"{type(self).__name__} hung"


class RoundRobin(ReverseProxy):
    """A reverse proxy (ASGI) forwarding each request, as is, to the next upstream in turn."""

    def __init__(self, upstreams: Sequence[str]) -> None:
        super().__init__(upstreams[0], timeout=TIMEOUT)
        self._next = itertools.cycle([u.rstrip("/") for u in upstreams])
        self.forwarded: dict[str, int] = {u.rstrip("/"): 0 for u in upstreams}

    def target(self) -> str:
        upstream = next(self._next)
        self.forwarded[upstream] += 1
        return upstream


# -- the API, spoken to one replica -------------------------------------------------------------


def create_post(client: httpx.Client, url: str, **overrides: Any) -> dict[str, Any]:
    """Create a post in the document's brand; the post as acknowledged."""
    answer = client.post(f"{url}{POSTS}", json=create_body(**overrides), headers=AUTH)
    assert answer.status_code == 200, answer.text
    post: dict[str, Any] = answer.json()["data"]
    return post


def list_posts(client: httpx.Client, url: str, headers: dict[str, str] | None = None,
               brand: str = BRAND, **params: Any) -> list[dict[str, Any]]:
    """Every post of ``brand`` the list shows, page after page of the largest size."""
    posts: list[dict[str, Any]] = []
    while True:
        answer = client.get(f"{url}/brands/{brand}/social-posts",
                            params={**params, "start": len(posts), "limit": LIMIT},
                            headers=headers or AUTH)
        assert answer.status_code == 200, answer.text
        page: list[dict[str, Any]] = answer.json()["data"]
        posts.extend(page)
        if len(page) < LIMIT:
            return posts


def post_ids(client: httpx.Client, url: str, **params: Any) -> list[str]:
    return [post["id"] for post in list_posts(client, url, **params)]


def stats(client: httpx.Client, url: str) -> dict[str, int]:
    """Posts per medium, as ``/stats`` counts them."""
    answer = client.get(f"{url}{STATS}", headers=AUTH)
    assert answer.status_code == 200, answer.text
    return {k: int(v) for k, v in answer.json().items() if k != "type"}


def clock(client: httpx.Client, url: str, **body: Any) -> dict[str, Any]:
    """``GET /_mock/clock``, or ``POST`` it with ``body`` (e.g. ``advance=60``)."""
    if body:
        answer = client.post(f"{url}/_mock/clock", json=body)
    else:
        answer = client.get(f"{url}/_mock/clock")
    assert answer.status_code == 200, answer.text
    found: dict[str, Any] = answer.json()
    return found
