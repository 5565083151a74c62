"""What a run prints: progress while it runs, the failures and deviations in detail, a summary.

A failure is a behaviour every correct implementation has, got wrong; a deviation is an
acceptable answer that is not the mock's choice (failing only under ``--strict``). Every text a
target sent back is bounded before it is printed (``http.bounded``). ``finding_text`` and
``deviation_text`` are the same details as plain lines, for the reports CI systems read (JUnit
XML, GitHub annotations).
"""

from __future__ import annotations

from collections.abc import Callable

from ..results import LAYERS, Deviation, Finding, Result, Status
from ..runner import MARKS, Outcome, Settings
from ..target.http import bounded

Echo = Callable[[str], None]
# A finding's message may quote what the target sent (a caption, a list of ids): bounded too.
MESSAGE_CHARS = 1000


def header(settings: Settings, echo: Echo) -> None:
    profile = settings.profile
    mode = "quick" if settings.quick else "full"
    if settings.read_only:
        mode += ", read-only"
    if settings.strict:
        mode += ", strict"
    echo(f"socialpost conform · {settings.base_url} · seed {settings.seed} · {mode}")
    shown = []
    for name in ("brand", "user", "facebook_page", "template_instance", "asset",
                 "video_template_instance", "foreign_brand", "failing_page", "executed_post",
                 "publish_page", "publish_wait"):
        value = getattr(profile, name)
        if value is not None:
            shown.append(f"{name}={value} ({profile.source_of(name)})")
    echo("profile: " + ", ".join(shown))
    if settings.headers:
        echo("headers: " + ", ".join(f"{name}: {value}" for name, value in settings.headers))


def failures(outcome: Outcome, echo: Echo) -> None:
    broken = [r for r in outcome.results if r.status in (Status.FAILED, Status.ERROR)]
    if broken:
        echo("")
        echo("NON-CONFORMANCES")
    for result in broken:
        echo("")
        echo(f"[layer {result.layer}] {result.name}: {result.behaviour}")
        for finding in result.findings:
            echo(f"  found:     {bounded(finding.message, MESSAGE_CHARS)}")
            if finding.curl:
                echo(f"  sent:      {bounded(finding.curl, MESSAGE_CHARS)}")
            if finding.response:
                echo(f"  got:       {bounded(finding.response, MESSAGE_CHARS)}")
            if finding.contract:
                echo(f"  contract:  {finding.contract}")
    deviations(outcome, echo)


def deviations(outcome: Outcome, echo: Echo) -> None:
    """Each deviation: the decision, the mock's answer, the target's, and the exchange."""
    found = outcome.deviations
    if not found:
        return
    echo("")
    echo("DEVIATIONS FROM THE MOCK'S CHOICES" + (" (failing: --strict)" if outcome.strict else
                                                  " (acceptable answers; --strict fails them)"))
    for result, deviation in found:
        echo("")
        echo(f"[layer {result.layer}] {result.name}: {deviation.decision}")
        echo(f"  mock:      {bounded(deviation.mock, MESSAGE_CHARS)}")
        echo(f"  target:    {bounded(deviation.target, MESSAGE_CHARS)}")
        if deviation.curl:
            echo(f"  sent:      {bounded(deviation.curl, MESSAGE_CHARS)}")
        if deviation.response:
            echo(f"  got:       {bounded(deviation.response, MESSAGE_CHARS)}")


def summary(outcome: Outcome, settings: Settings, echo: Echo) -> None:
    echo("")
    echo("SUMMARY")
    for layer, title in LAYERS.items():
        results = [r for r in outcome.results if r.layer == layer]
        counts = {s: sum(1 for r in results if r.status == s) for s in Status}
        echo(f"layer {layer} · {title}: {counts[Status.PASSED]} passed, "
             f"{counts[Status.FAILED] + counts[Status.ERROR]} failed, "
             f"{counts[Status.DEVIATED]} deviated, {counts[Status.SKIPPED]} skipped")
        for result in results:
            echo(f"  {MARKS[result.status]:5} {result.name}{_detail(result)}")
    if outcome.cleanup is not None:
        left = outcome.cleanup.left
        echo(f"cleanup: deleted {outcome.cleanup.deleted} post(s) the run created"
             + (f"; COULD NOT DELETE {len(left)}: {', '.join(left)}" if left else ""))
    found = outcome.deviations
    for result, deviation in found:
        echo(f"deviation: {result.name}: {bounded(deviation.line(), MESSAGE_CHARS)}")
    failed = sum(1 for r in outcome.results if r.status in (Status.FAILED, Status.ERROR))
    if outcome.conforms:
        verdict = "conforms"
    elif failed:
        verdict = f"{failed} non-conformance(s) found"
    else:
        verdict = "does not conform under --strict"
    plural = "" if len(found) == 1 else "s"
    echo(f"{verdict} · {len(outcome.results)} checks · {len(found)} deviation{plural} · "
         f"{outcome.seconds:.1f} s · reproduce with --seed {settings.seed}")


def finding_text(finding: Finding) -> str:
    """A failure's details as plain lines: found, and when known sent, got and contract."""
    lines = [f"found: {bounded(finding.message, MESSAGE_CHARS)}"]
    if finding.curl:
        lines.append(f"sent: {bounded(finding.curl, MESSAGE_CHARS)}")
    if finding.response:
        lines.append(f"got: {bounded(finding.response, MESSAGE_CHARS)}")
    if finding.contract:
        lines.append(f"contract: {finding.contract}")
    return "\n".join(lines)


def deviation_text(deviation: Deviation) -> str:
    """A deviation's details as plain lines: the decision, mock, target, and the exchange."""
    lines = [f"deviation: {deviation.decision}", f"mock: {bounded(deviation.mock, MESSAGE_CHARS)}",
             f"target: {bounded(deviation.target, MESSAGE_CHARS)}"]
    if deviation.curl:
        lines.append(f"sent: {bounded(deviation.curl, MESSAGE_CHARS)}")
    if deviation.response:
        lines.append(f"got: {bounded(deviation.response, MESSAGE_CHARS)}")
    return "\n".join(lines)


def _detail(result: Result) -> str:
    if result.reason:
        return f" ({result.reason})"
    if result.status in (Status.FAILED, Status.ERROR):
        return f" ({len(result.findings)} finding(s))"
    if result.status == Status.DEVIATED:
        return f" ({len(result.deviations)} deviation(s))"
    if result.runs > 1:
        return f" ({result.runs} runs)"
    return ""
