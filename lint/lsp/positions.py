"""Positions as an LSP client counts them.

A position is a 0-based line and a column in code units of the encoding negotiated at
``initialize``: UTF-16 by default (an emoji is two units), UTF-8 or UTF-32 when the client
offers them. Lines split on CRLF, CR and LF only, as in the LSP specification and in
``lint.document`` (never ``str.splitlines``, which also splits on U+2028 and form feeds).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"
ENCODINGS = (UTF8, UTF16, UTF32)


def units(text: str, encoding: str) -> int:
    """How many code units ``text`` takes in ``encoding``."""
    if encoding == UTF32 or text.isascii():
        return len(text)
    if encoding == UTF16:
        return len(text.encode("utf-16-le", "surrogatepass")) // 2
    return len(text.encode("utf-8", "surrogatepass"))


def characters_for_units(text: str, count: int, encoding: str) -> int:
    """How many characters of ``text`` the first ``count`` code units cover.

    A column inside a character (half of a surrogate pair) counts that character in, as
    editors place the cursor after it; a column past the end is the end.
    """
    if count <= 0:
        return 0
    if encoding == UTF32 or text.isascii():
        return min(count, len(text))
    used = 0
    for index, char in enumerate(text):
        if used >= count:
            return index
        used += units(char, encoding)
    return len(text)


@dataclass(frozen=True)
class LineIndex:
    """Offsets <-> (line, column) for one text; ``starts`` as ``Document.line_starts``."""

    text: str
    starts: Sequence[int]
    encoding: str = UTF16

    def _content_end(self, line: int) -> int:
        """Where line ``line`` (0-based) ends, before its line break."""
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
        if end > self.starts[line] and self.text[end - 1] == "\n":
            end -= 1
        if end > self.starts[line] and self.text[end - 1] == "\r":
            end -= 1
        return end

    def position(self, offset: int) -> tuple[int, int]:
        """The (line, column) of a character offset."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        return line, units(self.text[start:offset], self.encoding)

    def offset(self, line: int, column: int) -> int:
        """The character offset of a (line, column); past a line's end is its end, past the
        last line is the end of the text."""
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.text)
        start = self.starts[line]
        content = self.text[start : self._content_end(line)]
        return start + characters_for_units(content, column, self.encoding)
