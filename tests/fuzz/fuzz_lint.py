"""Fuzz target: bytes -> decode -> lint -> fix -> fix again, with every invariant checked.

Run by hand for as long as you like (see README.md in this folder)::

    python tests/fuzz/fuzz_lint.py CORPUS_DIR -max_total_time=14400

The same checks back the Hypothesis properties in tests/test_properties.py and the
bounded run in tests/test_fuzz.py, so a crash found here is a failing test there.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

from lint import regions
from lint.config import load_config
from lint.document import Document, Markup
from lint.files.textfile import SkippedFile, decode
from lint.finding import Finding
from lint.fixer import apply_fixes, fix_document
from lint.linter import Linter
from lint.result import fixable as applicable

MARKUPS: tuple[Markup, ...] = ("text", "markdown", "html")
SUFFIX = {"text": "txt", "markdown": "md", "html": "html"}
_BREAKS = ("\r\n", "\r", "\n")


@cache
def linter() -> Linter:
    """Every installed check with the shipped defaults."""
    return Linter(load_config(discover=False))


def check_bytes(data: bytes) -> None:
    """The whole pipeline on raw bytes; the first byte picks markup and fix safety."""
    if not data:
        return
    markup = MARKUPS[data[0] % 3]
    unsafe = bool(data[0] & 4)
    raw = data[1:]
    try:
        text_file = decode(Path(f"fuzz.{SUFFIX[markup]}"), raw)
    except SkippedFile:
        return
    if text_file.decode_error is not None:
        document = Document(
            text_file.text, f"fuzz.{SUFFIX[markup]}", markup, text_file.decode_error
        )
        findings = linter().lint(document).findings
        check_findings(document, findings)
        if "contentlint:" not in document.text:  # an inline directive may silence it
            assert any(f.rule == "invalid-utf8" for f in findings), "undecodable text unreported"
        return
    # Decoding then encoding the unchanged text gives back the very same bytes.
    assert text_file.encode(text_file.text) == raw
    fixed = check_text(text_file.text, markup, unsafe=unsafe)
    written = text_file.encode(fixed)
    again = decode(text_file.path, written)
    assert (again.bom, again.encoding, again.text) == (
        text_file.bom,
        text_file.encoding,
        fixed,
    ), "BOM or encoding changed on write"


def check_text(text: str, markup: Markup, *, unsafe: bool = False) -> str:
    """Lint and fix ``text``, assert every invariant, and return the fixed text."""
    path = f"fuzz.{SUFFIX[markup]}"
    document = Document(text, path, markup)
    findings = linter().lint(document).findings
    check_findings(document, findings)
    fixes = [f for f in findings if applicable(f, unsafe)]
    for finding in fixes:
        check_locality(text, finding)
    first_pass, _ = apply_fixes(text, [f.fix for f in fixes if f.fix is not None])
    check_outside_unchanged(text, first_pass, fixes)
    outcome = fix_document(document, linter(), unsafe=unsafe)
    check_line_breaks(text, outcome.text)
    again = fix_document(Document(outcome.text, path, markup), linter(), unsafe=unsafe)
    assert again.text == outcome.text, "fix is not idempotent"
    assert again.fixed == 0, "a second fix found something to fix"
    return outcome.text


def check_findings(document: Document, findings: list[Finding]) -> None:
    """Every finding and edit points into the text, at a real line and column."""
    size = len(document.text)
    lines = document.lines
    for finding in findings:
        assert 0 <= finding.start <= finding.end <= size, f"span out of text: {finding}"
        assert finding.severity is not None
        line, column = document.position(finding.start)
        if lines:
            assert 1 <= line <= len(lines), f"line {line} of {len(lines)}: {finding}"
            assert 1 <= column <= lines[line - 1].next - lines[line - 1].start + 1
        if finding.fix is not None:
            for edit in finding.fix.edits:
                assert 0 <= edit.start <= edit.end <= size, f"edit out of text: {finding}"


def check_locality(text: str, finding: Finding) -> None:
    """A fix edits its finding's span, plus only the white space around it (any white space a
    removed line holds, U+2028 and the no-break space included, as checks.edits reads it)."""
    assert finding.fix is not None
    low, high = finding.start, finding.end
    while low > 0 and text[low - 1].isspace():
        low -= 1
    while high < len(text) and text[high].isspace():
        high += 1
    for edit in finding.fix.edits:
        assert low <= edit.start and edit.end <= high, (
            f"{finding.code} edit {edit} outside its finding {finding.start}-{finding.end}"
        )


def check_outside_unchanged(before: str, after: str, fixes: list[Finding]) -> None:
    """The text between fixable spans reaches the output unchanged and in order."""
    spans = regions.merge(
        [(e.start, e.end) for f in fixes if f.fix is not None for e in f.fix.edits]
    )
    gaps: list[str] = []
    pos = 0
    for start, end in spans:
        gaps.append(before[pos:start])
        pos = end
    gaps.append(before[pos:])
    if not spans:
        assert after == before, "text changed with no fix"
        return
    assert after.startswith(gaps[0]) and after.endswith(gaps[-1]), "text outside fixes changed"
    cursor = len(gaps[0])
    for gap in gaps[1:-1]:
        found = after.find(gap, cursor)
        assert found >= 0, "text between fixes changed"
        cursor = found + len(gap)
    assert cursor <= len(after) - len(gaps[-1]), "text between fixes changed"


def check_line_breaks(before: str, after: str) -> None:
    """A file with one kind of line break keeps it; a final line break is never lost.

    (A last line made only of removed characters, such as a stray zero-width space, may
    leave the line break before it as the new end: that is the fix, not a loss.)
    """
    kinds = _break_kinds(before)
    if len(kinds) == 1:
        assert _break_kinds(after) <= kinds, f"line breaks {kinds} became {_break_kinds(after)}"
    if after and before.endswith(_BREAKS):
        assert after.endswith(_BREAKS), "final line break lost"


def _break_kinds(text: str) -> set[str]:
    kinds = set()
    crlf = text.count("\r\n")
    if crlf:
        kinds.add("\r\n")
    if text.count("\r") > crlf:
        kinds.add("\r")
    if text.count("\n") > crlf:
        kinds.add("\n")
    return kinds


def main() -> None:
    import atheris

    linter()  # load every check first, so that the instrumentation covers them
    atheris.instrument_all()
    atheris.Setup(sys.argv, check_bytes)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
