"""The chrome phrase library: lint/data/chrome/*.txt turned into a fast line matcher.

Each data file is one kind of website furniture; each entry is a regular expression for
a whole line (see lint/data/chrome/README.txt). Entries are bucketed by the one or two
characters they must start with; a line is tried only against the bucket its own first
characters select, and a bucket's pattern is compiled the first time a line needs it. So
start-up costs nothing and a line of ordinary prose costs a dictionary look-up.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from itertools import chain, islice
from typing import NamedTuple

from lint.checks.chrome import patterns as chrome_patterns
from lint.checks.chrome.patterns import literal_prefixes, translate
from lint.speed import packagedata, prefilter, regexcache
from lint.speed.yamlcache import derived

DATA_PACKAGE = "lint"
DATA_FOLDER = ("data", "chrome")
HEAD_LINES_FILE = "head-lines.txt"  # bylines and datelines, not a kind of furniture
NOT_PHRASE_FILES = frozenset({"README.txt", "site-words.txt", HEAD_LINES_FILE})
CONTEXT_MARK = "~"

# Markup set aside before the phrase: indentation, quote marks, a heading mark or list
# bullet, emphasis and the bracket of a Markdown link or image. Every part is bounded.
_DECORATION = regexcache.compile(
    r"[ \t\xa0]{0,16}(?:>[ \t]?){0,3}"
    r"(?:\#{1,6}[ \t]+|[-*+•·▪►▸][ \t]+|\d{1,3}[.)][ \t]+)?"
    r"(?:[*_]{1,3}|!?\[){0,2}[ \t]?"
)
_DECORATION_START = frozenset(" \t\xa0>#-*+•·▪►▸_[!0123456789")
# After the phrase: the rest of a Markdown link, closing emphasis, a closing heading mark.
_TRAIL = r"(?:\]\([^()\r\n]{0,1000}\)|\])?[*_]{0,3}[ \t\xa0]*(?:\#{1,6}[ \t]*)?(?=[\r\n]|\Z)"
_NEWLINE = regexcache.compile(r"\r\n|\r|\n")
# The longest line the library can recognise (a cookie notice with its links).
MAX_LINE = 400
_STEM = 3  # a fixed start that ends inside a word is matched as a stem from this length
_FIRST_WORD = regexcache.compile(r"[^\W\d_]+")
_SECOND_WORD = regexcache.compile(r"[ \t\xa0]+([^\W\d_]+)")


class Entry(NamedTuple):
    """One library entry: its kind (the data file), its pattern, and whether it needs context."""

    kind: str
    pattern: str
    context_only: bool


class PhraseHit(NamedTuple):
    """A line the library recognises, by the offset of its start."""

    start: int
    kind: str
    context_only: bool


def data_lines(name: str) -> Iterator[str]:
    """Entries of one data file: stripped, without blank lines and ``#`` comments."""
    for raw in packagedata.read_text(DATA_PACKAGE, *DATA_FOLDER, name).splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            yield line


@cache
def builtin_entries() -> tuple[Entry, ...]:
    folder = packagedata.folder(DATA_PACKAGE, *DATA_FOLDER)
    names = sorted(
        item.name
        for item in folder.iterdir()
        if item.name.endswith(".txt") and item.name not in NOT_PHRASE_FILES
    )
    return tuple(entry for name in names for entry in parse_entries(name[:-4], data_lines(name)))


@cache
def head_lines() -> Lexicon:
    """Bylines and datelines (``head-lines.txt``): the article's own at its head."""
    return Lexicon(parse_entries("head-line", data_lines(HEAD_LINES_FILE)))


@cache
def site_words() -> frozenset[str]:
    return frozenset(word.lower() for word in data_lines("site-words.txt"))


def parse_entries(kind: str, lines: Iterable[str]) -> Iterator[Entry]:
    for line in lines:
        context_only = line.startswith(CONTEXT_MARK)
        pattern = line[1:].strip() if context_only else line
        if pattern:
            yield Entry(kind, pattern, context_only)


def _group_name(kind: str, context_only: bool) -> str:
    return ("c_" if context_only else "p_") + re.sub(r"\W", "_", kind)


_Index = tuple[
    dict[str, tuple[str, bool]],
    dict[str, dict[str, list[str]]],
    dict[str, dict[str, list[str]]],
    dict[str, tuple[str, ...] | None],
    int | None,
]


def _index(entries: Iterable[Entry]) -> _Index:
    """Entries grouped by the first word a matching line starts with: exactly, or as a stem
    ("comment" for "comments?") when the fixed text ends inside a word; and the second
    words that can follow a first word ("we" -> "use", "respect"), None for any; and the
    ASCII characters an entry without a fixed start can start with (``_symbol_starts``)."""
    kinds: dict[str, tuple[str, bool]] = {}
    members: dict[str, dict[str, list[str]]] = {}
    for entry in entries:
        name = _group_name(entry.kind, entry.context_only)
        kinds[name] = (entry.kind, entry.context_only)
        pattern = translate(entry.pattern)
        for prefix in literal_prefixes(pattern):
            members.setdefault(prefix, {}).setdefault(name, []).append(pattern)
    words: dict[str, dict[str, list[str]]] = {}
    stems: dict[str, dict[str, list[str]]] = {}
    for prefix, groups in members.items():
        word = _FIRST_WORD.match(prefix)
        if word is None or word.start() != 0:
            target, key = words, prefix[:1]  # digits, symbols, glyphs: keyed by character
        elif word.end() < len(prefix) or len(prefix) < _STEM:
            target, key = words, word.group()
        else:
            target, key = stems, prefix
        bucket = target.setdefault(key, {})
        for name, alts in groups.items():
            bucket.setdefault(name, []).extend(alts)
    seconds: dict[str, tuple[str, ...] | None] = {}
    for prefix in members:
        word = _FIRST_WORD.match(prefix)
        if word is None or word.start() != 0 or word.end() >= len(prefix):
            continue
        key, rest = word.group(), prefix[word.end() :]
        second = _FIRST_WORD.match(rest, 1) if rest.startswith(" ") else None
        known = seconds.get(key, ())
        if second is None or second.start() != 1 or known is None:
            seconds[key] = None
        else:
            seconds[key] = (*known, second.group())
    return kinds, words, stems, seconds, _symbol_starts(words.get("", {}))


def _symbol_starts(groups: dict[str, list[str]]) -> int | None:
    """The ASCII characters the entries without a fixed start can start with, as a mask
    (``prefilter.first_ascii``); None when one of them may start with any."""
    mask = 0
    for pattern in (alt for alts in groups.values() for alt in alts):
        starts = prefilter.first_ascii(pattern, re.IGNORECASE)
        if starts is None:
            return None
        mask |= starts
    return mask


_Bucket = tuple[list[tuple[str, re.Pattern[str]]], "re.Pattern[str] | None"]


class Lexicon:
    """Compiled library: ``scan(text)`` yields every line a phrase recognises."""

    def __init__(self, entries: Iterable[Entry], allow: Iterable[str] = ()) -> None:
        entries = tuple(entries)
        source = "\n".join(f"{e.kind}\t{e.context_only}\t{e.pattern}" for e in entries)
        # Deriving the index parses every entry's regex source: a pure function of the
        # entries, so it is built once per change of the library (see yamlcache.derived).
        kinds, words, stems, seconds, symbol_starts = derived(
            "chrome-index",
            source,
            lambda: _index(entries),
            chrome_patterns,
            prefilter,
            sys.modules[__name__],
        )
        self._kinds: dict[str, tuple[str, bool]] = kinds
        self._words: dict[str, dict[str, list[str]]] = words
        self._seconds: dict[str, tuple[str, ...] | None] = seconds
        self._symbols = "" in words  # there are entries without a fixed start
        # ASCII characters other than letters that no entry starts with ("-", "`", "<"):
        # a line (or the line under its decoration) starting with one is no phrase.
        self._no_entry_starts = frozenset(
            char
            for char in map(chr, range(128))
            if _FIRST_WORD.match(char) is None
            and char not in words
            and not (self._symbols and (symbol_starts is None or symbol_starts >> ord(char) & 1))
        )
        self._stems = stems
        self._stems_by_start: dict[str, tuple[str, ...]] = {}
        for stem in sorted(stems):
            self._stems_by_start[stem[:_STEM]] = (*self._stems_by_start.get(stem[:_STEM], ()), stem)
        self._compiled: dict[tuple[str, tuple[str, ...], bool], _Bucket] = {}
        self._entries: dict[str, re.Pattern[str]] = {}
        allowed = [translate(p) for p in allow]
        self._allow = (
            regexcache.compile(f"(?:{'|'.join(allowed)}){_TRAIL}", re.IGNORECASE)
            if allowed
            else None
        )

    def _bucket(self, key: str, stems: tuple[str, ...], symbols: bool) -> _Bucket:
        """The entries a line with this first word (or first character) is tried against,
        phrase kinds first; with ``symbols``, also the entries without a fixed start."""
        cache_key = (key, stems, symbols)
        bucket = self._compiled.get(cache_key)
        if bucket is None:
            entries: list[tuple[str, str]] = []
            sources = [self._words.get(key, {}), *(self._stems[stem] for stem in stems)]
            for source in sources:
                entries.extend((name, alt) for name, alts in source.items() for alt in alts)
            # Phrase kinds first, so a line both kinds know counts as the surer one.
            entries.sort(key=lambda item: item[0].startswith("c_"))
            if symbols:
                # Entries without a fixed start begin with digits, symbols or icon glyphs.
                empty = self._words.get("", {})
                extra = [(name, alt) for name, alts in empty.items() for alt in alts]
                extra.sort(key=lambda item: item[0].startswith("c_"))
                entries.extend(extra)
            unique = list(dict.fromkeys(entries))
            members = [(name, self._entry(pattern)) for name, pattern in unique]
            # One pattern for the whole bucket: most lines fail it at their first character.
            union = "|".join(f"(?:{pattern})" for _, pattern in unique)
            any_entry = (
                regexcache.compile(f"(?:{union}){_TRAIL}", re.IGNORECASE)
                if len(unique) > 1
                else None
            )
            bucket = self._compiled[cache_key] = (members, any_entry)
        return bucket

    def _entry(self, pattern: str) -> re.Pattern[str]:
        # Each entry is compiled once, the first time a line needs it.
        compiled = self._entries.get(pattern)
        if compiled is None:
            compiled = self._entries[pattern] = regexcache.compile(
                f"(?:{pattern}){_TRAIL}", re.IGNORECASE
            )
        return compiled

    def allows(self, text: str, start: int) -> bool:
        """The configured ``allow`` list keeps the line starting at ``start``."""
        if self._allow is None:
            return False
        pos = start
        if text[start : start + 1] in _DECORATION_START:
            decoration = _DECORATION.match(text, start)
            if decoration is not None:
                pos = decoration.end()
        return (
            self._allow.match(text, pos) is not None or self._allow.match(text, start) is not None
        )

    def scan(
        self, text: str, line_starts: Sequence[int] | None = None, max_length: int = MAX_LINE
    ) -> Iterator[PhraseHit]:
        """Lines the library recognises; ``line_starts`` are the offsets where lines begin.

        Lines longer than ``max_length`` characters are prose, never furniture.
        """
        if line_starts is None:
            line_starts = [0, *(m.end() for m in _NEWLINE.finditer(text))]
        size = len(text)
        # Lazily: a list of ends would be one int object per line (200 MB for 5M lines).
        ends = chain(islice(line_starts, 1, None), (size,))
        for start, end in zip(line_starts, ends, strict=True):
            if end - start > max_length or start >= size or text[start] in "\r\n":
                continue
            hit = self.match_at(text, start)
            if hit is not None:
                yield hit

    def match_at(self, text: str, start: int) -> PhraseHit | None:
        """The library's verdict on the line starting at ``start``."""
        pos = start
        if text[start] in _DECORATION_START:
            decoration = _DECORATION.match(text, start)
            if decoration is not None:
                pos = decoration.end()
        hit = self._match_phrase(text, pos, start)
        if hit is None and pos != start and text[start] not in self._no_entry_starts:
            hit = self._match_phrase(text, start, start)
        return hit

    def _stems_of(self, key: str, text: str, after: int) -> tuple[str, ...] | None:
        """The stems the first word ``key`` starts with (none when entries start with the
        whole word); None when no entry starts with it and the word ``after`` it."""
        starting = self._stems_by_start.get(key[:_STEM], ())
        stems = tuple(s for s in starting if key.startswith(s))
        if not stems:
            if key not in self._words:
                return None
            seconds = self._seconds.get(key)
            if seconds is not None:
                following = _SECOND_WORD.match(text, after)
                if following is None or not following.group(1).lower().startswith(seconds):
                    return None
        return stems

    def _match_phrase(self, text: str, pos: int, line_start: int) -> PhraseHit | None:
        word = _FIRST_WORD.match(text, pos)
        stems: tuple[str, ...] = ()
        if word is None:
            key = text[pos : pos + 1]
            if not key or key in self._no_entry_starts:
                return None
        else:
            key = word.group().lower()
            if key not in self._words and key[:_STEM] not in self._stems_by_start:
                return None  # most lines: a first word no entry starts with
            known = self._stems_of(key, text, word.end())
            if known is None:
                return None
            stems = known
        candidates, any_entry = self._bucket(key, stems, word is None and self._symbols)
        if any_entry is not None and any_entry.match(text, pos) is None:
            return None
        for name, pattern in candidates:
            if pattern.match(text, pos):
                if self._allow is not None and self._allow.match(text, pos):
                    return None
                kind, context_only = self._kinds[name]
                return PhraseHit(line_start, kind, context_only)
        return None
