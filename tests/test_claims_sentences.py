"""The claims check's sentence walk: the sentences around many offsets, taken a unit at a
time, are those found one offset at a time; hits in code are no prose."""

from __future__ import annotations

from pathlib import Path

import pytest

from lint import lint_text
from lint.checks.claims.detect import _outside
from lint.checks.claims.lexicon import load
from lint.checks.claims.sentences import SentenceIndex
from lint.document import Document

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

LAYOUTS = [
    "Our app is free. It is the best app.\nIt runs on e.g. phones. Mr. Smith said so!",
    "| Plan | Price |\n|---|---|\n| Pro | the best value. Ever. |",
    "<p>Our app is free.</p><p>It works. Really.</p>\n\nAfter the tags, plain text.",
    "# The Best App\n\n- world-class support\n- 10,000+ users\n\n> A quote. Another one.",
    "A line that runs on\nwith lower case. Then\nAnother line.\r\nCRLF text. Done.\r\n",
    "   \n\n  Leading blank lines. Then text.\n\n\n",
]


def _one_at_a_time(index: SentenceIndex, offsets: list[int]) -> list[tuple[int, int]]:
    """What the check did before: each offset past the last sentence, looked up alone."""
    found: list[tuple[int, int]] = []
    last_end = -1
    for offset in offsets:
        if offset < last_end:
            continue
        span = SentenceIndex(index.document, index.abbreviations).sentence_at(offset)
        if span is not None:
            found.append(span)
            last_end = span[1]
    return found


@pytest.mark.parametrize(
    "text", LAYOUTS + [p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))]
)
def test_the_walk_finds_the_sentences_of_single_lookups(text: str) -> None:
    abbreviations = load("en").abbreviations
    document = Document.for_path(text, "x.md")
    every = list(range(len(text)))
    sparse = every[::7]
    for offsets in (every, sparse, every[len(every) // 2 :]):
        index = SentenceIndex(document, abbreviations)
        assert list(index.holding(offsets)) == _one_at_a_time(index, offsets)


def test_the_walk_gives_each_sentence_once_in_order() -> None:
    text = "Our app is free. It is the best app. Mr. Smith said so."
    index = SentenceIndex(Document.for_path(text, "x.md"), load("en").abbreviations)
    spans = list(index.holding(list(range(len(text)))))
    assert [text[s:e] for s, e in spans] == [
        "Our app is free.",
        "It is the best app.",
        "Mr. Smith said so.",
    ]


def test_offsets_in_code_are_dropped_and_the_rest_kept() -> None:
    text = "The best app. `the best code` and\n\n```\nthe best block\n```\n\nThe best end."
    document = Document.for_path(text, "x.md")
    offsets = list(range(len(text)))
    kept = _outside(offsets, document.skipped)
    assert kept == [o for o in offsets if document.skipped.covering(o) < 0]
    assert len(kept) < len(offsets)


def test_a_claim_after_code_is_found_and_the_code_is_not() -> None:
    text = "```\nthe best code\n```\n\nWe are the world's most trusted exchange.\n"
    findings = [f for f in lint_text(text, path="x.md").findings if f.check == "claims"]
    assert [(f.rule, text[f.start : f.end]) for f in findings] == [("superlative", "most")]
