"""Sentence spans inside a document's prose, found only where a caller asks.

A *block* is a paragraph, a list item, a table row, a heading or a blockquote line run;
a block is split into sentences at terminal punctuation that is followed by space and a
capital, a digit or an opening quote, unless the word before the point is a known
abbreviation (``e.g.``, ``Mr.``, ``U.S.``, ``Inc.``) or an initial. Decimals and URLs never
split because no space follows their points; table cells are sentences of their own.
Blocks are computed lazily around an offset and cached, so text without hits costs nothing.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection
from dataclasses import dataclass, field

from lint.document import Document, Line
from lint.speed import regexcache

Span = tuple[int, int]

# A line that starts a block of its own: list item, heading, table row, blockquote,
# horizontal rule, or an HTML block tag.
_BLOCK_START = regexcache.compile(
    r"[ \t]{0,8}(?:[-*+•·▪◦][ \t]|\d{1,9}[.)][ \t]|#{1,6}(?:[ \t]|$)|\||>|(?:[-*_][ \t]?){3,}$"
    r"|</?(?:p|div|li|ul|ol|h[1-6]|tr|td|th|table|section|article|header|footer|blockquote|br)\b)",
    re.IGNORECASE,
)
_HEADING = regexcache.compile(r"[ \t]{0,3}(?:#{1,6}[ \t]|<h[1-6]\b)", re.IGNORECASE)
_TABLE_ROW = regexcache.compile(r"[ \t]{0,3}\|")
_BLANK = regexcache.compile(r"[ \t]*")
# Terminal punctuation, closing quotes/brackets and footnote markers, then whitespace.
_END = regexcache.compile(
    r"(?:[.!?]{1,10}|…)(?:[\"'”’»)\]]|\[\d{1,3}\]|\[\^[^\]\s]{1,20}\]){0,4}(?=\s)"
)
_NEXT_START = regexcache.compile(r"\s{1,200}([\"'“‘«(\[]?[\w$£€#@*])")
_WORD_BEFORE = regexcache.compile(r"([\w.]{1,20})[.]{1,3}$")
# Leading decoration a sentence should not start with: list markers, heading hashes,
# blockquote markers, emphasis, emoji-like symbols and speaker bullets.
_LEAD = regexcache.compile(r"(?:[\s>#|*_•·▪◦+-]|\d{1,9}[.)](?=\s))*")
_TABLE_CELL = regexcache.compile(r"\|")
_HTML_BREAK = regexcache.compile(
    r"</?(?:p|div|li|ul|ol|h[1-6]|tr|td|th|table|section|article|header|footer|blockquote|br)\b[^<>]{0,500}>",
    re.IGNORECASE,
)
_CONTINUES = frozenset(",;-–—(/&")
# Bounds of the shared sentence memo: longer blocks are split afresh, a full memo is cleared.
MEMO_BLOCK_CHARS = 2000
MEMO_ENTRIES = 4096


@dataclass(frozen=True, slots=True)
class Block:
    """A run of lines read as one unit; ``heading`` blocks name a topic."""

    start: int
    end: int
    heading: bool
    table: bool


@dataclass(eq=False)
class SentenceIndex:
    """Finds the sentence around an offset; each block is split once, on first use."""

    document: Document
    abbreviations: Collection[str]
    _blocks: dict[int, Block] = field(default_factory=dict)
    _line_block: dict[int, int] = field(default_factory=dict)
    _sentences: dict[int, list[Span]] = field(default_factory=dict)
    _starts: dict[int, list[int]] = field(default_factory=dict)
    # Shared between documents (boilerplate paragraphs repeat): a short block's text, whether
    # the document is HTML and whether the block is a table row -> its sentences, relative.
    memo: dict[tuple[str, bool, bool], list[Span]] | None = None

    def block_at(self, offset: int) -> Block:
        """The block containing ``offset`` (lines are 0-based indexes into document.lines)."""
        index = self.document.line_of(offset) - 1
        cached = self._line_block.get(index)
        if cached is not None:
            return self._blocks[cached]
        lines = self.document.lines
        text = self.document.text
        first = index
        while first > 0 and self._joins(lines[first - 1], lines[first]):
            first -= 1
        last = index
        while last + 1 < len(lines) and self._joins(lines[last], lines[last + 1]):
            last += 1
        start, end = lines[first].start, lines[last].end
        block = Block(
            start,
            end,
            heading=_HEADING.match(text, start) is not None,
            table=_TABLE_ROW.match(text, start) is not None,
        )
        self._blocks[start] = block
        for number in range(first, last + 1):
            self._line_block[number] = start
        return block

    def _joins(self, upper: Line, lower: Line) -> bool:
        """True when ``lower`` continues the block that ``upper`` is in."""
        text = self.document.text
        if _BLANK.fullmatch(text, upper.start, upper.end) or _BLANK.fullmatch(
            text, lower.start, lower.end
        ):
            return False
        if _BLOCK_START.match(text, lower.start, lower.end) or _HEADING.match(
            text, upper.start, upper.end
        ):
            return False
        return _TABLE_ROW.match(text, upper.start, upper.end) is None

    def sentence_at(self, offset: int) -> tuple[Span, Block]:
        block = self.block_at(offset)
        spans = self._sentences.get(block.start)
        if spans is None:
            spans = self._split_memo(block) if self.memo is not None else self._split(block)
            self._sentences[block.start] = spans
            self._starts[block.start] = [s for s, _ in spans]
        index = bisect_right(self._starts[block.start], offset) - 1
        if index < 0 or offset >= spans[index][1]:
            return (offset, offset), block
        return spans[index], block

    def _split_memo(self, block: Block) -> list[Span]:
        """``_split`` through the shared memo; a block's sentences depend only on its text."""
        memo = self.memo
        start = block.start
        if memo is None or block.end - start > MEMO_BLOCK_CHARS:
            return self._split(block)
        key = (self.document.text[start : block.end], self.document.markup == "html", block.table)
        relative = memo.get(key)
        if relative is None:
            spans = self._split(block)
            if len(memo) >= MEMO_ENTRIES:
                memo.clear()
            memo[key] = [(s - start, e - start) for s, e in spans]
            return spans
        return [(s + start, e + start) for s, e in relative]

    def _split(self, block: Block) -> list[Span]:
        text = self.document.text
        cuts = [block.start]
        if block.table:
            cuts.extend(m.end() for m in _TABLE_CELL.finditer(text, block.start, block.end))
        if self.document.markup == "html":
            for match in _HTML_BREAK.finditer(text, block.start, block.end):
                cuts.extend(match.span())
        cuts.extend(self._line_breaks(block))
        cuts.extend(self._terminal_points(block.start, block.end))
        cuts.append(block.end)
        spans: list[Span] = []
        for start, end in zip(sorted(set(cuts)), sorted(set(cuts))[1:], strict=False):
            span = _trim(text, start, end)
            if span is not None:
                spans.append(span)
        return spans

    def _line_breaks(self, block: Block) -> list[int]:
        """Lines inside a block end a sentence when the line cannot run on (no comma, lower word)."""
        lines = self.document.lines
        first = self.document.line_of(block.start) - 1
        cuts: list[int] = []
        text = self.document.text
        for number in range(first, len(lines)):
            line = lines[number]
            if line.end >= block.end:
                break
            stripped = text[line.start : line.end].rstrip()
            if not stripped:
                continue
            last = stripped[-1]
            if last in _CONTINUES or last.islower() or last.isdigit():
                continue
            cuts.append(line.next)
        return cuts

    def _terminal_points(self, start: int, end: int) -> list[int]:
        text = self.document.text
        cuts: list[int] = []
        for match in _END.finditer(text, start, end):
            following = _NEXT_START.match(text, match.end(), end)
            if following is None:
                continue
            first = following.group(1)[-1]
            if first.islower():
                continue
            points = match.group(0)
            if (
                points.startswith(".")
                and not points.startswith("...")
                and self._abbreviation(match.start())
            ):
                continue
            cuts.append(match.end())
        return cuts

    def _abbreviation(self, point: int) -> bool:
        text = self.document.text
        word = _WORD_BEFORE.search(text, max(0, point - 20), point + 1)
        if word is None:
            return False
        token = word.group(1).rsplit(" ", 1)[-1]
        if len(token) == 1 and token.isupper():
            return True  # an initial: "J. R. Smith"
        return token.lower() in self.abbreviations


def _trim(text: str, start: int, end: int) -> Span | None:
    lead = _LEAD.match(text, start, end)
    if lead is not None:
        start = lead.end()
    while end > start and text[end - 1] in " \t\r\n|":
        end -= 1
    if end <= start:
        return None
    return start, end
