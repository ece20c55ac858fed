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


def report(reports: Iterable[Result], stream: IO[str], options: ReportOptions) -> None:
    if options.statistics:
        _statistics(reports, stream, options)
        return
    paint = _Painter(options.color)
    total = fixable_count = unsafe_count = fixed = files = 0
    for file_report in reports:
        document = file_report.document
        fixed += file_report.fixed
        if document is None:
            continue
        files += 1
        for finding in file_report.findings:
            mark = ""
            if fixable(finding):
                mark = FIX_MARK
                fixable_count += 1
            elif finding.fix is not None:
                unsafe_count += 1
                mark = FIX_MARK if options.unsafe_fixes else ""
            total += 1
            stream.write(
                _line(file_report.path, document.position(finding.start), finding, mark, paint)
            )
            if options.show_source:
                stream.write(_source(file_report, finding, paint))
    if options.quiet:
        return
    line = summary(total, fixable_count, unsafe_count, fixed, options, files)
    stream.write(paint(line, _BOLD) + "\n")


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
    seen = {"files": 0, "fixed": 0}

    def counted() -> Iterable[Result]:
        for file_report in reports:
            seen["files"] += file_report.document is not None
            seen["fixed"] += file_report.fixed
            yield file_report

    counts = count_rules(counted(), options.unsafe_fixes)
    count_width = max((len(str(c.count)) for c in counts), default=1)
    code_width = max((len(c.code) for c in counts), default=1)
    for entry in counts:
        info = options.rule(entry.code)
        mark = FIX_MARK if entry.fixable else " " * len(FIX_MARK)
        style = _SEVERITY_STYLE[info.severity] if info else _BOLD
        summary_text = info.rule.summary if info else ""
        code = paint(f"{entry.code:<{code_width}}", style)
        line = f"{entry.count:>{count_width}}  {code}  {paint(mark, _CYAN)}  {summary_text}"
        stream.write(line.rstrip() + "\n")
    if options.quiet:
        return
    total = sum(c.count for c in counts)
    fixable_count = sum(c.fixable for c in counts)
    line = summary(total, fixable_count, 0, seen["fixed"], options, seen["files"])
    stream.write(paint(line, _BOLD) + "\n")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary(
    total: int,
    fixable_count: int,
    unsafe_count: int,
    fixed: int,
    options: ReportOptions,
    files_checked: int | None = None,
) -> str:
    files = _plural(options.files_checked if files_checked is None else files_checked, "file")
    baselined = options.tally.baselined
    tail = f" {baselined} more in the baseline." if baselined else ""
    if options.tally.errors:
        tail += " Some paths could not be checked: see the errors above."
    if options.command == "fix":
        verb = "Would fix" if options.diff else "Fixed"
        head = f"{verb} {_plural(fixed, 'finding')} in {files}; {total} remaining"
        if unsafe_count and not options.unsafe_fixes:
            head += f" ({unsafe_count} fixable with --unsafe-fixes)"
        return head + "." + tail
    if total == 0:
        verdict = "No findings" if options.tally.errors else "All checks passed"
        return f"{verdict}: 0 findings in {files}." + tail
    line = f"{_plural(total, 'finding')} ({fixable_count} fixable) in {files}."
    if fixable_count:
        line += f" Run `contentlint fix` to fix the ones marked {FIX_MARK}."
    if unsafe_count:
        line += f" {unsafe_count} more with --unsafe-fixes."
    return line + tail
