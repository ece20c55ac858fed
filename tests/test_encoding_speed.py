"""encoding's fast paths give ftfy's answers: its repair taken step by step
(lint/checks/encoding/repair.py) gives the text and explanation ftfy.fix_and_explain gives,
and each shortcut inside it answers as the ftfy function it stands for."""

from __future__ import annotations

import json
from pathlib import Path

import ftfy
import pytest
from ftfy import badness, chardata, fixes
from hypothesis import example, given, settings
from hypothesis import strategies as st

from lint import lint_text
from lint.checks.encoding import mojibake, repair
from lint.speed import prefilter

pytestmark = pytest.mark.skipif(not repair.available(), reason="another ftfy release")

CLEAN = ["a", "e", "Z", " ", ".", "'", "?", "é", "è", "à", "ü", "ß", "ñ", "ç", "Å", "€", "—",
         "–", "’", "“", "”", "…", "•", "™", "©", "\u00a0", "½", "ø", "œ", "Ł", "ś", "Ж", "я",
         "中", "👉", "🙂", "\u200b", "\ufffd", "\x81", "\x9d", "\x1a"]  # fmt: skip
CODECS = ["sloppy-windows-1252", "latin-1", "windows-1252", "sloppy-windows-1250", "macroman",
          "cp437", "sloppy-windows-1251"]  # fmt: skip


def _misread(text: str, codec: str) -> str:
    return text.encode("utf-8").decode(codec, errors="replace")


clean_text = st.lists(st.sampled_from(CLEAN), min_size=1, max_size=12).map("".join)
broken = st.builds(_misread, clean_text, st.sampled_from(CODECS))
# Pieces, and lines that mix mojibake with clean text (they reach ftfy whole).
texts = st.one_of(
    broken,
    st.lists(st.one_of(broken, clean_text, st.just(" and more words here ")), max_size=8).map(
        "".join
    ),
    st.lists(
        st.sampled_from([*CLEAN, "Ã", "Â", "â€", "Ã©", "ð", "Ÿ", "\x80", "Ã "]), max_size=16
    ).map("".join),
)


def _ftfy(text: str) -> tuple[str, list[tuple[str, str]]]:
    fixed = ftfy.fix_and_explain(text, config=mojibake._ftfy_config())
    return fixed.text, [tuple(step) for step in fixed.explanation or []]  # type: ignore[misc]


@settings(max_examples=2500, deadline=None)
@given(texts)
@example("itâ€™s")
@example("CafÃ©")
@example("voilÃ le travail")
@example("â€œquotedâ€\ufffd")
@example("Ã\x81")
@example("In 2020â€”a move — which led to this")
def test_the_steps_give_ftfys_repair_and_explanation(text: str) -> None:
    assert repair.fix_and_explain(text) == _ftfy(text)


def test_the_steps_give_ftfys_repair_on_its_own_test_cases() -> None:
    folder = Path(__file__).parent / "external" / "ftfy-test-cases"
    originals = [
        case["original"]
        for path in sorted(folder.glob("*.json"))
        for case in json.loads(path.read_text(encoding="utf-8"))
    ]
    assert len(originals) > 100
    assert [repair.fix_and_explain(t) for t in originals] == [_ftfy(t) for t in originals]


@settings(max_examples=1000, deadline=None)
@given(texts)
def test_is_bad_searched_near_non_ascii_is_ftfys_is_bad(text: str) -> None:
    pattern = badness.BADNESS_RE
    width = prefilter.non_ascii_width(pattern.pattern, pattern.flags)
    assert width is not None
    padded = f"plain words {text} and more plain words"
    for candidate in (text, padded):
        assert prefilter.search_near_non_ascii(pattern, width, candidate) == badness.is_bad(
            candidate
        )


@settings(max_examples=1000, deadline=None)
@given(texts)
def test_runs_of_utf8_lookalikes_are_found_as_ftfy_finds_them(text: str) -> None:
    pattern = chardata.UTF8_DETECTOR_RE
    found = [m.span() for m in prefilter.finditer(pattern, text)]
    assert found == [m.span() for m in pattern.finditer(text)]


BYTES = [b"\xc2", b"\xc3", b"\xe2", b"\xed", b"\xf0", b"\x80", b"\xa0", b"\xb0", b"?", b"\x1a",
         b"a", b" "]  # fmt: skip


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(BYTES), max_size=12).map(b"".join))
def test_lossy_sequences_need_a_substitute_byte_or_a_question_mark(data: bytes) -> None:
    if not repair._may_be_lossy(data):
        assert fixes.replace_lossy_sequences(data) == data


def test_the_steps_assume_the_configuration_in_use() -> None:
    config = mojibake._ftfy_config()
    assert {key: getattr(config, key) for key in repair.ASSUMED_CONFIG} == repair.ASSUMED_CONFIG
    # Every option but ``explain`` is one the steps follow.
    assert set(repair.ASSUMED_CONFIG) == set(config._fields) - {"explain", "max_decode_length"}


def test_a_line_of_mojibake_is_reported_word_by_word() -> None:
    text = "Itâ€™s the cafÃ© â€” open â€œdailyâ€\x9d.\n"
    found = [(f.rule, text[f.start : f.end], f.message) for f in lint_text(text).findings]
    assert found == [
        ("mojibake", "â€™", 'mojibake "â€™" → "’" (UTF-8 read as Windows-1252)'),
        ("mojibake", "Ã©", 'mojibake "Ã©" → "é" (UTF-8 read as Windows-1252)'),
        ("mojibake", "â€”", 'mojibake "â€”" → "—" (UTF-8 read as Windows-1252)'),
        ("mojibake", "â€œ", 'mojibake "â€œ" → "“" (UTF-8 read as Windows-1252)'),
        ("mojibake", "â€\x9d", 'mojibake "â€U+009D" → "”" (UTF-8 read as Windows-1252)'),
    ]
