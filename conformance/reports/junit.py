"""JUnit XML for CI: a test suite per layer, a test case per check.

A deviation (an acceptable answer that is not the mock's choice) is a passing test case that
says so: a ``deviation`` property and a line in ``system-out`` each. Under ``--strict`` it is also
a ``<failure type="deviation">``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from ..results import LAYERS, Status
from ..runner import Outcome
from ..target.http import bounded
from .text import deviation_text, finding_text


def write_junit(outcome: Outcome, path: Path) -> None:
    root = ET.Element("testsuites", name="socialpost conform", time=f"{outcome.seconds:.3f}")
    for layer, title in LAYERS.items():
        results = [r for r in outcome.results if r.layer == layer]
        strict_failures = sum(r.status == Status.DEVIATED for r in results) if outcome.strict else 0
        suite = ET.SubElement(
            root, "testsuite", name=f"layer {layer}: {title}", tests=str(len(results)),
            failures=str(sum(r.status == Status.FAILED for r in results) + strict_failures),
            errors=str(sum(r.status == Status.ERROR for r in results)),
            skipped=str(sum(r.status == Status.SKIPPED for r in results)),
            time=f"{sum(r.seconds for r in results):.3f}",
        )
        for result in results:
            case = ET.SubElement(suite, "testcase", classname=f"conformance.layer{layer}",
                                 name=result.name, time=f"{result.seconds:.3f}")
            if result.deviations:
                properties = ET.SubElement(case, "properties")
                for deviation in result.deviations:
                    ET.SubElement(properties, "property", name="deviation",
                                  value=bounded(deviation.line(), 1000))
            if result.status == Status.SKIPPED:
                ET.SubElement(case, "skipped", message=result.reason or "")
            elif result.status in (Status.FAILED, Status.ERROR):
                tag = "failure" if result.status == Status.FAILED else "error"
                first = result.findings[0].message if result.findings else result.behaviour
                element = ET.SubElement(case, tag, message=f"{result.behaviour} {first}"[:500])
                element.text = "\n\n".join(finding_text(f) for f in result.findings)
            elif result.status == Status.DEVIATED and outcome.strict:
                first = result.deviations[0].line()
                element = ET.SubElement(case, "failure", type="deviation",
                                        message=f"{result.behaviour} deviation: {first}"[:500])
                element.text = "\n\n".join(deviation_text(d) for d in result.deviations)
            if result.deviations:
                out = ET.SubElement(case, "system-out")
                out.text = "\n\n".join(deviation_text(d) for d in result.deviations)
    path.parent.mkdir(parents=True, exist_ok=True)
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)
