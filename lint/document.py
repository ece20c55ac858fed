"""Document: the text being linted, its markup kind, and the indexes every check shares."""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from functools import cached_property, partial
from itertools import chain, count, islice, repeat
from operator import sub
from pathlib import PurePath
from typing import Any, Literal, NamedTuple, overload

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
_LF = re.compile(r"\n")
_match_start = re.Match.start
_match_end = re.Match.end
# Up to this many lines ``Document.lines`` is a list: indexing one is 20 times faster than
# building each Line on demand, and it takes 1.5 MB at most (150 bytes a line).
LIST_LINES = 10_000
# An HTML entity as written in text ("&amp;", "&#8217;", "&#x2019;"): a name or a number.
HTML_ENTITY = r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"


def markup_for_path(path: str | None) -> Markup:
    """Markup by file extension, never sniffed; anything unknown is plain text."""
    if not path:
        return "text"
    return MARKUP_BY_SUFFIX.get(PurePath(path).suffix.lower(), "text")


class Line(NamedTuple):
    """One line: ``number`` is 1-based; ``end`` excludes the line break, ``next`` includes it.

    A named tuple, built on demand by ``LineTable``: a tuple is several times cheaper to
    build than a frozen dataclass.
    """

    number: int
    start: int
    end: int
    next: int


# Builds a Line from a 4-tuple in C, without the Python-level NamedTuple.__new__.
_new_line = partial(tuple.__new__, Line)


class LineTable(Sequence[Line]):
    """A text's lines as a read-only sequence; each ``Line`` is built when asked for.

    Only the line starts are stored (shared with ``Document.line_starts``): 4 bytes a line,
    where a list of ``Line`` tuples took about 150, or 75 times a file of tiny lines.
    """

    __slots__ = ("_count", "_starts", "_text")

    def __init__(self, text: str, starts: array[int]) -> None:
        self._text = text
        self._starts = starts
        # After a final line break (or in empty text) no line begins at the last start.
        self._count = len(starts) - (starts[-1] == len(text))

    def __len__(self) -> int:
        return self._count

    def __repr__(self) -> str:
        return f"LineTable({self._count} lines)"

    @overload
    def __getitem__(self, index: int) -> Line: ...

    @overload
    def __getitem__(self, index: slice) -> list[Line]: ...

    def __getitem__(self, index: int | slice) -> Line | list[Line]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._count))]
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError("line index out of range")
        starts = self._starts
        start = starts[index]
        if index + 1 < len(starts):
            following = starts[index + 1]
            end = following - 1  # the LF or CR that ends the line
            text = self._text
            if end > start and text[end] == "\n" and text[end - 1] == "\r":
                end -= 1
            return _new_line((index + 1, start, end, following))
        size = len(self._text)  # the last line, with no line break
        return _new_line((index + 1, start, size, size))

    def __iter__(self) -> Iterator[Line]:
        # All in C (zip, map, islice): no Python call per line.
        text, starts = self._text, self._starts
        following = islice(starts, 1, None)  # one per line that ends with a line break
        ends: Iterator[int]
        if "\r" in text:
            ends = map(_match_start, _NEWLINE.finditer(text))
        else:
            ends = map(sub, islice(starts, 1, None), repeat(1))
        lines = map(_new_line, zip(count(1), starts, ends, following))
        if self._count < len(starts):
            return lines
        size = len(text)
        return chain(lines, (_new_line((self._count, starts[-1], size, size)),))


class DecodeError(NamedTuple):
    """The file is not UTF-8: the first bad byte and the encoding it most likely is."""

    byte_offset: int
    byte: int
    likely: str
    char_offset: int = 0


class Document:
    """Text plus lazily built indexes: line starts, code regions, HTML comments.

    Offsets are indexes into ``text`` (code points); lines split on CRLF, CR and LF only.
    When ``decode_error`` is set, ``text`` is the file decoded with U+FFFD for bad bytes:
    good for positions only, and never written back.
    """

    def __init__(
        self,
        text: str,
        path: str | None = None,
        markup: Markup = "text",
        decode_error: DecodeError | None = None,
    ) -> None:
        self.text = text
        self.path = path
        self.markup = markup
        self.decode_error = decode_error
        # Spans of the checks' declared patterns found so far, by pattern (``lint.scan``).
        self.scanned: dict[Any, Any] = {}

    def __repr__(self) -> str:
        return f"Document(path={self.path!r}, markup={self.markup!r}, {len(self.text)} characters)"

    @classmethod
    def for_path(cls, text: str, path: str | None) -> Document:
        return cls(text=text, path=path, markup=markup_for_path(path))

    def for_transfer(self) -> Document:
        """A copy to send to another process: the text, and its line starts when they were
        built (a report reads every position from them); the other indexes stay behind."""
        copy = Document(self.text, self.path, self.markup, self.decode_error)
        if "line_starts" in self.__dict__:
            copy.__dict__["line_starts"] = self.__dict__["line_starts"]
        return copy

    @cached_property
    def line_starts(self) -> array[int]:
        """Offsets where lines begin, from 0; after a final line break, ``len(text)`` too.

        A compact array (4 bytes a line), not a list of ints (40 bytes a line): a file of
        millions of tiny lines must not cost many times its size.
        """
        text = self.text
        starts = regions.offsets(len(text))
        starts.append(0)
        # Every CR in a CRLF: the breaks are the LFs, which a literal search finds fastest.
        lf_breaks = "\r" not in text or text.count("\r") == text.count("\r\n")
        starts.extend(map(_match_end, (_LF if lf_breaks else _NEWLINE).finditer(text)))
        return starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        index = bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def line_of(self, offset: int) -> int:
        return bisect_right(self.line_starts, offset)

    @cached_property
    def lines(self) -> Sequence[Line]:
        """The lines, in order; a short text gets a list, a long one a ``LineTable``."""
        table = LineTable(self.text, self.line_starts)
        return list(table) if len(table) <= LIST_LINES else table

    @cached_property
    def code(self) -> regions.Spans:
        """Spans that are code, front matter or raw-text HTML elements: content, not prose."""
        return regions.code_regions(self.text, self.markup)

    def in_code(self, offset: int) -> bool:
        return self.code.covering(offset) >= 0

    def overlaps_code(self, start: int, end: int) -> bool:
        code = self.code
        index = bisect_right(code.starts, max(start, end - 1)) - 1
        return index >= 0 and code.ends[index] > start

    @cached_property
    def comments(self) -> regions.Spans:
        """HTML comments outside code; an unterminated one runs to the end of the text."""
        if "<!--" not in self.text:
            return regions.Spans()
        return regions.comments(self.text, self.code)

    def in_comment(self, offset: int) -> bool:
        return self.comments.covering(offset) >= 0

    @cached_property
    def skipped(self) -> regions.Spans:
        """Code and comments together, joined: the text no prose check reads."""
        return regions.union(self.code, self.comments, size=len(self.text))

    def prose_spans(self) -> Iterator[regions.Span]:
        """The text between code regions and comments, in order."""
        pos = 0
        for start, end in self.skipped:
            if start > pos:
                yield pos, start
            pos = max(pos, end)
        if pos < len(self.text):
            yield pos, len(self.text)
