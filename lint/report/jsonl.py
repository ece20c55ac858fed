"""``--format jsonl``: one JSON object a line, written as each file is done (for streaming).

Each line has the same fields as an element of ``--format json``; with ``--statistics``,
one line per rule.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO

from lint.report import ReportOptions, count_rules, record, statistics_records
from lint.runner import FileReport


def report(reports: Iterable[FileReport], stream: IO[str], options: ReportOptions) -> None:
    if options.statistics:
        for row in statistics_records(count_rules(reports, options.unsafe_fixes), options):
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    for file_report in reports:
        document = file_report.document
        if document is None:
            continue
        for finding in file_report.findings:
            stream.write(
                json.dumps(record(file_report.path, document, finding), ensure_ascii=False) + "\n"
            )
        if file_report.findings:
            stream.flush()
