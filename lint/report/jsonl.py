"""``--format jsonl``: one JSON object a line, written as each file is done (for streaming).

Each line has the same fields as an element of ``--format json``; with ``--statistics``,
one line per rule.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO

from lint.report import ReportOptions, count_rules, statistics_records
from lint.result import Result


def report(reports: Iterable[Result], stream: IO[str], options: ReportOptions) -> None:
    if options.statistics:
        for row in statistics_records(count_rules(reports, options.unsafe_fixes), options):
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    for result in reports:
        for row in result.records(unsafe=options.unsafe_fixes):
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")
        if result.findings:
            stream.flush()
