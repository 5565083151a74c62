"""Proof of power: ``conform`` catches every defect of the gallery and passes the mock itself.

Each defect (``defects.py``) is the mock behind a wrapper that breaks one documented behaviour.
``conform --quick`` must exit 1 on it and name the behaviour in a failed check; on the unmodified
mock, on the mock behind the gallery's own (defect-free) wrapper and behind a transparent reverse
proxy it must exit 0, so that a defect caught is the defect, not a false alarm.

``conform`` runs in worker processes, ``WORKERS`` runs at a time (each worker imports the suite
once, then serves many runs), and each worker serves the app it checks itself: the gallery costs a
fraction of its runs' summed time, and no single interpreter answers every run's requests.

Fairness (issue 10): a double of the 2022 real server (``real2022.py``) answers every point the
document leaves open as that server does. ``conform`` must pass it (exit 0), listing each of its
deviations from the mock's choices, and fail it under ``--strict`` (exit 1).
"""

from __future__ import annotations

import multiprocessing
import os
import traceback
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from unittest import mock

import httpx
import pytest
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from socialpost.server.app import create_app
from socialpost.server.config import Settings
from tests.conformance.defects import DEFECTS, Defect, Defective
from tests.conformance.real2022 import Real2022
from tests.live import serve_asgi

TOKEN = "test-token"
# A run waits on its target part of the time: one more worker than cores keeps the cores busy.
WORKERS = (os.cpu_count() or 1) + 1
RUN_TIMEOUT = 120.0
# Hop-by-hop headers, what httpx undoes (it decodes bodies) and what the proxy's own server sets:
# never forwarded as they came.
NOT_FORWARDED = {
    b"connection", b"keep-alive", b"transfer-encoding", b"upgrade", b"te", b"trailer",
    b"proxy-authenticate", b"proxy-authorization", b"host", b"content-length",
    b"content-encoding", b"date", b"server",
}


@dataclass(frozen=True)
class Run:
    """One ``conform`` run: exit code, everything it printed, and each failed check's text."""

    code: int
    output: str
    failed: dict[str, str]
    deviations: list[str] = field(default_factory=list)

    def explain(self, size: int = 6000) -> str:
        """The exit code, each failed check with its message, then the end of the output."""
        failures = "".join(f"\n  FAILED {text[:400]}" for text in self.failed.values())
        shown = self.output if len(self.output) <= size else f"[...]\n{self.output[-size:]}"
        return f"conform exited {self.code}; {len(self.failed)} failed check(s){failures}\n{shown}"

    def naming(self, words: tuple[str, ...]) -> list[str]:
        """The failed checks whose name and message hold every one of ``words``."""
        return [
            name for name, text in self.failed.items()
            if all(word.lower() in text.lower() for word in words)
        ]


# What a run is pointed at: a URL, or an app (a picklable callable) that the worker serves itself.
Target = str | Callable[[], ASGIApp]


def conform_in_worker(target: Target, junit: str, strict: bool) -> tuple[int, str, list[str]]:
    """``socialpost conform --quick --seed 1`` (``--strict`` if asked), in a worker process.

    ``target`` is a URL, or an app the worker serves on a local port for the run: serving in the
    worker keeps the test process (one interpreter, one GIL) from answering every run's requests.
    Answers the exit code, the output and every deviation listed, one line each: the check, the
    decision, the mock's and the target's answers (``Result.deviations`` of the run's outcome).
    A crash of the suite, or a target that cannot be served, is not a non-conformance: -2.
    """
    if not isinstance(target, str):
        try:
            with serve_asgi(target()) as base_url:
                return conform_in_worker(base_url, junit, strict)
        except Exception:
            return -2, f"could not serve the target:\n{traceback.format_exc()}", []

    from click.testing import CliRunner

    from socialpost.conformance import runner
    from socialpost.conformance.cli import conform

    outcomes: list[runner.Outcome] = []
    run = runner.run

    def recording(settings: runner.Settings, progress: runner.Progress) -> runner.Outcome:
        outcome = run(settings, progress)
        outcomes.append(outcome)
        return outcome

    args = ["--base-url", target, "--token", TOKEN, "--quick", "--seed", "1",
            "--junit-xml", junit, *(["--strict"] if strict else [])]
    with mock.patch.object(runner, "run", recording):
        result = CliRunner().invoke(conform, args)
    deviations = [
        f"{r.name}: {d.decision} | mock: {d.mock} | target: {d.target}"
        for outcome in outcomes for r in outcome.results for d in r.deviations
    ]
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        crash = "".join(traceback.format_exception(result.exception))
        return -2, f"{result.output}\nconform crashed:\n{crash}", deviations
    return result.exit_code, result.output, deviations


@dataclass(frozen=True)
class Conformer:
    """Runs conform in worker processes."""

    workers: ProcessPoolExecutor

    def run(self, target: Target, junit: Path, strict: bool = False) -> Run:
        """The run against ``target`` (a URL, or a picklable app factory served in the worker).

        The failed checks are read from its JUnit XML: a check's name and its message (the
        broken behaviour and the first finding), so that a word matches only where conform
        reports a failure, never in the progress line of a check that passed.
        """
        future = self.workers.submit(conform_in_worker, target, str(junit), strict)
        try:
            code, output, deviations = future.result(timeout=RUN_TIMEOUT)
        except FutureTimeout:
            return Run(-1, f"conform did not finish within {RUN_TIMEOUT:.0f} s", {})
        return Run(code, output, _failed_checks(junit), deviations)


def _failed_checks(junit: Path) -> dict[str, str]:
    """Each failed check of a run's JUnit XML: its name and message."""
    failed: dict[str, str] = {}
    if junit.exists():
        for case in ET.parse(junit).iter("testcase"):
            for problem in [*case.iter("failure"), *case.iter("error")]:
                name = case.get("name", "")
                failed[name] = f"{name} {problem.get('message', '')}"
    return failed


@pytest.fixture(scope="module")
def conformer() -> Iterator[Conformer]:
    # spawn, not fork: this process runs servers in threads.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=WORKERS, mp_context=context) as workers:
        yield Conformer(workers)


@pytest.fixture(scope="module")
def gallery(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    conformer: Conformer,
) -> dict[str, Run]:
    """The conform run of every defect this session selected, ``WORKERS`` at a time."""
    selected: list[Defect] = []
    for item in request.session.items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        if getattr(item, "module", None) is request.module and "defect" in params:
            selected.append(params["defect"])
    folder = tmp_path_factory.mktemp("gallery")

    def run(defect: Defect) -> Run:
        return conformer.run(defect.build, folder / f"{defect.name}.xml")

    with ThreadPoolExecutor(max_workers=WORKERS) as threads:
        return dict(zip((d.name for d in selected), threads.map(run, selected), strict=True))


@pytest.mark.parametrize("defect", DEFECTS, ids=[d.name for d in DEFECTS])
def test_conform_catches_the_defect(defect: Defect, gallery: dict[str, Run]) -> None:
    run = gallery[defect.name]
    assert run.code == 1, f"{defect.name} not caught ({defect.behaviour})\n{run.explain()}"
    assert run.naming(defect.expect), (
        f"{defect.name} caught, but no failed check names {defect.behaviour!r} "
        f"(words {defect.expect})\n{run.explain()}"
    )


def test_conform_passes_the_mock(live_mock: str, conformer: Conformer, tmp_path: Path) -> None:
    run = conformer.run(live_mock, tmp_path / "conform.xml")
    assert run.code == 0, f"false alarm on the mock itself\n{run.explain()}"


def test_conform_passes_the_gallery_wrapper_without_defect(
    conformer: Conformer, tmp_path: Path
) -> None:
    """The wrapper every defect is built on, with no defect in it, is no defect either."""
    run = conformer.run(Defective, tmp_path / "conform.xml")
    assert run.code == 0, f"false alarm on the bare defect wrapper\n{run.explain()}"


class ReverseProxy:
    """A transparent reverse proxy to ``upstream``, as a real deployment puts in front."""

    def __init__(self, upstream: str) -> None:
        self.upstream = upstream
        self.client: httpx.AsyncClient | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            # One connection pool for the server's lifetime, made in the server's event loop.
            while True:
                message = await receive()
                kind = message["type"].removeprefix("lifespan.")
                if kind == "startup":
                    self.client = httpx.AsyncClient(base_url=self.upstream)
                elif self.client is not None:
                    await self.client.aclose()
                await send({"type": f"lifespan.{kind}.complete"})
                if kind == "shutdown":
                    return
        assert self.client is not None, "the proxy is served with lifespan on"
        body = b""
        more = True
        while more:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)
        query = scope.get("query_string", b"").decode("latin-1")
        path: bytes = scope.get("raw_path") or scope["path"].encode()
        url = path.decode("latin-1") + (f"?{query}" if query else "")
        headers = [(k, v) for k, v in scope["headers"] if k.lower() not in NOT_FORWARDED]
        response = await self.client.request(scope["method"], url, headers=headers, content=body)
        kept = [(k, v) for k, v in response.headers.raw if k.lower() not in NOT_FORWARDED]
        if response.status_code != 204:
            kept.append((b"content-length", str(len(response.content)).encode()))
        start: Message = {"type": "http.response.start", "status": response.status_code,
                          "headers": kept}
        await send(start)
        await send({"type": "http.response.body", "body": response.content})


def test_conform_passes_the_mock_behind_a_reverse_proxy(
    conformer: Conformer, tmp_path: Path
) -> None:
    with serve_asgi(create_app(Settings(db_path=None))) as upstream:
        run = conformer.run(partial(ReverseProxy, upstream), tmp_path / "conform.xml")
    assert run.code == 0, f"false alarm on the mock behind a transparent proxy\n{run.explain()}"


# -- fairness: the 2022 real server's double conforms, with deviations -------------------------


@dataclass(frozen=True)
class DoubleRuns:
    """conform against the 2022 server's double: as a real server (no control API), then the
    same with --strict, then with the mock's control API kept (the publishing layer runs)."""

    lenient: Run
    strict: Run
    with_control: Run


@pytest.fixture(scope="module")
def real2022(tmp_path_factory: pytest.TempPathFactory, conformer: Conformer) -> DoubleRuns:
    folder = tmp_path_factory.mktemp("real2022")

    def run(variant: tuple[str, bool, bool]) -> Run:
        name, strict, control = variant
        return conformer.run(partial(Real2022, control=control), folder / f"{name}.xml", strict)

    variants = [("lenient", False, False), ("strict", True, False),
                ("with_control", False, True)]
    with ThreadPoolExecutor(max_workers=len(variants)) as threads:
        lenient, strict, with_control = threads.map(run, variants)
    return DoubleRuns(lenient, strict, with_control)


def _explain(run: Run) -> str:
    listed = "".join(f"\n  DEVIATION {line[:300]}" for line in run.deviations)
    return f"{len(run.deviations)} deviation(s) listed{listed}\n{run.explain()}"


# What the double answers differently from the mock, each a fact a listed deviation must name
# (the subject, never the wording): the error format, another member's delete (401),
# the caption limit, unknown association names ignored.
EXPECTED_DEVIATIONS = {
    "errors as {http, message, code} application/json": ("problem+json",),
    "another member's delete answers 401": ("delete", "401"),
    "a caption of 2,200 characters is refused": ("caption",),
    "unknown association names are ignored": ("association",),
}


@pytest.mark.parametrize("variant", ["lenient", "with_control"])
def test_conform_passes_the_2022_double_listing_each_deviation(
    variant: str, real2022: DoubleRuns
) -> None:
    run: Run = getattr(real2022, variant)
    assert run.code == 0, f"the 2022 double is reported non-conforming\n{_explain(run)}"
    assert "deviation" in run.output.lower(), f"no deviation reported\n{_explain(run)}"
    missing = [
        fact for fact, words in EXPECTED_DEVIATIONS.items()
        if not any(all(w.lower() in line.lower() for w in words) for line in run.deviations)
    ]
    assert not missing, f"deviations not listed: {missing}\n{_explain(run)}"


def test_conform_strict_fails_the_2022_double(real2022: DoubleRuns) -> None:
    run = real2022.strict
    assert run.code == 1, f"--strict did not fail the 2022 double's deviations\n{_explain(run)}"
    assert run.deviations, f"--strict failed without listing a deviation\n{_explain(run)}"
    assert "deviation" in run.output.lower(), _explain(run)


def test_the_2022_double_answers_as_the_2022_server() -> None:
    """The double itself, by HTTP: each silent point as real-api.md records the 2022 server."""
    brand, page = "b3ad887b-a14e-4bff-b618-a2edb675d19b", "5383b70e-bd8f-481f-a605-0664736def2d"
    instance = "8e6b780b-ae31-4277-bdbd-42f0663ac8ff"
    executed = "07c6b52b-f216-4862-aa34-650d5ebbe2da"
    foreign_page = "57e5fd79-2614-4608-9eb0-22c679442cdf"
    posts = f"/brands/{brand}/social-posts"
    me, agent = {"Authorization": f"Bearer {TOKEN}"}, {"Authorization": "Bearer agent-token"}

    def create(caption: str, page_id: str = page) -> httpx.Response:
        body = {"facebook_page": page_id, "template_instance": instance, "caption": caption}
        return client.post(posts, json=body, headers=me)

    def error_of(answer: httpx.Response) -> tuple[int, str, str]:
        assert answer.headers["content-type"].startswith("application/json"), answer.headers
        body = answer.json()
        assert set(body) == {"http", "message", "code"} and body["http"] == answer.status_code
        return answer.status_code, body["code"], body["message"]

    with serve_asgi(Real2022()) as base_url, httpx.Client(base_url=base_url) as client:
        unknown = client.get(f"/brands/{uuid.uuid4()}/social-posts", headers=me)
        assert error_of(unknown)[:2] == (403, "AccessForbidden")
        assert error_of(client.get(posts))[:2] == (401, "UnauthorizedAccess")
        invalid = client.get(posts, params={"status": "bogus"}, headers=me)
        assert error_of(invalid)[:2] == (400, "Validation")
        gone = client.put(f"{posts}/{uuid.uuid4()}", json={"caption": "x"}, headers=me)
        assert error_of(gone)[:2] == (404, "ResourceNotFound")
        assert error_of(create("x" * 2200))[:2] == (400, "Validation")
        assert create("x" * 2199).status_code == 200
        assert error_of(create("foreign page", foreign_page))[:2] == (403, "AccessForbidden")
        update = client.put(f"{posts}/{executed}", json={"caption": "test"}, headers=me)
        assert error_of(update) == (403, "AccessForbidden", "This Post is Executed")
        listed = client.get(posts, params={"associations": "social_post.owner,no.such"},
                            headers=me)
        assert listed.status_code == 200 and all("owner" in p for p in listed.json()["data"])
        post = create("deleted by its creator only").json()["data"]["id"]
        by_agent = client.delete(f"{posts}/{post}", headers=agent)
        assert error_of(by_agent)[:2] == (401, "UnauthorizedAccess")
        assert client.delete(f"{posts}/{post}", headers=me).status_code == 204
        assert error_of(client.get("/_mock/health"))[0] == 404
