"""``--format json``: one JSON array of findings (the stable contract in DESIGN.md)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import IO

from lint.report import ReportOptions, record
from lint.runner import FileReport


def report(reports: Sequence[FileReport], stream: IO[str], options: ReportOptions) -> None:
    rows = [
        record(file_report.path, file_report.document, finding)
        for file_report in reports
        if file_report.document is not None
        for finding in file_report.findings
    ]
    json.dump(rows, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
