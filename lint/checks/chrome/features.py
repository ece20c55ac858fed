"""Shallow features of every line of a text or Markdown document, for the line classifier.

One pass over the document's lines: each non-blank line that is not code, a comment or a
table row becomes a ``Row`` with its visible text (Markdown decoration set aside) and its
own features; then document features (recurrence of the same text, position, where the
densest run of prose lies) and the features of the neighbouring lines are added. Feature
names are plain strings, each present with the value 1, so that a shipped linear model
(``lint/scoring.py``) weighs them and a finding can name the ones that weighed most.

The training script (``training/chrome/train.py``) calls ``document_rows`` on the same
text the check sees, so training and run time share every feature.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator, Mapping
from functools import cache
from itertools import pairwise

from lint.checks.chrome.furniture_words import NOT_KINDS, count_kinds
from lint.document import Document
from lint.speed import packagedata, regexcache

# ---------------------------------------------------------------- word lists


@cache
def _word_lists() -> Mapping[str, Mapping[str, tuple[str, ...]]]:
    """The word lists of lint/data/chrome/line-words.tsv (stop words, month names); its
    furniture kinds are read by ``furniture_words``."""
    lists: dict[str, set[str]] = {name: set() for name in NOT_KINDS}
    for raw in packagedata.read_text("lint", "data", "chrome", "line-words.tsv").splitlines():
        name, _, words = raw.partition("\t")
        if name in lists:
            lists[name].update(words.split())
    return {name: dict.fromkeys(words, ()) for name, words in lists.items()}


def word_list(name: str) -> Mapping[str, tuple[str, ...]]:
    """The stop words or month names (as a mapping, for fast membership)."""
    return _word_lists()[name]


# ---------------------------------------------------------------- one line

_WORD = regexcache.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
_MD_LINK = regexcache.compile(r"!?\[([^\]\n]{0,300})\]\([^()\n]{0,1000}\)")
_MD_DECORATION = regexcache.compile(
    r"[ \t]{0,16}(?:>[ \t]?){0,3}(?:#{1,6}[ \t]+|[-*+][ \t]+|\d{1,3}[.)][ \t]+)?"
)
# A Markdown table row or thematic break: structure, never judged.
_TABLE_OR_RULE = regexcache.compile(r"[ \t]{0,3}(?:\||(?:[-*_][ \t]*){3,}$)")
_EMPHASIS = regexcache.compile(r"[*_`]{1,3}")
_DIGIT = regexcache.compile(r"\d")
_FIELD_LABEL = regexcache.compile(r"([^\W_]+(?:-[^\W_]+)?)[ \t]*:[ \t]*[^\s:]")
_SEPARATOR = regexcache.compile(r"[|·•»›]")
_BYLINE = regexcache.compile(
    r"(?:(?:written|posted|words|story|text|photos?) )?(?:by|por|von|par) ", re.I
)
_SENTENCE_ENDS = frozenset({"period", "bang", "question", "ellipsis"})
# Marks of furniture in a line (feature names "count", "date", "time", "copyright", "url").
_COUNT = regexcache.compile(r"\(\d{1,6}\)")
_DATE = regexcache.compile(r"\b(?:19|20)\d\d\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b")
_TIME = regexcache.compile(r"\b\d{1,2}:\d\d\b")
_AGO = regexcache.compile(
    r"\b\d{1,3} ?(?:min(?:ute)?s?|h(?:ou)?rs?|days?|weeks?|months?) ago\b", re.I
)
_COPYRIGHT = regexcache.compile(r"©|copyright", re.IGNORECASE)
_URL = regexcache.compile(
    r"https?://|www\.|\b[\w.+-]{1,64}@[\w-]{1,63}\.\w{2,}|\b[\w-]{2,40}\.(?:com|net|org|io)\b"
)
_END = {
    ".": "period", "。": "period", "!": "bang", "！": "bang", "?": "question", "？": "question",
    ":": "colon", "：": "colon", "…": "ellipsis", ")": "paren",
}  # fmt: skip
_CLOSERS = "\"'”’»)]*_ \t\r\n"
LONG_LINE = 400  # characters: a longer line is prose; its words are not looked at one by one
_MAX_WORDS = 60  # words looked up per line: the start of a long line says enough
_EXACT_WORDS = 100  # characters: a longer paragraph's words are counted by its spaces


def _bin(value: int, edges: tuple[int, ...]) -> int:
    for index, edge in enumerate(edges):
        if value <= edge:
            return index
    return len(edges)


_LENGTH_EDGES = (3, 10, 20, 40, 80, 160, 400)
_WORD_EDGES = (1, 2, 4, 8, 15, 30)


class Row:
    """One paragraph (a line, or the lines of a hard-wrapped paragraph): where it is, its
    shape, its visible text and its features.

    ``index``/``last``: 0-based numbers of its first and last lines; ``start``/``end``: the
    offsets of its first line's start and its last line's end (before the line break);
    ``structural``: a Markdown heading, list item or quote (or the lead-in of a list);
    ``text``: visible text, Markdown decoration and link targets set aside; ``title``: the
    article's headline, dek, byline or date line (never furniture). A plain class: a
    dataclass costs a small file's start-up more than its rows.
    """

    __slots__ = (
        "end",
        "features",
        "heading",
        "index",
        "kinds",
        "last",
        "own",
        "prose",
        "short",
        "start",
        "structural",
        "text",
        "title",
        "words",
    )

    def __init__(
        self,
        index: int,
        last: int,
        start: int,
        end: int,
        words: int,
        prose: bool,
        short: bool,
        structural: bool,
        heading: bool,
        text: str = "",
    ) -> None:
        self.index = index
        self.last = last
        self.start = start
        self.end = end
        self.words = words
        self.prose = prose
        self.short = short
        self.structural = structural
        self.heading = heading
        self.text = text
        self.own: list[str] = []
        self.kinds: Counter[str] = Counter()
        self.features: dict[str, float] = {}
        self.title = False

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in _ROW_FIELDS)
        return f"Row({shown})"


_ROW_FIELDS = ("index", "last", "start", "end", "words", "prose", "short", "structural",
               "heading", "text", "own", "kinds", "features", "title")  # fmt: skip


def visible(line: str, markdown: bool) -> tuple[str, bool, bool]:
    """The text a reader sees, whether Markdown structure (heading, list, quote) framed it,
    and whether that was a heading."""
    structural = heading = False
    if markdown:
        decoration = _MD_DECORATION.match(line)
        if decoration is not None and decoration.end() and decoration.group().strip():
            structural = True
            heading = "#" in decoration.group()
            line = line[decoration.end() :]
        if "](" in line:
            line = _MD_LINK.sub(r"\1", line)
        if "*" in line or "_" in line or "`" in line:
            line = _EMPHASIS.sub("", line)
    return line.strip(), structural, heading


def shape(text: str, start: int, end: int) -> tuple[int, str]:
    """Words and the kind of ending of a paragraph's source text, ``text[start:end]``
    (Markdown marks and all: the same answer before and after the cheap exit, without
    building the visible text).

    Words are counted exactly in a short paragraph; in a longer one, as its spaces and
    line breaks (scraped and authored prose rarely doubles them).
    """
    if end - start > _EXACT_WORDS:
        return _spaced_words(text, start, end), _end(text, start, end)
    raw = text[start:end]
    words = len(raw.split())
    if words < 4 and not raw.isascii():
        words = max(words, _wide_words(raw))
    return words, _end(text, start, end)


_CHARACTERS_PER_SPACE = 20  # latin prose has a space every six or so
_FIRST_READ = 400  # characters of a long paragraph counted first when a cap is given


def _spaced_words(text: str, start: int, end: int, cap: int = 0) -> int:
    """Words of a long paragraph, as its spaces and line breaks; in a script written without
    spaces (a paragraph of Japanese has a few at most), about two characters a word.

    With ``cap``, for a caller that takes at most that many: ``cap`` as soon as the first
    ``_FIRST_READ`` characters reach it (a prose paragraph's do, often on their spaces
    alone), else the whole count (its parts add up to it)."""
    if cap and end - start > _FIRST_READ:
        head = start + _FIRST_READ
        breaks = text.count(" ", start, head)
        if breaks < cap - 1:
            breaks += text.count("\n", start, head)
        if breaks >= cap - 1:
            return cap
        words = breaks + text.count(" ", head, end) + text.count("\n", head, end) + 1
    else:
        words = text.count(" ", start, end) + text.count("\n", start, end) + 1
    if words * _CHARACTERS_PER_SPACE < end - start:
        words = max(words, _wide_words(text[start:end]))
    return words


def is_prose(words: int, end: str) -> bool:
    return words >= _PROSE_WORDS or (words >= _SENTENCE_WORDS and end in _SENTENCE_ENDS)


_PROSE_WORDS = 20  # this many words are prose, however the paragraph ends
_SENTENCE_WORDS = 8  # and this many with a sentence end


def _wide_words(text: str) -> int:
    """Words of a line in a script written without spaces: about two characters a word."""
    wide = sum(1 for c in text if "\u2e80" <= c <= "\u9fff" or "\uac00" <= c <= "\ud7af")
    return wide // 2 if wide * 2 >= len(text) else 0


def _end(text: str, start: int, end: int) -> str:
    """How ``text[start:end]`` ends: a sentence mark, a colon, a digit, a word, a symbol or
    nothing. Only the last characters are read (a paragraph may be megabytes long)."""
    stripped = text[max(start, end - 16) : end].rstrip(_CLOSERS)
    if not stripped and end - start > 16:
        stripped = text[start:end].rstrip(_CLOSERS)[-16:]
    if not stripped:
        return "none"
    last = stripped[-1]
    if stripped.endswith("..."):
        return "ellipsis"
    name = _END.get(last)
    if name is not None:
        return name
    if last.isdigit():
        return "digit"
    return "word" if last.isalpha() else "symbol"


def describe(row: Row) -> None:
    """A row's own features: shape, letters, marks, dates, lexicon words."""
    text = row.text
    end = _end(text, 0, len(text))
    own = row.own = [
        f"len:{_bin(len(text), _LENGTH_EDGES)}",
        f"words:{_bin(row.words, _WORD_EDGES)}",
        "end:" + end,
    ]
    if row.structural:
        own.append("markdown-heading" if row.heading else "markdown-structure")
    if row.prose:
        own.append("prose")
    if len(text) > LONG_LINE:
        return
    tokens = _WORD.findall(text, 0, 600)
    alphabetic = [t for t in tokens[:_MAX_WORDS] if not t[0].isdigit()]
    lowered = [t.lower() for t in alphabetic]
    if len(alphabetic) >= 2:
        capitals = sum(1 for t in alphabetic if t[0].isupper())
        own.append(f"caps:{_bin(capitals * 10 // len(alphabetic), (0, 4, 7, 9))}")
        stop_words = word_list("stop-words")
        stops = sum(1 for t in lowered if t in stop_words)
        own.append(f"stop:{_bin(stops * 10 // len(lowered), (0, 1, 2, 3))}")
    if text.isupper() and len(text) > 3:
        own.append("allcaps")
    digits = _DIGIT.search(text) is not None
    if tokens and len(alphabetic) == 0 and all(t.isdigit() for t in tokens):
        own.append("number-only")
    elif digits:
        own.append("digits")
    separators = len(_SEPARATOR.findall(text))
    if separators:
        own.append("sep" if separators == 1 else "seps")
    own.extend(_marks(text, digits))
    months = word_list("months")
    if "date" not in own and any(t in months for t in lowered):
        own.append("date")
    if _BYLINE.match(text):
        own.append("by")
    _lexicon_hits(row, _without_field_labels(text, lowered))


def _marks(text: str, digits: bool) -> Iterator[str]:
    """The marks the text holds, in this order; a pattern is searched only when the
    characters every match of it needs are there (most lines have none)."""
    if digits and "(" in text and _COUNT.search(text):
        yield "count"
    if digits and _DATE.search(text):
        yield "date"
    if digits and ":" in text and _TIME.search(text):
        yield "time"
    if _COPYRIGHT.search(text):
        yield "copyright"
    if ("." in text or "@" in text or ":" in text) and _URL.search(text):
        yield "url"


def _without_field_labels(text: str, lowered: list[str]) -> list[str]:
    """The words less the labels of contact fields that a value follows ("Email: {{email}}",
    "Phone: 555-0100", "Contact: Doug Nicoll"): a letterhead's or a press release's fields,
    where "email", "website" and "contact" name no share bar, comment form or footer."""
    if ":" not in text:
        return lowered
    fields = word_list("contact-fields")
    labels = [m.group(1).lower() for m in _FIELD_LABEL.finditer(text, 0, 600)]
    kept = list(lowered)
    for label in labels:
        if label in fields and label in kept:
            kept.remove(label)
    return kept


def _lexicon_hits(row: Row, lowered: list[str]) -> None:
    """Furniture words per kind: a feature per kind, marked when they are most of the line."""
    kinds = row.kinds
    count_kinds(lowered, kinds, row.prose)  # prose's everyday words are not furniture
    for kind, hits in kinds.items():
        row.own.append(f"lex:{kind}" + (":most" if hits * 2 >= len(lowered) else ""))


def text_row(text: str, *, structural: bool = False, heading: bool = False) -> Row:
    """A row for one piece of text on its own, with its own features (no document)."""
    words, end = shape(text, 0, len(text))
    prose = is_prose(words, end)
    row = Row(0, 0, 0, len(text), words, prose, words <= 8 and end not in _SENTENCE_ENDS,
              structural, heading, text.strip())  # fmt: skip
    describe(row)
    return row


# ---------------------------------------------------------------- the document's paragraphs

Paragraph = tuple[int, int, bool, bool]  # start, end (offsets); structural, heading

# Blank lines between paragraphs (found from each line break: ``re`` finds those fast).
_BLANK_LINES = regexcache.compile(r"\n(?:[^\S\n]*\n)+")
_LEADING_BLANK = regexcache.compile(r"(?:[^\S\n]*\n)*")
# What a Markdown line can start with when its frame or its emptiness must be read.
_MD_MARKS = frozenset("#>-*+|_0123456789![`")


def paragraphs(document: Document) -> Iterator[Paragraph]:
    """Every paragraph the classifier judges, in order: the lines of a hard-wrapped
    paragraph are read as one, as a browser shows them; a Markdown heading or list item
    starts a paragraph of its own, and the paragraph right above a list item is its lead-in
    (the author's structure, like the list).

    Code, front matter, comments, Markdown table rows and thematic breaks are never judged.
    One pattern finds the runs of non-blank lines; only a run that holds Markdown structure
    or touches code or a comment is read line by line.
    """
    return _paragraphs(document, _hidden_line_starts(document))


def _paragraphs(document: Document, hidden: list[tuple[int, int]]) -> Iterator[Paragraph]:
    """``paragraphs``, given the spans ``_hidden_line_starts`` finds."""
    text = document.text
    if "\r" in text and text.count("\r") != text.count("\r\n"):
        yield from _by_line(document, 0, len(text))  # lone CR breaks
        return
    markdown = document.markup == "markdown"
    crlf = "\r" in text
    at, count = 0, len(hidden)
    for start, stop, _, _ in _runs(text):
        end = stop - 1 if crlf and text[stop - 1] == "\r" else stop
        if at < count:
            while at < count and hidden[at][1] <= start:
                at += 1
            if at < count and hidden[at][0] < end:
                yield from _by_line(document, start, end)
                continue
        if not markdown:
            yield start, end, False, False
        elif text.find("\n", start, end) >= 0:
            yield from _markdown_run(text, start, end)
        elif text[start] in _MD_MARKS or text[start].isspace():
            framed = _markdown_frame(text, start, end)
            if framed is not None:
                yield start, end, *framed
        else:
            yield start, end, False, False


def _hidden_line_starts(document: Document) -> list[tuple[int, int]]:
    """The code and comment spans that hold the start of a line (a fenced block, a comment
    of its own lines), in order: the lines they start are never judged. An inline span in
    the middle of a line hides nothing."""
    text = document.text
    fenced = document.markup == "markdown" or "```" in text or "~~~" in text
    found: list[tuple[int, int]] = []
    for spans in (document.code if fenced else (), document.comments if "<!--" in text else ()):
        for start, end in spans:
            if start == 0 or text[start - 1] in "\r\n" or text.find("\n", start, end - 1) >= 0:
                found.append((start, end))
    if len(found) > 1:
        found.sort()
    return found


def _markdown_run(text: str, start: int, end: int) -> Iterator[Paragraph]:
    """The paragraphs of a run of Markdown lines that holds no code and no comment: as
    ``_by_line`` reads them, without asking about code and comments line by line."""
    unit = _Unit()
    pos = start
    while pos < end:
        newline = text.find("\n", pos, end)
        stop = end if newline < 0 else newline
        line_end = stop - 1 if stop > pos and text[stop - 1] == "\r" else stop
        first = text[pos]
        if first in _MD_MARKS or first.isspace():
            framed = _markdown_frame(text, pos, line_end)
        else:
            framed = (False, False)
        structural, heading = framed if framed is not None else (False, False)
        if unit.open and (framed is None or structural or unit.last_heading):
            yield unit.close(structural)
        if framed is not None:
            unit.add(pos, line_end, structural, heading)
        pos = stop + 1
    if unit.open:
        yield unit.close(False)


def _runs(text: str) -> Iterator[Paragraph]:
    """Start and end of each run of non-blank lines (LF or CRLF breaks), as a paragraph
    without structure (what a run of plain text is)."""
    start = _LEADING_BLANK.match(text).end()  # type: ignore[union-attr]
    for gap in _BLANK_LINES.finditer(text, start):
        yield start, gap.start(), False, False
        start = gap.end()
    if start < len(text):
        last = text[start:].rstrip()
        if last:
            yield start, start + len(last), False, False


def _markdown_frame(text: str, start: int, end: int) -> tuple[bool, bool] | None:
    """Whether a Markdown line is structure (a heading, list item or quote) and a heading;
    None when it is not judged: a table row, a thematic break, or nothing a reader sees (an
    image without words, a lone quote mark or backtick)."""
    if text[start : start + 24].lstrip()[:1] not in _MD_MARKS:
        return False, False  # starts with a letter, which a reader sees
    line = text[start:end]
    if _TABLE_OR_RULE.match(line):
        return None
    # As ``visible`` decides it; a letter or digit right after the frame is seen, so the
    # links and emphasis of the rest need not be set aside to know that.
    mark = _MD_DECORATION.match(line).group()  # type: ignore[union-attr]
    structural = bool(mark.strip())
    if line[len(mark) if structural else 0 :][:1].isalnum():
        return structural, structural and "#" in mark
    shown, structural, heading = visible(line, True)
    return (structural, heading) if shown else None


def _by_line(document: Document, low: int, high: int) -> Iterator[Paragraph]:
    """The paragraphs of the lines from offset ``low`` to ``high``, one line at a time."""
    markdown = document.markup == "markdown"
    text = document.text
    fenced = markdown or "```" in text or "~~~" in text
    commented = "<!--" in text
    lines = document.lines
    first = bisect_right(document.line_starts, low) - 1
    last = bisect_right(document.line_starts, max(low, high - 1)) - 1
    unit = _Unit()
    for index in range(first, min(last + 1, len(lines))):
        line = lines[index]
        shown = False
        structural = heading = False
        if line.start != line.end:
            inside = (fenced and document.in_code(line.start)) or (
                commented and document.in_comment(line.start)
            )
            raw = "" if inside else text[line.start : line.end]
            if raw and not raw.isspace() and not (markdown and _TABLE_OR_RULE.match(raw)):
                shown = True
                if markdown:
                    seen, structural, heading = visible(raw, markdown)
                    shown = bool(seen)
        if unit.open and (not shown or structural or unit.last_heading):
            yield unit.close(structural)
        if shown:
            unit.add(line.start, line.end, structural, heading)
    if unit.open:
        yield unit.close(False)


class _Unit:
    """The paragraph being read, line by line: where it starts and ends, how its first line
    is framed and whether its last was a heading (nothing kept per line)."""

    __slots__ = ("end", "heading", "last_heading", "open", "start", "structural")

    def __init__(self) -> None:
        self.open = False
        self.start = self.end = 0
        self.structural = self.heading = self.last_heading = False

    def add(self, start: int, end: int, structural: bool, heading: bool) -> None:
        if not self.open:
            self.open, self.start = True, start
            self.structural, self.heading = structural, heading
        self.end, self.last_heading = end, heading

    def close(self, next_is_structure: bool) -> Paragraph:
        """The paragraph; a paragraph right above a list item is the list's lead-in (the
        author's structure, like the list)."""
        self.open = False
        lead_in = next_is_structure and not self.structural
        return self.start, self.end, self.structural or lead_in, self.heading


def visible_text(document: Document, row: Row) -> str:
    """The paragraph as a reader sees it: its lines' visible text, joined by spaces."""
    text, markdown = document.text, document.markup == "markdown"
    if row.index == row.last:
        return visible(text[row.start : row.end], markdown)[0]
    lines = document.lines
    return " ".join(
        visible(text[lines[i].start : lines[i].end], markdown)[0]
        for i in range(row.index, row.last + 1)
    )


def _row(document: Document, paragraph: Paragraph) -> Row:
    start, end, structural, heading = paragraph
    words, end_mark = shape(document.text, start, end)
    short = words <= 8 and end_mark not in _SENTENCE_ENDS
    first = bisect_right(document.line_starts, start) - 1
    last = bisect_right(document.line_starts, max(start, end - 1)) - 1
    prose = is_prose(words, end_mark)
    return Row(first, last, start, end, words, prose, short, structural, heading)


def document_rows(document: Document, least: int = 0) -> list[Row]:
    """Every judged paragraph with its own, its document's and its neighbours' features.

    With ``least``, a document with fewer paragraphs outside its article zone that could be
    furniture (not a Markdown heading, list item or quote) gets no features at all (an empty
    list): most authored documents end here, after one pass that keeps nothing per line.
    """
    if least and _outside_zone(document) < least:
        return []
    rows = [_row(document, paragraph) for paragraph in paragraphs(document)]
    for row in rows:
        row.text = visible_text(document, row)
        describe(row)
    add_context(rows)
    return rows


_PROSE_GAIN_CAP = 60
_SHORTEST_PROSE = 15  # characters: eight words need at least this many
_NON_PROSE_COST = 4


def _gain(words: int, prose: bool) -> int:
    return min(words, _PROSE_GAIN_CAP) if prose else -_NON_PROSE_COST


def _outside_zone(document: Document) -> int:
    """How many paragraphs that are not Markdown structure lie outside the article zone
    (``article_zone``, found the same way), in one pass that keeps nothing per paragraph
    (a list of them would cost a tuple per line of a long list: memory many times the text).

    The gain of ``_gain(shape(...))`` is computed here with the sentence end read only when
    it decides (eight to nineteen words): most paragraphs of a document are long prose.
    """
    text = document.text
    best, total = 0, 0
    others = others_at_start = others_inside = 0
    for start, end, structural, _ in _zone_paragraphs(document):
        gain = -_NON_PROSE_COST
        length = end - start
        if length > _EXACT_WORDS:
            words = _spaced_words(text, start, end, _PROSE_GAIN_CAP)  # the gain stops there
        else:
            words = shape(text, start, end)[0] if length >= _SHORTEST_PROSE else 0
        if words >= _PROSE_WORDS or (
            words >= _SENTENCE_WORDS and _end(text, start, end) in _SENTENCE_ENDS
        ):
            gain = min(words, _PROSE_GAIN_CAP)
        if total <= 0:
            total, others_at_start = 0, others
        total += gain
        if not structural:
            others += 1
        if total > best:
            best, others_inside = total, others - others_at_start
    return others - others_inside if best else 0


def _zone_paragraphs(document: Document) -> Iterator[Paragraph]:
    """``paragraphs(document)``. In plain text with no CR and no line in code or a comment,
    ``paragraphs`` yields each run of non-blank lines as it is: the runs are read straight,
    without that second generator around them."""
    hidden = _hidden_line_starts(document)
    if not hidden and document.markup != "markdown" and "\r" not in document.text:
        return _runs(document.text)
    return _paragraphs(document, hidden)


def article_zone(rows: list[Row]) -> tuple[int, int] | None:
    """First and last row of the densest run of prose (most prose words, fewest other lines)."""
    best, best_span = 0, None
    total, start = 0, 0
    for position, row in enumerate(rows):
        if total <= 0:
            total, start = 0, position
        total += _gain(row.words, row.prose)
        if total > best:
            best, best_span = total, (start, position)
    return best_span


# Walking out of the article, a gap shorter than this may hold one line that names furniture
# ("See it now: Amazon" in a product box) and still be the article's when prose follows it.
_GAP_ROWS = 4
_FURNITURE_SHARE = 10  # a sentence paragraph's furniture words are under 1 in this many
_SENTENCE_STOPS = frozenset({"stop:2", "stop:3", "stop:4"})  # a fifth of the words or more


def _sentence(row: Row, loose: bool = False) -> bool:
    """Reads as the article's sentences: prose with function words, no furniture words
    (``loose``: under a tenth of its words; one "life" or "money" in a paragraph of prose
    is the article's word, not a menu's)."""
    furniture = sum(row.kinds.values())
    if not row.prose or (furniture if not loose else furniture * _FURNITURE_SHARE >= row.words):
        return False
    return len(row.text) > LONG_LINE or not _SENTENCE_STOPS.isdisjoint(row.own)


def _names_furniture(row: Row) -> bool:
    """Furniture words are half its words or more ("Related posts", "Leave a Reply",
    "Share this"): a label of furniture. A product card's line that mentions one among
    others ("Best budget: Anker Soundcore Life P3", "Shop now at Walmart") is not."""
    return 2 * sum(row.kinds.values()) >= max(row.words, 1)


def article_extent(rows: list[Row]) -> set[int]:
    """Rows outside the densest run of prose that still belong to the article, so that the
    classifier never reports them.

    - Walking out from that run, up to a row that names furniture (``_names_furniture``):
      a paragraph of the article's prose (twenty words or more, ``_sentence`` with a
      furniture word in ten at most) and every row between it and the run (a table, a
      poll, a product card's box, a list of short lines the article holds between its
      paragraphs). A gap of fewer than ``_GAP_ROWS`` rows may hold one row that names
      furniture (a product box's "See it now: Amazon").
    - Two or more ``_sentence`` paragraphs in a row, wherever they stand: a run of prose is
      never furniture as a whole (a page whose densest prose is not its article).
    """
    found: set[int] = set()
    zone = article_zone(rows)
    if zone is not None:
        for step, begin in ((-1, zone[0] - 1), (1, zone[1] + 1)):
            gap: list[int] = []
            position = begin
            while 0 <= position < len(rows):
                row = rows[position]
                if row.words >= _PROSE_WORDS and _sentence(row, loose=True):
                    found.update(gap)
                    found.add(position)
                    gap = []
                elif _names_furniture(row) and (
                    len(gap) >= _GAP_ROWS or any(_names_furniture(rows[g]) for g in gap)
                ):
                    break
                else:
                    gap.append(position)
                position += step
    run: list[int] = []
    for position in range(len(rows) + 1):
        if position < len(rows) and _sentence(rows[position]):
            run.append(position)
            continue
        if len(run) >= 2:
            found.update(run)
        run = []
    return found


def article_span(rows: list[Row], extent: set[int]) -> tuple[int, int] | None:
    """The first and last row of the article: its densest run of prose and ``extent``
    (``article_extent``). A row between them that names no furniture is the article's (a
    product box, a short list item, a caption, a poll): never reported on its shape alone."""
    zone = article_zone(rows)
    ends = [*extent, *(zone or ())]
    return (min(ends), max(ends)) if ends else None


_EDGE_ROWS = 2  # rows just outside the article where its sign-off or a note stands
_STATEMENT_ENDS = frozenset({"end:period", "end:bang", "end:question"})


def article_edges(rows: list[Row], span: tuple[int, int]) -> set[int]:
    """Rows just outside the article (``article_span``) that are still the article's.

    - Within ``_EDGE_ROWS`` rows of its first or last row (or of a row found here), a line
      that ends a sentence and names no furniture: a sign-off ("Thanks Junior!"), a note,
      a dateline. Furniture is headlines, names and links, which do not end a sentence,
      or it names itself ("Subscribe now!").
    - When its last paragraph ends with a colon and furniture words are not a fifth of its
      words, it announces what follows: the short rows after it (a list, a table) up to
      the first that names furniture or is prose. So does a short lead-in of its own
      right after it ("Boys:" over the scores, ``_lead_in``).
    """
    found: set[int] = set()
    first, last = span
    reach = first
    for position in range(first - 1, max(first - 1 - _EDGE_ROWS * 4, -1), -1):
        if reach - position > _EDGE_ROWS:
            break
        row = rows[position]
        if not row.kinds and row.own[2] in _STATEMENT_ENDS:
            found.add(position)
            reach = position
    if not 0 <= last < len(rows):
        return found
    reach, position = last, last + 1
    closing = rows[last]
    # A paragraph's "most", "also", "read" are not furniture: a few such words may stand in it.
    announced = closing.own[2] == "end:colon" and 5 * sum(closing.kinds.values()) < closing.words
    while position < len(rows):
        row = rows[position]
        if announced and not row.kinds and not row.prose:
            found.add(position)
        elif position == reach + 1 and _lead_in(row) and _plain(rows[reach]):
            found.add(position)  # "Boys:" over a list of scores, "Ingredients:"
            reach, announced = position, True
        elif position - reach <= _EDGE_ROWS and not row.kinds and row.own[2] in _STATEMENT_ENDS:
            found.add(position)
            reach = position
            announced = False
        elif position - reach > _EDGE_ROWS:
            break
        else:
            announced = False
        position += 1
    return found


def _plain(row: Row) -> bool:
    """Furniture words are under a tenth of its words (none in a short line)."""
    return _FURNITURE_SHARE * sum(row.kinds.values()) < max(row.words, 1)


def _lead_in(row: Row) -> bool:
    """A short line of the article's own that ends with a colon and names no furniture: it
    announces the rows under it, as a last paragraph ending with a colon does."""
    return not row.kinds and not row.prose and row.own[2] == "end:colon"


_ORDINAL = regexcache.compile(r"[ \t]*(\d{1,3})[.)][ \t]+\S")
_ORDINAL_LEADS = frozenset("0123456789 \t")  # how a line that _ORDINAL matches begins
_LIST_REACH = 16  # rows between two items of a numbered list (a description, a spec box)
_LIST_ITEMS = 3  # a numbered list holds at least this many items


def numbered_items(rows: list[Row]) -> set[int]:
    """Rows that open a numbered list's items in order ("1) …", "2. …", "3. …"), each
    within ``_LIST_REACH`` rows of the one before, at least ``_LIST_ITEMS`` of them, and
    the rows each item holds (``_list_rows``): a listicle's items and what each holds, a
    buying guide's products with their spec boxes. A site's menus and link lists are not
    numbered in order once scraped; the article's lists are (no line of the training
    pages' furniture is, 37 of their article's are)."""
    found: set[int] = set()
    chain: list[int] = []
    expected = -1
    leads = _ORDINAL_LEADS
    for position in [p for p, row in enumerate(rows) if row.text[:1] in leads]:
        match = _ORDINAL.match(rows[position].text)
        if match is None:
            continue
        number = int(match.group(1))
        if chain and number == expected and position - chain[-1] <= _LIST_REACH:
            chain.append(position)
        else:
            found.update(_list_rows(rows, chain))
            chain = [position]
        expected = number + 1
    found.update(_list_rows(rows, chain))
    return found


def _list_rows(rows: list[Row], chain: list[int]) -> range:
    """The rows of a numbered list whose items open at ``chain``: from the first item to
    the last, and after the last as many rows as the shortest item before it holds (its
    description, spec box and price), up to a row that names furniture."""
    if len(chain) < _LIST_ITEMS:
        return range(0)
    held = min(b - a for a, b in pairwise(chain)) - 1
    last = chain[-1]
    for position in range(last + 1, min(last + held, len(rows) - 1) + 1):
        if _names_furniture(rows[position]):
            break
        last = position
    return range(chain[0], last + 1)


def _distance(value: int) -> str:
    return ("1", "2", "3", "4-8", "4-8", "4-8", "4-8", "4-8")[value - 1] if value <= 8 else "9+"


def add_context(rows: list[Row]) -> None:
    """Document and neighbour features: recurrence, position, the article zone, the lines around."""
    count = len(rows)
    if not count:
        return
    seen = Counter(" ".join(row.text.lower().split()) for row in rows)
    zone = article_zone(rows)
    prose_rows = sum(1 for row in rows if row.prose)
    prose_share = f"doc-prose:{_bin(prose_rows * 10 // count, (0, 1, 2, 4, 6))}"
    outside = count - (zone[1] - zone[0] + 1) if zone else count
    outside_bin = f"doc-outside:{_bin(outside, (2, 9, 29))}"
    prose_at = [position for position, row in enumerate(rows) if row.prose]
    runs = _short_runs(rows)
    head = title_head(rows, zone)
    for position, row in enumerate(rows):
        features = dict.fromkeys(row.own, 1.0)
        repeats = seen[" ".join(row.text.lower().split())]
        if repeats > 1:
            features["repeated" if repeats == 2 else "repeated:3+"] = 1.0
        features[prose_share] = 1.0
        features[outside_bin] = 1.0
        if position < 3:
            features[f"first:{position}"] = 1.0
        if count - position <= 3:
            features[f"last:{count - position}"] = 1.0
        if zone is None:
            where = "zone:none"
        elif position < zone[0]:
            where = "zone:above:" + _distance(zone[0] - position)
        elif position > zone[1]:
            where = "zone:below:" + _distance(position - zone[1])
        else:
            where = "zone:in"
        features[where] = 1.0
        if position in head:
            row.title = True
            features["title-head"] = 1.0
        features[where + "&" + outside_bin] = 1.0
        length = row.own[0]
        features[where.rsplit(":", 1)[0] + "&" + length] = 1.0
        coarse = _coarse(where)
        if row.short:
            features["short&" + where] = 1.0
            features[f"short-run:{_bin(runs[position], (1, 3, 8))}&{coarse}"] = 1.0
        # Prose lines near this one.
        near = _near(prose_at, position, 3, row.prose)
        features[f"near-prose:{min(near, 2)}"] = 1.0
        _neighbours(rows, position, features)
        row.features = features


def _neighbours(rows: list[Row], position: int, features: dict[str, float]) -> None:
    """The own features of the rows before and after (the shape of the two beyond)."""
    for offset, prefix in ((-1, "p:"), (1, "n:"), (-2, "pp:"), (2, "nn:")):
        other = position + offset
        if 0 <= other < len(rows):
            neighbour = rows[other]
            names = neighbour.own if abs(offset) == 1 else neighbour.own[:3]
            for name in names:
                features[prefix + name] = 1.0
            if neighbour.short:
                features[prefix + "short"] = 1.0
        else:
            features[prefix + "edge"] = 1.0


_META = frozenset({"by", "date", "time"})
_NOT_HEADLINE = frozenset({"url", "copyright", "sep", "seps", "count"})
_HEAD_REACH = 20  # rows above the article zone where its headline, byline and date stand
_BYLINE_REACH = 60  # and where a byline with its date does (a share row, a video between)
_DATED = frozenset({"date", "time"})
_BYLINE_WORDS = 16
_HEADLINE_WORDS = (4, 30)
_BYLINE_HEADLINE_WORDS = (2, 30)  # right above a byline or date, a short headline will do
_HEADLINE_ENDS = frozenset(
    {"end:word", "end:digit", "end:question", "end:bang", "end:paren", "end:ellipsis"}
)
_HEADLINE_GAP = 3  # rows between a headline and its byline or date: a dek, the author
_OPENERS = "\"'‘“«¿¡(["  # a headline may open with a quote


def title_head(rows: list[Row], zone: tuple[int, int] | None) -> set[int]:
    """The rows of the article's head: its headline, the dek under it, bylines and dates.

    They stand just above the densest prose; they are content, never furniture. Within
    ``_HEAD_REACH`` rows above the article: bylines and date lines (at most 16 words, a
    date, a time or "By"), and within ``_BYLINE_REACH`` a byline with its date or time; within three rows above each, the nearest line shaped like a
    headline (2 to 30 words, no full stop, not mostly furniture words) with what stands
    between them (the dek, the author's name), and a short name right beside one ("Zac
    Hall"); and the two nearest headline-shaped lines of 4 words or more that none of
    these took (a dek a byline took is not the headline), each with the line under it when
    that one reads as a sentence (the dek). A post's age ("1 day ago") is a date; a
    headline may open with a quote mark or a number, quote with guillemets, and trail off
    ("…").
    """
    if zone is None:
        return set()
    reach = max(0, zone[0] - _HEAD_REACH)
    far = max(0, zone[0] - _BYLINE_REACH)
    metas = [
        p
        for p in range(far, reach)
        if rows[p].words <= _BYLINE_WORDS and "by" in rows[p].own and _DATED & set(rows[p].own)
    ]
    metas += [
        p
        for p in range(reach, zone[0])
        if rows[p].words <= _BYLINE_WORDS and (_META & set(rows[p].own) or _aged(rows[p]))
    ]
    head = set(metas)
    for meta in metas:
        for position in range(meta - 1, max(far, meta - _HEADLINE_GAP) - 1, -1):
            if position in head:
                break
            if _headline_shaped(rows[position], _BYLINE_HEADLINE_WORDS):
                head.update(range(position, meta))  # with its dek, the author's name
                break
        for position in (meta - 1, meta + 1):
            if far <= position < zone[0] and _name_shaped(rows[position]):
                head.add(position)
    headlines = 0
    for position in range(zone[0] - 1, reach - 1, -1):
        if position in head:
            continue  # a byline, a date, or a line a byline already took
        if headlines < 2 and _headline_shaped(rows[position], _HEADLINE_WORDS):
            headlines += 1
            head.add(position)
            if position + 1 < zone[0] and rows[position + 1].prose:
                head.add(position + 1)
    return head


def _aged(row: Row) -> bool:
    """A post's age ("1 day ago", "3 hours ago"): a date line. Read here, for the rows
    above the article, not as a feature (the element classifier shares the line features)."""
    return "ago" in row.text and _AGO.search(row.text) is not None


def _headline_shaped(row: Row, words: tuple[int, int]) -> bool:
    low, high = words
    if not low <= row.words <= high:
        return False
    marks = _NOT_HEADLINE & set(row.own)
    if marks and (marks != {"sep"} or not _quoted(row.text)):
        return False
    if row.own[2] not in _HEADLINE_ENDS:  # not a full stop, a colon, a dangling symbol
        return False
    furniture = sum(row.kinds.values())
    first = row.text.lstrip(_OPENERS)[:1]
    return furniture * 2 < row.words and (first.isupper() or first.isdigit())


def _quoted(text: str) -> bool:
    """The line's one separator mark is the closing guillemet of a quote («…»)."""
    return text.count("»") == 1 and "«" in text and _SEPARATOR.subn("", text)[1] == 1


_NAME_WORDS = 4


def _name_shaped(row: Row) -> bool:
    """A person's name, perhaps with a handle: a few capitalised words, no furniture word."""
    words = row.text.split()
    return (
        0 < len(words) <= _NAME_WORDS
        and not row.kinds
        and all(word[:1].isupper() or word[:1] == "@" for word in words)
    )


_CROSSED = ("__none__",)


def _coarse(where: str) -> str:
    """zone:in, zone:none, or above/below and near (three rows) or far."""
    if where in {"zone:in", "zone:none"}:
        return where
    side, distance = where.rsplit(":", 1)
    return side + (":near" if distance in {"1", "2", "3"} else ":far")


def _short_runs(rows: list[Row]) -> list[int]:
    """For each row, how many short rows in a row its run of short rows holds (0: not short)."""
    runs = [0] * len(rows)
    start = 0
    for position in range(len(rows) + 1):
        if position == len(rows) or not rows[position].short:
            for member in range(start, position):
                runs[member] = position - start
            start = position + 1
    return runs


def _near(positions: list[int], position: int, reach: int, itself: bool) -> int:
    """Prose rows within ``reach`` rows of this one, not counting itself."""
    return (
        bisect_right(positions, position + reach)
        - bisect_left(positions, position - reach)
        - itself
    )
