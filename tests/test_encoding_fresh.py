"""The encoding check on fresh real passages (tests/fixtures/encoding-fresh, sources in its
SOURCE.md, labels written before the check ran): what a user sees on real mojibake and on
real text that only looks risky."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from lint import fix_text, lint_text

FRESH = Path(__file__).parent / "fixtures" / "encoding-fresh"
LABELS: dict[str, dict[str, Any]] = json.loads((FRESH / "labels.json").read_text(encoding="utf-8"))[
    "files"
]
# Labelled mojibake the check leaves as it is, each for a reason docs/checks/encoding.md gives:
# ftfy declines it beside correct text of the same script (m30, m51), it was mangled past
# repair (m55), or it is not UTF-8 read as a code page ftfy knows (m28, m56, m67, m68).
LEFT_AS_IS = {"m28.txt", "m30.txt", "m51.txt", "m55.txt", "m56.txt", "m67.txt", "m68.txt"}
PARTLY = {"m29.txt"}  # lost characters stay as U+FFFD: see the last test


def _read(name: str) -> str:
    return (FRESH / name).read_text(encoding="utf-8")


def _findings(name: str) -> list[tuple[int, int, str, bool]]:
    found = lint_text(_read(name), path=name, select=["encoding"]).findings
    return [(f.start, f.end, f.message, f.fix is not None) for f in found]


def _fixed(name: str) -> str:
    return fix_text(_read(name), path=name, select=["encoding"]).text


def _labelled(name: str, keep_lossy: bool) -> str:
    text = _read(name)
    for span in LABELS[name]["spans"]:
        fix = span["fix"]
        if fix is not None and not (keep_lossy and span.get("lossy")):
            text = text.replace(span["text"], fix)
    return text


@pytest.mark.parametrize("name", sorted(n for n, v in LABELS.items() if v["kind"] == "clean"))
def test_real_text_that_only_looks_risky_gets_no_finding(name: str) -> None:
    assert _findings(name) == []
    assert _fixed(name) == _read(name)


@pytest.mark.parametrize(
    "name",
    sorted(
        n for n, v in LABELS.items() if v["kind"] == "mojibake" and n not in LEFT_AS_IS | PARTLY
    ),
)
def test_real_mojibake_is_fixed_to_its_label(name: str) -> None:
    # A span whose last byte was dropped before publication may be reported without a fix.
    assert _fixed(name) in {_labelled(name, keep_lossy=False), _labelled(name, keep_lossy=True)}


def test_double_encoded_copyright_is_one_replacement_the_guard_lets_through() -> None:
    # "Ã‚Â©" was a deletion of "Ã‚Â" beside the kept "©": the fix guard counted the deleted
    # run as prose taken (40% of this short line) and refused it.
    assert _findings("m58.txt")[:2] == [
        (0, 4, 'mojibake "Ã‚Â©" → "©" (UTF-8 read as Windows-1252)', True),
        (19, 23, 'mojibake "Ã‚Â·" → "·" (UTF-8 read as Windows-1252)', True),
    ]
    assert _fixed("m58.txt") == "© 2026 AgroLink · Farm to market, directly & transparently 🌾\n"


def test_text_encoded_twice_is_repaired_twice_on_a_mixed_line() -> None:
    # Alone, "nÃ¡Â»â„¢i" looks done after one round ("ná»™i"); the line took two.
    assert _fixed("m39.txt") == "// Header nội dung + ép tải\n"


def test_an_emoji_cut_short_is_reported_and_the_mojibake_after_it_repaired() -> None:
    # "ðŸŒ" lost its last byte (0x8D or 0x90); ftfy would read the space after it as byte
    # 0xA0 and write 🌠, eating the space. The emoji is reported; "æµ‹è¯•" is repaired.
    assert _findings("m23.txt") == [
        (44, 50, 'mojibake "ä¸–ç•Œ" → "世界" (UTF-8 read as Windows-1252)', True),
        (
            51,
            55,
            'mojibake "ðŸŒ ": a character whose last byte was lost (read with the space after it'
            ' as that byte, it would be "🌠"); restore it from the source',
            False,
        ),
        (55, 61, 'mojibake "æµ‹è¯•" → "测试" (UTF-8 read as Windows-1252)', True),
    ]
    assert _fixed("m23.txt") == 'bool hasUnicode = responseContent.Contains("世界 ðŸŒ 测试");\n'


def test_a_closing_quote_cut_short_at_the_end_of_a_line_is_reported() -> None:
    assert _findings("m05.txt")[-1] == (
        100,
        102,
        'mojibake "â€": a character (most often ”) whose last byte was lost; fix it by hand',
        False,
    )
    assert _fixed("m05.txt").endswith("“Let’s build something useful.â€\n")


def test_a_lost_character_is_left_as_its_replacement_character() -> None:
    # ftfy shortens "Ñ" + "�" (a lead byte whose continuation was lost) to "�".
    assert _fixed("m29.txt") == "'ru': 'У ва� е�ть проблемы � дыханием?'\n"
