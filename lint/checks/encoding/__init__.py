"""encoding: mojibake, lost characters, undecodable files, invisible controls, stray entities.

Mojibake is UTF-8 read as Windows-1252 or Latin-1 ("â€”" for "—", "ðŸ‘‰" for "👉"). A cheap
pattern finds the lead-byte/continuation-byte pairs such text always contains; only the
segments around them go to ftfy, configured to repair encoding and nothing else, so clean
text (curly quotes, accents, CJK, emoji) is never touched and ftfy is rarely imported.
"""

from __future__ import annotations

import sys
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator
from typing import Any, ClassVar

from lint import scan
from lint.checks import Options, StateCache
from lint.checks.encoding.mojibake import (
    SUSPECT,
    cut_quotes,
    line_bounds,
    repairs,
    space_read_as_last_byte,
)
from lint.checks.encoding.rules import RULES
from lint.document import HTML_ENTITY, Document
from lint.finding import Edit, Finding, Fix, Rule
from lint.scan import Pattern
from lint.speed import regexcache

ID = "encoding"

REPLACEMENT = Pattern("replacement", "\ufffd+", 0)
CONTROL = Pattern(
    "control",
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]+",
    0,
)
ENTITY = Pattern("entity", HTML_ENTITY, 0)
# Found in the document's one scan (lint.scan), with the other checks' patterns.
PATTERNS = (SUSPECT, CONTROL, REPLACEMENT, ENTITY)
_RTL = regexcache.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_BIDI = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


class _State:
    def __init__(self, options: Options) -> None:
        allowed = set()
        for item in options["allow-control-chars"]:
            text = str(item).upper()
            allowed.add(chr(int(text[2:], 16)) if text.startswith("U+") else str(item))
        self.allowed_controls = frozenset(allowed)
        self.entities_in_markdown = bool(options["entities-in-markdown"])


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

    def patterns(self, options: Options) -> tuple[Pattern, ...]:
        return PATTERNS

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

    def _mojibake(self, document: Document) -> Iterator[Finding]:
        found = [
            self._mojibake_finding(start, end, document.text[start:end], replacement, how)
            for start, end, replacement, how in repairs(document)
        ]
        for start, end in cut_quotes(document, [(f.start, f.end) for f in found]):
            message = (
                'mojibake "â€": a character (most often ”) whose last byte was lost; fix it by hand'
            )
            found.append(Finding(ID, "mojibake", start, end, message))
        yield from sorted(found, key=lambda finding: finding.start)

    @staticmethod
    def _mojibake_finding(start: int, end: int, broken: str, repair: str, how: str) -> Finding:
        if broken.count("\ufffd") > repair.count("\ufffd"):
            # A U+FFFD read as some byte: a guess. ftfy shortening the rest of a lost character
            # to its U+FFFD ("â€�" -> "�") is not one, and is fixed.
            message = f"mojibake {_quote(broken)}: the original character was lost; restore it from the source"
            return Finding(ID, "mojibake", start, end, message)
        if repair in {"\u2020", "\u2021"} and broken.endswith(" "):
            # "â€ " is more often a closing quote whose last byte was dropped than a dagger.
            message = (
                f"mojibake {_quote(broken)}: probably ” with its last byte lost; fix it by hand"
            )
            return Finding(ID, "mojibake", start, end, message)
        if space_read_as_last_byte(broken, repair):
            message = (
                f"mojibake {_quote(broken)}: a character whose last byte was lost (read with the"
                f" space after it as that byte, it would be {_quote(repair)}); restore it from the source"
            )
            return Finding(ID, "mojibake", start, end, message)
        message = f"mojibake {_quote(broken)} → {_quote(repair)}{how}"
        return Finding(ID, "mojibake", start, end, message, fix=Fix((Edit(start, end, repair),)))

    # --- lost characters, controls, entities -----------------------------------------

    def _replacement(self, document: Document, covered: list[tuple[int, int]]) -> Iterator[Finding]:
        if "\ufffd" not in document.text:
            return
        for start, end in scan.matches(document, (REPLACEMENT,))[REPLACEMENT.name]:
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
        for match_start, end in scan.matches(document, (CONTROL,))[CONTROL.name]:
            # A run may begin with a C1 control that a mojibake repair takes ("\x83" -> "ƒ"):
            # the controls after it are still this check's, now as on the next pass.
            start = match_start
            while start < end and _inside(start, covered):
                start += 1
            if start == end or document.in_code(start):
                continue
            found = text[start:end]
            run = [c for c in found if c not in state.allowed_controls]
            if not run or self._needed_by_script(document, start, end, found):
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
                            "".join(c for c in found if c in state.allowed_controls),
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
            line_start, line_end = line_bounds(document, start)
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
        import html  # only plain text with an ampersand needs it
        from html.entities import html5

        for start, end in scan.matches(document, (ENTITY,))[ENTITY.name]:
            entity = text[start:end]
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


def _inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``offset`` is in one of ``spans`` (sorted, non-overlapping)."""
    index = bisect_right(spans, (offset, sys.maxsize)) - 1
    return index >= 0 and offset < spans[index][1]
