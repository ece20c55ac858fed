"""What ``lint.scan`` needs to know about a Python pattern, read from ``re``'s own parse tree.

- ``expression``: a hyperscan expression that matches at least every string the pattern
  matches (lookarounds and anchors dropped, every character class spelled out as the code
  points Python's ``re`` gives it, case folding included), or None when the pattern is not
  line-local: a match could contain a line feed, a lookaround could read past one, or the
  pattern can match the empty string or refers back to a group. Hyperscan then only says
  which lines may hold a match and ``re`` finds it there, so its answer is ``re``'s exactly;
  a pattern that is not line-local is searched by ``re`` over the whole text.
- ``first``: the characters a match can start with, as a compiled class, when they are
  rare (no printable ASCII, no space, no line break): ``re`` then tries the pattern only
  where one of them is, which is many times faster than its own search for such patterns.

Where a class cannot be spelled out exactly (a category such as ``\\w``, a negated class, a
case-blind non-ASCII letter) the expression takes every non-ASCII character in its place:
a wider net, never a narrower one. Anything this module does not recognise gives None,
and the pattern is left to ``re``.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from typing import Any, NamedTuple

from lint.speed import regexcache
from lint.speed.yamlcache import derived

if sys.version_info >= (3, 11):
    from re import _constants as _sre  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]
else:  # pragma: no cover - Python 3.10
    import sre_constants as _sre
    import sre_parse as _parser

# Non-ASCII code points, surrogates left out (text with a surrogate is never scanned by hyperscan).
Range = tuple[int, int]
ALL_WIDE: tuple[Range, ...] = ((0x80, 0xD7FF), (0xE000, 0x10FFFF))
_LINE_FEED = 1 << 0x0A
_ALL_ASCII = (1 << 128) - 1
# Printable ASCII, tab, line feed, carriage return: a pattern that can start with one of these
# is searched by re itself.
_COMMON = sum(1 << c for c in (0x09, 0x0A, 0x0D, *range(0x20, 0x7F)))
# Non-ASCII characters that re.IGNORECASE matches to an ASCII letter (Python's simple case
# folding: "K" KELVIN SIGN and "k", "ſ" LONG S and "s", "İ" and "ı" and "i"). A test checks
# this against every code point of the running interpreter.
ASCII_FOLD_PARTNERS = {"i": (0x130, 0x131), "k": (0x212A,), "s": (0x17F,)}
_REPEAT_LIMIT = 4  # a bounded repeat of more is widened to an open one (see _emit_items)
_RARE_FIRST_LIMIT = 0x1000  # code points: more, and trying each start in Python costs more
_ZERO_WIDTH = {_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT}
_REPEATS = {_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", _sre.MAX_REPEAT)}
_GROUPS = {_sre.SUBPATTERN, getattr(_sre, "ATOMIC_GROUP", _sre.SUBPATTERN)}
_CHARACTERS = {_sre.LITERAL, _sre.NOT_LITERAL, _sre.IN, _sre.ANY}


class NotLineLocal(Exception):
    """The pattern is left to re; the message says why."""


class Chars(NamedTuple):
    """A set of code points: ASCII as a 128-bit mask, the rest as sorted ranges."""

    ascii: int
    wide: tuple[Range, ...]

    def union(self, other: Chars) -> Chars:
        return Chars(self.ascii | other.ascii, _merge((*self.wide, *other.wide)))

    @property
    def empty(self) -> bool:
        return not self.ascii and not self.wide

    def ranges(self) -> list[Range]:
        ascii_ranges: list[Range] = []
        for code in range(128):
            if self.ascii >> code & 1:
                if ascii_ranges and ascii_ranges[-1][1] == code - 1:
                    ascii_ranges[-1] = (ascii_ranges[-1][0], code)
                else:
                    ascii_ranges.append((code, code))
        return ascii_ranges + list(self.wide)


class Shape(NamedTuple):
    expression: str | None  # hyperscan syntax (UTF-8 mode), None when re does the work
    reason: str  # why there is no expression ("" when there is one)
    first: re.Pattern[str] | None  # a class of the rare characters a match starts with
    # re finds it fast on its own: from its rare first characters, or by the one character
    # every match starts with (which re looks for with a plain string search).
    cheap_for_re: bool


@cache
def shape(regex: str, flags: int) -> Shape:
    """What the scan needs to know about a pattern; worked out once per change of the
    pattern (or of this module) and kept in the user's cache like the patterns' programs."""
    expression, reason, first, cheap = derived(
        "pattern-shape", f"{flags}\0{regex}", lambda: _shape(regex, flags), sys.modules[__name__]
    )
    return Shape(expression, reason, None if first is None else regexcache.compile(first), cheap)


def _shape(regex: str, flags: int) -> tuple[str | None, str, str | None, bool]:
    try:
        parsed = _parser.parse(regex, flags)
    except re.error as error:
        raise ValueError(f"invalid pattern {regex!r}: {error}") from None
    flags |= parsed.state.flags
    first = _first_class(parsed, flags)
    cheap = first is not None or _one_first_character(parsed, flags)
    try:
        if parsed.getwidth()[0] == 0:
            raise NotLineLocal("it can match the empty string")
        expression = _trimmed(_emit_items(parsed, flags))
    except NotLineLocal as why:
        return None, str(why), first, cheap
    return expression, "", first, cheap


# --- characters ------------------------------------------------------------------------


def _merge(ranges: Iterable[Range]) -> tuple[Range, ...]:
    merged: list[Range] = []
    for low, high in sorted(ranges):
        if merged and low <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return tuple(merged)


def _escape(code: int) -> str:
    return f"\\U{code:08x}"


@cache
def _ascii_mask(source: str, flags: int) -> int:
    """The ASCII characters a one-character Python pattern matches, asked of re itself."""
    compiled = re.compile(source, flags & (re.IGNORECASE | re.ASCII | re.DOTALL))
    return sum(1 << code for code in range(128) if compiled.fullmatch(chr(code)))


def literal_mask(code: int, flags: int) -> int:
    """``_ascii_mask`` of one literal character, without asking re for an ASCII one: under
    IGNORECASE an ASCII letter matches its other case and no other ASCII character (a test
    checks this against re for every ASCII character and flag)."""
    if code >= 0x80:
        return _ascii_mask(_escape(code), flags) if flags & re.IGNORECASE else 0
    if flags & re.IGNORECASE and chr(code).isalpha():
        return 1 << ord(chr(code).lower()) | 1 << ord(chr(code).upper())
    return 1 << code


def _fold_partners(mask: int, flags: int) -> tuple[Range, ...]:
    if not flags & re.IGNORECASE or flags & re.ASCII:
        return ()
    codes = [
        code
        for letter, partners in ASCII_FOLD_PARTNERS.items()
        if mask >> ord(letter) & 1 or mask >> ord(letter.upper()) & 1
        for code in partners
    ]
    return tuple((code, code) for code in codes)


@cache
def _chars(op: Any, av: Any, flags: int) -> Chars:
    """The code points one character-matching element can match (a superset, exact for ASCII)."""
    blind = bool(flags & re.IGNORECASE)
    if op is _sre.ANY:
        source, wide = ".", ALL_WIDE
    elif op is _sre.LITERAL:
        wide = () if av < 0x80 else (ALL_WIDE if blind else ((av, av),))
        mask = literal_mask(av, flags)
        return Chars(mask, _merge((*wide, *_fold_partners(mask, flags))))
    elif op is _sre.NOT_LITERAL:
        source, wide = f"[^{_escape(av)}]", ALL_WIDE
    else:  # IN
        parts: list[str] = []
        wide_parts: list[Range] = []
        spelled_out = True
        for item_op, item_av in av:
            if item_op is _sre.NEGATE:
                parts.insert(0, "^")
                spelled_out = False
            elif item_op is _sre.LITERAL:
                parts.append(_escape(item_av))
                if item_av >= 0x80:
                    wide_parts.append((item_av, item_av))
            elif item_op is _sre.RANGE:
                low, high = item_av
                parts.append(f"{_escape(low)}-{_escape(high)}")
                if high >= 0x80:
                    wide_parts.append((max(low, 0x80), high))
            elif item_op is _sre.CATEGORY:
                parts.append(_CATEGORY_SOURCE[item_av])
                spelled_out = False
            else:
                raise NotLineLocal(f"unknown class item {item_op}")
        source = f"[{''.join(parts)}]"
        exact = spelled_out and not (blind and wide_parts)
        wide = _merge(_clip(wide_parts)) if exact else ALL_WIDE
    mask = _ascii_mask(source, flags)
    return Chars(mask, _merge((*wide, *_fold_partners(mask, flags))))


def _clip(ranges: Iterable[Range]) -> Iterable[Range]:
    """Ranges without the surrogates."""
    for low, high in ranges:
        if low < 0xD800:
            yield low, min(high, 0xD7FF)
        if high > 0xDFFF:
            yield max(low, 0xE000), high


_CATEGORY_SOURCE = {
    _sre.CATEGORY_DIGIT: r"\d",
    _sre.CATEGORY_NOT_DIGIT: r"\D",
    _sre.CATEGORY_SPACE: r"\s",
    _sre.CATEGORY_NOT_SPACE: r"\S",
    _sre.CATEGORY_WORD: r"\w",
    _sre.CATEGORY_NOT_WORD: r"\W",
}


def _class(chars: Chars) -> str:
    ranges = chars.ranges()
    if len(ranges) == 1 and ranges[0][0] == ranges[0][1]:
        return _hs_char(ranges[0][0])
    body = "".join(
        _hs_char(low) if low == high else f"{_hs_char(low)}-{_hs_char(high)}"
        for low, high in ranges
    )
    return f"[{body}]"


def _hs_char(code: int) -> str:
    if code < 0x80 and chr(code).isalnum():
        return chr(code)
    return f"\\x{{{code:x}}}"


# --- the expression --------------------------------------------------------------------


def _emit(items: Sequence[tuple[Any, Any]], flags: int) -> str:
    """Hyperscan syntax for a sequence of parse-tree items; raises NotLineLocal."""
    return "".join(text for text, _width in _emit_items(items, flags))


def _emit_items(items: Sequence[tuple[Any, Any]], flags: int) -> list[tuple[str, int]]:
    """Each item's hyperscan syntax and the fewest characters it matches."""
    out: list[tuple[str, int]] = []
    for op, av in items:
        if op in _CHARACTERS:
            chars = _chars(op, tuple(av) if op is _sre.IN else av, flags)
            if chars.ascii & _LINE_FEED:
                raise NotLineLocal("it can match a line feed")
            if chars.empty:
                raise NotLineLocal("a class that matches nothing")
            out.append((_class(chars), 1))
        elif op is _sre.AT:
            continue  # an anchor or \b: leaving it out only widens the net
        elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
            _check_lookaround(av[1], flags)
        elif op is _sre.BRANCH:
            branches = [_emit_items(branch, flags) for branch in av[1]]
            text = "|".join("".join(t for t, _w in branch) for branch in branches)
            out.append((f"(?:{text})", min(sum(w for _t, w in b) for b in branches)))
        elif op in _GROUPS:
            if op is _sre.SUBPATTERN:
                _group, add, remove, body = av
                inner = _emit_items(body, (flags | add) & ~remove)
            else:
                inner = _emit_items(av, flags)
            out.append(("(?:" + "".join(t for t, _w in inner) + ")", sum(w for _t, w in inner)))
        elif op in _REPEATS:
            low, high, body = av
            inner = _emit_items(body, flags)
            if high > _REPEAT_LIMIT:
                # Wider: an open repeat, which hyperscan builds in one state where a bounded
                # one of a multi-byte class costs it a state per count (seconds for {1,200}).
                low = min(low, 1)
                bound = "+" if low else "*"
            else:
                bound = f"{{{low},{high}}}"
            text = "(?:" + "".join(t for t, _w in inner) + ")" + bound
            out.append((text, low * sum(w for _t, w in inner)))
        else:  # a back reference, a conditional group, or something new
            raise NotLineLocal(f"{str(op).lower()} is not supported")
    return out


def _trimmed(items: list[tuple[str, int]]) -> str:
    """The expression without the optional items at either end: a match of what is left
    ends on the same line as the whole match would, which is all the scan asks."""
    start, stop = 0, len(items)
    while start < stop and items[start][1] == 0:
        start += 1
    while stop > start and items[stop - 1][1] == 0:
        stop -= 1
    return "".join(text for text, _width in items[start:stop])


def _check_lookaround(body: Any, flags: int) -> None:
    """A lookaround may read one character that is a line feed (the line's end), no more."""
    if body.getwidth()[1] <= 1:
        _walk_supported(body, flags)
        return
    _emit(body, flags)  # checked like the pattern itself; what it gives is not used


def _walk_supported(items: Sequence[tuple[Any, Any]], flags: int) -> None:
    """Raise for constructs a lookaround of one character cannot hold safely."""
    for op, av in items:
        if op is _sre.BRANCH:
            for branch in av[1]:
                _walk_supported(branch, flags)
        elif op in _GROUPS:
            body = av[3] if op is _sre.SUBPATTERN else av
            _walk_supported(body, flags)
        elif op in _REPEATS:
            _walk_supported(av[2], flags)
        elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
            _check_lookaround(av[1], flags)
        elif op not in _CHARACTERS and op is not _sre.AT:
            raise NotLineLocal(f"{str(op).lower()} is not supported")


# --- the first character -----------------------------------------------------------------


def _first_class(parsed: Any, flags: int) -> str | None:
    """A class (Python syntax) of the rare characters a match starts with, or None."""
    try:
        chars = _first(parsed, flags)
    except NotLineLocal:
        return None
    if chars is None or chars.ascii & _COMMON:
        return None
    if sum(high - low + 1 for low, high in chars.wide) > _RARE_FIRST_LIMIT:
        return None
    body = "".join(
        _escape(low) if low == high else f"{_escape(low)}-{_escape(high)}"
        for low, high in chars.ranges()
    )
    return f"[{body}]"


def _one_first_character(parsed: Any, flags: int) -> bool:
    """Whether every match starts with one and the same character, in any case."""
    try:
        chars = _first(parsed, flags)
    except NotLineLocal:
        return False
    return (
        chars is not None
        and len(chars.ranges()) == 1
        and chars.ranges()[0][0] == chars.ranges()[0][1]
    )


def first_ascii(regex: str, flags: int) -> int | None:
    """The ASCII characters a match can start with, as a mask (bit ``n`` for code point
    ``n``); None when that is not known (a match may start empty). A match may always start
    with a non-ASCII character: the mask only rules out ASCII starts."""
    try:
        parsed = _parser.parse(regex, flags)
        chars = _first(parsed, flags | parsed.state.flags)
    except (re.error, NotLineLocal):
        return None
    return None if chars is None else chars.ascii


def _first(items: Sequence[tuple[Any, Any]], flags: int) -> Chars | None:
    """The characters a match of ``items`` can start with; None when it may start empty."""
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        if op in _CHARACTERS:
            return _chars(op, tuple(av) if op is _sre.IN else av, flags)
        if op is _sre.BRANCH:
            found: Chars | None = Chars(0, ())
            for branch in av[1]:
                chars = _first(branch, flags)
                if chars is None or found is None:
                    return None
                found = found.union(chars)
            return found
        if op in _GROUPS:
            if op is _sre.SUBPATTERN:
                _group, add, remove, body = av
                return _first(body, (flags | add) & ~remove)
            return _first(av, flags)
        if op in _REPEATS and av[0] >= 1:
            return _first(av[2], flags)
        return None
    return None


# --- searching from the first character ---------------------------------------------------


def finditer(
    compiled: re.Pattern[str], text: str, start: int = 0, stop: int | None = None
) -> Iterator[re.Match[str]]:
    """``compiled.finditer(text, start, stop)``, tried only where a match can start when the
    characters it starts with are rare (``Shape.first``): the same leftmost, non-overlapping
    matches, since such a match is never empty and always starts with one of them."""
    stop = len(text) if stop is None else stop
    first = shape(compiled.pattern, compiled.flags).first
    if first is None:
        yield from compiled.finditer(text, start, stop)
        return
    match_at = compiled.match
    last_end = start
    for candidate in first.finditer(text, start, stop):
        position = candidate.start()
        if position >= last_end and (match := match_at(text, position, stop)):
            last_end = match.end()
            yield match


# --- patterns that need a non-ASCII character ---------------------------------------------

_NON_ASCII = re.compile("[^\x00-\x7f]")
_START_ANCHORS = {_sre.AT_BEGINNING, _sre.AT_BEGINNING_STRING}


@cache
def non_ascii_width(regex: str, flags: int) -> int | None:
    """The longest match of a pattern every match of which holds a non-ASCII character and
    reads nothing beyond itself (no lookaround, no anchor but ``^``); None for any other.

    Such a pattern is searched only around the text's non-ASCII characters
    (``search_near_non_ascii``), where most text gives it little to try. Kept in the user's
    cache like ``shape``: for ftfy's badness pattern the answer takes ~40 ms to work out.
    """
    width: int | None = derived(
        "non-ascii-width",
        f"{flags}\0{regex}",
        lambda: _non_ascii_width(regex, flags),
        sys.modules[__name__],
    )
    return width


def _non_ascii_width(regex: str, flags: int) -> int | None:
    try:
        parsed = _parser.parse(regex, flags)
        high = parsed.getwidth()[1]
        flags |= parsed.state.flags
        if high >= _sre.MAXREPEAT or not _needs_non_ascii(parsed, flags):
            return None
    except (re.error, NotLineLocal):
        return None
    return int(high)


def _needs_non_ascii(items: Sequence[tuple[Any, Any]], flags: int) -> bool:
    """Whether every match of ``items`` holds a non-ASCII character (raises for what reads
    outside the match)."""
    needed = False
    for op, av in items:
        if op is _sre.AT:
            if av not in _START_ANCHORS:
                raise NotLineLocal("an anchor that reads past the match")
        elif op in _CHARACTERS:
            chars = _chars(op, tuple(av) if op is _sre.IN else av, flags)
            needed = needed or chars.ascii == 0
        elif op is _sre.BRANCH:
            branches = [_needs_non_ascii(branch, flags) for branch in av[1]]
            needed = needed or all(branches)
        elif op in _GROUPS:
            if op is _sre.SUBPATTERN:
                _group, add, remove, body = av
                inner = _needs_non_ascii(body, (flags | add) & ~remove)
            else:
                inner = _needs_non_ascii(av, flags)
            needed = needed or inner
        elif op in _REPEATS:
            inner = _needs_non_ascii(av[2], flags)
            needed = needed or (inner and av[0] >= 1)
        else:
            raise NotLineLocal(f"{str(op).lower()} reads past the match")
    return needed


def search_near_non_ascii(compiled: re.Pattern[str], width: int, text: str) -> bool:
    """``compiled.search(text) is not None`` for a pattern ``non_ascii_width`` gave ``width``:
    a match holds a non-ASCII character, so it starts at most ``width - 1`` before one and
    ends at most ``width`` after it. Windows that touch are searched as one."""
    start = stop = -1
    for found in _NON_ASCII.finditer(text):
        position = found.start()
        low, high = max(0, position - width + 1), min(len(text), position + width)
        if stop < 0 or low > stop:
            if stop >= 0 and compiled.search(text, start, stop):
                return True
            start = low
        stop = high
    return stop >= 0 and compiled.search(text, start, stop) is not None
