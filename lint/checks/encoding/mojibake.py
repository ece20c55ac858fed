"""Mojibake: find the segments that may hold it, and let ftfy repair them.

Mojibake is UTF-8 read as Windows-1252 or Latin-1 ("â€”" for "—", "ðŸ‘‰" for "👉"). A cheap
pattern, found in the document's one scan, marks the lead-byte/continuation-byte pairs such
text always contains; only the segments around them are repaired, by ftfy configured to
repair encoding and nothing else (taken step by step in ``repair``, which is faster and
gives the same), so clean text (curly quotes, accents, CJK, emoji) is never touched and
ftfy is rarely imported.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from functools import cache, lru_cache
from itertools import accumulate
from typing import Any

from lint import scan
from lint.checks.encoding import repair
from lint.document import Document
from lint.scan import Pattern
from lint.speed import regexcache

# Mojibake always holds a UTF-8 lead byte followed by a continuation byte (0x80-0xBF), both
# read in some single-byte encoding. These are those pairs for the encodings that produce
# nearly all real mojibake; ftfy then decides. Clean text rarely matches, so ftfy (slow to
# import and to run) only sees the few segments that do.
_CP1252_CONT = (
    "\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152"
    "\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178"
)
_CP1250_LEAD = "ĂĹĆČĘĚĎĐŃŇŐŘŮŰŢ"
_CP1250_CONT = "ŚŤŹśťźˇ˘ŁĄŞŻ˛łąşĽ˝ľż"
_MACROMAN_CONT = "ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø"
_CP1251_CONT = "ЂЃ‚ѓ„…†‡€‰Љ‹ЊЌЋЏђ‘’“”•–—™љ›њќћџ\u00a0ЎўЈ¤Ґ¦§Ё©Є«¬\u00ad®Ї°±Ііґµ¶·ё№є»јЅѕї"
_CP437_CONT = "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐"
SUSPECT = Pattern(
    "suspect",
    f"[\u00c2-\u00f4{_CP1250_LEAD}][{_CP1252_CONT}{_CP1250_CONT}]"  # Windows-1252/1250, Latin-1
    "|(?<=\\S)[\u00c2\u00c3] "  # a no-break space (0xA0) that became a plain space, mid-word
    f"|[¬√ƒ≈∆][{_MACROMAN_CONT}]|‚Ä"  # MacRoman
    f"|[РСв][{_CP1251_CONT}]"  # Windows-1251
    f"|[╨╤├][{_CP437_CONT}]"  # code page 437
    "|[\u0080-\u009f]",  # a C1 control: a Windows-1252 byte read as Latin-1
    0,
)
_NON_ASCII = regexcache.compile("[^\x00-\x7f]")
_TOKEN = regexcache.compile(r"[\x00-\x7f]+|[^\x00-\x7f]+")
_CHAR_DIFF_LIMIT = 400  # characters in both versions: below it, diff character by character
_WINDOW = 300  # characters of context around a suspect pair on a very long line
_MAX_LINE = 2000
_CONTEXT_WORDS = 1  # words of context either side of a suspect pair
_SEPARATORS = frozenset(" \t")


# (start, end, replacement, how): one changed run of a repaired segment.
Run = tuple[int, int, str, str]


@cache
def _ftfy_config() -> Any:
    from ftfy import TextFixerConfig

    return TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_encoding=True,
        restore_byte_a0=True,
        replace_lossy_sequences=True,
        decode_inconsistent_utf8=True,
        fix_c1_controls=True,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=True,
        remove_control_chars=False,
        normalization=None,
        explain=True,
    )


_EXPLAIN = {
    "sloppy-windows-1252": "Windows-1252",
    "windows-1252": "Windows-1252",
    "latin-1": "Latin-1",
    "macroman": "MacRoman",
    "cp437": "code page 437",
    "sloppy-windows-1250": "Windows-1250",
    "sloppy-windows-1251": "Windows-1251",
}


def _explain(steps: Any) -> str:
    for action, name in steps or ():
        if action == "encode" and name in _EXPLAIN:
            return f" (UTF-8 read as {_EXPLAIN[name]})"
    return ""


def suspects(document: Document) -> list[tuple[int, int]]:
    """The spans of ``SUSPECT``, from the document's one scan (``lint.scan``)."""
    return scan.matches(document, (SUSPECT,))[SUSPECT.name]


def _segments(document: Document, spans: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Line-sized pieces of prose that contain a suspect pair; long lines are windowed."""
    text = document.text
    last_end = -1
    for match_start, match_end in spans:
        if match_start < last_end or document.in_code(match_start):
            continue
        start, end = line_bounds(document, match_start)
        if end - start > _MAX_LINE:
            start = max(start, text.rfind(" ", start, max(start, match_start - _WINDOW)) + 1)
            space = text.find(" ", min(end, match_end + _WINDOW), end)
            end = end if space < 0 else space
        last_end = end
        yield start, end


def repairs(document: Document) -> Iterator[Run]:
    """Each mojibake run outside code: (start, end, repair, how it was broken)."""
    spans = suspects(document)
    segments = list(_segments(document, spans))
    if not segments:
        return
    import ftfy

    config = _ftfy_config()
    text = document.text
    for start, end in segments:
        # Most segments are repaired word by word: ftfy only sees the words around each
        # suspect pair. When a non-ASCII character is left unchanged (outside the pieces
        # or inside them), the whole segment goes to ftfy, whose guess can depend on the
        # rest of the line: the result is then exactly that of the whole segment.
        pieces = _pieces(text, start, end, spans)
        runs = None if pieces is None else _repair_pieces(text, pieces, ftfy, config)
        if runs is None:
            runs = _repair(text, start, end, ftfy, config)
        for run in runs:
            for run_start, run_end, replacement, how in _split_at_lost_byte(
                text, run, ftfy, config
            ):
                if document.overlaps_code(run_start, run_end):
                    continue
                yield run_start, run_end, replacement, how


_CUT_QUOTE_END = frozenset(
    _CP1252_CONT.replace("\u0080-\u00bf", "") + "".join(map(chr, range(0x80, 0xC0)))
)


def cut_quotes(document: Document, covered: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Each "â€" ftfy leaves alone, at the end of a line or before ASCII: most often a closing
    quote ” (E2 80 9D) whose last byte, undefined in Windows-1252, was dropped. ftfy cannot
    repair it (the byte is gone); it is reported. The "â€ " ftfy reads as a dagger is its own
    case."""
    text = document.text
    if "â€" not in text:
        return []
    found = []
    for start, end in suspects(document):
        if text[start:end] != "â€" or text[end : end + 1] in _CUT_QUOTE_END:
            continue
        index = bisect_right(covered, (start, len(text))) - 1
        if (index >= 0 and start < covered[index][1]) or document.in_code(start):
            continue
        found.append((start, end))
    return found


def space_read_as_last_byte(broken: str, repair: str) -> bool:
    """ftfy took a plain space for the byte 0xA0 ending a symbol ("ðŸŒ " -> "🌠"). Real text
    drops the bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D: "ðŸŒ" is 🌍
    or 🌐 cut short) far more often than it turns a no-break byte into a space, so the space is
    a space and the character is lost. Letters ("Ã " -> "à") and the no-break space are kept."""
    if broken.count(" ") <= repair.count(" "):
        return False
    return any(
        unicodedata.category(c)[0] in "SP" and c.encode("utf-8").endswith(b"\xa0") for c in repair
    )


def _split_at_lost_byte(text: str, run: Run, ftfy: Any, config: Any) -> list[Run]:
    """A run whose first space ftfy read as a lost byte, cut after that space: the broken
    character before it is reported alone, the mojibake after it repaired on its own
    ("ðŸŒ æµ‹è¯•": "ðŸŒ " and "æµ‹è¯•" -> "测试")."""
    start, end, replacement, _how = run
    broken = text[start:end]
    if not space_read_as_last_byte(broken, replacement):
        return [run]
    cut = start + broken.index(" ") + 1
    head = _repair(text, start, cut, ftfy, config)
    tail = _repair(text, cut, end, ftfy, config)
    return [*head, *tail] if head and tail else [run]


def _repair(text: str, start: int, end: int, ftfy: Any, config: Any) -> list[Run]:
    """ftfy's changed runs in ``text[start:end]``, as offsets into ``text`` with the explanation."""
    return _repair_steps(text, start, end, ftfy, config)[0]


def _repair_steps(
    text: str, start: int, end: int, ftfy: Any, config: Any
) -> tuple[list[Run], tuple[tuple[str, str], ...]]:
    """``_repair`` and the steps ftfy took."""
    runs, how, steps = _repaired(text[start:end], ftfy, config)
    found = [
        (start + a_start, start + a_end, replacement, how) for a_start, a_end, replacement in runs
    ]
    return found, steps


@lru_cache(maxsize=2048)
def _repaired(
    original: str, ftfy: Any, config: Any
) -> tuple[tuple[tuple[int, int, str], ...], str, tuple[tuple[str, str], ...]]:
    """The changed runs of one piece, how it was broken and ftfy's steps. Cached: a document or
    corpus with mojibake repeats the same broken words ("donâ€™t", "â€”"), and ftfy is the slow part."""
    if repair.available():
        repaired, steps = repair.fix_and_explain(original)
    else:
        fixed = ftfy.fix_and_explain(original, config=config)
        repaired, steps = fixed.text, fixed.explanation
    if repaired == original:
        return (), "", ()
    runs = _as_replacements(original, list(_changed_runs(original, repaired)))
    return tuple(runs), _explain(steps), tuple((str(a), str(b)) for a, b in steps or ())


def _pieces(
    text: str, start: int, end: int, spans: list[tuple[int, int]]
) -> list[tuple[int, int]] | None:
    """The words around each suspect pair in a segment, merged; None when text between them is not ASCII."""
    pieces: list[tuple[int, int]] = []
    for match_start, match_end in _within(spans, start, end):
        piece_start = _words_before(text, start, match_start)
        piece_end = _words_after(text, match_end, end)
        if pieces and piece_start <= pieces[-1][1]:
            pieces[-1] = (pieces[-1][0], max(pieces[-1][1], piece_end))
        else:
            pieces.append((piece_start, piece_end))
    gap_start = start
    for piece_start, piece_end in pieces:
        if _NON_ASCII.search(text, gap_start, piece_start):
            return None
        gap_start = piece_end
    if _NON_ASCII.search(text, gap_start, end):
        return None
    return pieces


def _within(spans: list[tuple[int, int]], start: int, end: int) -> Iterator[tuple[int, int]]:
    """The spans inside ``text[start:end]``: what a search of that slice alone finds. A
    segment starts at a line's start or after a space, where no pair is cut; a pair that
    runs past its end (one ending in a space) is one the slice cannot hold."""
    index = bisect_left(spans, (start, -1))
    while index < len(spans) and spans[index][0] < end:
        if spans[index][1] <= end:
            yield spans[index]
        index += 1


def _repair_pieces(
    text: str, pieces: list[tuple[int, int]], ftfy: Any, config: Any
) -> list[Run] | None:
    """Runs repaired piece by piece; None when a non-ASCII character is left unchanged or explanations differ."""
    found: list[Run] = []
    taken: set[tuple[tuple[str, str], ...]] = set()
    for piece_start, piece_end in pieces:
        runs, steps = _repair_steps(text, piece_start, piece_end, ftfy, config)
        taken.add(steps)
        position = piece_start
        for run_start, run_end, _replacement, _how in runs:
            if _NON_ASCII.search(text, position, run_start):
                return None
            position = run_end
        if not runs or _NON_ASCII.search(text, position, piece_end):
            return None
        found.extend(runs)
    # One explanation per segment, as ftfy gives for the whole: pieces that needed different
    # encodings, or a different number of rounds (text encoded twice, where one piece alone
    # looks done after one round: "nÃ¡Â»â„¢i" -> "ná»™i" beside "ÃƒÂ©p" -> "ép"), go to
    # ftfy together.
    return found if len(taken) == 1 else None


def _words_before(text: str, limit: int, position: int) -> int:
    """Start of the non-space run ending at ``position``, with ``_CONTEXT_WORDS`` words before it."""
    floor = max(limit, position - _WINDOW)
    start = position
    words = 0
    while True:
        while start > floor and text[start - 1] not in _SEPARATORS:
            start -= 1
        if words == _CONTEXT_WORDS:
            return start
        words += 1
        while start > floor and text[start - 1] in _SEPARATORS:
            start -= 1


def _words_after(text: str, position: int, limit: int) -> int:
    """End of the non-space run starting at ``position``, with ``_CONTEXT_WORDS`` words after it."""
    ceiling = min(limit, position + _WINDOW)
    end = position
    words = 0
    while True:
        while end < ceiling and text[end] not in _SEPARATORS:
            end += 1
        if words == _CONTEXT_WORDS:
            return end
        words += 1
        while end < ceiling and text[end] in _SEPARATORS:
            end += 1


def _as_replacements(before: str, runs: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Each run as a replacement: a run that only deletes ("Ã‚Â" of "Ã‚Â©" -> "©", the diff
    keeping the shared "©") takes in the character after it (or before it), so the finding
    shows the broken text and what it reads, and the fix replaces text rather than deleting a
    word-like run (the fix guard counts deleted words as prose taken)."""
    out: list[tuple[int, int, str]] = []
    for index, (start, end, replacement) in enumerate(runs):
        widened = (start, end, replacement)
        if not replacement:
            next_start = runs[index + 1][0] if index + 1 < len(runs) else len(before)
            if end < next_start and not before[end].isspace():
                widened = (start, end + 1, before[end])
            elif start > (out[-1][1] if out else 0) and not before[start - 1].isspace():
                widened = (start - 1, end, before[start - 1])
        out.append(widened)
    return out


def line_bounds(document: Document, offset: int) -> tuple[int, int]:
    """Start and end (line break excluded) of the line holding ``offset``."""
    starts = document.line_starts
    index = bisect_right(starts, offset) - 1
    text = document.text
    if index + 1 >= len(starts):
        return starts[index], len(text)
    end = starts[index + 1] - 1
    if text[end] == "\n" and end > starts[index] and text[end - 1] == "\r":
        end -= 1
    return starts[index], end


def _changed_runs(before: str, after: str) -> Iterator[tuple[int, int, str]]:
    """Maximal changed runs between two versions of a segment: (start, end, replacement).

    Long segments are aligned by runs of ASCII and non-ASCII characters first: repairs only
    touch non-ASCII runs, and a character-level diff of a whole long line is quadratic.
    """
    if len(before) + len(after) <= _CHAR_DIFF_LIMIT:
        yield from _char_runs(before, after)
        return
    tokens_a, tokens_b = _TOKEN.findall(before), _TOKEN.findall(after)
    offset_a = [0, *accumulate(len(t) for t in tokens_a)]
    offset_b = [0, *accumulate(len(t) for t in tokens_b)]
    for i1, i2, j1, j2 in _changed_tokens(tokens_a, tokens_b):
        a_start, b_start = offset_a[i1], offset_b[j1]
        for start, end, replacement in _char_runs(
            before[a_start : offset_a[i2]], after[b_start : offset_b[j2]]
        ):
            yield a_start + start, a_start + end, replacement


def _changed_tokens(a: list[str], b: list[str]) -> Iterator[tuple[int, int, int, int]]:
    """Index ranges of the token groups that differ, as in SequenceMatcher's opcodes."""
    if len(a) == len(b) and all(
        x == y or not (x.isascii() or y.isascii()) for x, y in zip(a, b, strict=True)
    ):
        # The usual repair: the same ASCII runs, some non-ASCII runs replaced one for one.
        for index, (x, y) in enumerate(zip(a, b, strict=True)):
            if x != y:
                yield index, index + 1, index, index + 1
        return
    from difflib import SequenceMatcher

    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            yield i1, i2, j1, j2


def _common_prefix(a: str, b: str, limit: int) -> int:
    """Length of the common prefix of ``a`` and ``b`` (at most ``limit``), found by halving
    with slice comparisons, which run in C, rather than one character at a time."""
    low, high = 0, limit
    while low < high:
        middle = (low + high + 1) // 2
        if a.startswith(b[low:middle], low):
            low = middle
        else:
            high = middle - 1
    return low


def _char_runs(before: str, after: str) -> Iterator[tuple[int, int, str]]:
    limit = min(len(before), len(after))
    prefix = _common_prefix(before, after, limit)
    suffix = _common_prefix(before[::-1], after[::-1], limit - prefix)
    a, b = before[prefix : len(before) - suffix], after[prefix : len(after) - suffix]
    if not a or not b or set(a).isdisjoint(b):
        # Nothing in common: one replacement, as SequenceMatcher would say, without it.
        if a or b:
            yield prefix, prefix + len(a), b
        return
    from difflib import SequenceMatcher  # imported with the first repair that needs it

    run: list[int] | None = None
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            # Repairs touch non-ASCII runs: a non-ASCII character the two share between two
            # changes is a coincidence ("\x99\x91â€™" -> "™‘’" shares "™"), and the repair
            # is one replacement, not a deletion and an insertion.
            if run is not None and any(char.isascii() for char in a[i1:i2]):
                yield prefix + run[0], prefix + run[1], b[run[2] : run[3]]
                run = None
            continue
        if run is None:
            run = [i1, i2, j1, j2]
        else:
            run[1], run[3] = i2, j2
    if run is not None:
        yield prefix + run[0], prefix + run[1], b[run[2] : run[3]]
