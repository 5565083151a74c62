"""JUnit XML for CI: a test suite per layer, a test case per check."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from conformance.results import LAYERS, Finding, Status
from conformance.runner import Outcome


def _text(finding: Finding) -> str:
    lines = [f"found: {finding.message}"]
    if finding.curl:
        lines.append(f"sent: {finding.curl}")
    if finding.response:
        lines.append(f"got: {finding.response}")
    if finding.contract:
        lines.append(f"contract: {finding.contract}")
    return "\n".join(lines)


def write_junit(outcome: Outcome, path: Path) -> None:
    root = ET.Element("testsuites", name="socialpost conform", time=f"{outcome.seconds:.3f}")
    for layer, title in LAYERS.items():
        results = [r for r in outcome.results if r.layer == layer]
        suite = ET.SubElement(
            root, "testsuite", name=f"layer {layer}: {title}", tests=str(len(results)),
            failures=str(sum(r.status == Status.FAILED for r in results)),
            errors=str(sum(r.status == Status.ERROR for r in results)),
            skipped=str(sum(r.status == Status.SKIPPED for r in results)),
            time=f"{sum(r.seconds for r in results):.3f}",
        )
        for result in results:
            case = ET.SubElement(suite, "testcase", classname=f"conformance.layer{layer}",
                                 name=result.name, time=f"{result.seconds:.3f}")
            if result.status == Status.SKIPPED:
                ET.SubElement(case, "skipped", message=result.reason or "")
            elif result.status in (Status.FAILED, Status.ERROR):
                tag = "failure" if result.status == Status.FAILED else "error"
                first = result.findings[0].message if result.findings else result.behaviour
                element = ET.SubElement(case, tag, message=f"{result.behaviour} {first}"[:500])
                element.text = "\n\n".join(_text(f) for f in result.findings)
    path.parent.mkdir(parents=True, exist_ok=True)
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)
