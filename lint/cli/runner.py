"""One file (or stdin) through the linter and the fixer: the unit of work for the CLI and its workers."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from lint import regions
from lint.document import Document, markup_for_path
from lint.files.textfile import (
    FileError,
    SkippedFile,
    TextFile,
    decode,
    read_text_file,
    write_text_file,
)
from lint.linter import Linter
from lint.result import Result

STDIN = "-"


class FileTask(NamedTuple):
    """What to do with each file: check it, or fix it (and how)."""

    command: str = "check"
    unsafe: bool = False
    write: bool = True
    diff: bool = False

    def __call__(self, path: Path, linter: Linter) -> Result:
        try:
            text_file = read_text_file(path, linter.config.max_file_size or None)
        except SkippedFile as skipped:
            return Result(str(path), notes=[str(skipped)])
        except FileError as error:
            return Result(str(path), error=str(error))
        return self.run(text_file, str(path), linter)

    def run(self, text_file: TextFile, display: str, linter: Linter) -> Result:
        """Lint (or fix) decoded text shown as ``display``; a crashing check costs this file only."""
        try:
            if self.command == "fix":
                return self._fix(text_file, display, linter)
            return linter.lint(document_for(text_file, display))
        except Exception as error:  # raised before any write: the file is untouched
            detail = " ".join(str(error).split())[:200]
            return Result(
                display,
                error=f"{display}: internal error: {type(error).__name__}: {detail} "
                "(file not changed; please report this)",
            )

    def _fix(self, text_file: TextFile, display: str, linter: Linter) -> Result:
        from lint.fixer import ConvergenceError, fix_document  # only fix: not a check's start-up

        document = document_for(text_file, display)
        if text_file.decode_error is not None:
            return linter.lint(document)
        try:
            result = fix_document(document, linter, unsafe=self.unsafe)
        except ConvergenceError as error:
            result = linter.lint(document)
            result.error = f"{display}: {error}; not written"
            return result
        if result.text == text_file.text:
            return result
        if self.diff:
            result.diff = unified_diff(display, text_file.text, result.text)
        if self.write and display != STDIN:
            try:
                write_text_file(text_file, result.text)
            except FileError as error:
                # Nothing was fixed: report the file as it still is, with the reason.
                unchanged = linter.lint(document)
                unchanged.error = str(error)
                return unchanged
        return result


def document_for(text_file: TextFile, display: str) -> Document:
    return Document(
        text=text_file.text,
        path=display,
        markup=markup_for_path(display),
        decode_error=text_file.decode_error,
    )


def read_stdin(data: bytes, name: str) -> TextFile:
    """Standard input decoded exactly as a file of that name would be (raises SkippedFile)."""
    return decode(Path(name), data)


def unified_diff(path: str, before: str, after: str) -> str:
    import difflib  # only --diff

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
