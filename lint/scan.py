"""Patterns declared by the checks, found in one scan of the document.

A check declares its patterns (``Pattern``: a name and a Python regular expression) and asks
``matches(document, patterns)`` for their spans. The answer is defined by Python's ``re``:
for each pattern, the spans ``re.finditer`` gives over the whole text. How it is computed
is this module's business:

- with ``re``: each pattern's ``finditer`` over the text, when a check first asks for it; a
  pattern whose matches can only start with rare characters (no printable ASCII: mojibake,
  controls) is tried only where one of them is (``lint.speed.prefilter``);
- with ``hyperscan`` where it imports (a dependency on x86-64 Linux and macOS; installable
  where its wheel exists), for the documents ``prefer_hyperscan`` picks: one database of
  every line-local pattern of every active check, built once per pattern set (and kept in
  the user cache) and run once over the document. It says which lines may hold a match;
  ``re`` then finds the matches on those lines alone.

A pattern is line-local when no match can hold a line feed and no lookaround reads past
one (``lint.speed.prefilter`` decides from ``re``'s parse tree). For such a pattern the
matches ``re`` finds on a line, searched from the line's start to just past its line feed,
are exactly those it finds there in the whole text; and hyperscan's expression matches at
least what ``re`` matches, so no line with a match is missed. The answer is the same either
way by construction; any other pattern (one with ``\\s`` or ``[^>]`` can match a line feed)
is searched by ``re`` over the whole text. Write ``[ \\t]`` rather than ``\\s`` to keep a
pattern on the fast path; ``fast_path_refusals`` lists the patterns that are not.

``CONTENTLINT_HYPERSCAN=0`` turns hyperscan off, ``=1`` uses it for every document (the
test suite runs every check both ways and expects the same findings).
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from functools import cache, cached_property
from typing import TYPE_CHECKING, Any, NamedTuple

from lint.document import Document
from lint.speed import regexcache

if TYPE_CHECKING:
    from lint.speed.prefilter import Shape

Span = tuple[int, int]
# When hyperscan pays for itself: see prefer_hyperscan.
HYPERSCAN_MIN_CHARS = 2_000
HYPERSCAN_AFTER_WORK = 1_000_000
SHAPES_AFTER_CHARS = 200_000
_LF = re.compile(r"\n")
_LF_BYTES = re.compile(rb"\n")


class Pattern(NamedTuple):
    """A named regular expression (Python syntax), by default case-blind."""

    name: str
    regex: str
    flags: int = re.IGNORECASE

    @property
    def compiled(self) -> re.Pattern[str]:
        return _compile(self.regex, self.flags)

    @property
    def shape(self) -> Shape:
        from lint.speed import prefilter  # read only by runs that scan a lot of text

        compiled = self.compiled
        return prefilter.shape(compiled.pattern, compiled.flags)


@cache
def _compile(regex: str, flags: int) -> re.Pattern[str]:
    return regexcache.compile(regex, flags)


def matches(document: Document, patterns: Sequence[Pattern]) -> dict[str, list[Span]]:
    """Each pattern's ``re.finditer`` spans in the document, by pattern name.

    Spans the linter's scan already found are reused; the rest are found now and kept on
    the document for the next check that asks.
    """
    found = document.scanned
    missing = [pattern for pattern in patterns if pattern not in found]
    if missing:
        _scan(document, missing)
    return {pattern.name: found[pattern] for pattern in patterns}


class Plan:
    """The patterns of a run's checks, each once (a Linter builds it once per run)."""

    def __init__(self, pattern_sets: Iterable[Sequence[Pattern]]) -> None:
        self.all = tuple(dict.fromkeys(p for patterns in pattern_sets for p in patterns))

    @cached_property
    def line_local(self) -> tuple[Pattern, ...]:
        """The patterns hyperscan can scan for (read from each pattern's parse tree, which
        only a run that may use hyperscan pays for)."""
        return tuple(p for p in self.all if p.shape.expression is not None)

    @cached_property
    def slow(self) -> int:
        """How many of them re would try at every position: what hyperscan saves."""
        return sum(1 for p in self.line_local if not p.shape.cheap_for_re)

    def prescan(self, document: Document) -> None:
        """Scan a new document for all the patterns at once, when hyperscan is used for it
        (the linter calls this before the checks); the rest wait until a check asks."""
        if self.all and _decide(document, self) and self.line_local:
            _scan_hyperscan(document, self.line_local)


@cache
def _plan(patterns: tuple[Pattern, ...]) -> Plan:
    return Plan((patterns,))


def prescan(document: Document, pattern_sets: Iterable[Sequence[Pattern]]) -> None:
    Plan(pattern_sets).prescan(document)


def fast_path_refusals(patterns: Iterable[Pattern]) -> list[tuple[Pattern, str]]:
    """The patterns hyperscan cannot scan for, each with the reason; ``re`` searches them."""
    return [(p, p.shape.reason) for p in patterns if p.shape.expression is None]


def _scan(document: Document, patterns: Sequence[Pattern]) -> None:
    plan = _plan(tuple(patterns))
    if _decide(document, plan) and plan.line_local:
        _scan_hyperscan(document, plan.line_local)
    found = document.scanned
    for pattern in patterns:
        if pattern not in found:
            found[pattern] = _search(pattern, document.text, 0, len(document.text))


def _search(pattern: Pattern, text: str, start: int, stop: int) -> list[Span]:
    """The spans of ``finditer(text, start, stop)``: from the pattern's rare first characters
    (``prefilter.finditer``) once the process has searched enough text to repay reading
    the patterns' parse trees (a few ms); before that, and in a short run, plainly."""
    _Seen.searched += stop - start
    compiled = pattern.compiled
    if _Seen.searched < SHAPES_AFTER_CHARS:
        return [match.span() for match in compiled.finditer(text, start, stop)]
    from lint.speed import prefilter

    return [match.span() for match in prefilter.finditer(compiled, text, start, stop)]


# --- when to use hyperscan ---------------------------------------------------------------


class _Seen:
    chars = 0  # characters of the documents scanned so far in this process
    searched = 0  # characters searched by re


def expect(size: int) -> None:
    """Count a run's text as scanned before it is: a command that knows its files' total
    ``size`` (bytes, about as many characters) takes the fast paths from its first long
    document rather than after ``SHAPES_AFTER_CHARS``, and so does each ``--jobs`` worker,
    which would otherwise each search that much text the slow way first."""
    _Seen.chars += size
    _Seen.searched += size


def _decide(document: Document, plan: Plan) -> bool:
    """Whether hyperscan scans this document (decided once per document)."""
    decided = document.scanned.get(_DECIDED)
    if decided is None:
        decided = document.scanned[_DECIDED] = prefer_hyperscan(len(document.text), plan)
    return bool(decided)


_DECIDED = object()  # the key of the decision in ``Document.scanned``


def prefer_hyperscan(size: int, plan: Plan) -> bool:
    """Whether to scan a document of ``size`` characters with hyperscan for the plan's
    patterns, ``plan.slow`` of which re would try at every position.

    Importing hyperscan and loading a database costs ~30 ms once per process; it then saves
    ~10-60 ns per character and slow pattern (``benchmarks/scan_cost.py``). So a process
    turns to it once the characters it has scanned times the slow patterns reach
    ``HYPERSCAN_AFTER_WORK``, for documents of ``HYPERSCAN_MIN_CHARS`` or more, and not
    before ``SHAPES_AFTER_CHARS``: a pre-commit run over a few files never loads it (nor
    reads a pattern's parse tree), a corpus run pays for it once.
    """
    setting = os.environ.get("CONTENTLINT_HYPERSCAN", "")
    if setting == "0":
        return False
    if setting != "1":
        _Seen.chars += size
        if size < HYPERSCAN_MIN_CHARS or _Seen.chars < SHAPES_AFTER_CHARS:
            return False  # a short run: not even the patterns' parse trees are read
        if _Seen.chars * plan.slow < HYPERSCAN_AFTER_WORK:
            return False
    from lint.speed import hsdatabase

    return hsdatabase.hyperscan() is not None


@cache
def _database(patterns: tuple[Pattern, ...]) -> tuple[Any, tuple[int, ...]] | None:
    """A hyperscan database of the patterns, and the index in ``patterns`` of each id
    (a pattern hyperscan refuses is left out: re searches for it)."""
    from lint.speed import hsdatabase

    return hsdatabase.database([str(p.shape.expression) for p in patterns])


def _scan_hyperscan(document: Document, patterns: tuple[Pattern, ...]) -> None:
    """Spans of line-local patterns: hyperscan flags lines, re searches only those."""
    built = _database(patterns)
    text = document.text
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate, which hyperscan cannot read: re alone
        return
    if built is None:
        return
    database, indexes = built
    hits: list[tuple[int, int]] = []
    record = hits.append

    def hit(pattern_id: int, _start: int, end: int, _flags: int, _context: Any) -> None:
        record((pattern_id, end))

    try:
        database.scan(data, match_event_handler=hit)
    except Exception:  # e.g. the database's scratch in use by another thread: re alone
        return
    lines = _Lines(document, data)
    flagged: list[set[int]] = [set() for _ in indexes]
    for pattern_id, end in hits:
        flagged[pattern_id].add(lines.line_of_byte(end - 1))
    found = document.scanned
    for pattern_id, index in enumerate(indexes):
        found[patterns[index]] = _confirm(patterns[index], text, lines, sorted(flagged[pattern_id]))


class _Lines:
    """Line starts of the text split at line feeds only, in characters and in UTF-8 bytes.

    Only line feeds: a line-local match never holds one, but may hold a carriage return.
    """

    def __init__(self, document: Document, data: bytes) -> None:
        text = document.text
        if "\r" not in text or text.count("\r") == text.count("\r\n"):
            self.chars: Sequence[int] = document.line_starts  # the same starts
        else:
            self.chars = [0, *(m.end() for m in _LF.finditer(text))]
        ascii_only = len(data) == len(text)
        self.bytes: Sequence[int] = (
            self.chars if ascii_only else [0, *(m.end() for m in _LF_BYTES.finditer(data))]
        )
        self.size = len(text)

    def line_of_byte(self, offset: int) -> int:
        return bisect_right(self.bytes, offset) - 1

    def stop(self, line: int) -> int:
        """Where the line after ``line`` starts (the text's end after the last line)."""
        return self.chars[line + 1] if line + 1 < len(self.chars) else self.size


def _confirm(pattern: Pattern, text: str, lines: _Lines, flagged: list[int]) -> list[Span]:
    """``finditer`` spans on runs of consecutive flagged lines.

    Each run is searched up to one character past its last line feed, so that ``$`` and
    ``\\Z`` see what follows as they do in the whole text; a match found starting there
    belongs to the next line and is dropped.
    """
    spans: list[Span] = []
    index = 0
    while index < len(flagged):
        first = last = flagged[index]
        while index + 1 < len(flagged) and flagged[index + 1] == last + 1:
            index += 1
            last = flagged[index]
        index += 1
        stop = lines.stop(last)
        found = _search(pattern, text, lines.chars[first], min(stop + 1, lines.size))
        spans.extend(span for span in found if span[0] < stop)
    return spans
