"""encoding: mojibake, lost characters, undecodable files, invisible controls, stray entities.

Mojibake is UTF-8 read as Windows-1252 or Latin-1 ("â€”" for "—", "ðŸ‘‰" for "👉"). A cheap
pattern finds the lead-byte/continuation-byte pairs such text always contains; only the
segments around them go to ftfy, configured to repair encoding and nothing else, so clean
text (curly quotes, accents, CJK, emoji) is never touched and ftfy is rarely imported.
"""

from __future__ import annotations

import html
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator
from difflib import SequenceMatcher
from html.entities import html5
from itertools import accumulate
from typing import Any, ClassVar

from lint.checks import Options, StateCache
from lint.document import Document
from lint.finding import Edit, Finding, Fix, Rule, Severity
from lint.speed import regexcache

ID = "encoding"

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
SUSPECT = regexcache.compile(
    f"[\u00c2-\u00f4{_CP1250_LEAD}][{_CP1252_CONT}{_CP1250_CONT}]"  # Windows-1252/1250, Latin-1
    "|(?<=\\S)[\u00c2\u00c3] "  # a no-break space (0xA0) that became a plain space, mid-word
    f"|[¬√ƒ≈∆][{_MACROMAN_CONT}]|‚Ä"  # MacRoman
    f"|[РСв][{_CP1251_CONT}]"  # Windows-1251
    f"|[╨╤├][{_CP437_CONT}]"  # code page 437
    "|[\u0080-\u009f]"  # a C1 control: a Windows-1252 byte read as Latin-1
)
# Every alternative of SUSPECT starts with one of these characters. A class of single
# characters scans ~20x faster than SUSPECT's alternation, and clean text has few of them.
_SUSPECT_FIRST = regexcache.compile(f"[\u00c2-\u00f4{_CP1250_LEAD}¬√ƒ≈∆‚РСв╨╤├\u0080-\u009f]")
REPLACEMENT = regexcache.compile("\ufffd+")
CONTROL = regexcache.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]+"
)
ENTITY = regexcache.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_RTL = regexcache.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_BIDI = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_NON_ASCII = regexcache.compile("[^\x00-\x7f]")
_TOKEN = regexcache.compile(r"[\x00-\x7f]+|[^\x00-\x7f]+")
_CHAR_DIFF_LIMIT = 400  # characters in both versions: below it, diff character by character
_MAX_OFFSET = 1 << 62
_WINDOW = 300  # characters of context around a suspect pair on a very long line
_MAX_LINE = 2000
_CONTEXT_WORDS = 1  # words of context either side of a suspect pair
_SEPARATORS = frozenset(" \t")

RULES = (
    Rule(
        "mojibake",
        Severity.WARNING,
        "Text decoded with the wrong encoding (mojibake), such as â€” for —.",
        "UTF-8 text that was decoded as Windows-1252 or Latin-1 turns every non-ASCII character "
        "into two to four wrong ones: â€™ for ’, Ã© for é, ðŸ‘‰ for 👉. Readers see garbage, "
        "search engines index it, and it spreads when the text is copied again. The fix re-encodes "
        "each broken run exactly (with ftfy restricted to encoding repair) and leaves every other "
        "character alone: curly quotes, accents, CJK text and emoji that are already right are never "
        "changed. A run whose original character was lost (â€ followed by U+FFFD) is reported "
        "without a fix, since the repair would have to guess.",
        "It was a revolutionary moveâ€”one that ðŸ‘‰ changed trading.",
        "safe",
    ),
    Rule(
        "replacement-char",
        Severity.WARNING,
        "U+FFFD REPLACEMENT CHARACTER: a character was lost in an earlier conversion.",
        "The character � is what a decoder writes when it meets bytes it cannot read. The original "
        "character is gone; only the source can restore it, so this is reported, never fixed.",
        "The caf� on the corner.",
    ),
    Rule(
        "invalid-utf8",
        Severity.ERROR,
        "The file is not valid UTF-8; it is reported, never rewritten.",
        "contentlint reads files as UTF-8 (or UTF-16 with a byte-order mark). A file in another "
        "encoding (Windows-1252, Latin-1, Shift-JIS ...) is reported with the offset of the first "
        "byte that is not UTF-8 and the encoding it most likely is; convert it to UTF-8 (for example "
        "`iconv -f cp1252 -t utf-8`). It is never rewritten, and no other check runs on it.",
        "caf\\xe9 (a Latin-1 byte)",
    ),
    Rule(
        "control-char",
        Severity.WARNING,
        "An invisible control, zero-width or bidirectional-override character inside prose.",
        "C0 and C1 control characters, zero-width spaces and joiners, and bidirectional embedding, "
        "override and isolate characters are invisible but change how text is searched, copied, "
        "wrapped and displayed; bidi overrides can make text read differently from what it is. They "
        "are left alone where the script needs them: left-to-right and right-to-left marks and bidi "
        "controls on lines with Hebrew or Arabic text, zero-width non-joiners between letters of "
        "scripts that use them, and the zero-width joiner in emoji sequences (configurable). "
        "Removing them is an unsafe fix (--unsafe-fixes).",
        "Pay\u200bPal (a zero-width space between the halves)",
        "unsafe",
    ),
    Rule(
        "html-entity",
        Severity.WARNING,
        "An HTML entity such as &amp; or &#8217; left in plain text.",
        "In a plain-text file an entity is not markup: readers see the literal &amp; or &#8217;. "
        "It is a leftover of copying from HTML. The fix writes the character it stands for. "
        "Markdown and HTML files are left alone, since entities are legal there "
        "(entities-in-markdown turns the Markdown check on).",
        "Terms &amp; conditions apply; it&#8217;s free.",
        "safe",
    ),
)


class _State:
    def __init__(self, options: Options) -> None:
        allowed = set()
        for item in options["allow-control-chars"]:
            text = str(item).upper()
            allowed.add(chr(int(text[2:], 16)) if text.startswith("U+") else str(item))
        self.allowed_controls = frozenset(allowed)
        self.entities_in_markdown = bool(options["entities-in-markdown"])


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


def _quote(text: str) -> str:
    shown = "".join(
        f"U+{ord(c):04X}" if unicodedata.category(c) in {"Cc", "Cf"} else c for c in text
    )
    return f'"{shown}"'


class EncodingCheck:
    id: ClassVar[str] = ID
    summary: ClassVar[str] = (
        "Broken encoding: mojibake, lost characters, invisible controls, stray entities."
    )
    rules: ClassVar[tuple[Rule, ...]] = RULES
    default_options: ClassVar[dict[str, Any]] = {}

    def __init__(self) -> None:
        self._state = StateCache(_State)
        self._fixer_config: Any = None

    def check(self, document: Document, options: Options) -> Iterator[Finding]:
        error = document.decode_error
        if error is not None:
            yield Finding(
                ID,
                "invalid-utf8",
                error.char_offset,
                min(error.char_offset + 1, len(document.text)),
                f"file is not valid UTF-8: byte 0x{error.byte:02X} at offset {error.byte_offset}; "
                f"it looks like {error.likely} (convert it to UTF-8; it is never rewritten)",
            )
            return
        text = document.text
        if text.isascii():
            # ASCII text cannot hold mojibake, U+FFFD or the other controls; only C0 and entities.
            yield from self._ascii(document, self._state.get(options))
            return
        state = self._state.get(options)
        mojibake = list(self._mojibake(document))
        yield from mojibake
        covered = [(f.start, f.end) for f in mojibake]
        yield from self._replacement(document, covered)
        yield from self._controls(document, state, covered)
        yield from self._entities(document, state)

    def _ascii(self, document: Document, state: _State) -> Iterator[Finding]:
        yield from self._controls(document, state, [])
        yield from self._entities(document, state)

    # --- mojibake -------------------------------------------------------------------

    def _segments(self, document: Document) -> Iterator[tuple[int, int]]:
        """Line-sized pieces of prose that contain a suspect pair; long lines are windowed."""
        text = document.text
        last_end = -1
        for match_start, match_end in suspects(text):
            if match_start < last_end or document.in_code(match_start):
                continue
            start, end = _line_bounds(document, match_start)
            if end - start > _MAX_LINE:
                start = max(start, text.rfind(" ", start, max(start, match_start - _WINDOW)) + 1)
                space = text.find(" ", min(end, match_end + _WINDOW), end)
                end = end if space < 0 else space
            last_end = end
            yield start, end

    def _mojibake(self, document: Document) -> Iterator[Finding]:
        segments = list(self._segments(document))
        if not segments:
            return
        import ftfy

        if self._fixer_config is None:
            self._fixer_config = _ftfy_config()
        config = self._fixer_config
        text = document.text
        for start, end in segments:
            # Most segments are repaired word by word: ftfy only sees the words around each
            # suspect pair. When a non-ASCII character is left unchanged (outside the pieces
            # or inside them), the whole segment goes to ftfy, whose guess can depend on the
            # rest of the line: the result is then exactly that of the whole segment.
            pieces = _pieces(text, start, end)
            runs = None if pieces is None else _repair_pieces(text, pieces, ftfy, config)
            if runs is None:
                runs = _repair(text, start, end, ftfy, config)
            for run_start, run_end, replacement, how in runs:
                if document.overlaps_code(run_start, run_end):
                    continue
                yield self._mojibake_finding(
                    run_start, run_end, text[run_start:run_end], replacement, how
                )

    @staticmethod
    def _mojibake_finding(start: int, end: int, broken: str, repair: str, how: str) -> Finding:
        if "\ufffd" in broken:
            message = f"mojibake {_quote(broken)}: the original character was lost; restore it from the source"
            return Finding(ID, "mojibake", start, end, message)
        if repair in {"\u2020", "\u2021"} and broken.endswith(" "):
            # "â€ " is more often a closing quote whose last byte was dropped than a dagger.
            message = (
                f"mojibake {_quote(broken)}: probably ” with its last byte lost; fix it by hand"
            )
            return Finding(ID, "mojibake", start, end, message)
        message = f"mojibake {_quote(broken)} → {_quote(repair)}{how}"
        return Finding(ID, "mojibake", start, end, message, fix=Fix((Edit(start, end, repair),)))

    # --- lost characters, controls, entities -----------------------------------------

    def _replacement(self, document: Document, covered: list[tuple[int, int]]) -> Iterator[Finding]:
        if "\ufffd" not in document.text:
            return
        for match in REPLACEMENT.finditer(document.text):
            start, end = match.span()
            if document.in_code(start) or _inside(start, covered):
                continue
            count = end - start
            what = "a character was" if count == 1 else f"{count} characters were"
            yield Finding(
                ID,
                "replacement-char",
                start,
                end,
                f"replacement character U+FFFD: {what} lost in an earlier conversion; restore from the source",
            )

    def _controls(
        self, document: Document, state: _State, covered: list[tuple[int, int]]
    ) -> Iterator[Finding]:
        text = document.text
        for match in CONTROL.finditer(text):
            start, end = match.span()
            if document.in_code(start) or _inside(start, covered):
                continue
            run = [c for c in match.group() if c not in state.allowed_controls]
            if not run or self._needed_by_script(document, start, end, match.group()):
                continue
            names = ", ".join(
                dict.fromkeys(f"U+{ord(c):04X} {unicodedata.name(c, 'CONTROL')}" for c in run)
            )
            plural = "characters" if len(run) > 1 else "character"
            yield Finding(
                ID,
                "control-char",
                start,
                end,
                f"invisible {plural} {names}",
                fix=Fix(
                    (
                        Edit(
                            start,
                            end,
                            "".join(c for c in match.group() if c in state.allowed_controls),
                        ),
                    ),
                    safe=False,
                ),
            )

    @staticmethod
    def _needed_by_script(document: Document, start: int, end: int, run: str) -> bool:
        """Bidi marks on right-to-left lines and ZWNJ between non-Latin letters are content."""
        text = document.text
        if all(c in _BIDI for c in run):
            line_start, line_end = _line_bounds(document, start)
            return _RTL.search(text, line_start, line_end) is not None
        if run == "\u200c" and start > 0 and end < len(text):
            before, after = text[start - 1], text[end]
            return all(
                c.isalpha() and not unicodedata.name(c, "LATIN").startswith("LATIN")
                for c in (before, after)
            )
        return False

    def _entities(self, document: Document, state: _State) -> Iterator[Finding]:
        if document.markup == "html" or (
            document.markup == "markdown" and not state.entities_in_markdown
        ):
            return
        text = document.text
        if "&" not in text:
            return
        for match in ENTITY.finditer(text):
            entity = match.group()
            start, end = match.span()
            if document.in_code(start):
                continue
            if not entity.startswith("&#") and entity[1:] not in html5:
                continue
            character = html.unescape(entity)
            if character == entity:
                continue
            if any(unicodedata.category(c) in {"Cc", "Cs", "Co", "Cn"} for c in character):
                yield Finding(ID, "html-entity", start, end, f"HTML entity {entity} in plain text")
                continue
            shown = unicodedata.name(character, "").lower() if character.isspace() else character
            yield Finding(
                ID,
                "html-entity",
                start,
                end,
                f'HTML entity {entity} in plain text; write "{shown}"',
                fix=Fix((Edit(start, end, character),)),
            )


def suspects(text: str) -> Iterator[tuple[int, int]]:
    """The spans of ``SUSPECT.finditer(text)``, tried only where a first character is."""
    last_end = 0
    for first in _SUSPECT_FIRST.finditer(text):
        position = first.start()
        if position < last_end:
            continue
        match = SUSPECT.match(text, position)
        if match:
            last_end = match.end()
            yield position, last_end


_Run = tuple[int, int, str, str]


def _repair(text: str, start: int, end: int, ftfy: Any, config: Any) -> list[_Run]:
    """ftfy's changed runs in ``text[start:end]``, as offsets into ``text`` with the explanation."""
    original = text[start:end]
    fixed = ftfy.fix_and_explain(original, config=config)
    if fixed.text == original:
        return []
    how = _explain(fixed.explanation)
    return [
        (start + a_start, start + a_end, replacement, how)
        for a_start, a_end, replacement in _changed_runs(original, fixed.text)
    ]


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]] | None:
    """The words around each suspect pair in a segment, merged; None when text between them is not ASCII."""
    pieces: list[tuple[int, int]] = []
    for match_start, match_end in suspects(text[start:end]):
        piece_start = _words_before(text, start, start + match_start)
        piece_end = _words_after(text, start + match_end, end)
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


def _repair_pieces(
    text: str, pieces: list[tuple[int, int]], ftfy: Any, config: Any
) -> list[_Run] | None:
    """Runs repaired piece by piece; None when a non-ASCII character is left unchanged or explanations differ."""
    found: list[_Run] = []
    for piece_start, piece_end in pieces:
        runs = _repair(text, piece_start, piece_end, ftfy, config)
        position = piece_start
        for run_start, run_end, _replacement, _how in runs:
            if _NON_ASCII.search(text, position, run_start):
                return None
            position = run_end
        if not runs or _NON_ASCII.search(text, position, piece_end):
            return None
        found.extend(runs)
    # One explanation per segment, as ftfy gives for the whole: pieces that needed different
    # encodings go to ftfy together.
    return found if len({how for *_, how in found}) == 1 else None


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


def _line_bounds(document: Document, offset: int) -> tuple[int, int]:
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


def _inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``offset`` is in one of ``spans`` (sorted, non-overlapping)."""
    index = bisect_right(spans, (offset, _MAX_OFFSET)) - 1
    return index >= 0 and offset < spans[index][1]


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
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            yield i1, i2, j1, j2


def _char_runs(before: str, after: str) -> Iterator[tuple[int, int, str]]:
    prefix = 0
    limit = min(len(before), len(after))
    while prefix < limit and before[prefix] == after[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and before[-1 - suffix] == after[-1 - suffix]:
        suffix += 1
    a, b = before[prefix : len(before) - suffix], after[prefix : len(after) - suffix]
    run: list[int] | None = None
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            if run is not None:
                yield prefix + run[0], prefix + run[1], b[run[2] : run[3]]
                run = None
            continue
        if run is None:
            run = [i1, i2, j1, j2]
        else:
            run[1], run[3] = i2, j2
    if run is not None:
        yield prefix + run[0], prefix + run[1], b[run[2] : run[3]]
