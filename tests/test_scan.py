"""Declared patterns: whichever way they are searched (hyperscan flags lines and re confirms
them, or re alone, from every position or only from the rare characters a match starts
with), the spans are exactly those of re.finditer over the whole text."""

from __future__ import annotations

import os
import re
import sys
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint import scan
from lint.document import Document
from lint.scan import Pattern
from lint.speed import prefilter

hyperscan = pytest.importorskip("hyperscan", reason="the fast path needs the hyperscan wheel")

PATTERNS = (
    Pattern("best", r"\bbest\b"),
    Pattern("leading", r"(?<![\w-])world'?s (?:leading|largest)\b"),
    Pattern("share", r"^[ \t]*share (?:on|this)\b", re.IGNORECASE | re.MULTILINE),
    Pattern("figure", r"\b\d{1,3}(?:,\d{3})+\+?(?= users)"),
    Pattern("caf", r"café|naïve", 0),
    Pattern("empty-ok", r"x*"),
    Pattern("emoji", r"👉[ \t]*\w+", 0),
    Pattern("end", r"best$"),
    Pattern("line-end", r"best$", re.MULTILINE),
    Pattern("across", r"world's\s+leading"),
    Pattern("tag", r"<div[^<>]*>"),
    Pattern("dot", r"a.b"),
    Pattern("mojibake", "[\u00c2-\u00f4][\u0080-\u00bf\u20ac\u2122]", 0),
    Pattern("control", "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f]+", 0),
    Pattern("lost", "\ufffd+", 0),
    Pattern("before-break", r"\w(?=\n)"),
    Pattern("after-break", r"(?<=\n)\w+"),
    Pattern("back-reference", r"(\w)\1"),
)
WORDS = ["best", "Best", "world's", "leading", "Share", "share this", "1,000,000", "users",
         "café", "CAFÉ", "naïve", "x", "xx", "👉", "go", " ", "\n", "\r\n", "\r", "\t", "-",
         "<div", ">", "a", "b", "aab", "Ã©", "â€™", "\x00", "\x1c", "\x85", "\u200b", "\ufffd",
         "İ", "ı", "ſ", "K", "ß", "ǅ", "\u2028"]  # fmt: skip


@pytest.fixture
def hyperscan_on(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("hyperscan", reason="the fast path needs the hyperscan wheel")
    monkeypatch.setenv("CONTENTLINT_HYPERSCAN", "1")


def _scanned(
    text: str, patterns: tuple[Pattern, ...], setting: str = "1"
) -> dict[str, list[tuple[int, int]]]:
    with mock.patch.dict(os.environ, {"CONTENTLINT_HYPERSCAN": setting}):
        document = Document(text)
        scan.prescan(document, [patterns])
        return scan.matches(document, patterns)


def _finditer(text: str, patterns: tuple[Pattern, ...]) -> dict[str, list[tuple[int, int]]]:
    return {p.name: [m.span() for m in p.compiled.finditer(text)] for p in patterns}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=60))
def test_hyperscan_finds_what_re_finds(words: list[str]) -> None:
    text = "".join(words)
    assert _scanned(text, PATTERNS) == _finditer(text, PATTERNS)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=60))
def test_re_alone_finds_what_finditer_finds(words: list[str]) -> None:
    text = "".join(words)
    assert _scanned(text, PATTERNS, "0") == _finditer(text, PATTERNS)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=60))
def test_searching_from_rare_first_characters_finds_what_finditer_finds(words: list[str]) -> None:
    text = "".join(words)
    for pattern in PATTERNS:
        found = [m.span() for m in prefilter.finditer(pattern.compiled, text)]
        assert found == [m.span() for m in pattern.compiled.finditer(text)]


# Patterns built from pieces that Python and hyperscan read differently: \s with \x1c,
# case folding (Kelvin sign, long s, dotted I), anchors, lookarounds at line ends.
ATOMS = ["a", "b", "k", "s", "i", "é", "ß", "-", " ", r"\w", r"\W", r"\d", r"\s", r"\S",
         "[a-z]", "[^a-z]", r"[^\n]", ".", "[\u00c0-\u00ff]", "^", "$", r"\b", r"\B", r"\A",
         r"\Z", "(?=a)", "(?!b)", "(?<=a)", "(?<!\\w)", r"(?=\n)", r"(?<=\n)", "(?:a|bk)"]  # fmt: skip
FLAGS = [0, re.IGNORECASE, re.MULTILINE, re.DOTALL, re.IGNORECASE | re.ASCII,
         re.IGNORECASE | re.MULTILINE]  # fmt: skip
TEXT = ["a", "b", "k", "K", "s", "S", "ſ", "i", "İ", "ı", "é", "É", "ß", "ẞ", " ", "-", "\n",
        "\r", "\r\n", "\x1c", "\x85", "\u2028", "1", "٣", "_", "ab", "bk"]  # fmt: skip


@st.composite
def regexes(draw: st.DrawFn) -> str:
    pieces = []
    for atom in draw(st.lists(st.sampled_from(ATOMS), min_size=1, max_size=6)):
        pieces.append(atom + draw(st.sampled_from(["", "", "?", "+", "*", "{1,3}"])))
    return "".join(pieces)


@settings(max_examples=600, deadline=None)
@given(regexes(), st.sampled_from(FLAGS), st.lists(st.sampled_from(TEXT), max_size=40))
def test_any_pattern_finds_what_finditer_finds(regex: str, flags: int, words: list[str]) -> None:
    try:
        pattern = Pattern("p", regex, flags)
        pattern.compiled  # noqa: B018 - a drawn pattern may be invalid (a repeated anchor)
    except re.error:
        return
    text = "".join(words)
    expected = _finditer(text, (pattern,))
    assert _scanned(text, (pattern,)) == expected, pattern.shape.expression
    from_first = [m.span() for m in prefilter.finditer(pattern.compiled, text)]
    assert from_first == expected["p"], pattern.shape.first


def test_what_stays_with_re_and_why() -> None:
    reasons = {p.name: why for p, why in scan.fast_path_refusals(PATTERNS)}
    assert reasons == {
        "empty-ok": "it can match the empty string",
        "across": "it can match a line feed",
        "tag": "it can match a line feed",
        "back-reference": "groupref is not supported",
    }


def test_rare_first_characters_are_searched_from() -> None:
    shapes = {p.name: p.shape for p in PATTERNS}
    assert {name for name, shape in shapes.items() if shape.first is not None} == {
        "emoji",
        "mojibake",
        "control",
        "lost",
    }


def test_the_ascii_fold_partners_are_all_there_are() -> None:
    """Every non-ASCII character re.IGNORECASE matches to an ASCII one, on this interpreter."""
    any_ascii = re.compile("[\x00-\x7f]", re.IGNORECASE)
    found: dict[str, set[int]] = {}
    for code in range(0x80, sys.maxunicode + 1):
        if not 0xD800 <= code <= 0xDFFF and any_ascii.fullmatch(chr(code)):
            for letter in "abcdefghijklmnopqrstuvwxyz":
                if re.fullmatch(letter, chr(code), re.IGNORECASE):
                    found.setdefault(letter, set()).add(code)
    expected = {letter: set(codes) for letter, codes in prefilter.ASCII_FOLD_PARTNERS.items()}
    assert found == expected


def test_matches_are_found_once_per_document_and_shared(hyperscan_on: None) -> None:
    document = Document("The best café.\nShare this: the world's leading app, 1,000,000 users\n")
    scan.prescan(document, [PATTERNS[:3], PATTERNS[2:4]])
    assert scan.matches(document, PATTERNS[:3]) == {
        "best": [(4, 8)],
        "leading": [(31, 46)],
        "share": [(15, 25)],
    }
    assert scan.matches(document, PATTERNS[2:4])["figure"] == [(52, 61)]


def test_a_lone_surrogate_is_left_to_re(hyperscan_on: None) -> None:
    text = "best \ud83d best\n"
    assert _scanned(text, PATTERNS[:1]) == {"best": [(0, 4), (7, 11)]}


def test_without_hyperscan_the_answer_is_re_finditer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONTENTLINT_HYPERSCAN", "0")
    document = Document("best BEST bests\n")
    assert scan.matches(document, PATTERNS[:1]) == {"best": [(0, 4), (5, 9)]}


def test_a_run_that_declares_its_size_scans_fast_from_its_first_long_document(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CONTENTLINT_HYPERSCAN", raising=False)
    monkeypatch.setattr(scan._Seen, "chars", 0)
    monkeypatch.setattr(scan._Seen, "searched", 0)
    plan = scan.Plan([PATTERNS[:2]])
    assert plan.slow > 0
    assert not scan.prefer_hyperscan(5_000, plan)  # a short run: re alone
    scan.expect(5_000_000)  # a corpus run, as the command line declares it
    assert scan.prefer_hyperscan(5_000, plan)
    assert not scan.prefer_hyperscan(500, plan)  # a short document still goes to re
    text = "The best café. " * 400  # scanned by hyperscan now, with the same spans
    document = Document(text)
    scan.prescan(document, [PATTERNS[:1]])
    assert scan.matches(document, PATTERNS[:1]) == {
        "best": [(start, start + 4) for start in range(4, len(text), 15)]
    }


@pytest.mark.parametrize("flags", [0, re.IGNORECASE, re.IGNORECASE | re.ASCII])
def test_literal_masks_are_what_re_matches(flags: int) -> None:
    for code in [*range(128), 0xE9, 0xC9, 0x130, 0x131, 0x17F, 0x212A, 0x3A3]:
        assert prefilter.literal_mask(code, flags) == prefilter._ascii_mask(
            re.escape(chr(code)), flags
        ), chr(code)


@pytest.mark.parametrize(
    ("regex", "starts"),
    [
        (r"#\w+", "#"),
        (r"(?:<<|>>) next", "<>"),
        (r"\d{1,3} shares?", "0123456789"),
        (r"(?:share|send) on", "Ss"),
        ("[\ue000-\uf8ff]+", ""),
    ],
)
def test_first_ascii_is_the_ascii_characters_a_match_starts_with(regex: str, starts: str) -> None:
    mask = prefilter.first_ascii(regex, re.IGNORECASE)
    assert mask == sum(1 << ord(char) for char in starts)


def test_first_ascii_is_unknown_when_a_match_may_start_anywhere() -> None:
    assert prefilter.first_ascii(r"x?y", 0) is None
    assert prefilter.first_ascii(r"(?:a|b?)c", 0) is None
