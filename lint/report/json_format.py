"""``--format json``: one JSON array of findings (the stable contract in DESIGN.md).

With ``--statistics``, an array of per-rule counts instead.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO

from lint.report import ReportOptions, count_rules, statistics_records
from lint.result import Result


def report(reports: Iterable[Result], stream: IO[str], options: ReportOptions) -> None:
    if options.statistics:
        rows = statistics_records(count_rules(reports, options.unsafe_fixes), options)
    else:
        rows = [row for result in reports for row in result.records(unsafe=options.unsafe_fixes)]
    json.dump(rows, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
