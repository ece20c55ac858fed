"""Sentence spans inside a document, found only around the offsets a caller asks about.

A *unit* is a run of lines that read as one piece of running text. A line joins the line
before it only when that line cannot end a sentence (no closing punctuation) and the text
runs on: the new line starts in lower case, or the line before ends with a comma, a dash,
an opening bracket or a function word ("the", "of", "by"). Headings, list items, table rows,
blockquote lines and HTML block tags always start a unit of their own. So a URL line, a
"Tags: ..." line or a block of short lines never merges with the sentence beside it, and
the same words are the same sentence in any layout.

A unit is cut into sentences at closing punctuation followed by space and a capital, a digit
or an opening quote (unless the word before the point is a known abbreviation or an
initial), at HTML block tags and, in a table row, at every cell border. Units are found
lazily and each is split once; a shared memo keeps the split of short units by their text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection, Iterator
from itertools import pairwise

from lint.document import Document, Line
from lint.speed import regexcache

Span = tuple[int, int]

_BLOCK_START = regexcache.compile(
    r"[ \t]{0,8}(?:[-*+•·▪◦‣➤►✓✔][ \t]|\d{1,9}[.)][ \t]|#{1,6}(?:[ \t]|$)|\||>|(?:[-*_][ \t]?){3,}$"
    r"|</?(?:p|div|li|ul|ol|h[1-6]|tr|td|th|table|section|article|header|footer|blockquote|br)\b)",
    re.IGNORECASE,
)
_HEADING = regexcache.compile(r"[ \t]{0,3}(?:#{1,6}[ \t]|<h[1-6]\b)", re.IGNORECASE)
_TABLE_ROW = regexcache.compile(r"[ \t]{0,3}\|")
_BLANK = regexcache.compile(r"[ \t]*")
_TERMINAL = regexcache.compile(r"(?:[.!?:;…]|\.\.\.)[\"'”’»)\]*_]{0,4}[ \t]*$")
_RUNS_ON = frozenset(",;-–—(/&")
_FUNCTION_WORD = regexcache.compile(
    r"(?:^|\s)(?:a|an|the|of|to|by|in|for|with|and|or|from|on|at|as|is|are|was|were|that|than|"
    r"our|your|its|their|his|her|this|these|over|more|most|very|so|but|into|about)[ \t]*$",
    re.IGNORECASE,
)
# Closing punctuation, closing quotes/brackets and footnote markers, then whitespace and the
# start of a sentence: anything but a lowercase letter, after an opening quote or bracket.
# (One mark, then up to nine more: a pattern that opens with a single character class is
# searched for at C speed, one that opens with a repeat is tried at every character.)
_END = regexcache.compile(
    r"[.!?…][.!?…]{0,9}(?:[\"'”’»)\]]|\[\d{1,3}\]|\[\^[^\]\s]{1,20}\]){0,4}"
    r"(?=\s{1,200}[\"'“‘«(\[*_]?[^\s\"'“‘«(\[*_a-z])"
)
_WORD_START = "(\"'“‘«[*_"
# Leading decoration a sentence does not start with: list markers, heading hashes,
# blockquote markers, emphasis and bullets.
_LEAD = regexcache.compile(r"(?:[\s>#|*_•·▪◦‣➤►✓✔+-]|\d{1,9}[.)](?=\s))*")
# The characters a lead can start with (the common case, a letter, skips the pattern).
_LEAD_CHARS = frozenset(" \t\r\n>#|*_•·▪◦‣➤►✓✔+-0123456789")
_TABLE_CELL = regexcache.compile(r"\|")
_HTML_BREAK = regexcache.compile(
    r"</?(?:p|div|li|ul|ol|h[1-6]|tr|td|th|table|section|article|header|footer|blockquote|br)\b[^<>]{0,500}>",
    re.IGNORECASE,
)
# Bounds of the shared memo: longer units are split afresh, a full memo is cleared.
MEMO_UNIT_CHARS = 2000
MEMO_ENTRIES = 4096


class SentenceIndex:
    """Finds the sentence around an offset. Offsets come in text order, so only the last
    unit and its sentences are kept: memory stays flat however many units a text has. (A
    plain class: creating a dataclass would cost a run's first document a millisecond.)"""

    __slots__ = (
        "_cuts",
        "_lines",
        "_pending",
        "_spans",
        "_starts",
        "_unit",
        "_whole",
        "abbreviations",
        "document",
        "memo",
    )

    def __init__(
        self,
        document: Document,
        abbreviations: Collection[str],
        memo: dict[tuple[str, bool], list[Span]] | None = None,
    ) -> None:
        self.document = document
        self.abbreviations = abbreviations
        # Shared between documents: a short unit's text and whether it is a table row -> its
        # sentences, relative to the unit.
        self.memo = memo
        self._lines = (-1, -1)  # the last unit's first and last line
        self._unit: Span = (-1, -1)
        self._starts: list[int] = []
        self._spans: list[Span] = []
        self._whole = False
        # Where the sentences of the unit of running text end, as far as the offsets asked
        # about reach, and the rest of them, found as offsets further on ask for them: the
        # text after the last offset of a unit is never scanned.
        self._cuts: list[int] = []
        self._pending: Iterator[int] = iter(())

    def sentence_at(self, offset: int) -> Span | None:
        """The sentence holding ``offset``, or None between sentences."""
        # Most offsets fall in the unit of the one before: its lines hold them.
        unit = self._unit if self._unit[0] <= offset < self._unit[1] else self.unit_at(offset)
        if unit != self._unit:
            self._unit = unit
            text = self.document.text
            start, end = unit
            # Table rows and units with HTML tags are cut at their cells and tags too: split
            # whole. Running text is cut only around the offsets asked about (``_around``).
            self._whole = (
                _TABLE_ROW.match(text, start, end) is not None or text.find("<", start, end) >= 0
            )
            if self._whole:
                self._spans = self._split_memo(unit)
                self._starts = [s for s, _ in self._spans]
            else:
                self._pending = self._ends(start, end)
                self._cuts = []
        if not self._whole:
            return self._around(offset)
        index = bisect_right(self._starts, offset) - 1
        if index < 0 or offset >= self._spans[index][1]:
            return None
        return self._spans[index]

    def _around(self, offset: int) -> Span | None:
        """The sentence of running text around ``offset``: from the nearest sentence end
        before it to the nearest after it, within its unit. The ends come from one pass of
        ``_END`` over the unit, only as far as the offsets reach: a unit is never split in
        full."""
        cuts = self._cuts
        while not cuts or cuts[-1] <= offset:
            cut = next(self._pending, None)
            if cut is None:
                break
            cuts.append(cut)
        index = bisect_right(cuts, offset)
        start = cuts[index - 1] if index else self._unit[0]
        end = cuts[index] if index < len(cuts) else self._unit[1]
        span = _trim(self.document.text, start, end)
        if span is None or not span[0] <= offset < span[1]:
            return None
        return span

    def _ends(self, start: int, end: int) -> Iterator[int]:
        """Where the sentences of ``text[start:end]`` end, in order: each ``_END`` match but
        the point of an abbreviation."""
        text = self.document.text
        for match in _END.finditer(text, start, end):
            point = match.start()
            if (
                text[point] == "."
                and not text.startswith("...", point)
                and self._abbreviation(point)
            ):
                continue
            yield match.end()

    def unit_at(self, offset: int) -> Span:
        index = self.document.line_of(offset) - 1
        if self._lines[0] <= index <= self._lines[1]:
            return self._unit
        lines = self.document.lines
        first = index
        while first > 0 and self._joins(lines[first - 1], lines[first]):
            first -= 1
        last = index
        while last + 1 < len(lines) and self._joins(lines[last], lines[last + 1]):
            last += 1
        self._lines = (first, last)
        return lines[first].start, lines[last].end

    def _joins(self, upper: Line, lower: Line) -> bool:
        """True when ``lower`` continues the sentence that ends ``upper``."""
        text = self.document.text
        if upper.end - upper.start > MEMO_UNIT_CHARS * 4:
            return False  # a line that long is a unit of its own
        if _BLANK.fullmatch(text, upper.start, upper.end) or _BLANK.fullmatch(
            text, lower.start, lower.end
        ):
            return False
        if (
            _BLOCK_START.match(text, lower.start, lower.end)
            or _HEADING.match(text, upper.start, upper.end)
            or _TABLE_ROW.match(text, upper.start, upper.end)
            or _TERMINAL.search(text, max(upper.start, upper.end - 16), upper.end)
        ):
            return False
        first = text[lower.start : lower.start + 40].lstrip()[:1]
        if first.islower():
            return True
        tail = text[max(upper.start, upper.end - 24) : upper.end].rstrip()
        if not tail:
            return False
        return tail[-1] in _RUNS_ON or _FUNCTION_WORD.search(tail) is not None

    def _split_memo(self, unit: Span) -> list[Span]:
        """``_split`` through the shared memo; a unit's sentences depend only on its text."""
        start, end = unit
        text = self.document.text
        table = _TABLE_ROW.match(text, start, end) is not None
        memo = self.memo
        if memo is None or end - start > MEMO_UNIT_CHARS:
            return self._split(start, end, table)
        key = (text[start:end], table)
        relative = memo.get(key)
        if relative is None:
            spans = self._split(start, end, table)
            if len(memo) >= MEMO_ENTRIES:
                memo.clear()
            memo[key] = [(s - start, e - start) for s, e in spans]
            return spans
        return [(s + start, e + start) for s, e in relative]

    def _split(self, start: int, end: int, table: bool) -> list[Span]:
        text = self.document.text
        cuts = [start]
        tags: set[Span] = set()
        if table:
            cuts.extend(m.end() for m in _TABLE_CELL.finditer(text, start, end))
        if text.find("<", start, end) >= 0:
            for match in _HTML_BREAK.finditer(text, start, end):
                cuts.extend(match.span())
                tags.add(match.span())
        cuts.extend(self._ends(start, end))
        cuts.append(end)
        ordered = sorted(set(cuts))
        spans: list[Span] = []
        for left, right in pairwise(ordered):
            if (left, right) in tags:
                continue
            span = _trim(text, left, right)
            if span is not None:
                spans.append(span)
        return spans

    def _abbreviation(self, point: int) -> bool:
        """The word before the point is a known abbreviation ("e.g", "Inc") or an initial."""
        text = self.document.text
        low = point - 20 if point > 20 else 0
        space = text.rfind(" ", low, point)
        newline = text.rfind("\n", low, point)
        word = text[(space if space > newline else newline) + 1 : point].lstrip(_WORD_START)
        if len(word) == 1 and word.isupper():
            return True  # an initial: "J. R. Smith"
        return word.lower() in self.abbreviations


def _trim(text: str, start: int, end: int) -> Span | None:
    if start < end and text[start] in _LEAD_CHARS:
        lead = _LEAD.match(text, start, end)
        if lead is not None:
            start = lead.end()
    while end > start and text[end - 1] in " \t\r\n|":
        end -= 1
    if end <= start:
        return None
    return start, end
