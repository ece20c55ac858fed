"""``--format text``: ``path:line:col: check/rule [*] message`` and a summary line.

``[*]`` marks a finding that ``contentlint fix`` can fix. With colour, the rule code takes
its severity's colour; ``--show-source`` adds the line with carets under the span;
``--statistics`` prints one line per rule instead of the findings.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO

from lint.finding import Finding, Severity
from lint.report import ReportOptions, count_rules
from lint.result import Result, fixable, severity_of

FIX_MARK = "[*]"
_RESET = "\x1b[0m"
_SEVERITY_STYLE = {Severity.ERROR: "1;31", Severity.WARNING: "33", Severity.INFO: "36"}
_BOLD, _DIM, _CYAN = "1", "2", "36"


class _Painter:
    def __init__(self, on: bool) -> None:
        self.on = on

    def __call__(self, text: str, style: str) -> str:
        return f"\x1b[{style}m{text}{_RESET}" if self.on else text


class Counts:
    """What the summary line counts: findings, and files checked, with findings, changed."""

    def __init__(self) -> None:
        self.total = 0
        self.fixable = 0
        self.unsafe = 0
        self.fixed = 0
        self.files = 0
        self.with_findings = 0
        self.changed = 0

    def add(self, file_report: Result) -> None:
        self.fixed += file_report.fixed
        self.changed += file_report.changed
        if file_report.document is not None:
            self.files += 1
            self.with_findings += bool(file_report.findings)


def report(reports: Iterable[Result], stream: IO[str], options: ReportOptions) -> None:
    if options.statistics:
        _statistics(reports, stream, options)
        return
    paint = _Painter(options.color)
    counts = Counts()
    for file_report in reports:
        document = file_report.document
        counts.add(file_report)
        if document is None:
            continue
        for finding in file_report.findings:
            mark = ""
            if fixable(finding):
                mark = FIX_MARK
                counts.fixable += 1
            elif finding.fix is not None and not finding.fix.refused:
                counts.unsafe += 1
                mark = FIX_MARK if options.unsafe_fixes else ""
            counts.total += 1
            stream.write(
                _line(file_report.path, document.position(finding.start), finding, mark, paint)
            )
            if options.show_source:
                stream.write(_source(file_report, finding, paint))
    if options.quiet:
        return
    stream.write(paint(summary(counts, options), _BOLD) + "\n")


def _line(
    path: str, position: tuple[int, int], finding: Finding, mark: str, paint: _Painter
) -> str:
    line, column = position
    code = paint(finding.code, _SEVERITY_STYLE[severity_of(finding)])
    head = f"{paint(path, _BOLD)}:{line}:{column}:"
    marked = f"{paint(mark, _CYAN)} " if mark else ""
    return f"{head} {code} {marked}{finding.message}\n"


def _source(file_report: Result, finding: Finding, paint: _Painter) -> str:
    from lint.report.source import excerpt

    assert file_report.document is not None
    number, shown, carets = excerpt(file_report.document, finding.start, finding.end)
    gutter = str(number)
    blank = " " * len(gutter)
    style = _SEVERITY_STYLE[severity_of(finding)]
    return (
        f"{paint(gutter, _DIM)} {paint('|', _DIM)} {shown}\n"
        f"{blank} {paint('|', _DIM)} {paint(carets, style)}\n"
    )


def _statistics(reports: Iterable[Result], stream: IO[str], options: ReportOptions) -> None:
    paint = _Painter(options.color)
    counts = Counts()

    def counted() -> Iterable[Result]:
        for file_report in reports:
            counts.add(file_report)
            yield file_report

    rules = count_rules(counted(), options.unsafe_fixes)
    count_width = max((len(str(c.count)) for c in rules), default=1)
    code_width = max((len(c.code) for c in rules), default=1)
    for entry in rules:
        info = options.rule(entry.code)
        mark = FIX_MARK if entry.fixable else " " * len(FIX_MARK)
        style = _SEVERITY_STYLE[info.severity] if info else _BOLD
        summary_text = info.rule.summary if info else ""
        code = paint(f"{entry.code:<{code_width}}", style)
        line = f"{entry.count:>{count_width}}  {code}  {paint(mark, _CYAN)}  {summary_text}"
        stream.write(line.rstrip() + "\n")
    if options.quiet:
        return
    counts.total = sum(c.count for c in rules)
    counts.fixable = sum(c.fixable for c in rules)
    stream.write(paint(summary(counts, options), _BOLD) + "\n")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary(counts: Counts, options: ReportOptions) -> str:
    """The last line: findings and the files they are in (the files that have them, or that
    changed), and how many files were checked when that is a different number."""
    checked = _plural(counts.files, "file")
    baselined = options.tally.baselined
    tail = f" {baselined} more in the baseline." if baselined else ""
    if options.tally.errors:
        tail += " Some paths could not be checked: see the errors above."
    if options.command == "fix":
        verb = "Would fix" if options.diff else "Fixed"
        head = f"{verb} {_plural(counts.fixed, 'finding')} in {_plural(counts.changed, 'file')}"
        head += f"; {counts.total} remaining"
        if counts.total:
            head += f" in {_plural(counts.with_findings, 'file')}"
        if counts.unsafe and not options.unsafe_fixes:
            head += f" ({counts.unsafe} fixable with --unsafe-fixes)"
        if counts.files != 1:
            head += f"; {checked} checked"
        return head + "." + tail
    if counts.total == 0:
        verdict = "No findings" if options.tally.errors else "All checks passed"
        return f"{verdict}: {checked} checked." + tail
    line = f"{_plural(counts.total, 'finding')} ({counts.fixable} fixable)"
    line += f" in {_plural(counts.with_findings, 'file')}"
    if counts.with_findings != counts.files:
        line += f" ({checked} checked)"
    line += "."
    if counts.fixable:
        line += f" Run `contentlint fix` to fix the ones marked {FIX_MARK}."
    if counts.unsafe:
        line += f" {counts.unsafe} more with --unsafe-fixes."
    return line + tail
