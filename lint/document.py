"""Document: the text being linted, its markup kind, and the indexes every check shares."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from itertools import count, repeat
from pathlib import PurePath
from typing import Literal, NamedTuple, cast

from lint import regions

Markup = Literal["text", "markdown", "html"]
MARKUP_BY_SUFFIX: dict[str, Markup] = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdx": "markdown",
    ".html": "html",
    ".htm": "html",
}
_NEWLINE = re.compile(r"\r\n|\r|\n")


def markup_for_path(path: str | None) -> Markup:
    """Markup by file extension, never sniffed; anything unknown is plain text."""
    if not path:
        return "text"
    return MARKUP_BY_SUFFIX.get(PurePath(path).suffix.lower(), "text")


class Line(NamedTuple):
    """One line: ``number`` is 1-based; ``end`` excludes the line break, ``next`` includes it.

    A named tuple: one is built for every line of every document, and a tuple is several
    times cheaper to build than a frozen dataclass.
    """

    number: int
    start: int
    end: int
    next: int


@dataclass(frozen=True, slots=True)
class DecodeError:
    """The file is not UTF-8: the first bad byte and the encoding it most likely is."""

    byte_offset: int
    byte: int
    likely: str
    char_offset: int = 0


@dataclass(eq=False)
class Document:
    """Text plus lazily built indexes: line starts, code regions, HTML comments.

    Offsets are indexes into ``text`` (code points); lines split on CRLF, CR and LF only.
    When ``decode_error`` is set, ``text`` is the file decoded with U+FFFD for bad bytes:
    good for positions only, and never written back.
    """

    text: str
    path: str | None = None
    markup: Markup = "text"
    decode_error: DecodeError | None = None

    @classmethod
    def for_path(cls, text: str, path: str | None) -> Document:
        return cls(text=text, path=path, markup=markup_for_path(path))

    @cached_property
    def line_starts(self) -> list[int]:
        text = self.text
        if "\r" not in text or text.count("\r") == text.count("\r\n"):
            # Offsets from the lengths of the pieces (LF or CRLF only): no match per line.
            starts = [0]
            position = 0
            for piece in text.split("\n")[:-1]:
                position += len(piece) + 1
                starts.append(position)
            return starts
        return [0, *(m.end() for m in _NEWLINE.finditer(text))]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        index = bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def line_of(self, offset: int) -> int:
        return bisect_right(self.line_starts, offset)

    @cached_property
    def lines(self) -> list[Line]:
        text = self.text
        if "\r" in text:
            return [
                Line(number, start, content_end, end)
                for number, (start, content_end, end) in enumerate(regions.lines(text), 1)
            ]
        # LF only: every field follows from the line starts, and the tuples are built by
        # map() in C rather than one Python call per line.
        size = len(text)
        starts = self.line_starts
        if starts[-1] == size:  # after a final newline (or in empty text) no line begins
            starts = starts[:-1]
        nexts = [*starts[1:], size]
        ends = [following - 1 for following in nexts]
        if starts and not text.endswith("\n"):
            ends[-1] = size
        fields = zip(count(1), starts, ends, nexts)
        return cast("list[Line]", list(map(tuple.__new__, repeat(Line), fields)))

    def iter_lines(self) -> Iterator[Line]:
        return iter(self.lines)

    @cached_property
    def code(self) -> list[regions.Span]:
        """Spans that are code, front matter or raw-text HTML elements: content, not prose."""
        return regions.code_regions(self.text, self.markup)

    @cached_property
    def _code_starts(self) -> list[int]:
        return [start for start, _ in self.code]

    def in_code(self, offset: int) -> bool:
        index = bisect_right(self._code_starts, offset) - 1
        return index >= 0 and offset < self.code[index][1]

    def overlaps_code(self, start: int, end: int) -> bool:
        index = bisect_right(self._code_starts, max(start, end - 1)) - 1
        return index >= 0 and self.code[index][1] > start

    @cached_property
    def comments(self) -> list[regions.Span]:
        """HTML comments outside code; an unterminated one runs to the end of the text."""
        if "<!--" not in self.text:
            return []
        return regions.comments(self.text, self.code)

    @cached_property
    def _comment_starts(self) -> list[int]:
        return [start for start, _ in self.comments]

    def in_comment(self, offset: int) -> bool:
        index = bisect_right(self._comment_starts, offset) - 1
        return index >= 0 and offset < self.comments[index][1]

    def prose_spans(self) -> Iterator[regions.Span]:
        """The text between code regions and comments, in order."""
        pos = 0
        for start, end in regions.merge(self.code + self.comments):
            if start > pos:
                yield pos, start
            pos = max(pos, end)
        if pos < len(self.text):
            yield pos, len(self.text)
