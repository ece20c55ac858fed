"""The seeds end to end for the encoding and html-comment checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from lint import fix_text, lint_text

SEEDS = Path(__file__).parent.parent / "seeds"
SEED_000 = SEEDS / "000_f97d405b5bae933c.txt"
SEED_001 = SEEDS / "001_14df5722e7ff5116.txt"


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def _positions(path: Path, select: str) -> list[tuple[int, int, str, str]]:
    result = lint_text(_read(path), path=path.name, select=[select])
    return [(r["line"], r["column"], r["rule"], r["message"]) for r in result.records()]


def test_every_mojibake_run_in_seed_000_is_found_at_its_column() -> None:
    assert _positions(SEED_000, "encoding") == [
        (9, 1, "mojibake", 'mojibake "ðŸ‘‰" → "👉" (UTF-8 read as Windows-1252)'),
        (19, 363, "mojibake", 'mojibake "â€”" → "—" (UTF-8 read as Windows-1252)'),
        (34, 55, "mojibake", 'mojibake "â€”" → "—" (UTF-8 read as Windows-1252)'),
        (112, 1, "mojibake", 'mojibake "ðŸ‘‰" → "👉" (UTF-8 read as Windows-1252)'),
    ]


def test_fixing_seed_000_repairs_exactly_the_broken_runs() -> None:
    original = _read(SEED_000)
    fixed = fix_text(original, path=SEED_000.name, select=["encoding"]).text
    expected = original.replace("ðŸ‘‰", "👉").replace("â€”", "—")
    assert fixed == expected
    assert "2020—a revolutionary move" in fixed
    assert "currencies—it's about" in fixed


def test_the_four_comments_in_seed_001_are_found() -> None:
    assert _positions(SEED_001, "html-comment") == [
        (5, 7, "comment", "leftover HTML comment <!-- Hero Mobile -->"),
        (7, 7, "comment", "leftover HTML comment <!-- End Hero Mobile -->"),
        (9, 7, "comment", "leftover HTML comment <!-- Banner -->"),
        (11, 7, "comment", "leftover HTML comment <!-- Social Icons -->"),
    ]


def test_fixing_seed_001_removes_the_comment_lines_and_keeps_one_paragraph_break() -> None:
    original = _read(SEED_001)
    fixed = fix_text(original, path=SEED_001.name, select=["html-comment"]).text
    removed = (
        "      <!-- Hero Mobile -->\n\n      <!-- End Hero Mobile -->\n\n"
        "      <!-- Banner -->\n\n      <!-- Social Icons -->\n\n"
    )
    assert removed in original
    assert fixed == original.replace(removed, "", 1)
    assert "Grow’\n\n      Thank you for joining us" in fixed


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_no_encoding_finding_outside_seed_000(seed: Path) -> None:
    if seed == SEED_000:
        return
    assert _positions(seed, "encoding") == []


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_fix_changes_no_byte_outside_the_fixed_spans(seed: Path) -> None:
    original = _read(seed)
    result = lint_text(original, path=seed.name, select=["encoding", "html-comment"])
    fixed = fix_text(original, path=seed.name, select=["encoding", "html-comment"]).text
    # Rebuild the expected text from the findings' own edits: every other byte stays.
    pieces, pos = [], 0
    for finding in result.findings:
        assert finding.fix is not None and finding.fix.safe
        for edit in finding.fix.edits:
            pieces.append(original[pos : edit.start])
            pieces.append(edit.replacement)
            pos = edit.end
    pieces.append(original[pos:])
    assert fixed == "".join(pieces)
    assert fix_text(fixed, path=seed.name, select=["encoding", "html-comment"]).fixed == 0
