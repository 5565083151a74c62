"""JUnit XML for CI test reports: one test case per change, failed when at or above --fail-on.

With no change at all there is one passing case, so that the report is never empty.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

from .report import Report, operation, where

__all__ = ["render"]


def render(report: Report) -> str:
    """The report as a JUnit ``testsuites`` document."""
    failures = report.failures
    suites = ElementTree.Element("testsuites")
    suite = ElementTree.SubElement(
        suites,
        "testsuite",
        name=f"socialpost diff {report.base} -> {report.head}",
        tests=str(max(len(report.changes), 1)),
        failures=str(len(failures)),
        errors="0",
    )
    for change in report.changes:
        case = ElementTree.SubElement(
            suite,
            "testcase",
            classname=f"socialpost.diff.{change.rule}",
            name=f"{operation(change)}: {change.message}",
            file=change.file,
            line=str(change.line),
        )
        detail = f"{change.level.name} {change.rule} at {where(change)} {change.pointer or '/'}"
        if change in failures:
            failure = ElementTree.SubElement(
                case, "failure", type=change.rule, message=f"{change.level.name}: {change.message}"
            )
            failure.text = detail
        else:
            ElementTree.SubElement(case, "system-out").text = detail
    if not report.changes:
        ElementTree.SubElement(suite, "testcase", classname="socialpost.diff", name="no changes")
    ElementTree.indent(suites)
    return ElementTree.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"
