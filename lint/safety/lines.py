"""Which source lines a set of edits erases: every visible character of the line is gone.

Visible means not whitespace and, in Markdown and HTML, not inside a comment (a comment does
not render, so a line holding only a comment is not text anyone reads).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence

from lint.document import Document
from lint.finding import Edit

_VISIBLE = re.compile(r"\S")
Span = tuple[int, int]
_AFTER_ANY = 1 << 62  # sorts after every span end: (pos, _AFTER_ANY) follows all spans at pos


def deletions(edits: Iterable[Edit]) -> list[Span]:
    """The spans the edits take out (a replacement of blanks takes out too), merged."""
    spans = sorted((e.start, e.end) for e in edits if e.end > e.start and not e.replacement.strip())
    merged: list[Span] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def deleted_pieces(document: Document, edits: Iterable[Edit]) -> Iterator[tuple[int, int, int]]:
    """(line index, start, stop): the part of each line that the edits' deletions take out."""
    lines = document.lines
    for start, stop in deletions(edits):
        first = document.line_of(start) - 1
        last = document.line_of(max(start, stop - 1)) - 1
        for number in range(first, last + 1):
            line = lines[number]
            yield number, max(start, line.start), min(stop, line.end)


def _visible_at(text: str, start: int, end: int, hidden: Sequence[Span]) -> list[int]:
    """Offsets of the visible characters in ``text[start:end]`` (a line: short)."""
    return [
        match.start()
        for match in _VISIBLE.finditer(text, start, end)
        if not _covered(match.start(), hidden)
    ]


def _covered(pos: int, spans: Sequence[Span]) -> bool:
    index = bisect_right(spans, (pos, _AFTER_ANY)) - 1
    return index >= 0 and spans[index][0] <= pos < spans[index][1]


def erased_lines(document: Document, edits: Iterable[Edit], hidden: Sequence[Span]) -> set[int]:
    """0-based numbers of the lines with visible text, all of which the edits take out."""
    gone = deletions(edits)
    text = document.text
    lines = document.lines
    erased: set[int] = set()
    for start, end in gone:
        first = document.line_of(start) - 1
        last = document.line_of(max(start, end - 1)) - 1
        for number in range(first, last + 1):
            if number in erased:
                continue
            line = lines[number]
            visible = _visible_at(text, line.start, line.end, hidden)
            if visible and all(_covered(pos, gone) for pos in visible):
                erased.add(number)
    return erased


def visible_lines(document: Document, hidden: Sequence[Span]) -> list[bool]:
    """For every line: whether it has visible text."""
    text = document.text
    if not hidden:
        return [_VISIBLE.search(text, line.start, line.end) is not None for line in document.lines]
    return [bool(_visible_at(text, line.start, line.end, hidden)) for line in document.lines]
