"""JUnit XML: one test case per fact, as CI servers (Jenkins, GitLab, Azure...) read it."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from factcheck.factsheet.outputs.summary import (
    broken_lines,
    cited_lines,
    headline,
    label,
    visible,
)
from factcheck.factsheet.validation import FactVerdict, Validation

__all__ = ["junit_xml"]


def junit_xml(validation: Validation, *, strict: bool = False) -> str:
    """A ``<testsuites>`` document; failing facts are ``<failure>``s, unsupported ones skips."""
    # ElementTree escapes markup but writes control characters as they are, and XML 1.0
    # forbids most of them: a sheet or source holding one would break the whole file.
    name = visible(validation.title or validation.sheet or "factsheet")
    failures = len(validation.failures(strict))
    skipped = sum(
        not r.failed(strict) and r.verdict is FactVerdict.UNSUPPORTED for r in validation.results
    )
    counts = {
        "tests": str(len(validation.results)),
        "failures": str(failures),
        "errors": "0",
        "skipped": str(skipped),
    }
    suites = ET.Element("testsuites", {"name": "factcheck", **counts})
    suite = ET.SubElement(suites, "testsuite", {"name": name, **counts})
    for result in validation.results:
        attributes = {"name": visible(result.id), "classname": name}
        if validation.sheet:
            attributes["file"] = visible(validation.sheet)
        if result.line is not None:
            attributes["line"] = str(result.line)
        case = ET.SubElement(suite, "testcase", attributes)
        details = visible(
            "\n".join([result.statement, *broken_lines(result), *cited_lines(result)])
        )
        if result.failed(strict):
            failure = ET.SubElement(
                case,
                "failure",
                {"message": visible(headline(result)), "type": result.verdict.value},
            )
            failure.text = details
        elif result.verdict is FactVerdict.UNSUPPORTED:
            ET.SubElement(case, "skipped", {"message": visible(headline(result))})
        else:
            output = ET.SubElement(case, "system-out")
            output.text = f"{label(result)}: {visible(result.message)}\n{details}"
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"
