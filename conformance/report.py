"""What a run prints: progress while it runs, then the failures in detail, then a summary."""

from __future__ import annotations

from collections.abc import Callable

from conformance.results import LAYERS, Result, Status
from conformance.runner import Outcome, Settings

Echo = Callable[[str], None]
MARKS = {Status.PASSED: "PASS", Status.FAILED: "FAIL", Status.SKIPPED: "SKIP",
         Status.ERROR: "ERROR"}


def header(settings: Settings, echo: Echo) -> None:
    profile = settings.profile
    mode = "quick" if settings.quick else "full"
    if settings.read_only:
        mode += ", read-only"
    echo(f"socialpost conform · {settings.base_url} · seed {settings.seed} · {mode}")
    shown = []
    for name in ("brand", "user", "facebook_page", "template_instance", "asset",
                 "video_template_instance", "foreign_brand", "failing_page", "executed_post"):
        value = getattr(profile, name)
        if value is not None:
            shown.append(f"{name}={value} ({profile.source_of(name)})")
    echo("profile: " + ", ".join(shown))


def failures(outcome: Outcome, echo: Echo) -> None:
    broken = [r for r in outcome.results if r.status in (Status.FAILED, Status.ERROR)]
    if not broken:
        return
    echo("")
    echo("NON-CONFORMANCES")
    for result in broken:
        echo("")
        echo(f"[layer {result.layer}] {result.name}: {result.behaviour}")
        for finding in result.findings:
            echo(f"  found:     {finding.message}")
            if finding.curl:
                echo(f"  sent:      {finding.curl}")
            if finding.response:
                echo(f"  got:       {finding.response}")
            if finding.contract:
                echo(f"  contract:  {finding.contract}")


def summary(outcome: Outcome, settings: Settings, echo: Echo) -> None:
    echo("")
    echo("SUMMARY")
    for layer, title in LAYERS.items():
        results = [r for r in outcome.results if r.layer == layer]
        counts = {s: sum(1 for r in results if r.status == s) for s in Status}
        echo(f"layer {layer} · {title}: {counts[Status.PASSED]} passed, "
             f"{counts[Status.FAILED] + counts[Status.ERROR]} failed, "
             f"{counts[Status.SKIPPED]} skipped")
        for result in results:
            echo(f"  {MARKS[result.status]:5} {result.name}{_detail(result)}")
    if outcome.cleanup is not None:
        left = outcome.cleanup.left
        echo(f"cleanup: deleted {outcome.cleanup.deleted} post(s) the run created"
             + (f"; COULD NOT DELETE {len(left)}: {', '.join(left)}" if left else ""))
    broken = sum(1 for r in outcome.results if r.status in (Status.FAILED, Status.ERROR))
    verdict = "conforms" if outcome.conforms else f"{broken} non-conformance(s) found"
    echo(f"{verdict} · {len(outcome.results)} checks · {outcome.seconds:.1f} s · reproduce with "
         f"--seed {settings.seed}")


def _detail(result: Result) -> str:
    if result.reason:
        return f" ({result.reason})"
    if result.status in (Status.FAILED, Status.ERROR):
        return f" ({len(result.findings)} finding(s))"
    if result.runs > 1:
        return f" ({result.runs} runs)"
    return ""
