"""Reporters: each turns the file reports of one run into text on a stream.

A reporter is a function ``(reports, stream, options) -> None`` registered by name in
``FORMATS``; modules are imported only when their format is asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import import_module
from typing import IO, Any

from lint.document import Document
from lint.finding import Finding, Severity
from lint.runner import FileReport

FORMATS: dict[str, str] = {
    "text": "lint.report.text:report",
    "json": "lint.report.json_format:report",
}


@dataclass(frozen=True)
class ReportOptions:
    command: str = "check"  # check | fix
    quiet: bool = False
    statistics: bool = False
    show_source: bool = False
    color: bool = False
    unsafe_fixes: bool = False
    files_checked: int = 0
    diff: bool = False
    extra: tuple[tuple[str, Any], ...] = ()


Reporter = Callable[[Sequence[FileReport], IO[str], ReportOptions], None]


def reporter(name: str) -> Reporter:
    module, _, attribute = FORMATS[name].partition(":")
    function: Reporter = getattr(import_module(module), attribute)
    return function


def fixable(finding: Finding, unsafe: bool = False) -> bool:
    return finding.fix is not None and (finding.fix.safe or unsafe)


def severity_of(finding: Finding) -> Severity:
    return finding.severity if finding.severity is not None else Severity.WARNING


def record(path: str, document: Document, finding: Finding) -> dict[str, Any]:
    """The stable JSON shape of one finding (DESIGN.md contract), plus the fix's edits."""
    line, column = document.position(finding.start)
    end_line, end_column = document.position(finding.end)
    fix: dict[str, Any] | None = None
    if finding.fix is not None:
        edits = []
        for edit in finding.fix.edits:
            start_line, start_column = document.position(edit.start)
            stop_line, stop_column = document.position(edit.end)
            edits.append(
                {
                    "line": start_line,
                    "column": start_column,
                    "end_line": stop_line,
                    "end_column": stop_column,
                    "replacement": edit.replacement,
                }
            )
        fix = {"applicability": "safe" if finding.fix.safe else "unsafe", "edits": edits}
    return {
        "path": path,
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "check": finding.check,
        "rule": finding.rule,
        "severity": str(severity_of(finding)),
        "message": finding.message,
        "fixable": fixable(finding),
        "fix": fix,
    }
