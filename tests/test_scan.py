"""Declared patterns: the fast path (hyperscan, prefilter then re on flagged lines) finds
exactly what re.finditer finds."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint import scan
from lint.document import Document
from lint.scan import Pattern

hyperscan = pytest.importorskip("hyperscan", reason="the fast path needs the hyperscan wheel")

PATTERNS = (
    Pattern("best", r"\bbest\b"),
    Pattern("leading", r"(?<![\w-])world'?s (?:leading|largest)\b"),
    Pattern("share", r"^[ \t]*share (?:on|this)\b", re.IGNORECASE | re.MULTILINE),
    Pattern("figure", r"\b\d{1,3}(?:,\d{3})+\+?(?= users)"),
    Pattern("caf", r"café|naïve", 0),
    Pattern("empty-ok", r"x*"),
    Pattern("emoji", r"👉[ \t]*\w+", 0),
)
WORDS = ["best", "Best", "world's", "leading", "Share", "share this", "1,000,000", "users",
         "café", "CAFÉ", "naïve", "x", "xx", "👉", "go", " ", "\n", "\r\n", "\r", "\t", "-",
         "İ", "ß", "ǅ"]  # fmt: skip


def _both(text: str) -> tuple[dict[str, list[tuple[int, int]]], dict[str, list[tuple[int, int]]]]:
    document = Document(text)
    database = scan._database(PATTERNS)
    assert database is not None
    found = scan._scan_hyperscan(document, PATTERNS, database)
    fast = dict(zip([p.name for p in PATTERNS], found, strict=True))
    slow = {p.name: [m.span() for m in p.compiled.finditer(text)] for p in PATTERNS}
    return fast, slow


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=60))
def test_the_fast_path_finds_what_re_finds(words: list[str]) -> None:
    fast, slow = _both("".join(words))
    assert fast == slow


def test_matches_are_found_once_per_document_and_shared(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONTENTLINT_HYPERSCAN", "1")
    document = Document("The best café.\nShare this: the world's leading app, 1,000,000 users\n")
    scan.prescan(document, [PATTERNS[:3], PATTERNS[2:]])
    assert len(document.scanned) == 2
    assert scan.matches(document, PATTERNS[:3]) == {
        "best": [(4, 8)],
        "leading": [(31, 46)],
        "share": [(15, 25)],
    }
    assert scan.matches(document, PATTERNS[2:])["figure"] == [(52, 61)]


def test_without_hyperscan_the_answer_is_re_finditer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONTENTLINT_HYPERSCAN", "0")
    document = Document("best BEST bests\n")
    assert scan.matches(document, PATTERNS[:1]) == {"best": [(0, 4), (5, 9)]}
