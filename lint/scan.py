"""Patterns declared by the checks, found in one scan of the document.

A check declares its patterns (``Pattern``: a name and a Python regular expression that never
matches across a line break) and asks ``matches(document, patterns)`` for their spans. The
answer is defined by Python's ``re``: for each pattern, the spans ``re.finditer`` gives over
the whole text. How it is computed is this module's business:

- small documents (most pre-commit files): each pattern's ``finditer`` over the text;
- large documents, where the ``hyperscan`` wheel installs (x86-64 Linux and macOS): one
  hyperscan database of every pattern of every active check, built once per pattern set and
  run once over the document in prefilter mode (a superset of the real matches); ``re`` then
  confirms each pattern only on the lines hyperscan flagged. The spans are the same by
  construction, because a pattern never crosses a line.

``CONTENTLINT_HYPERSCAN=0`` turns the fast path off, ``=1`` uses it for every document (the
test suite runs both ways and expects the same findings).
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from lint.document import Document

Span = tuple[int, int]
# Below this many characters, a pass of re per pattern costs less than loading hyperscan.
HYPERSCAN_MIN_CHARS = 64 * 1024
_LINE_BREAK = re.compile(rb"\r\n|\r|\n")


@dataclass(frozen=True)
class Pattern:
    """A named regular expression (Python syntax) that never matches a line break."""

    name: str
    regex: str
    flags: int = re.IGNORECASE

    @property
    def compiled(self) -> re.Pattern[str]:
        return _compile(self.regex, self.flags)


@cache
def _compile(regex: str, flags: int) -> re.Pattern[str]:
    return re.compile(regex, flags)


def matches(document: Document, patterns: Sequence[Pattern]) -> dict[str, list[Span]]:
    """Each pattern's ``re.finditer`` spans in the document, by pattern name.

    A document the linter has already scanned answers from that scan; otherwise the spans
    are found now (and kept on the document for the next check that asks).
    """
    key = _key(patterns)
    found = document.scanned.get(key)
    if found is None:
        found = scan(document, patterns)
        document.scanned[key] = found
    return found


def prescan(document: Document, pattern_sets: Iterable[Sequence[Pattern]]) -> None:
    """Scan for every check's patterns at once (the linter calls this before the checks)."""
    sets = [patterns for patterns in pattern_sets if patterns]
    if not sets or not _fast(document.text):
        return
    union = tuple(dict.fromkeys(pattern for patterns in sets for pattern in patterns))
    found = dict(zip(union, _spans(document, union), strict=True))
    for patterns in sets:
        document.scanned[_key(patterns)] = {p.name: found[p] for p in patterns}


def scan(document: Document, patterns: Sequence[Pattern]) -> dict[str, list[Span]]:
    """Each pattern's spans by name (names are unique within one check's patterns)."""
    return {p.name: spans for p, spans in zip(patterns, _spans(document, patterns), strict=True)}


def _spans(document: Document, patterns: Sequence[Pattern]) -> list[list[Span]]:
    text = document.text
    if _fast(text) and (database := _database(tuple(patterns))) is not None:
        return _scan_hyperscan(document, patterns, database)
    return [[m.span() for m in p.compiled.finditer(text)] for p in patterns]


def _key(patterns: Sequence[Pattern]) -> tuple[Pattern, ...]:
    return tuple(patterns)


def _fast(text: str) -> bool:
    setting = os.environ.get("CONTENTLINT_HYPERSCAN", "")
    if setting == "0":
        return False
    return (setting == "1" or len(text) >= HYPERSCAN_MIN_CHARS) and _hyperscan() is not None


@cache
def _hyperscan() -> Any:
    try:
        import hyperscan
    except ImportError:  # no wheel for this platform: re alone
        return None
    return hyperscan


@cache
def _database(patterns: tuple[Pattern, ...]) -> Any:
    """One prefilter database for the patterns, or None when hyperscan cannot take one."""
    hs = _hyperscan()
    base = hs.HS_FLAG_PREFILTER | hs.HS_FLAG_UTF8 | hs.HS_FLAG_UCP | hs.HS_FLAG_ALLOWEMPTY
    flags = [
        base
        | (hs.HS_FLAG_CASELESS if p.flags & re.IGNORECASE else 0)
        | (hs.HS_FLAG_MULTILINE if p.flags & re.MULTILINE else 0)
        | (hs.HS_FLAG_DOTALL if p.flags & re.DOTALL else 0)
        for p in patterns
    ]
    database = hs.Database(mode=hs.HS_MODE_BLOCK)
    try:
        database.compile(
            expressions=[p.regex.encode("utf-8") for p in patterns],
            ids=list(range(len(patterns))),
            elements=len(patterns),
            flags=flags,
        )
    except hs.error:  # a construct even prefilter mode refuses: re does the work
        return None
    return database


def _scan_hyperscan(
    document: Document, patterns: Sequence[Pattern], database: Any
) -> list[list[Span]]:
    text = document.text
    data = text.encode("utf-8", "surrogatepass")
    byte_starts = [0, *(m.end() for m in _LINE_BREAK.finditer(data))]
    flagged: list[set[int]] = [set() for _ in patterns]

    def hit(pattern_id: int, _start: int, end: int, _flags: int, _context: Any) -> None:
        # The line holding the match's last byte: a match never crosses a line break.
        flagged[pattern_id].add(bisect_right(byte_starts, max(end - 1, 0)) - 1)

    database.scan(data, match_event_handler=hit)
    starts = document.line_starts
    return [
        _confirm(pattern.compiled, text, starts, sorted(lines))
        for pattern, lines in zip(patterns, flagged, strict=True)
    ]


def _confirm(
    compiled: re.Pattern[str], text: str, starts: Sequence[int], lines: list[int]
) -> list[Span]:
    """``compiled.finditer`` spans, searched only on runs of consecutive flagged lines."""
    spans: list[Span] = []
    finditer: Callable[..., Any] = compiled.finditer
    index = 0
    while index < len(lines):
        first = last = lines[index]
        while index + 1 < len(lines) and lines[index + 1] == last + 1:
            index += 1
            last = lines[index]
        index += 1
        stop = starts[last + 1] if last + 1 < len(starts) else len(text)
        spans.extend(m.span() for m in finditer(text, starts[first], stop))
    return spans
