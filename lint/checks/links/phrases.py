"""Finding the first of many phrases in a long text, fast.

One case-insensitive regex alternation of a hundred phrases tries every branch at every
position (well under 1 MB/s). Instead each phrase is filed under a key word it always
contains; the text, as lower-cased UTF-8 bytes, is searched for each key with
``bytes.find`` (one pass per key finds it in any ASCII letter case), and the phrases of
a key are tried, case-sensitively on lower-cased text, only in a window around its hits.

Phrase syntax: plain words match case-insensitively as whole words with any whitespace
between them; ``hashtag:ad`` matches the hashtag ``#ad`` but not ``#adidas``;
``re:PATTERN`` is a regular expression (case-insensitive), filed under its words of four
or more letters, so every match must contain one of them. Letter case is folded for
ASCII letters only.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

from lint.speed import regexcache

_WORD = regexcache.compile(r"[^\W_]+")
_REGEX_WORD = regexcache.compile(r"[a-z]{4,}")
_ESCAPE = regexcache.compile(r"\\.")
_WORD_START = r"(?<!\w)"
_HASHTAG = r"#(?<![\w#]#)"
_KEY_LENGTH = 7  # "compens" files "compensated" and "compensation" under one key
_WINDOW = 400  # around a regex phrase's key: longer than any sensible phrase
# Words too frequent in ordinary text to be worth a pass of their own.
_COMMON = frozenset(
    {"link", "links", "post", "page", "article", "content", "contain", "this", "earn", "cost"}
    | {"receive", "bonus", "partner", "extra", "additio", "invite", "sign", "both", "with"}
    | {"from", "that", "your", "have", "will", "when", "what", "more", "about", "into"}
)


def _by_length(text: str) -> tuple[int, str]:
    """Shortest first, ties in text order: a pattern built from a set is the same every run
    (the compiled-pattern cache is keyed by the pattern's text)."""
    return len(text), text


class PhraseMatch(NamedTuple):
    """Where a phrase was found, and the text it matched."""

    start: int
    end: int
    text: str


def phrase_pattern(phrase: str) -> str:
    """The regular expression for one phrase line (lower case for plain phrases)."""
    if phrase.startswith("re:"):
        return phrase[3:]
    if phrase.startswith("hashtag:"):
        # "#" first, then the look-behind: a literal first character lets the regex
        # engine skip to each "#" instead of trying every position.
        return _HASHTAG + re.escape(phrase[8:].lower()) + r"(?!\w)"
    words = r"\s+".join(re.escape(word) for word in phrase.lower().split())
    head = _WORD_START if phrase[:1].isalnum() else ""
    tail = r"(?!\w)" if phrase[-1:].isalnum() else ""
    return head + words + tail


def _keys(phrase: str) -> set[str]:
    """Words of which every match contains at least one (for a regex: all its words)."""
    if phrase.startswith("re:"):
        words = _REGEX_WORD.findall(_ESCAPE.sub(" ", phrase[3:]).lower())
        return {word[:_KEY_LENGTH] for word in words}
    if phrase.startswith("hashtag:"):
        return {"#"}  # one pass for every hashtag; "#" is rare outside headings
    words = [word[:_KEY_LENGTH] for word in _WORD.findall(phrase.lower())]
    return {word for word in words if len(word) >= 4} or set(words)


class _Group:
    """The phrases filed under one key, and how far from the key they can reach."""

    __slots__ = ("after", "before", "plain", "regexes")

    def __init__(self, plain: set[str], regexes: set[str]) -> None:
        self.plain = plain
        self.regexes = regexes
        self.before = 0
        self.after = 0


class PhraseMatcher:
    """``first(text)``: the earliest match of any phrase, or None."""

    def __init__(self, phrases: Iterable[str]) -> None:
        keyed = [(p.strip(), _keys(p.strip())) for p in phrases if p.strip()]
        keyed = [(phrase, keys) for phrase, keys in keyed if keys]
        # Fewer keys mean fewer passes: a plain phrase is filed under the one of its
        # uncommon words that most other phrases share ("paid links" under "paid").
        shared = Counter(key for _, keys in keyed for key in keys - _COMMON)
        chosen: list[tuple[str, set[str]]] = []
        for phrase, keys in keyed:
            if not phrase.startswith("re:"):
                rare = sorted(keys - _COMMON) or sorted(keys)
                keys = {max(rare, key=lambda key: (shared[key], len(key)))}  # noqa: PLW2901
            chosen.append((phrase, keys))
        # A key that contains another key is found through the shorter one.
        all_keys = sorted({key for _, keys in chosen for key in keys}, key=_by_length)
        groups: dict[str, _Group] = {}
        for phrase, keys in chosen:
            for key in keys:
                shortest = next(other for other in all_keys if other in key)
                group = groups.setdefault(shortest, _Group(set(), set()))
                if phrase.startswith("re:"):
                    group.regexes.add(phrase_pattern(phrase))
                    group.before = group.after = _WINDOW
                else:
                    group.plain.add(phrase_pattern(phrase))
                    # Any whitespace may join the words: allow half as much again.
                    span = len(phrase) * 3 // 2 + 4
                    group.before = max(group.before, 0 if shortest == "#" else span)
                    group.after = max(group.after, span)
        # Compiled on the first search: most documents never need the phrases.
        self._pending: dict[str, _Group] | None = groups
        self._groups: list[
            tuple[str, re.Pattern[str] | None, re.Pattern[str] | None, int, int]
        ] = []

    def _compiled(
        self,
    ) -> list[tuple[str, re.Pattern[str] | None, re.Pattern[str] | None, int, int]]:
        if self._pending is not None:
            self._groups = [
                (key, _plain_pattern(g.plain), _regex_pattern(g.regexes), g.before, g.after)
                for key, g in self._pending.items()
            ]
            self._pending = None
        return self._groups

    def first(self, text: str) -> PhraseMatch | None:
        best: PhraseMatch | None = None
        scan = _Scan(text)
        for key, plain, regex, before, after in self._compiled():
            stop = best.start if best else len(text)
            found = scan.first_near(key, plain, regex, (before, after), stop)
            if found and (best is None or found.start < best.start):
                best = found
        return best


def _plain_pattern(patterns: set[str]) -> re.Pattern[str] | None:
    """One alternation, longest first; the word-start test is made once, not per phrase."""
    if not patterns:
        return None
    starting = sorted(
        (p[len(_WORD_START) :] for p in patterns if p.startswith(_WORD_START)), key=_by_length
    )
    tags = sorted((p[len(_HASHTAG) :] for p in patterns if p.startswith(_HASHTAG)), key=_by_length)
    others = sorted(
        (p for p in patterns if not p.startswith((_WORD_START, _HASHTAG))), key=_by_length
    )
    parts = [f"(?:{p})" for p in reversed(others)]
    if starting:
        parts.insert(0, _WORD_START + "(?:" + "|".join(reversed(starting)) + ")")
    if tags:
        parts.insert(0, _HASHTAG + "(?:" + "|".join(reversed(tags)) + ")")
    return regexcache.compile("|".join(parts))


def _regex_pattern(patterns: set[str]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    return regexcache.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


# Characters encoded at a time: small enough that no second copy of a big text is held.
_PIECE = 1 << 16


class _Scan:
    """The text as lower-cased UTF-8 bytes: ``bytes.lower`` and ``bytes.find`` run at
    memory speed where ``str.lower`` crawls over non-ASCII text."""

    def __init__(self, text: str) -> None:
        self.text = text
        # Encoded and lowercased a piece at a time into one buffer: the whole text is never
        # held twice more. ``bytes.lower`` changes ASCII letters only, so the buffer has
        # the encoded text's character boundaries; the case-blind patterns read it too.
        lowered = bytearray()
        for start in range(0, len(text), _PIECE):
            lowered += text[start : start + _PIECE].encode("utf-8", "surrogatepass").lower()
        self.lowered = lowered
        self.ascii = len(lowered) == len(text)

    def first_near(
        self,
        key: str,
        plain: re.Pattern[str] | None,
        regex: re.Pattern[str] | None,
        reach: tuple[int, int],
        stop: int,
    ) -> PhraseMatch | None:
        """The first phrase around a hit of ``key``, within ``reach`` characters of it."""
        lowered = self.lowered
        scale = 1 if self.ascii else 4  # bytes per character, at most
        before, after = reach[0] * scale, reach[1] * scale
        needle = key.encode("utf-8")
        limit = min(stop + after + len(needle), len(lowered)) if self.ascii else len(lowered)
        hit = lowered.find(needle, 0, limit)
        while hit >= 0:
            if key[0] == "#" or not hit or not _WORD_BYTE[lowered[hit - 1]]:
                found = self._window(max(hit - before, 0), hit + len(needle) + after, plain, regex)
                if found:
                    return found
            hit = lowered.find(needle, hit + 1, limit)
        return None

    def _window(
        self, start: int, end: int, plain: re.Pattern[str] | None, regex: re.Pattern[str] | None
    ) -> PhraseMatch | None:
        while True:
            start, end = self._boundaries(start, end)
            found = self._search(start, end, plain, regex)
            # A match that runs into the window's end may be cut short: widen and retry.
            if found is None or found[1] < end - start or end >= len(self.lowered):
                break
            end += end - start
        if found is None:
            return None
        offset = self._offset(start)
        text = self.text[offset + found[0] : offset + found[1]]
        return PhraseMatch(offset + found[0], offset + found[1], text)

    def _search(
        self, start: int, end: int, plain: re.Pattern[str] | None, regex: re.Pattern[str] | None
    ) -> tuple[int, int] | None:
        spans = []
        if plain is not None:
            window = self.lowered[start:end].decode("utf-8", "surrogatepass")
            match = plain.search(window)
            if match:
                spans.append(match.span())
        if regex is not None:
            window = self.lowered[start:end].decode("utf-8", "surrogatepass")
            match = regex.search(window)
            if match:
                spans.append(match.span())
        return min(spans) if spans else None

    def _boundaries(self, start: int, end: int) -> tuple[int, int]:
        """``[start, end)`` moved out to whole words and whole UTF-8 characters."""
        lowered = self.lowered
        end = min(end, len(lowered))
        floor = max(start - 64, 0)
        while start > floor and _WORD_BYTE[lowered[start - 1]]:
            start -= 1  # never start inside a word: "(?<!\w)" would see a word start there
        start = max(start - 1, 0)  # and keep one character before, for the look-behinds
        if not self.ascii:
            while start > 0 and lowered[start] & 0xC0 == 0x80:
                start -= 1
            while end < len(lowered) and lowered[end] & 0xC0 == 0x80:
                end += 1
        return start, end

    def _offset(self, byte_offset: int) -> int:
        if self.ascii:
            return byte_offset
        return len(self.lowered[:byte_offset].decode("utf-8", "surrogatepass"))


# Bytes that continue a word: ASCII letters and digits, and any byte of a non-ASCII
# character (most of which are letters). "learn" must not count as "earn".
_WORD_BYTE = [(chr(b).isalnum() and b < 128) or b >= 128 for b in range(256)]
