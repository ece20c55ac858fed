"""``--format text``: ``path:line:col: check/rule [*] message`` and a summary line."""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO

from lint.report import ReportOptions, fixable
from lint.runner import FileReport


def report(reports: Sequence[FileReport], stream: IO[str], options: ReportOptions) -> None:
    total = fixable_count = unsafe_count = fixed = 0
    for file_report in reports:
        document = file_report.document
        fixed += file_report.fixed
        if document is None:
            continue
        for finding in file_report.findings:
            line, column = document.position(finding.start)
            mark = ""
            if fixable(finding):
                mark = "[*] "
                fixable_count += 1
            elif finding.fix is not None:
                unsafe_count += 1
                mark = "[*] " if options.unsafe_fixes else ""
            total += 1
            stream.write(
                f"{file_report.path}:{line}:{column}: {finding.code} {mark}{finding.message}\n"
            )
    if options.quiet:
        return
    stream.write(summary(total, fixable_count, unsafe_count, fixed, options) + "\n")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary(
    total: int, fixable_count: int, unsafe_count: int, fixed: int, options: ReportOptions
) -> str:
    files = _plural(options.files_checked, "file")
    if options.command == "fix":
        verb = "Would fix" if options.diff else "Fixed"
        head = f"{verb} {_plural(fixed, 'finding')} in {files}; {total} remaining"
        if unsafe_count and not options.unsafe_fixes:
            head += f" ({unsafe_count} fixable with --unsafe-fixes)"
        return head + "."
    if total == 0:
        return f"All checks passed: 0 findings in {files}."
    line = f"{_plural(total, 'finding')} ({fixable_count} fixable) in {files}."
    if fixable_count:
        line += " Run `contentlint fix` to fix the ones marked [*]."
    if unsafe_count:
        line += f" {unsafe_count} more with --unsafe-fixes."
    return line
