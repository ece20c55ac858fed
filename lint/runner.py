"""One file through the linter (and the fixer): the unit of work for the CLI and its workers."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from lint import regions
from lint.document import Document, markup_for_path
from lint.engine import Linter
from lint.finding import Finding
from lint.fixer import ConvergenceError, fix_document
from lint.textfile import FileError, SkippedFile, TextFile, read_text_file, write_text_file


@dataclass
class FileReport:
    """What happened to one file. ``error`` makes the run exit 2; ``note`` is informational."""

    path: str
    document: Document | None = None
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    error: str | None = None
    fixed: int = 0
    fixed_text: str | None = None
    diff: str = ""


def document_for(text_file: TextFile, display: str) -> Document:
    return Document(
        text=text_file.text,
        path=display,
        markup=markup_for_path(display),
        decode_error=text_file.decode_error,
    )


def _read(path: Path, linter: Linter) -> TextFile | FileReport:
    try:
        return read_text_file(path, linter.config.max_file_size)
    except SkippedFile as skipped:
        return FileReport(str(path), notes=[str(skipped)])
    except FileError as error:
        return FileReport(str(path), error=str(error))


def _notes(document: Document, notes: list[tuple[int, str]]) -> list[str]:
    out = []
    for offset, message in notes:
        line, column = document.position(offset)
        out.append(f"{document.path}:{line}:{column}: {message}")
    return out


def _internal_error(path: Path, error: Exception) -> FileReport:
    """A bug in a check: one line for this file, and the run goes on to the next."""
    detail = " ".join(str(error).split())[:200]
    return FileReport(
        str(path),
        error=f"{path}: internal error: {type(error).__name__}: {detail} "
        "(file not changed; please report this)",
    )


def check_file(path: Path, linter: Linter) -> FileReport:
    try:
        return _check_file(path, linter)
    except Exception as error:  # a crashing check must not end the run or lose the file
        return _internal_error(path, error)


def fix_file(path: Path, linter: Linter, *, unsafe: bool, write: bool, diff: bool) -> FileReport:
    try:
        return _fix_file(path, linter, unsafe=unsafe, write=write, diff=diff)
    except Exception as error:  # raised before the write: the file is untouched
        return _internal_error(path, error)


def _check_file(path: Path, linter: Linter) -> FileReport:
    text_file = _read(path, linter)
    if isinstance(text_file, FileReport):
        return text_file
    document = document_for(text_file, str(path))
    result = linter.lint(document)
    return FileReport(str(path), document, result.findings, _notes(document, result.notes))


def _fix_file(path: Path, linter: Linter, *, unsafe: bool, write: bool, diff: bool) -> FileReport:
    text_file = _read(path, linter)
    if isinstance(text_file, FileReport):
        return text_file
    display = str(path)
    document = document_for(text_file, display)
    if text_file.decode_error is not None:
        result = linter.lint(document)
        return FileReport(display, document, result.findings, _notes(document, result.notes))
    try:
        outcome = fix_document(document, linter, unsafe=unsafe)
    except ConvergenceError as error:
        result = linter.lint(document)
        return FileReport(
            display, document, result.findings, error=f"{display}: {error}; not written"
        )
    final = outcome.result.document
    report = FileReport(
        display, final, outcome.result.findings, _notes(final, outcome.result.notes)
    )
    report.fixed = outcome.fixed
    if outcome.text == text_file.text:
        return report
    report.fixed_text = outcome.text
    if diff:
        report.diff = unified_diff(display, text_file.text, outcome.text)
    if write:
        try:
            write_text_file(text_file, outcome.text)
        except FileError as error:
            report.error = str(error)
    return report


def unified_diff(path: str, before: str, after: str) -> str:
    lines = difflib.unified_diff(
        _split(before),
        _split(after),
        fromfile=f"a/{path}",
        tofile=f"b/{path}",
    )
    out = []
    for line in lines:
        out.append(
            line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n"
        )
    return "".join(out)


def _split(text: str) -> list[str]:
    return [text[start:end] for start, _, end in regions.lines(text)]
