"""``--format github``: GitHub Actions workflow commands, shown as annotations on the diff.

``::warning file=docs/a.md,line=3,col=5,endLine=3,endColumn=23,title=links/shortener::message``;
info findings become notices.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO

from lint.finding import Severity
from lint.report import ReportOptions
from lint.result import Result, fixable, severity_of

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def report(reports: Iterable[Result], stream: IO[str], options: ReportOptions) -> None:
    for file_report in reports:
        document = file_report.document
        if document is None:
            continue
        path = escape_property(file_report.path.removeprefix("./"))
        for finding in file_report.findings:
            line, column = document.position(finding.start)
            end_line, end_column = document.position(finding.end)
            place = f"file={path},line={line},col={column},endLine={end_line}"
            if end_line == line:  # GitHub uses endColumn only on one-line annotations
                place += f",endColumn={max(end_column, column)}"
            message = finding.message
            if fixable(finding, options.unsafe_fixes):
                message += " (fix available: contentlint fix)"
            level = LEVELS[severity_of(finding)]
            stream.write(
                f"::{level} {place},title={escape_property(finding.code)}::{escape_data(message)}\n"
            )
