"""Where code, front matter and HTML comments are, by markup kind.

Everything here is a linear scan: no pattern may backtrack over the whole text.
Regions are half-open ``(start, end)`` character spans, sorted and non-overlapping.
"""

from __future__ import annotations

import heapq
import re
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain
from typing import overload

from lint.speed import regexcache

Span = tuple[int, int]
# 4-byte offsets when the text is short enough (any text under the size limit is).
_SMALL_OFFSET = "I" if array("I").itemsize >= 4 else "L"

_LINE = regexcache.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_FENCE_OPEN = regexcache.compile(r" {0,3}(`{3,}|~{3,})([^\r\n]*)")
_FRONT_MATTER = regexcache.compile(r"(---|\+\+\+)[ \t]*(?:\r\n|\r|\n)")
_BACKTICKS = regexcache.compile(r"`+")
_BLANK = regexcache.compile(r"[ \t]*(?:\r\n|\r|\n)?")
_LIST_ITEM = regexcache.compile(r" {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]")
_INDENTED = regexcache.compile(r"(?: {4}|\t)")
# Attributes are bounded so that a tag that never closes cannot make the scan quadratic.
_RAW_TEXT_OPEN = regexcache.compile(
    r"<(pre|code|script|style|textarea)\b[^<>]{0,2000}>", re.IGNORECASE
)
# Searched in place, case-blind (ASCII only, as HTML names are): no lowercase copy of the text.
_RAW_TEXT_CLOSE = {
    name: regexcache.compile(f"</{name}", re.IGNORECASE | re.ASCII)
    for name in ("pre", "code", "script", "style", "textarea")
}
_PARAGRAPH_BREAK = regexcache.compile(r"(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)")
_COMMENT_OPEN = "<!--"
_COMMENT_CLOSE = "-->"
_VISIBLE = regexcache.compile(r"\S")


def offsets(size: int) -> array[int]:
    """An empty array for offsets into a text of ``size`` characters: 4 bytes each if they fit."""
    return array(_SMALL_OFFSET if size < 2**32 else "q")


class Spans(Sequence[Span]):
    """Sorted, non-overlapping spans kept as two arrays of offsets.

    8 bytes a span where a list of tuples takes about 100: a file with an inline code span
    on every line must not cost many times its size. ``starts`` is for ``bisect``.
    """

    __slots__ = ("ends", "starts")

    def __init__(self, size: int = 0) -> None:
        self.starts = offsets(size)
        self.ends = offsets(size)

    def append(self, start: int, end: int) -> None:
        self.starts.append(start)
        self.ends.append(end)

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, index: int) -> Span: ...

    @overload
    def __getitem__(self, index: slice) -> list[Span]: ...

    def __getitem__(self, index: int | slice) -> Span | list[Span]:
        if isinstance(index, slice):
            return list(zip(self.starts[index], self.ends[index], strict=True))
        return self.starts[index], self.ends[index]

    def __iter__(self) -> Iterator[Span]:
        return zip(self.starts, self.ends, strict=True)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Spans({list(self)!r})"

    def covering(self, offset: int) -> int:
        """The index of the span holding ``offset``, or -1."""
        index = bisect_right(self.starts, offset) - 1
        return index if index >= 0 and offset < self.ends[index] else -1


def first_visible(text: str, start: int, end: int) -> int:
    """Offset of the first non-space character in ``text[start:end]``, or -1: found in
    place, for spans that may be the rest of a line megabytes long."""
    found = _VISIBLE.search(text, start, end)
    return found.start() if found else -1


def lines(text: str) -> Iterator[tuple[int, int, int]]:
    """Yield ``(start, content_end, end)`` per line; lines split on CRLF, CR and LF only."""
    size = len(text)
    if "\r" not in text:
        # The common case, by str.find: several times faster than a pattern per line.
        find = text.find
        start = 0
        while start < size:
            newline = find("\n", start)
            if newline < 0:
                yield start, size, size
                return
            yield start, newline, newline + 1
            start = newline + 1
        return
    if text.count("\r") == text.count("\r\n") == text.count("\n"):
        # Windows files (CRLF only, no bare LF or CR): the same search, minus the CR before each LF.
        find = text.find
        start = 0
        while start < size:
            newline = find("\n", start)
            if newline < 0:
                yield start, size, size
                return
            yield start, newline - 1, newline + 1
            start = newline + 1
        return
    for match in _LINE.finditer(text):
        start, end = match.span()
        if start == end:
            if start == size:
                break
            continue
        content_end = end
        if text.endswith("\r\n", start, end):
            content_end -= 2
        elif text.endswith(("\n", "\r"), start, end):
            content_end -= 1
        yield start, content_end, end


def front_matter(text: str) -> list[Span]:
    """The front matter block at the start of a Markdown text, as one span (or none)."""
    return _front_matter(text)


def _front_matter(text: str) -> list[Span]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return []
    fence = match.group(1)
    for start, content_end, end in lines(text):
        if start >= match.end() and text[start:content_end].rstrip() == fence:
            return [(0, end)]
    return []


def fenced_blocks(text: str, start_at: int = 0) -> list[Span]:
    """Fenced code blocks (``` or ~~~, CommonMark closing rules); unclosed runs to the end."""
    return list(_fenced_blocks(text, start_at))


def _fenced_blocks(text: str, start_at: int) -> Iterator[Span]:
    """``fenced_blocks`` in order, one at a time."""
    if "```" not in text and "~~~" not in text:
        return  # no fence opener anywhere: skip the line-by-line scan
    open_start = -1
    fence_char, fence_len = "", 0
    for start, content_end, end in _fence_candidates(text):
        if start < start_at:
            continue
        if open_start < 0:
            match = _FENCE_OPEN.match(text, start, content_end)
            if match and not (match.group(1)[0] == "`" and "`" in match.group(2)):
                open_start = start
                fence_char, fence_len = match.group(1)[0], len(match.group(1))
            continue
        line = text[start:content_end]
        indent = len(line) - len(line.lstrip(" "))
        stripped = line.strip()
        if indent <= 3 and len(stripped) >= fence_len and stripped == fence_char * len(stripped):
            yield open_start, end
            open_start = -1
    if open_start >= 0:
        yield open_start, len(text)


def _fence_candidates(text: str) -> Iterator[tuple[int, int, int]]:
    """The lines holding ``` or ~~~, in order: a fence can open or close on no other line."""
    if "\r" in text:
        for start, content_end, end in lines(text):
            if (
                text.find("```", start, content_end) >= 0
                or text.find("~~~", start, content_end) >= 0
            ):
                yield start, content_end, end
        return
    # Both needles' lines merged in order, a line with both once: no set or list of lines,
    # which for a file of a million fence lines would be hundreds of MB.
    previous: tuple[int, int, int] | None = None
    for line in heapq.merge(_lines_holding(text, "```"), _lines_holding(text, "~~~")):
        if line != previous:
            yield line
        previous = line


def _lines_holding(text: str, needle: str) -> Iterator[tuple[int, int, int]]:
    """The lines of LF-only ``text`` that hold ``needle``, in order, each once (str.find)."""
    size = len(text)
    position = text.find(needle)
    while position >= 0:
        start = text.rfind("\n", 0, position) + 1
        newline = text.find("\n", position)
        content_end, end = (size, size) if newline < 0 else (newline, newline + 1)
        yield start, content_end, end
        position = text.find(needle, end) if end < size else -1


def _has_indented_line(text: str) -> bool:
    """Whether any line starts with four spaces or a tab (str searches, no per-line loop)."""
    if text.startswith(("    ", "\t")) or "\n    " in text or "\n\t" in text:
        return True
    return "\r" in text and ("\r    " in text or "\r\t" in text)


def _indented_blocks(text: str, taken: Sequence[Span]) -> list[Span]:
    """Markdown indented code: 4+ spaces after a blank line, not continuing a list."""
    spans: list[Span] = []
    taken_iter = iter(taken)
    next_taken = next(taken_iter, None)
    prev_blank = True
    in_list = False
    block_start = -1
    block_end = -1
    for start, _content_end, end in lines(text):
        while next_taken is not None and next_taken[1] <= start:
            next_taken = next(taken_iter, None)
        if next_taken is not None and next_taken[0] <= start:
            prev_blank, in_list = False, False
            continue
        blank = _BLANK.fullmatch(text, start, end) is not None
        if block_start >= 0:
            if blank:
                continue
            if _INDENTED.match(text, start):
                block_end = end
                continue
            spans.append((block_start, block_end))
            block_start = -1
        if blank:
            prev_blank = True
            continue
        if _INDENTED.match(text, start) and prev_blank and not in_list:
            block_start, block_end = start, end
        elif _LIST_ITEM.match(text, start):
            in_list = True
        elif not text[start].isspace() and prev_blank:
            in_list = False
        prev_blank = False
    if block_start >= 0:
        spans.append((block_start, block_end))
    return spans


def _inline_code(text: str, taken: Spans) -> Spans:
    """Backtick code spans: a run of N backticks closed by the next run of exactly N.

    A paragraph break (blank line) ends the search, which keeps it linear.
    """
    spans = Spans(len(text))
    if "`" not in text:
        return spans
    pending: dict[int, int] = {}
    previous_end = 0
    # Spans that start in a taken span are dropped as they close, not collected first:
    # a million of them (a file of fence lines) would be a list of over 100 MB.
    found_starts = spans.starts
    for start, end in _backtick_runs(text):
        # Each stretch between two backtick runs is searched once: linear overall.
        if pending and _PARAGRAPH_BREAK.search(text, previous_end, start):
            pending.clear()
        previous_end = end
        size = end - start
        if size in pending:
            opener = pending.pop(size)
            if taken.covering(opener) < 0:
                # A span closes after every span inside it: drop those, so the spans
                # stay in order without a sort.
                while found_starts and found_starts[-1] > opener:
                    found_starts.pop()
                    spans.ends.pop()
                spans.append(opener, end)
            # Runs opened inside the closed span were content, not openers.
            pending = {k: v for k, v in pending.items() if v < opener}
        else:
            pending[size] = start
    return spans


def _backtick_runs(text: str) -> Iterator[Span]:
    """The spans of ``re.finditer("`+")``, found with str.find (much faster on prose)."""
    find = text.find
    start = find("`")
    while start >= 0:
        run = _BACKTICKS.match(text, start)
        end = run.end() if run else start + 1
        yield start, end
        start = find("`", end)


def _raw_text_elements(text: str) -> list[Span]:
    """HTML elements whose content is never prose: pre, code, script, style, textarea."""
    spans: list[Span] = []
    if "<" not in text:
        return spans
    pos = 0
    while True:
        match = _RAW_TEXT_OPEN.search(text, pos)
        if not match:
            return spans
        found = _RAW_TEXT_CLOSE[match.group(1).lower()].search(text, match.end())
        if found is None:
            spans.append((match.start(), len(text)))
            return spans
        close_end = text.find(">", found.start())
        end = len(text) if close_end < 0 else close_end + 1
        spans.append((match.start(), end))
        pos = end


def comments(text: str, skip: Spans) -> Spans:
    """``<!-- ... -->`` spans outside ``skip``; an unclosed comment runs to the end."""
    spans = Spans(len(text))
    skip_starts, skip_ends = skip.starts, skip.ends
    skip_index = 0
    pos = 0
    while True:
        start = text.find(_COMMENT_OPEN, pos)
        if start < 0:
            return spans
        while skip_index < len(skip_ends) and skip_ends[skip_index] <= start:
            skip_index += 1
        if skip_index < len(skip_ends) and skip_starts[skip_index] <= start:
            pos = skip_ends[skip_index]
            continue
        close = text.find(_COMMENT_CLOSE, start + len(_COMMENT_OPEN))
        if close < 0:
            spans.append(start, len(text))
            return spans
        end = close + len(_COMMENT_CLOSE)
        spans.append(start, end)
        pos = end


def merge(spans: Iterable[Span], size: int = 0) -> Spans:
    """Sort and join overlapping or touching spans (offsets into a text of ``size``)."""
    return join(sorted(spans), size)


def union(*groups: Iterable[Span], size: int = 0) -> Spans:
    """Join groups of spans, each already in order, without a list of them all."""
    return join(heapq.merge(*groups), size)


def join(spans: Iterable[Span], size: int = 0) -> Spans:
    """Join overlapping or touching spans, given in order."""
    merged = Spans(size)
    starts, ends = merged.starts, merged.ends
    for start, end in spans:
        if ends and start <= ends[-1]:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)
    return merged


def _subtract(spans: list[Span], taken: Sequence[Span]) -> list[Span]:
    """Drop spans that start inside an already-taken span."""
    if not taken:
        return spans
    out: list[Span] = []
    index = 0
    for span in sorted(spans):
        while index < len(taken) and taken[index][1] <= span[0]:
            index += 1
        if index < len(taken) and taken[index][0] <= span[0]:
            continue
        out.append(span)
    return out


def code_regions(text: str, markup: str) -> Spans:
    """All spans that are code or metadata rather than prose, for the given markup kind."""
    size = len(text)
    if markup == "html":
        return merge(_raw_text_elements(text), size)
    front = _front_matter(text) if markup == "markdown" else []
    # Joined as they are found (they come in order): a million touching blocks (a file of
    # fence lines) never make a list.
    blocks = join(chain(front, _fenced_blocks(text, front[0][1] if front else 0)), size)
    if markup != "markdown":
        return blocks
    if _has_indented_line(text):  # else skip the line-by-line scan
        blocks = union(blocks, _indented_blocks(text, blocks), size=size)
    blocks = union(blocks, _subtract(_raw_text_elements(text), blocks), size=size)
    return union(blocks, _inline_code(text, blocks), size=size)
