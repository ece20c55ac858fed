"""Line view of a document for the chrome check: blanks, neighbours, edges and line shape."""

from __future__ import annotations

from bisect import bisect_right
from functools import cached_property

from lint.document import Document
from lint.regions import first_visible
from lint.speed import regexcache

_LIST_ITEM = regexcache.compile(r"[ \t]{0,8}(?:[-*+•·▪►▸][ \t]|\d{1,3}[.)][ \t]|[a-zA-Z][.)][ \t])")
_SENTENCE_END = regexcache.compile(r"[.!?…][\"'”’)\]]{0,3}$")
_INNER_SENTENCE = regexcache.compile(r"[a-z][.!?][\"'”’)]{0,2} [A-Z]")
_LABEL = regexcache.compile(r"([^\W\d_][\w .&'’()/-]{0,40}?)[ \t\xa0]*:$")
_URL_OR_HANDLE = regexcache.compile(
    r"https?://|www\.|\]\(|<a\s|@[A-Za-z0-9_]{2,}|\b[\w.+-]{1,64}@[\w-]{1,63}\.[A-Za-z]{2,}"
)
# Text every match of the pattern above holds: a line without any is not searched (the
# address alternative tries up to 64 characters at every word of a long line).
_LINK_MARKS = ("@", "://", "www.", "](", "<a")
PROSE_WORDS = 8
# Counting words stops here: no question asked of a line needs more (the most any rule
# compares with is 25), and a line megabytes long is not walked word by word.
_MAX_COUNTED = 32


class Lines:
    """Lines of a document by index (0-based), with the questions the chrome check asks."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.text = document.text
        self.starts = document.line_starts
        self._lines = document.lines
        size = len(self.text)
        # A final line break does not start another line.
        self.count = len(self.starts) - (1 if size and self.starts[-1] == size else 0)
        if size == 0:
            self.count = 0
        self._blocks: dict[int, tuple[int, int]] = {}

    def start(self, index: int) -> int:
        return self.starts[index]

    def next(self, index: int) -> int:
        return self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)

    def end(self, index: int) -> int:
        """Offset where the line's content ends (before its line break)."""
        return self._lines[index].end

    def content(self, index: int) -> str:
        line = self._lines[index]
        return self.text[line.start : line.end]

    def stripped(self, index: int) -> str:
        return self.content(index).strip()

    def blank(self, index: int) -> bool:
        line = self._lines[index]
        if line.start == line.end:
            return True
        if not self.text[line.start].isspace():  # most lines: what \S finds, at once
            return False
        return first_visible(self.text, line.start, line.end) < 0

    # The two walks below ask ``blank`` of each line in place (no call per line).

    def prev_nonblank(self, index: int) -> int | None:
        text, lines = self.text, self._lines
        index -= 1
        while index >= 0:
            line = lines[index]
            if line.start != line.end and (
                not text[line.start].isspace() or first_visible(text, line.start, line.end) >= 0
            ):
                return index
            index -= 1
        return None

    def next_nonblank(self, index: int) -> int | None:
        text, lines, count = self.text, self._lines, self.count
        index += 1
        while index < count:
            line = lines[index]
            if line.start != line.end and (
                not text[line.start].isspace() or first_visible(text, line.start, line.end) >= 0
            ):
                return index
            index += 1
        return None

    def index_of(self, offset: int) -> int:
        return self.document.line_of(offset) - 1

    @cached_property
    def first_nonblank(self) -> int | None:
        return self.next_nonblank(-1)

    @cached_property
    def last_nonblank(self) -> int | None:
        return self.prev_nonblank(self.count)

    def edge_window(self, size: int) -> set[int]:
        """The first and last ``size`` non-blank lines: where page furniture lives.

        In a short text the edge is a quarter of its lines at each end, so that a short
        document is not all edge.
        """
        top = self._nonblank(range(self.count), 4 * size)  # up to four windows' worth
        size = min(size, max(2, len(top) // 4))
        return {*top[:size], *self._nonblank(range(self.count - 1, -1, -1), size)}

    def _nonblank(self, indexes: range, most: int) -> list[int]:
        """The first ``most`` non-blank lines among ``indexes``, in that order (one walk,
        asking ``blank`` in place as the walks above do)."""
        text, lines = self.text, self._lines
        found: list[int] = []
        for index in indexes:
            if len(found) >= most:
                break
            line = lines[index]
            if line.start != line.end and (
                not text[line.start].isspace() or first_visible(text, line.start, line.end) >= 0
            ):
                found.append(index)
        return found

    # What a line is.

    @cached_property
    def _may_have_code(self) -> bool:
        # Plain text has code only in fences; skip building the index when there are none.
        text = self.text
        return self.document.markup != "text" or "```" in text or "~~~" in text

    def in_code(self, index: int) -> bool:
        return self._may_have_code and self.document.in_code(self.starts[index])

    def in_comment(self, index: int) -> bool:
        """The line holds nothing but (part of) an HTML comment: the html-comment check's."""
        comments = self.document.comments
        if not comments:
            return False
        # The line's visible part (a blank line: from its end back to its start), found
        # without copying the line.
        text, line_start, end = self.text, self.starts[index], self.end(index)
        start = first_visible(text, line_start, end)
        if start < 0:
            start, end = end, line_start
        else:
            while text[end - 1].isspace():
                end -= 1
        at = bisect_right(comments.starts, start) - 1
        return at >= 0 and comments.ends[at] >= end

    def structural(self, index: int) -> bool:
        """Code, comments, table rows, list items, headings and quotes: never chrome by shape."""
        text, start, end = self.text, self.starts[index], self.end(index)
        first = first_visible(text, start, end)
        if first < 0 or text[first] in "|>#" or _LIST_ITEM.match(text, start, end):
            return True
        return self.in_code(index) or self.in_comment(index)

    def words(self, index: int) -> int:
        """How many words the line has (counting stops at 32)."""
        line = self._lines[index]
        return min(_MAX_COUNTED, len(self.text[line.start : line.end].split(None, _MAX_COUNTED)))

    def is_prose(self, index: int) -> bool:
        """A sentence or paragraph: enough words and a sentence end (or many words)."""
        count = self.words(index)
        return count >= 25 or (
            count >= PROSE_WORDS and bool(_SENTENCE_END.search(self.stripped(index)))
        )

    def label(self, index: int) -> str | None:
        """ "Name:" when the line is nothing but a label with an empty value."""
        match = _LABEL.fullmatch(self.stripped(index))
        return match.group(1) if match else None

    def has_link(self, index: int) -> bool:
        line = self.content(index)
        if not any(mark in line for mark in _LINK_MARKS):
            return False
        return _URL_OR_HANDLE.search(line) is not None

    def shape_ok(self, index: int, max_words: int) -> bool:
        """Short, terse, no sentence: the shape of a widget title or a menu entry."""
        if self.structural(index):
            return False
        line = self.stripped(index)
        if len(line) > 80 or len(line.split()) > max_words or line[:1].isdigit():
            return False
        return not (_SENTENCE_END.search(line) or _INNER_SENTENCE.search(line))

    def block_size(self, index: int) -> tuple[int, int]:
        """First and last index of the block of non-blank lines (no blank between) around it."""
        known = self._blocks.get(index)
        if known is not None:
            return known
        first = last = index
        while first > 0 and not self.blank(first - 1):
            first -= 1
        while last + 1 < self.count and not self.blank(last + 1):
            last += 1
        # Remember the block for each of its lines: asking again costs nothing.
        for member in range(first, last + 1):
            self._blocks[member] = (first, last)
        return first, last
