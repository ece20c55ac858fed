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
lazily, the offsets of each taken together: running text is cut only as far as they reach,
table rows and units with tags are split whole, a shared memo keeps the split of short
ones by their text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterator, Sequence
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
    """Finds the sentences around offsets. Offsets come in text order, a unit at a time, so
    only the unit at hand is kept: memory stays flat however many units a text has. (A
    plain class: creating a dataclass would cost a run's first document a millisecond.)"""

    __slots__ = ("_found", "_lines", "abbreviations", "document", "memo")

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
        self._lines = (-1, -1)  # the last unit found (``unit_at``): its first and last line
        self._found: Span = (-1, -1)  # and its span

    def sentence_at(self, offset: int) -> Span | None:
        """The sentence holding ``offset``, or None between sentences (one lookup: for many
        offsets, ``holding`` walks each unit once)."""
        return next(self.holding([offset]), None)

    def holding(self, offsets: Sequence[int]) -> Iterator[Span]:
        """The sentences that hold ``offsets`` (sorted), in order, each once: for each offset
        past the last sentence given, the one that holds it, if any. The offsets of a unit
        are taken together: table rows and units with HTML tags, cut at their cells and tags
        too, are split whole; running text is cut in one walk beside its offsets, only as
        far as they reach (the text after a unit's last offset is never scanned)."""
        text = self.document.text
        last_end = -1
        index = 0
        while index < len(offsets):
            start, end = self.unit_at(offsets[index])
            # The offsets in this unit (at least the first, whatever the unit's bounds).
            stop = max(index + 1, bisect_left(offsets, end, index))
            if _TABLE_ROW.match(text, start, end) is not None or text.find("<", start, end) >= 0:
                spans = self._split_memo(start, end)
                starts = [s for s, _ in spans]
                for offset in offsets[index:stop]:
                    if offset < last_end:
                        continue
                    found = bisect_right(starts, offset) - 1
                    if found >= 0 and offset < spans[found][1]:
                        last_end = spans[found][1]
                        yield spans[found]
            else:
                # The sentence ends before and after the offset, or the unit's bounds.
                ends = self._ends(start, end)
                left, right = start, next(ends, end)
                for offset in offsets[index:stop]:
                    if offset < last_end:
                        continue
                    while right <= offset and right < end:
                        left, right = right, next(ends, end)
                    span = _trim(text, left, right)
                    if span is not None and span[0] <= offset < span[1]:
                        last_end = span[1]
                        yield span
            index = stop

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
            return self._found
        lines = self.document.lines
        first = index
        # The last unit ended where its last line does not join the next: no need to ask again.
        while (
            first > 0
            and first - 1 != self._lines[1]
            and self._joins(lines[first - 1], lines[first])
        ):
            first -= 1
        last = index
        while last + 1 < len(lines) and self._joins(lines[last], lines[last + 1]):
            last += 1
        self._lines = (first, last)
        self._found = lines[first].start, lines[last].end
        return self._found

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

    def _split_memo(self, start: int, end: int) -> list[Span]:
        """``_split`` through the shared memo; a unit's sentences depend only on its text."""
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
