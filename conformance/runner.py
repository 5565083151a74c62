"""A conformance run: the four layers in order, then the cleanup, whatever happened.

    layer 1  the contract, through Schemathesis (examples, coverage, fuzzing)
    layer 2  sequences: Schemathesis' stateful phase, then the suite's read-back scenarios
    layer 3  the documented semantics, over posts the run creates (the corpus)
    layer 4  publishing, when the target has the mock's control API

Every post the run creates is in its ledger and is deleted at the end (``finally``).
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx

from . import checks as _checks  # noqa: F401  (registers the suite's checks)
from .context import Context
from .contract import Options, run_schemathesis
from .corpus import build_corpus
from .registry import CHECKS, Check
from .results import (
    CheckDeviation,
    CheckFailure,
    CheckSkipped,
    Deviation,
    Finding,
    Result,
    Status,
)
from .target.control import MockControl
from .target.headers import Headers
from .target.http import Client
from .target.ledger import Cleanup, Ledger, clean_up
from .target.profile import Profile

Progress = Callable[[str], None]


class Unreachable(Exception):
    """The target did not answer at all: the suite cannot run (exit 2)."""


@dataclass(frozen=True)
class Settings:
    base_url: str
    profile: Profile
    seed: int
    quick: bool = False
    read_only: bool = False
    # Deviations from the mock's choices fail the run (a target meant to behave like the mock).
    strict: bool = False
    # Sent on every request of the run (--header): API, Schemathesis' and the control API's.
    headers: Headers = ()


@dataclass
class Outcome:
    results: list[Result] = field(default_factory=list)
    cleanup: Cleanup | None = None
    seconds: float = 0.0
    control: str = ""
    run_id: str = ""

    strict: bool = False

    @property
    def deviations(self) -> list[tuple[Result, Deviation]]:
        """Every deviation of the run, with the check that found it."""
        return [(r, d) for r in self.results for d in r.deviations]

    @property
    def broken(self) -> list[Result]:
        """The checks that fail the run: failures and errors, and deviations under --strict."""
        failing = {Status.FAILED, Status.ERROR} | ({Status.DEVIATED} if self.strict else set())
        return [r for r in self.results if r.status in failing]

    @property
    def conforms(self) -> bool:
        return not self.broken


def preflight(client: Client, profile: Profile) -> None:
    """Any HTTP answer will do; no answer at all means there is nothing to test."""
    try:
        client.get(f"/brands/{profile.brand}/social-posts", {"limit": 1})
    except httpx.HTTPError as exc:
        raise Unreachable(f"{client.base_url} does not answer: {exc}") from exc


def run(settings: Settings, progress: Progress) -> Outcome:
    """Run every layer against the target, then delete every post the run created."""
    began = time.monotonic()
    client = Client(settings.base_url, settings.profile.token, settings.headers)
    outcome = Outcome(run_id=secrets.token_hex(4), strict=settings.strict)
    try:
        preflight(client, settings.profile)
        control = MockControl.detect(client, settings.profile.control_token)
        wait = settings.profile.publish_wait
        outcome.control = (
            "found: the publishing layer runs" if control is not None
            else f"not found: publishing is checked on the server's own clock (publish_wait "
            f"{wait:g} s)" if wait is not None
            else "not found (GET /_mock/health is not 200): the publishing layer is skipped "
            "(publish_wait in the profile checks it on the server's own clock)"
        )
        progress(f"run {outcome.run_id} · mock control API {outcome.control}")
        ctx = Context(client=client, profile=settings.profile, ledger=Ledger(),
                      run_id=outcome.run_id, control=control, read_only=settings.read_only)
        try:
            _layers(ctx, settings, outcome, progress)
        finally:
            outcome.cleanup = clean_up(ctx.ledger, client, ctx.posts_path, ctx.caption_prefix,
                                       settings.profile.user)
    finally:
        client.close()
    outcome.seconds = time.monotonic() - began
    return outcome


def _layers(ctx: Context, settings: Settings, outcome: Outcome, progress: Progress) -> None:
    options = Options(base_url=settings.base_url, seed=settings.seed, quick=settings.quick,
                      read_only=settings.read_only, on_mock=ctx.control is not None)
    fuzzed = run_schemathesis(settings.profile, options, ctx.ledger, progress, settings.headers)
    # The fuzzer's posts go before the suite lists anything (and before the clock moves).
    swept = clean_up(ctx.ledger, ctx.client, ctx.posts_path, ctx.caption_prefix,
                     settings.profile.user)
    progress(f"deleted the {swept.deleted} post(s) Schemathesis created")
    outcome.results += [r for r in fuzzed if r.layer == 1]
    outcome.results += [r for r in fuzzed if r.layer == 2]
    for layer in (2, 3, 4):
        if layer == 3 and not ctx.read_only:
            setup = _corpus(ctx)
            if setup is not None:
                outcome.results.append(setup)
                progress(_line(setup))
        for check in CHECKS.in_layer(layer):
            result = run_check(check, ctx)
            outcome.results.append(result)
            progress(_line(result))


def _corpus(ctx: Context) -> Result | None:
    """Create the corpus; a result only if some create failed (the checks use what exists)."""
    try:
        corpus, failures = build_corpus(ctx)
    except CheckFailure as exc:  # the server's clock could not be read from a first post
        failures, corpus = [exc], None
    ctx.corpus = corpus if corpus is not None and corpus.posts else None
    if not failures:
        return None
    result = Result(layer=3, name="corpus",
                    behaviour="The suite can create the posts its list checks read.")
    for failure in failures:
        result.fail(_finding(failure, ctx,
                             "The document answers **200** (not 201) with the new post;"))
    return result


def run_check(check: Check, ctx: Context) -> Result:
    """Run one check; its failure, skip or crash becomes its result."""
    result = Result(layer=check.layer, name=check.name, behaviour=check.behaviour, runs=1)
    if check.writes and ctx.read_only:
        result.status, result.reason = Status.SKIPPED, "--read-only: the check writes"
        return result
    began = time.monotonic()
    ctx.deviations = []
    try:
        check.func(ctx)
    except CheckFailure as exc:
        result.fail(_finding(exc, ctx, check.contract))
    except CheckDeviation as exc:
        ctx.deviations.append(ctx.deviation(exc.decision, mock=exc.mock, target=exc.target,
                                            exchange=exc.exchange))
    except CheckSkipped as exc:
        result.status, result.reason = Status.SKIPPED, exc.reason
    except httpx.HTTPError as exc:
        result.status = Status.ERROR
        result.findings.append(Finding(message=f"the target stopped answering: {exc}"))
    except Exception as exc:  # an answer the check could not read: reported, never swallowed
        result.status = Status.ERROR
        last = ctx.client.exchanges[-1] if ctx.client.exchanges else None
        result.findings.append(Finding(
            message=f"the check could not read the target's answer ({type(exc).__name__}: "
            f"{exc})",
            curl=last.curl(ctx.profile.token) if last else None,
            response=last.excerpt() if last else None,
            contract=check.contract,
        ))
    for deviation in ctx.deviations:
        result.deviate(deviation)
    ctx.deviations = []
    result.seconds = time.monotonic() - began
    return result


def _finding(exc: CheckFailure, ctx: Context, contract: str) -> Finding:
    exchange = exc.exchange
    return Finding(
        message=exc.message,
        curl=exchange.curl(ctx.profile.token) if exchange else None,
        response=exchange.excerpt() if exchange else None,
        contract=contract,
    )


MARKS = {Status.PASSED: "PASS", Status.FAILED: "FAIL", Status.SKIPPED: "SKIP",
         Status.ERROR: "ERROR", Status.DEVIATED: "DEV"}


def _line(result: Result) -> str:
    tail = f" ({result.reason})" if result.reason else f" ({result.seconds * 1000:.0f} ms)"
    return f"layer {result.layer} · {MARKS[result.status]} {result.name}{tail}"
