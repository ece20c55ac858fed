"""ftfy's repair of a piece of text, taken step by step with ftfy's own parts.

``fix_and_explain(text)`` is ``ftfy.fix_and_explain(text, config)`` for the configuration
the encoding check uses (``mojibake._ftfy_config``): the same steps in the same order, with
ftfy's own tests, codecs and fixers, so ftfy stays the authority on what a repair is. Four
things make it several times faster on the long lines that reach it:

- the strict codec round trip comes first: text that is UTF-8 read as Latin-1 or
  Windows-1252 is encoded back and decoded as UTF-8, which is ftfy's first repair;
- ftfy's test for mojibake (``is_bad``: one large pattern, tried at every position) is
  searched only around non-ASCII characters, which every one of its matches holds
  (``lint.speed.prefilter.non_ascii_width`` checks that from the pattern itself);
- ftfy's search for runs of what looks like UTF-8 (``UTF8_DETECTOR_RE``) is tried only
  where such a run can start (``lint.speed.prefilter.finditer``);
- a step ftfy takes again on text it has already seen (its confirming passes) is looked up,
  not computed again: each step is a function of its input alone.

It is used only with the ftfy release it follows (``FOLLOWS``); with any other, ftfy itself
runs. ``tests/test_encoding_speed.py`` checks the two give the same text and explanation.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from lint.speed import prefilter

FOLLOWS = ("6.3.1",)
# What the steps below assume of the configuration (see mojibake._ftfy_config).
ASSUMED_CONFIG = {
    "unescape_html": False,
    "remove_terminal_escapes": False,
    "fix_encoding": True,
    "restore_byte_a0": True,
    "replace_lossy_sequences": True,
    "decode_inconsistent_utf8": True,
    "fix_c1_controls": True,
    "fix_latin_ligatures": False,
    "fix_character_width": False,
    "uncurl_quotes": False,
    "fix_line_breaks": False,
    "fix_surrogates": True,
    "remove_control_chars": False,
    "normalization": None,
}

Step = tuple[str, str]
# Every sequence ftfy's replace_lossy_sequences replaces (its LOSSY_UTF8_RE) holds byte 0x1A,
# or a "?" at most three bytes after a UTF-8 lead byte: without either it changes nothing.
_LOSSY_QUESTION_MARK = re.compile(rb"[\xc2-\xf4][\x00-\xff]{0,2}\?")


def _may_be_lossy(data: bytes) -> bool:
    return b"\x1a" in data or _LOSSY_QUESTION_MARK.search(data) is not None


@cache
def available() -> bool:
    """Whether the installed ftfy is the release these steps follow."""
    import ftfy
    from ftfy import badness

    pattern = badness.BADNESS_RE
    return ftfy.__version__ in FOLLOWS and bool(
        prefilter.non_ascii_width(pattern.pattern, pattern.flags)
    )


class _Repair:
    """One call of ``fix_and_explain``, with the steps it has already taken."""

    def __init__(self) -> None:
        from ftfy import badness, chardata, fixes

        self.chardata, self.fixes = chardata, fixes
        pattern = badness.BADNESS_RE
        self.badness = pattern
        self.badness_width = prefilter.non_ascii_width(pattern.pattern, pattern.flags) or 0
        self.steps_taken: dict[str, tuple[str, list[Step]]] = {}

    def is_bad(self, text: str) -> bool:
        """``ftfy.badness.is_bad``."""
        return prefilter.search_near_non_ascii(self.badness, self.badness_width, text)

    def fix_and_explain(self, text: str) -> tuple[str, list[Step]]:
        """``ftfy.fix_and_explain`` with the assumed configuration."""
        steps: list[Step] = []
        fixes = self.fixes
        while True:
            original = text
            text, encoding_steps = self.fix_encoding_and_explain(text)
            steps.extend(encoding_steps)
            for name, fixer in (
                ("fix_c1_controls", fixes.fix_c1_controls),
                ("fix_surrogates", fixes.fix_surrogates),
            ):
                fixed = fixer(text)
                if fixed != text:
                    steps.append(("apply", name))
                text = fixed
            if text == original:
                return text, steps

    def fix_encoding_and_explain(self, text: str) -> tuple[str, list[Step]]:
        plan_so_far: list[Step] = []
        while True:
            previous = text
            text, plan = self.one_step(text)
            plan_so_far.extend(plan)
            if text == previous:
                return text, plan_so_far

    def one_step(self, text: str) -> tuple[str, list[Step]]:
        found = self.steps_taken.get(text)
        if found is None:
            found = self.steps_taken[text] = self._one_step(text)
        return found[0], list(found[1])

    def _one_step(self, text: str) -> tuple[str, list[Step]]:
        """ftfy's ``_fix_encoding_one_step_and_explain``."""
        chardata, fixes = self.chardata, self.fixes
        if not text or chardata.possible_encoding(text, "ascii") or not self.is_bad(text):
            return text, []
        possible: list[str] = []
        decoded = self._round_trip(text, possible)
        if decoded is not None:
            return decoded
        runs = list(prefilter.finditer(chardata.UTF8_DETECTOR_RE, text))
        if runs:
            fixed = self._decode_inconsistent_utf8(text, runs)
            if fixed != text:
                return fixed, [("apply", "decode_inconsistent_utf8")]
        if "latin-1" in possible:
            if "windows-1252" in possible:
                return text, []
            try:
                fixed = text.encode("latin-1").decode("windows-1252")
            except UnicodeDecodeError:
                pass
            else:
                if fixed != text:
                    return fixed, [("encode", "latin-1"), ("decode", "windows-1252")]
        if chardata.C1_CONTROL_RE.search(text):
            return fixes.fix_c1_controls(text), [("transcode", "fix_c1_controls")]
        return text, []

    def _round_trip(self, text: str, possible: list[str]) -> tuple[str, list[Step]] | None:
        """The strict codec round trip: encoded with each single-byte codec ftfy knows (that
        can encode it), the text decodes as UTF-8. ``possible`` gets the codecs tried."""
        chardata, fixes = self.chardata, self.fixes
        for encoding in chardata.CHARMAP_ENCODINGS:
            if not chardata.possible_encoding(text, encoding):
                continue
            possible.append(encoding)
            data = text.encode(encoding)
            steps: list[Step] = [("encode", encoding)]
            if encoding != "macroman" and chardata.ALTERED_UTF8_RE.search(data):
                replaced = fixes.restore_byte_a0(data)
                if replaced != data:
                    steps.append(("transcode", "restore_byte_a0"))
                    data = replaced
            if encoding.startswith("sloppy") and _may_be_lossy(data):
                replaced = fixes.replace_lossy_sequences(data)
                if replaced != data:
                    steps.append(("transcode", "replace_lossy_sequences"))
                    data = replaced
            decoding = "utf-8-variants" if 0xED in data or 0xC0 in data else "utf-8"
            try:
                return data.decode(decoding), [*steps, ("decode", decoding)]
            except UnicodeDecodeError:
                continue
        return None

    def _decode_inconsistent_utf8(self, text: str, runs: list[Any]) -> str:
        """ftfy's ``decode_inconsistent_utf8``: each run of what looks like UTF-8 (the
        matches of its ``UTF8_DETECTOR_RE``) repaired on its own."""
        out: list[str] = []
        position = 0
        for run in runs:
            piece: str = run.group(0)
            if len(piece) < len(text) and self.is_bad(piece):
                # ftfy.fix_encoding with its default configuration: the same steps as ours.
                piece = self.fix_encoding_and_explain(piece)[0]
            out.append(text[position : run.start()])
            out.append(piece)
            position = run.end()
        out.append(text[position:])
        return "".join(out)


def fix_and_explain(text: str) -> tuple[str, list[Step]]:
    """``ftfy.fix_and_explain(text, config)``: the repaired text and ftfy's explanation."""
    return _Repair().fix_and_explain(text)
