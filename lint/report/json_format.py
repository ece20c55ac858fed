"""``--format json``: one JSON array of findings (the stable contract in DESIGN.md).

With ``--statistics``, an array of per-rule counts instead.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO

from lint.report import ReportOptions, count_rules, record, statistics_records
from lint.runner import FileReport


def report(reports: Iterable[FileReport], stream: IO[str], options: ReportOptions) -> None:
    if options.statistics:
        rows = statistics_records(count_rules(reports, options.unsafe_fixes), options)
    else:
        rows = [
            record(file_report.path, file_report.document, finding)
            for file_report in reports
            if file_report.document is not None
            for finding in file_report.findings
        ]
    json.dump(rows, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
