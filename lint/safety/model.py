"""A parsed document as the guard compares it: a flat run of units, each with the source
lines (or offset) it came from, and the paragraph and list it belongs to.

A unit is an ``open`` or ``close`` of a block or element, or a ``leaf``: a run of rendered
text with its inline structure (links, emphasis, code, images) as atoms. Comments are not in
it: they do not render, so taking one out changes nothing the guard compares.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

from lint.document import HTML_ENTITY

# One atom of a leaf: ("w", word) for text, ("o"|"c"|"m", value) for inline structure
# (an opening, a closing, a mark such as an image or a code span).
Atom = tuple[str, str]

WORD = re.compile(r"[^\W\d_][\w'’-]*")
_ENTITY = re.compile(HTML_ENTITY)
# An HTML comment, closed or running to the end: never rendered, never prose.
COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
# A block with fewer words is a title, a menu entry or a label, not prose.
PROSE_MIN_WORDS = 5
# Article prose, what the prose limit protects: a paragraph of at least this many words that
# ends a sentence, with at most half of its words in links. Menus, link lists, headlines and
# labels are none of these, so deleting furniture takes none of it, however much of the page
# the furniture is; emptying an article takes all of it.
ARTICLE_MIN_WORDS = 8
_SENTENCE_END = frozenset(".!?…:;。！？")
_CLOSERS = "\"'”’»)]*_ \t"
INVISIBLE = frozenset({"Cc", "Cf"})  # Unicode categories: controls, format (zero-width ...)
# Scripts written without spaces: about two characters a word.
_WIDE = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# Fewer words left in a paragraph or list are not "prose that stays" (a lone "Share" label).
KEPT_MIN_WORDS = 3


def count_words(text: str) -> int:
    if "&" in text:
        # An entity's name is no word of the text: "&nbsp;" reads as a space, as its fix
        # writes it, so the count is the same before and after the fix.
        text = _ENTITY.sub(" ", text)
    return sum(1 for _ in WORD.finditer(text))


def article_count(text: str) -> int:
    """Words for the article measure: a run of CJK characters is about two characters a word."""
    words = count_words(text)
    if text.isascii():
        return words
    wide = len(_WIDE.findall(text))
    return max(words, wide // 2) if wide else words


def ends_sentence(text: str) -> bool:
    """``text`` ends with a sentence mark, after closing quotes, brackets and emphasis."""
    tail = text.rstrip(_CLOSERS)
    while tail and unicodedata.category(tail[-1]) in INVISIBLE and not tail[-1].isspace():
        # A zero-width space or a control after the mark does not show: the fix that deletes
        # it must not change whether the line reads as an article.
        tail = tail[:-1].rstrip(_CLOSERS)
    return bool(tail) and tail[-1] in _SENTENCE_END


def reads_as_article(words: int, last: str, linked: int = 0) -> bool:
    """A paragraph of ``words`` words ending with ``last``, ``linked`` of them link text."""
    return words >= ARTICLE_MIN_WORDS and ends_sentence(last) and 2 * linked <= words


@dataclass(slots=True)
class Unit:
    kind: str  # "open" | "close" | "leaf"
    name: str  # the block or element name, for messages: "bullet_list", "paragraph", "p"
    key: tuple[object, ...]  # what is compared
    first: int = -1  # source lines [first, end), 0-based; -1: unknown
    end: int = -1
    anchor: int = -1  # source offset where it starts (HTML); -1: unknown
    stop: int = -1  # source offset where a text leaf ends (HTML)
    para: int = -1  # the paragraph-like unit (index of its open) the text belongs to
    items_of: int = -1  # for a list item: the index of its list's open unit
    words: int = 0
    match: int = -1  # for open and close: the index of the other one
    atoms: tuple[Atom, ...] = ()  # a text leaf's words and inline marks


@dataclass
class Model:
    units: list[Unit] = field(default_factory=list)

    def prose_words(self) -> int:
        """Words in paragraphs of at least PROSE_MIN_WORDS words: the document's prose."""
        return sum(w for w in self._paragraph_words.values() if w >= PROSE_MIN_WORDS)

    def article_words(self) -> int:
        """Words in the paragraphs that read as an article (``reads_as_article``)."""
        return sum(self.article_paragraphs.values())

    @cached_property
    def article_paragraphs(self) -> dict[int, int]:
        """Paragraph (index of its open unit, -1: none) -> its article words, for the
        paragraphs that read as an article. Link text: inside an ``<a>`` element (HTML) or
        a link mark (Markdown)."""
        words: dict[int, int] = {}
        linked: dict[int, int] = {}
        last: dict[int, str] = {}
        in_links = 0
        for unit in self.units:
            if unit.kind != "leaf":
                if unit.name == "a":
                    in_links = max(0, in_links + (1 if unit.kind == "open" else -1))
                continue
            if not unit.atoms:
                continue  # (a run of punctuation alone has atoms and no words: it ends one)
            marks = in_links
            para = unit.para
            for kind, value in unit.atoms:
                if kind == "w":
                    count = article_count(value)
                    words[para] = words.get(para, 0) + count
                    if marks:
                        linked[para] = linked.get(para, 0) + count
                    last[para] = value
                elif value.startswith("link"):
                    marks = max(0, marks + (1 if kind == "o" else -1 if kind == "c" else 0))
        return {
            para: count
            for para, count in words.items()
            if para >= 0 and reads_as_article(count, last[para], linked.get(para, 0))
        }

    def words_in(self, para: int) -> int:
        return self._paragraph_words.get(para, 0)

    @cached_property
    def _paragraph_words(self) -> dict[int, int]:
        totals: dict[int, int] = {}
        for unit in self.units:
            if unit.kind == "leaf" and unit.words:
                totals[unit.para] = totals.get(unit.para, 0) + unit.words
        return totals

    @cached_property
    def leaf_words_before(self) -> list[int]:
        """``leaf_words_before[i]``: words in the leaves of ``units[:i]`` (sums over ranges)."""
        sums = [0]
        for unit in self.units:
            sums.append(sums[-1] + (unit.words if unit.kind == "leaf" else 0))
        return sums

    @cached_property
    def anchored(self) -> tuple[list[int], list[int]]:
        """(offsets, unit indices) of the openings and leaves with a source offset, in order."""
        offsets: list[int] = []
        indices: list[int] = []
        for index, unit in enumerate(self.units):
            if unit.anchor >= 0 and unit.kind != "close":
                offsets.append(unit.anchor)
                indices.append(index)
        return offsets, indices

    def tops(self) -> list[tuple[int, int]]:
        """Source line spans [first, end) of the top-level blocks, in order."""
        spans: list[tuple[int, int]] = []
        depth = 0
        for unit in self.units:
            if unit.kind == "close":
                depth -= 1
                continue
            if depth == 0 and unit.first >= 0:
                spans.append((unit.first, unit.end))
            if unit.kind == "open":
                depth += 1
        return spans

    def pair(self) -> None:
        """Link every open with its close (they nest)."""
        stack: list[int] = []
        for index, unit in enumerate(self.units):
            if unit.kind == "open":
                stack.append(index)
            elif unit.kind == "close" and stack:
                opened = stack.pop()
                unit.match = opened
                self.units[opened].match = index
