"""Markdown fixes checked in windows: a fix with the whole top-level blocks around it.

CommonMark starts afresh at the start of every top-level block (a list, a paragraph, a code
block, with everything each holds), so a window from the block before an edit to two blocks
after it parses exactly as that part of the whole document does: an edit that joins, splits
or swallows a neighbour shows inside the window. Checking a fix costs a parse of a few blocks,
not of the document. A fix that touches a link reference definition changes links anywhere:
such fixes are checked on the whole document.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from lint.document import Document
from lint.finding import Edit, Fix
from lint.safety.model import Model

_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:", re.MULTILINE)


def touches_definitions(document: Document, fixes: Sequence[Fix]) -> bool:
    text = document.text
    return any(
        _DEFINITION.search(text[e.start : e.end]) or _DEFINITION.search(e.replacement)
        for fix in fixes
        for e in fix.edits
    )


def touched(document: Document, fix: Fix) -> tuple[int, int]:
    """The first and last line (0-based) a fix's edits touch."""
    first = min(document.line_of(e.start) for e in fix.edits) - 1
    last = max(document.line_of(max(e.start, e.end - 1)) for e in fix.edits) - 1
    return first, last


@dataclass
class Blocks:
    """The top-level blocks of a document, for cutting windows."""

    firsts: list[int]
    ends: list[int]
    count: int  # lines in the document

    @classmethod
    def of(cls, document: Document, model: Model) -> Blocks:
        tops = model.tops()
        return cls([f for f, _ in tops], [e for _, e in tops], len(document.lines))

    def around(self, first: int, last: int) -> tuple[int, int]:
        """Lines [start, stop): the block before line ``first`` to two blocks after ``last``."""
        before = bisect_right(self.ends, first) - 1  # the last block ending before ``first``
        start = self.firsts[before] if before >= 0 else 0
        after = bisect_right(self.firsts, last)  # the first block starting after ``last``
        if after < len(self.firsts):
            stop = self.ends[min(after + 1, len(self.ends) - 1)]
        else:
            stop = self.count
        return min(start, first), min(max(stop, last + 1), self.count)


def cut(
    document: Document, start: int, stop: int, fixes: Sequence[Fix]
) -> tuple[Document, list[Fix]]:
    """Lines [start, stop) as a document of their own, and ``fixes`` shifted into it."""
    lines = document.lines
    offset = lines[start].start
    end = lines[stop - 1].next
    part = Document(text=document.text[offset:end], path=document.path, markup="markdown")
    shifted = [
        Fix(tuple(Edit(e.start - offset, e.end - offset, e.replacement) for e in fix.edits))
        for fix in fixes
    ]
    return part, shifted
