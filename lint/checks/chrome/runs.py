"""Group chrome lines into runs: phrase hits, their context, and line shape next to them.

A library phrase that is always furniture ("Leave a Reply") starts a run anywhere; a
context phrase ("Twitter", "Live Price") only at the page's edges or next to other
chrome. A run then takes in neighbouring lines the library knows, and short terse lines
(line shape alone) when they sit between chrome lines or between chrome and the edge.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Set
from typing import NamedTuple

from lint.checks.chrome.lines import _LIST_ITEM, Lines
from lint.speed import regexcache

SHAPE = "shape"
SITE_NAME = "site-name"
# Kinds too common in real articles (a byline, a date) to make a run on their own.
WEAK_ALONE = frozenset({"post-meta", "author-box", "footer"})
# Kinds an article's head holds (a byline box: "By Ana", "Follow Ana on Twitter"): in the
# head they stay; other furniture ("Skip to content") goes even there.
HEAD_KINDS = WEAK_ALONE | {"follow-social"}
_MAX_EDGE_TAIL = 3
_MAX_HEAD_WORDS = 16  # a headline above a date or byline is a line of at most this many words
_SITE_NAME_WORDS = 4
_DOMAIN = regexcache.compile(r"[\w-]{2,40}\.(?:com|net|org|io|co|news|info|live|media|xyz|uk|de)")
_HEADLINE_WORDS = 4
_LONE_LETTERS = 2  # a context phrase shorter than this never counts alone


class LineHit(NamedTuple):
    """A line's library verdict: its kind and whether it needs context to count."""

    kind: str
    context_only: bool


class Run:
    """Chrome lines (non-blank, by index) that go together, with what each one is."""

    __slots__ = ("members", "shape_only")

    def __init__(self, members: dict[int, str] | None = None) -> None:
        self.members: dict[int, str] = {} if members is None else members
        self.shape_only: set[int] = set()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Run):
            return NotImplemented
        return (self.members, self.shape_only) == (other.members, other.shape_only)

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __repr__(self) -> str:
        return f"Run(members={self.members!r}, shape_only={self.shape_only!r})"

    @property
    def first(self) -> int:
        return min(self.members)

    @property
    def last(self) -> int:
        return max(self.members)

    def kinds(self) -> list[str]:
        seen: list[str] = []
        for index in sorted(self.members):
            kind = self.members[index]
            if kind not in seen:
                seen.append(kind)
        return seen


class RunOptions(NamedTuple):
    edge_window: int = 8
    max_shape_words: int = 8
    speaker_labels: bool = True


def site_name_hits(lines: Lines, site_words: frozenset[str]) -> dict[int, LineHit]:
    """A short site name at the very top ("Bit News Live", "okx learn") beside a headline."""
    top: list[int] = []
    index = lines.first_nonblank
    while index is not None and len(top) < _SITE_NAME_WORDS + 1:
        top.append(index)
        index = lines.next_nonblank(index)
    names = [i for i in top[:_SITE_NAME_WORDS] if _looks_like_site_name(lines, i, site_words)]
    if not names:
        return {}
    headline = any(
        i not in names
        and lines.words(i) >= _HEADLINE_WORDS
        and not lines.stripped(i).endswith(".")
        and not lines.structural(i)
        for i in top
    )
    if not headline:
        return {}
    return {i: LineHit(SITE_NAME, False) for i in names}


def logo_pair(lines: Lines, names: dict[int, LineHit]) -> bool:
    """Two adjacent lines that differ only in case ("okx learn" / "OKX Learn"): logo text."""
    return any(
        lines.next_nonblank(i) in names
        and lines.stripped(i).lower() == lines.stripped(lines.next_nonblank(i) or i).lower()
        for i in names
    )


def _looks_like_site_name(lines: Lines, index: int, site_words: frozenset[str]) -> bool:
    line = lines.stripped(index)
    if len(line) > 40 or line[-1:] in ".!?:;," or lines.structural(index):
        return False
    words = line.split()
    if len(words) > _SITE_NAME_WORDS:
        return False
    return bool(_DOMAIN.fullmatch(line)) or any(w.lower() in site_words for w in words)


class RunFinder:
    """Finds the runs of chrome in one document."""

    def __init__(
        self,
        lines: Lines,
        hits: dict[int, LineHit],
        options: RunOptions,
        kept: Set[int] = frozenset(),
    ) -> None:
        self.lines = lines
        self.hits = hits
        self.options = options
        self.kept = kept  # lines no run takes (the article's head)
        self.window = lines.edge_window(options.edge_window)
        self._speakers: dict[str, bool] = {}
        self._block_hits: dict[int, bool] = {}

    def runs(self) -> list[Run]:
        taken: set[int] = set()
        tried: set[int] = set()  # lines of runs already grown: never grown again
        found: list[Run] = []
        for index in sorted(self.hits):
            if index in taken or index in tried or not self._starts_run(index):
                continue
            run = self._grow(index, taken)
            tried.update(run.members)
            if self._accept(run):
                found.append(run)
                taken.update(run.members)
        return found

    def _starts_run(self, index: int) -> bool:
        hit = self.hits[index]
        if index in self.window or not (hit.context_only or self._structure(index)):
            return True
        # A context phrase, or a heading or list item the library knows ("## Related
        # Posts"), needs other chrome beside it in the middle of the text.
        before, after = self.lines.prev_nonblank(index), self.lines.next_nonblank(index)
        return before in self.hits or after in self.hits

    def _structure(self, index: int) -> bool:
        """Headings, list items and sentences: the document's own structure."""
        line = self.lines.content(index)
        return (
            line.lstrip().startswith("#")
            or _LIST_ITEM.match(line) is not None
            or self.lines.is_prose(index)
        )

    def _grow(self, index: int, taken: set[int]) -> Run:
        run = Run({index: self.hits[index].kind})
        for forward in (False, True):
            current = index
            while True:
                step = self.lines.next_nonblank if forward else self.lines.prev_nonblank
                candidate = step(current)
                if candidate is None or candidate in taken or candidate in self.kept:
                    break
                if forward and self._heads_article(candidate):
                    break
                if candidate in self.hits:
                    run.members[candidate] = self.hits[candidate].kind
                elif self._shape_joins(candidate, forward):
                    run.members[candidate] = SHAPE
                    run.shape_only.add(candidate)
                else:
                    break
                current = candidate
        return run

    def _heads_article(self, index: int) -> bool:
        """A date or byline line (a context phrase) right above a headline and the article's
        first paragraph: the article's head, which a run of chrome above it does not take
        ("You are currently browsing the archives …" / "May 4th, 2011" / headline / prose)."""
        hit = self.hits.get(index)
        if hit is None or not hit.context_only or hit.kind not in WEAK_ALONE:
            return False
        lines = self.lines
        headline = lines.next_nonblank(index)
        if headline is None or lines.is_prose(headline) or lines.words(headline) > _MAX_HEAD_WORDS:
            return False
        first = lines.next_nonblank(headline)
        return first is not None and lines.is_prose(first)

    def _shape_joins(self, index: int, forward: bool) -> bool:
        lines = self.lines
        if not lines.shape_ok(index, self.options.max_shape_words):
            return False
        if self._is_speaker(index):
            return False
        if index == lines.first_nonblank:
            # The title is content; only a site name glued to the menu below it is not.
            return not forward and not lines.blank(index + 1) and lines.words(index) <= 3
        first, last = lines.block_size(index)
        if last - first >= 2 and not self._block_has_hit(first, last):
            return False  # a list, a stanza, a table of contents: content
        step = lines.next_nonblank if forward else lines.prev_nonblank
        beyond = step(index)
        if beyond in self.hits:
            return True  # between two chrome lines
        if beyond is not None and lines.shape_ok(beyond, self.options.max_shape_words):
            after = step(beyond)
            if after in self.hits:
                return True
        return self._edge_tail(index, step)

    def _block_has_hit(self, first: int, last: int) -> bool:
        known = self._block_hits.get(first)
        if known is None:
            known = self._block_hits[first] = any(i in self.hits for i in range(first, last + 1))
        return known

    def _edge_tail(self, index: int, step: Callable[[int], int | None]) -> bool:
        """Only a few terse lines lie between this one and the top or bottom of the page."""
        current: int | None = index
        count = 0
        while current is not None:
            count += 1
            if count > _MAX_EDGE_TAIL:
                return False
            if not self.lines.shape_ok(current, self.options.max_shape_words):
                return False
            current = step(current)
        return True

    def _is_speaker(self, index: int) -> bool:
        """An interview label ("JH:"): it repeats, or an answer follows it."""
        if not self.options.speaker_labels:
            return False
        label = self.lines.label(index)
        if label is None:
            return False
        known = self._speakers.get(label)
        if known is None:
            pattern = re.compile(rf"^[ \t>*_]*{re.escape(label)}[ \t\xa0*_]*:", re.MULTILINE)
            known = len(pattern.findall(self.lines.text)) >= 2
            self._speakers[label] = known
        after = self.lines.next_nonblank(index)
        return known or (after is not None and self.lines.is_prose(after))

    def _accept(self, run: Run) -> bool:
        kinds = {index: kind for index, kind in run.members.items() if kind != SHAPE}
        if any(not self.hits[index].context_only for index in kinds):
            return True
        if not any(index in self.window for index in run.members):
            return False
        # Context phrases alone: headings and sentences are the document's own structure,
        # and bylines and dates are too common in articles to count.
        counted = [
            index
            for index, kind in kinds.items()
            if kind not in WEAK_ALONE and not self._structure(index)
        ]
        if len(counted) >= 2:
            return True
        if len(counted) != 1 or len(self.lines.stripped(counted[0])) < _LONE_LETTERS:
            return False  # a lone "x" is a letter, not the X share button
        # One line at the very top or bottom: furniture borders prose or other chrome, while
        # the last word of a poem or list borders more short lines. A line alone in its
        # document ("Twitter", "x") borders nothing: it is not furniture.
        if run.last == self.lines.last_nonblank:
            neighbour = self.lines.prev_nonblank(run.first)
        elif run.first == self.lines.first_nonblank:
            neighbour = self.lines.next_nonblank(run.last)
        else:
            return False
        return neighbour is not None and self.lines.is_prose(neighbour)


# A paragraph of the article's body reads as prose and has at least this many words (a
# headline that ends in a full stop does not count).
_BODY_WORDS = 20
_HEAD_REACH = 60  # non-blank lines: an article's head lies this close to its body


def head_bylines(lines: Lines, run: Run, is_byline: Callable[[int], bool]) -> set[int]:
    """The run's bylines and datelines that stand at the article's head, where they are
    the article's own ("Published: 2015-08-29", "By Jane Doe"): above its first paragraph
    with the article below, or right under its headline and dek. At the foot, or among
    other posts' teasers, the same lines stay furniture."""
    found: set[int] = set()
    for index, kind in run.members.items():
        if kind in WEAK_ALONE and is_byline(index) and _at_head(lines, run, index):
            found.add(index)
    return found


def _body(lines: Lines, index: int) -> bool:
    return lines.words(index) >= _BODY_WORDS and lines.is_prose(index)


def _at_head(lines: Lines, run: Run, index: int) -> bool:
    above: list[int] = []
    current = lines.prev_nonblank(index)
    for _ in range(_HEAD_REACH):
        if current is None:
            break
        if _body(lines, current):
            above.append(current)
            if len(above) > 1:
                return False
        current = lines.prev_nonblank(current)
    else:
        return False  # far down the page: no head
    if not _body_follows(lines, index):
        return False
    if not above:
        return True
    # One paragraph above: the dek, right under a headline, with only the run between.
    dek = above[0]
    if any(i not in run.members for i in _between(lines, dek, index)):
        return False
    headline = lines.prev_nonblank(dek)
    return headline is None or (
        not lines.is_prose(headline) and lines.words(headline) <= _MAX_HEAD_WORDS
    )


def _between(lines: Lines, first: int, last: int) -> list[int]:
    found: list[int] = []
    current = lines.next_nonblank(first)
    while current is not None and current < last:
        found.append(current)
        current = lines.next_nonblank(current)
    return found


def _body_follows(lines: Lines, index: int) -> bool:
    current = lines.next_nonblank(index)
    for _ in range(_HEAD_REACH):
        if current is None:
            return False
        if _body(lines, current):
            return True
        current = lines.next_nonblank(current)
    return False
