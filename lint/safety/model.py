"""A parsed document as the guard compares it: a flat run of units, each with the source
lines (or offset) it came from, and the paragraph and list it belongs to.

A unit is an ``open`` or ``close`` of a block or element, or a ``leaf``: a run of rendered
text with its inline structure (links, emphasis, code, images) as atoms. Comments are not in
it: they do not render, so taking one out changes nothing the guard compares.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

# One atom of a leaf: ("w", word) for text, ("o"|"c"|"m", value) for inline structure
# (an opening, a closing, a mark such as an image or a code span).
Atom = tuple[str, str]

WORD = re.compile(r"[^\W\d_][\w'’-]*")
# An HTML comment, closed or running to the end: never rendered, never prose.
COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
# A block with fewer words is a title, a menu entry or a label, not prose.
PROSE_MIN_WORDS = 5
# Fewer words left in a paragraph or list are not "prose that stays" (a lone "Share" label).
KEPT_MIN_WORDS = 3


def count_words(text: str) -> int:
    return sum(1 for _ in WORD.finditer(text))


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
