"""``--format sarif``: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

One run; ``tool.driver.rules`` lists every rule the run could report (id, description,
help, default level), results point at them by id and index. Columns count Unicode code
points (``columnKind``), end columns are exclusive, as SARIF defines them. Each result
carries the baseline fingerprint, so viewers track a finding across unrelated edits, and
its fix as SARIF replacements.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import PurePath
from typing import IO, Any
from urllib.parse import quote

from lint.document import Document
from lint.finding import Finding, Severity
from lint.report import ReportOptions
from lint.result import Result, RuleInfo, fingerprint, severity_of

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/contentlint/"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_uri(path: str) -> str:
    """A relative path stays relative (GitHub resolves it against the checkout)."""
    pure = PurePath(path)
    if pure.is_absolute():
        return pure.as_uri()
    posix = pure.as_posix()
    while posix.startswith("./"):
        posix = posix[2:]
    return quote(posix)


def _rule_descriptor(info: RuleInfo) -> dict[str, Any]:
    rule = info.rule
    help_text = rule.explanation.strip() or rule.summary
    if rule.example:
        help_text += "\n\nExample:\n\n" + rule.example.strip("\n")
    return {
        "id": info.code,
        "name": info.code,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.explanation.strip() or rule.summary},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": LEVELS[info.severity]},
        "properties": {"tags": [info.check], "fix": rule.fix},
    }


def _region(document: Document, start: int, end: int) -> dict[str, int]:
    line, column = document.position(start)
    end_line, end_column = document.position(end)
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


def _result(
    uri: str, document: Document, finding: Finding, index: dict[str, int]
) -> dict[str, Any]:
    location = {"artifactLocation": {"uri": uri}}
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "level": LEVELS[severity_of(finding)],
        "message": {"text": finding.message},
        "locations": [
            {
                "physicalLocation": {
                    **location,
                    "region": _region(document, finding.start, finding.end),
                }
            }
        ],
        "partialFingerprints": {"contentlint/v1": fingerprint(document, finding)},
    }
    if finding.code in index:
        result["ruleIndex"] = index[finding.code]
    if finding.fix is not None and finding.fix.edits:
        replacements = [
            {
                "deletedRegion": _region(document, edit.start, edit.end),
                "insertedContent": {"text": edit.replacement},
            }
            for edit in finding.fix.edits
        ]
        safety = "safe" if finding.fix.safe else "unsafe (contentlint fix --unsafe-fixes)"
        result["fixes"] = [
            {
                "description": {"text": f"{safety} fix"},
                "artifactChanges": [{**location, "replacements": replacements}],
            }
        ]
    return result


def report(reports: Iterable[Result], stream: IO[str], options: ReportOptions) -> None:
    rules = list(options.rules)
    index = {info.code: position for position, info in enumerate(rules)}
    results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    failed = False
    for file_report in reports:
        for note in file_report.notes:
            notifications.append({"level": "warning", "message": {"text": note}})
        if file_report.error:
            failed = True
            notifications.append({"level": "error", "message": {"text": file_report.error}})
        document = file_report.document
        if document is None:
            continue
        uri = artifact_uri(file_report.path)
        results.extend(_result(uri, document, finding, index) for finding in file_report.findings)
    driver: dict[str, Any] = {
        "name": "contentlint",
        "informationUri": INFORMATION_URI,
        "rules": [_rule_descriptor(info) for info in rules],
    }
    if options.tool_version:
        driver["version"] = options.tool_version
        driver["semanticVersion"] = options.tool_version
    invocation: dict[str, Any] = {"executionSuccessful": not failed}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    document_out = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "invocations": [invocation],
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    json.dump(document_out, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
