"""Reporters: each turns the results of one run into text on a stream.

A reporter is a function ``(reports, stream, options) -> None`` registered by name in
``FORMATS``; modules are imported only when their format is asked for. ``reports`` is
iterated once, in order, as the files are linted: a reporter that writes as it goes
streams its output, and one that needs the whole run (JSON, SARIF) keeps only records,
never the documents.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import cached_property
from importlib import import_module
from typing import IO, Any

from lint.result import Result, RuleInfo, fixable

FORMATS: dict[str, str] = {
    "text": "lint.report.text:report",
    "json": "lint.report.json_format:report",
    "jsonl": "lint.report.jsonl:report",
    "sarif": "lint.report.sarif:report",
    "github": "lint.report.github:report",
}
# Formats that can print per-rule counts instead of findings (--statistics).
STATISTICS_FORMATS = ("text", "json", "jsonl")


class Tally:
    """Counts only the run knows: findings a baseline hid, paths that could not be checked."""

    def __init__(self) -> None:
        self.baselined = 0
        self.errors = 0


class ReportOptions:
    """How the reports are written. (A plain class: creating a dataclass, and importing
    ``dataclasses``, costs start-up.)"""

    def __init__(
        self,
        *,
        command: str = "check",  # check | fix
        quiet: bool = False,
        statistics: bool = False,
        show_source: bool = False,
        color: bool = False,
        unsafe_fixes: bool = False,
        files_checked: int = 0,
        diff: bool = False,
        extra: tuple[tuple[str, Any], ...] = (),
        rules: tuple[RuleInfo, ...] = (),
        tool_version: str = "",
    ) -> None:
        self.command = command
        self.quiet = quiet
        self.statistics = statistics
        self.show_source = show_source
        self.color = color
        self.unsafe_fixes = unsafe_fixes
        self.files_checked = files_checked
        self.diff = diff
        self.extra = extra
        # Every rule the run could report, in registry order (SARIF's rule table, statistics).
        self.rules = rules
        self.tool_version = tool_version
        # Filled in by the run while the reports stream past (read it after the last report).
        self.tally = Tally()

    @cached_property
    def _rule_index(self) -> Mapping[str, RuleInfo]:
        return {info.code: info for info in self.rules}

    def rule(self, code: str) -> RuleInfo | None:
        return self._rule_index.get(code)


Reporter = Callable[[Iterable[Result], IO[str], ReportOptions], None]


def reporter(name: str) -> Reporter:
    module, _, attribute = FORMATS[name].partition(":")
    function: Reporter = getattr(import_module(module), attribute)
    return function


class RuleCount:
    def __init__(self, code: str) -> None:
        self.code = code
        self.count = 0
        self.fixable = 0


def count_rules(reports: Iterable[Result], unsafe: bool = False) -> list[RuleCount]:
    """Findings per rule, most frequent first (ties by code): the statistics table."""
    counts: dict[str, RuleCount] = {}
    for file_report in reports:
        for finding in file_report.findings:
            entry = counts.get(finding.code)
            if entry is None:
                entry = counts[finding.code] = RuleCount(finding.code)
            entry.count += 1
            entry.fixable += fixable(finding, unsafe)
    return sorted(counts.values(), key=lambda c: (-c.count, c.code))


def statistics_records(counts: Iterable[RuleCount], options: ReportOptions) -> list[dict[str, Any]]:
    rows = []
    for entry in counts:
        check, _, rule = entry.code.partition("/")
        info = options.rule(entry.code)
        rows.append(
            {
                "code": entry.code,
                "check": check,
                "rule": rule,
                "count": entry.count,
                "fixable": entry.fixable,
                "summary": info.rule.summary if info else "",
            }
        )
    return rows
