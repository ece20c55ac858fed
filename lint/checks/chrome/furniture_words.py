"""Furniture words of a line, per kind: lint/data/chrome/line-words.tsv read for counting.

Three sorts of entry (see the file's header):

- a plain word ("newsletter", "copyright", "business") names its furniture wherever it
  stands;
- a word marked ``~`` ("most", "also", "read", "next", "top") is everyday prose as often as
  furniture: in a paragraph of prose it counts only when the furniture words, it included,
  are at least half of the paragraph's words; in a line that is not prose it counts ("Read more",
  "Top stories");
- words joined by ``+`` ("read+more", "also+read") are a phrase: it counts once where its
  words stand next to each other in that order, in a paragraph of prose only at its start.

So a paragraph that says "most", "also" or "read more about" names no furniture (and stays
eligible for the article's extent, ``features.article_extent``), while "Also read: …" over
a headline still does.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from functools import cache

from lint.speed import packagedata

NOT_KINDS = frozenset({"stop-words", "months", "contact-fields"})  # other word lists
EVERYDAY_MARK = "~"
PHRASE_JOIN = "+"

# word -> (kinds it names, everyday)
Words = Mapping[str, tuple[tuple[str, ...], bool]]
# first word -> (the words after it, the kinds the phrase names)
Phrases = Mapping[str, tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]]


@cache
def tables() -> tuple[Words, Phrases]:
    """The words and phrases of line-words.tsv, kinds in the file's order (so a tie
    between kinds is settled the same way in every process)."""
    words: dict[str, list[str]] = {}
    everyday: set[str] = set()
    phrases: dict[tuple[str, ...], list[str]] = {}
    for raw in packagedata.read_text("lint", "data", "chrome", "line-words.tsv").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        kind, _, entries = raw.partition("\t")
        if kind in NOT_KINDS:
            continue
        for entry in entries.split():
            if PHRASE_JOIN in entry:
                _add(phrases.setdefault(tuple(entry.split(PHRASE_JOIN)), []), kind)
                continue
            word = entry.removeprefix(EVERYDAY_MARK)
            if word != entry:
                everyday.add(word)
            _add(words.setdefault(word, []), kind)
    word_table = {word: (tuple(kinds), word in everyday) for word, kinds in words.items()}
    firsts: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
    for phrase, kinds in phrases.items():
        firsts.setdefault(phrase[0], []).append((phrase[1:], tuple(kinds)))
    return word_table, {first: tuple(rest) for first, rest in firsts.items()}


def _add(kinds: list[str], kind: str) -> None:
    if kind not in kinds:
        kinds.append(kind)


def count_kinds(lowered: Sequence[str], kinds: Counter[str], prose: bool) -> None:
    """Add the furniture words of a line (its lower-cased words, in order) to ``kinds``;
    ``prose``: the line is a paragraph of prose (twenty words, or eight and a full stop)."""
    words, phrases = tables()
    plain: list[tuple[str, ...]] = []
    weak: list[tuple[str, ...]] = []
    for position, token in enumerate(lowered):
        found = words.get(token)
        if found is not None:
            (weak if found[1] else plain).append(found[0])
        for rest, named in phrases.get(token, ()):
            end = position + 1 + len(rest)
            if (position == 0 or not prose) and tuple(lowered[position + 1 : end]) == rest:
                plain.append(named)
    if weak and (not prose or (len(plain) + len(weak)) * 2 >= len(lowered)):
        plain.extend(weak)
    for named in plain:
        kinds.update(named)
