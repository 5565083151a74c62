"""Layers 1 and 2 through Schemathesis: every operation of openapi.yaml, all built-in checks.

Schemathesis runs its examples, coverage and fuzzing phases in positive and negative modes
(layer 1) and its stateful phase over the contract's links, create -> update -> delete
(layer 2), with the profile's token as the bearer credential. Its findings become ``Result``s
named after its checks.

Writes stay safe on a real server:

* path parameters are pinned to the profile's brand, and a `socialPostId` the run did not create
  is replaced, just before sending, by a fresh random id (which cannot exist), so the fuzzer
  only ever updates or deletes posts of its own;
* every 2xx create is recorded in the run's ledger and deleted at the end;
* off the mock, a `due_at` the fuzzer picks in the next 30 days is moved 30 days on, so that no
  real publishing job posts anything before the run deletes it.

Fair to real servers: which requests outside the contract are refused, and which inside it are
accepted, is mostly the mock's choice where the document is silent (bounds of `limit`, the
caption's length, unknown body fields, 405 for a method a path lacks). Findings of those
Schemathesis checks (``CHOICES``) are deviations, not failures; ``--strict`` fails them.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import schemathesis
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import Status as EngineStatus
from schemathesis.engine import events, from_schema
from schemathesis.engine.recorder import ScenarioRecorder
from schemathesis.engine.run import PhaseName
from schemathesis.hooks import GLOBAL_HOOK_DISPATCHER, HookContext

from ..server import paths
from .results import Deviation, Finding, Result, Status
from .target.headers import Headers
from .target.http import bounded
from .target.ledger import Ledger
from .target.profile import Profile

SAFE_HORIZON = 30 * 86400.0
MAX_FINDINGS = 5
EXCERPT = 600

# What each Schemathesis check verifies, in the words of the report.
BEHAVIOURS = {
    "not_a_server_error": "No request makes the server answer 5xx.",
    "status_code_conformance": "Every status code answered is one the operation documents.",
    "content_type_conformance": "Every response has a content type documented for its status.",
    "response_headers_conformance": "Documented response headers are present and valid.",
    "response_schema_conformance": "Every response body matches its documented schema.",
    "positive_data_acceptance": "Requests the contract allows are accepted.",
    "negative_data_rejection": "Requests the contract forbids are rejected with 4xx.",
    "missing_required_header": "A request missing a required header is rejected.",
    "unsupported_method": "Methods a path does not define answer 405.",
    "allow_header_conformance": "405 answers list the path's documented methods in Allow.",
    "ignored_auth": "Operations declaring authentication refuse requests without valid auth.",
    "use_after_free": "A deleted post is gone for the operations linked to it.",
    "ensure_resource_availability": "A created post is there for the operations linked to it.",
}


# Schemathesis checks whose findings are deviations: the mock's choice, as the target answered.
CHOICES = {
    "negative_data_rejection": "a request the contract forbids is rejected with 4xx",
    "positive_data_acceptance": "a request the contract allows is accepted",
    "unsupported_method": "a method the path does not define answers 405",
    "allow_header_conformance": "a 405 lists the path's methods in Allow",
}


@dataclass(frozen=True)
class Options:
    base_url: str
    seed: int
    quick: bool
    read_only: bool
    on_mock: bool


def config_for(profile: Profile, options: Options, headers: Headers = ()) -> dict[str, Any]:
    """The Schemathesis configuration (its schemathesis.toml keys) for one run; ``headers``
    (``--header``) go on every request it sends."""
    examples = 6 if options.quick else 60
    phases: dict[str, Any] = {
        "examples": {"enabled": True},
        "coverage": {"enabled": True},
        "fuzzing": {"enabled": True},
        # Only the contract's own links (create -> update, create -> delete): inferred ones
        # may feed another id of the answer (a page, a user) to a post's path.
        "stateful": {"enabled": not options.read_only and not options.quick,
                     "max-steps": 12, "inference": {"algorithms": []}},
    }
    refs = {"pages": profile.facebook_page, "instances": profile.template_instance,
            "assets": profile.asset}
    return {
        "seed": options.seed,
        "base-url": options.base_url.rstrip("/"),
        # Schemathesis reads `${NAME}` in configured values as an environment variable: `$${`
        # keeps a value as given.
        "headers": {name: value.replace("${", "$${") for name, value in headers},
        "workers": 1,
        "cache": {"enabled": False},
        "generation": {"mode": "all", "max-examples": examples, "database": "none",
                       "deterministic": False},
        "auth": {"openapi": {"bearerAuth": {"bearer": profile.token}}},
        "parameters": {
            "path.brand": profile.brand,
            # Valid references most of the time, so that creates succeed and links are followed.
            "body.facebook_page": {"dictionary": "pages", "probability": 0.8},
            "body.template_instance": {"dictionary": "instances", "probability": 0.7},
            "body.asset": {"dictionary": "assets", "probability": 0.7},
        },
        "dictionaries": {name: {"values": [value]} for name, value in refs.items()},
        "phases": phases,
        "request-timeout": 30,
    }


@dataclass
class Guard:
    """Rewrites each outgoing Schemathesis request so that it only touches the run's posts."""

    schema: Any
    profile: Profile
    ledger: Ledger
    on_mock: bool
    horizon: float = field(default_factory=lambda: float(int(time.time() + SAFE_HORIZON)))
    # The random ids put in place of posts the run did not create: what the server answers to
    # those requests says nothing about the contract (see ``keeps_failure``).
    decoys: set[str] = field(default_factory=set)

    def before_call(self, context: HookContext, case: Any, kwargs: dict[str, Any]) -> None:
        if case.operation.schema is not self.schema:
            return  # another run's schema (tests run several in one process)
        path = case.path_parameters
        if isinstance(path, dict):
            brand = path.get("brand")
            if _is_uuid(brand) and brand != self.profile.brand:
                path["brand"] = str(uuid.uuid4())
            post_id = path.get("socialPostId")
            if _is_uuid(post_id) and not self.ledger.owns(str(post_id)):
                decoy = str(uuid.uuid4())
                self.decoys.add(decoy)
                path["socialPostId"] = decoy
        body = case.body
        if not isinstance(body, dict) or case.method.upper() not in ("POST", "PUT"):
            return
        if isinstance(body.get("template_instance"), str) and isinstance(body.get("asset"), str):
            # The dictionaries fill both sources, which the contract forbids; Schemathesis
            # re-classifies the case after this hook, so the request stays what it claims to be.
            body["asset"] = None
        if not self.on_mock:
            due = body.get("due_at")
            if isinstance(due, int | float) and not isinstance(due, bool):
                if 0 <= due < self.horizon:
                    body["due_at"] = self.horizon + (float(due) % 1)

    def keeps_failure(self, case: Any) -> bool:
        """Whether a failure stands: not if the guard replaced the post the request was for."""
        path = case.path_parameters
        return not (isinstance(path, dict) and path.get("socialPostId") in self.decoys)

    def after_call(self, context: HookContext, case: Any, response: Any) -> None:
        if case.method.upper() != "POST" or not 200 <= response.status_code < 300:
            return
        try:
            body = response.json()
        except ValueError:
            return
        self.ledger.record_response(response.status_code, body)


def _is_uuid(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


Progress = Callable[[str], None]


@dataclass
class Collector:
    """Turns Schemathesis' events into one ``Result`` per (layer, check)."""

    results: dict[tuple[int, str], Result] = field(default_factory=dict)
    seen: set[tuple[str, str, str]] = field(default_factory=set)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def result(self, layer: int, name: str) -> Result:
        key = (layer, name)
        if key not in self.results:
            behaviour = BEHAVIOURS.get(name, name.replace("_", " ").capitalize() + ".")
            self.results[key] = Result(layer=layer, name=name, behaviour=behaviour)
        return self.results[key]

    def scenario(self, layer: int, recorder: ScenarioRecorder) -> int:
        """Record a finished scenario; the number of its failures."""
        failures = 0
        for case_id, nodes in recorder.checks.items():
            for node in nodes:
                result = self.result(layer, node.name)
                result.runs += 1
                if node.status == EngineStatus.FAILURE and node.failure_info is not None:
                    failures += self._failure(result, recorder, case_id, node.failure_info)
                elif node.status == EngineStatus.ERROR:
                    result.status = Status.ERROR
        return failures

    def _failure(self, result: Result, recorder: ScenarioRecorder, case_id: str,
                 info: Any) -> int:
        failure = info.failure
        key = (result.name, str(failure.operation), str(failure.title))
        if key in self.seen:
            return 0
        self.seen.add(key)
        if len(result.findings) + len(result.deviations) >= MAX_FINDINGS:
            if result.name not in CHOICES:
                result.status = Status.FAILED
            return 0 if result.name in CHOICES else 1
        interaction = recorder.interactions.get(case_id)
        response = interaction.response if interaction is not None else None
        excerpt = None
        if response is not None:
            text = response.content.decode("utf-8", "replace") if response.content else ""
            kind = (response.headers.get("content-type") or ["no content-type"])[0]
            excerpt = f"{response.status_code} {kind} {bounded(text, EXCERPT)}".rstrip()
        message = bounded(" ".join(f"{failure.title}. {failure.message}".split()), 900)
        curl = bounded(str(info.code_sample), 2 * EXCERPT) if info.code_sample else None
        if result.name in CHOICES:
            status = response.status_code if response is not None else "no answer"
            result.deviate(Deviation(
                decision=f"{CHOICES[result.name]} ({failure.operation})",
                mock=f"as {result.name} expects", target=f"{status}: {message}",
                curl=curl, response=excerpt,
            ))
            return 0
        result.fail(Finding(
            message=message,
            curl=curl,
            response=excerpt,
            contract=f"{result.behaviour} (openapi.yaml, {failure.operation})",
            where=str(failure.operation),
        ))
        return 1

    def error(self, layer: int, label: str, message: str) -> None:
        result = self.result(layer, "schemathesis_error")
        result.behaviour = "Schemathesis could run every operation."
        result.status = Status.ERROR
        result.findings.append(Finding(message=f"{label}: {message}"[:900]))


def run_schemathesis(
    profile: Profile, options: Options, ledger: Ledger, progress: Progress, headers: Headers = ()
) -> list[Result]:
    """Run layers 1 and 2 (Schemathesis) and return their results."""
    config = SchemathesisConfig.from_dict(config_for(profile, options, headers))
    schema: Any = schemathesis.openapi.from_path(str(paths.SPEC_PATH), config=config)
    if options.read_only:
        schema = schema.include(method="GET")
    guard = Guard(schema, profile, ledger, options.on_mock)

    # Schemathesis marks hook functions with attributes: plain functions, not bound methods.
    def after_call(context: HookContext, case: Any, response: Any) -> None:
        guard.after_call(context, case, response)

    def before_call(context: HookContext, case: Any, kwargs: dict[str, Any]) -> None:
        guard.before_call(context, case, kwargs)

    def filter_failure(context: HookContext, failure: Any, case: Any, response: Any) -> bool:
        return guard.keeps_failure(case)

    schema.hook(after_call)
    schema.hook(filter_failure)
    # `before_call` exists only globally; the guard ignores other schemas' calls.
    GLOBAL_HOOK_DISPATCHER.register_hook_with_name(before_call, "before_call")
    collector = Collector()
    try:
        _consume(from_schema(schema).execute(), collector, progress)
    finally:
        GLOBAL_HOOK_DISPATCHER.unregister(before_call)
    return sorted(collector.results.values(), key=lambda r: (r.layer, r.name))


def _layer_of(phase: PhaseName | None) -> int:
    return 2 if phase == PhaseName.STATEFUL_TESTING else 1


def _consume(stream: Any, collector: Collector, progress: Progress) -> None:
    started: dict[PhaseName, float] = {}
    failures: dict[PhaseName, int] = {}
    scenarios: dict[PhaseName, int] = {}
    for event in stream:
        if isinstance(event, events.PhaseStarted):
            started[event.phase.name] = time.monotonic()
        elif isinstance(event, events.ScenarioFinished) and event.status != EngineStatus.SKIP:
            phase = event.phase
            scenarios[phase] = scenarios.get(phase, 0) + 1
            found = collector.scenario(_layer_of(phase), event.recorder)
            failures[phase] = failures.get(phase, 0) + found
        elif isinstance(event, events.PhaseFinished) and event.phase.is_enabled:
            phase = event.phase.name
            if phase in (PhaseName.PROBING, PhaseName.SCHEMA_ANALYSIS, PhaseName.AUTH_BOOTSTRAP):
                continue
            seconds = time.monotonic() - started.get(phase, time.monotonic())
            progress(
                f"layer {_layer_of(phase)} · Schemathesis {phase.value.replace('_', ' ')}: "
                f"{scenarios.get(phase, 0)} scenario(s), {failures.get(phase, 0)} failure(s) "
                f"({seconds:.1f} s)"
            )
        elif isinstance(event, events.NonFatalError):
            collector.error(_layer_of(event.phase), event.label, str(event.value))
        elif isinstance(event, events.FatalError):
            collector.error(1, "fatal", str(event.exception))
