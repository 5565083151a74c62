"""``GET /_proxy/violations`` as a table for a terminal, or as JUnit XML for CI.

JUnit has a test case per check the proxy runs, as ``conform``'s has: failing when it failed on
any exchange (each failure in its text), passing otherwise; a deviation is a ``deviation``
property and a line of ``system-out`` on a passing case, as in ``conform``'s report.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from ..target.http import bounded
from .checks.requests import CHECKS as REQUEST_CHECKS
from .checks.responses import CHECKS as RESPONSE_CHECKS

ALL_CHECKS = (*REQUEST_CHECKS, *(check.__name__ for check in RESPONSE_CHECKS))


def line(violation: dict[str, Any]) -> str:
    exchange = violation["exchange"]
    return (f"#{exchange['id']} {exchange['method']} {exchange['target']} -> "
            f"{exchange['status'] or '-'}: {violation['message']}")


def table(listing: dict[str, Any]) -> str:
    """The listing as text: a summary line, then a row per violation."""
    rows = [f"{listing['exchanges']} exchanges, {listing['broken']} broke the contract: "
            f"{listing['failures']} failures, {listing['deviations']} deviations"]
    violations = listing["violations"]
    if violations:
        width = max(len(v["check"]) for v in violations)
        rows.append("")
        rows.append(f"{'kind':<9}  {'check':<{width}}  exchange")
        for violation in violations:
            text = bounded(" ".join(line(violation).split()), 300)
            rows.append(f"{violation['kind']:<9}  {violation['check']:<{width}}  {text}")
    return "\n".join(rows) + "\n"


def write_junit(listing: dict[str, Any], path: Path) -> None:
    violations = listing["violations"]
    names = list(dict.fromkeys([*ALL_CHECKS, *(v["check"] for v in violations)]))
    failing = {v["check"] for v in violations if v["kind"] == "failure"}
    root = ET.Element("testsuites", name="socialpost proxy")
    suite = ET.SubElement(root, "testsuite", name="socialpost proxy: live traffic",
                          tests=str(len(names)), failures=str(len(failing)), errors="0",
                          skipped="0")
    for name in names:
        case = ET.SubElement(suite, "testcase", classname="conformance.proxy", name=name)
        mine = [v for v in violations if v["check"] == name]
        failures = [v for v in mine if v["kind"] == "failure"]
        deviations = [v for v in mine if v["kind"] == "deviation"]
        if failures:
            element = ET.SubElement(case, "failure", message=line(failures[0])[:500])
            element.text = "\n\n".join(_text(v) for v in failures)
        if deviations:
            properties = ET.SubElement(case, "properties")
            for deviation in deviations:
                ET.SubElement(properties, "property", name="deviation",
                              value=bounded(line(deviation), 1000))
            out = ET.SubElement(case, "system-out")
            out.text = "\n\n".join(_text(v) for v in deviations)
    path.parent.mkdir(parents=True, exist_ok=True)
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)


def _text(violation: dict[str, Any]) -> str:
    text = line(violation)
    if violation.get("excerpt"):
        text += f"\n{violation['excerpt']}"
    return text
