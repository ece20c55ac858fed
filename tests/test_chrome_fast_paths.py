"""The chrome check's fast paths give exactly what the plain definitions give, on text
generated from the pieces that matter to them."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lint.checks.chrome import features
from lint.checks.chrome.lexicon import Lexicon, builtin_entries, parse_entries
from lint.checks.chrome.lines import _URL_OR_HANDLE, Lines
from lint.document import Document

PIECES = [
    "word ", "Home", " ", "  ", "\n", "\n\n", " \n", "\r\n", ".", "!", ":", "# ", "- ", "1. ",
    "> ", "* ", "_", "`", "```\n", "<!-- x -->", "[a](b)", "![", "|", "---", "漢字", "한국",
    "the quick brown fox jumps over the lazy dog " * 3, "x" * 120, "词" * 90, "a b " * 40,
    "@ab", "x@y.io", "https://", "www.", "](", "<a ", "<ab",
]  # fmt: skip
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
markups = st.sampled_from(["a.md", "a.txt"])


def _outside_from_rows(document: Document) -> int:
    """Paragraphs that are not Markdown structure outside ``article_zone``, from the rows."""
    rows = [features._row(document, p) for p in features.paragraphs(document)]
    zone = features.article_zone(rows)
    if zone is None:
        return 0
    outside = rows[: zone[0]] + rows[zone[1] + 1 :]
    return sum(1 for row in outside if not row.structural)


@given(texts, markups)
@settings(max_examples=500, deadline=None)
def test_the_zone_count_is_the_rows_count(text: str, path: str) -> None:
    document = Document.for_path(text, path)
    assert features._outside_zone(document) == _outside_from_rows(document)


def _outside_from_paragraphs(document: Document) -> int:
    """``_outside_zone`` as its docstring defines it: ``paragraphs`` walked, each gain from
    ``shape``, every word counted."""
    text = document.text
    best = total = others = others_at_start = others_inside = 0
    for start, end, structural, _ in features.paragraphs(document):
        gain = -features._NON_PROSE_COST
        if end - start >= features._SHORTEST_PROSE:
            gain = features._gain(*_words_and_prose(text, start, end))
        if total <= 0:
            total, others_at_start = 0, others
        total += gain
        others += not structural
        if total > best:
            best, others_inside = total, others - others_at_start
    return others - others_inside if best else 0


def _words_and_prose(text: str, start: int, end: int) -> tuple[int, bool]:
    words, end_mark = features.shape(text, start, end)
    return words, features.is_prose(words, end_mark)


# A paragraph's words as the gain reads them: short and long words, spaces doubled or not,
# hard-wrapped (LF or CRLF) or not, and a script written without spaces.
SHAPES = ["word ", "a  ", "sentence.\n", "x" * 30 + " ", "y" * 30 + "\r\n", "词" * 40 + " "]
ENOUGH = "one two three four five six seven eight."  # a sentence: gains 8


def _zone_contest(shape: str, words: int, rival: int, markup: str) -> Document:
    """A paragraph of ``words`` words, then a run of short lines, then a rival zone that
    gains ``rival + 4`` and holds three paragraphs: which zone wins, and so the count
    outside it, turns on the paragraph's gain, one word either way."""
    paragraph = (shape * words).rstrip() or "x"
    gap = "\n\n".join(["- item"] * 2 + ["x"] * 20)
    zone = f"{'word ' * (rival - 1)}end.\n\nx\n\n{ENOUGH}"
    return Document.for_path(f"{paragraph}\n\n{gap}\n\n{zone}\n", markup)


def test_the_zone_walk_counts_no_further_than_the_gain_needs() -> None:
    for markup in ("a.md", "a.txt"):
        for shape in SHAPES:
            for words in range(75):
                for rival in range(8, 62):
                    document = _zone_contest(shape, words, rival, markup)
                    expected = _outside_from_paragraphs(document)
                    assert features._outside_zone(document) == expected, (shape, words, rival)


@given(texts, markups)
@settings(max_examples=500, deadline=None)
def test_the_zone_walk_is_the_plain_walk(text: str, path: str) -> None:
    document = Document.for_path(text, path)
    assert features._outside_zone(document) == _outside_from_paragraphs(document)


def _plain_frame(line: str) -> tuple[bool, bool] | None:
    """``_markdown_frame`` read from the visible text alone."""
    if line[:24].lstrip()[:1] not in features._MD_MARKS:
        return False, False
    if features._TABLE_OR_RULE.match(line):
        return None
    shown, structural, heading = features.visible(line, True)
    return (structural, heading) if shown else None


@given(texts)
@settings(max_examples=500, deadline=None)
def test_a_markdown_frame_is_what_the_visible_text_says(text: str) -> None:
    for line in text.split("\n"):
        assert features._markdown_frame(line, 0, len(line)) == _plain_frame(line), line


@given(texts)
@settings(max_examples=500, deadline=None)
def test_a_link_is_found_on_exactly_the_lines_the_pattern_finds_it(text: str) -> None:
    lines = Lines(Document(text))
    for index in range(lines.count):
        expected = _URL_OR_HANDLE.search(lines.content(index)) is not None
        assert lines.has_link(index) is expected


# Lines a library entry (built in, or custom without a fixed start) may take, and lines
# that start with punctuation or markup.
LIBRARY_PIECES = [
    "Leave a reply", "Share this", "-- more", "--- more", ">> next", "<< back", "- ", "* ",
    "# ", "> ", "1. ", "12 comments", "#tag #news", "`", "```", "<div>", "{", "|", "“",
    "\ue000 \ue001", "→", "word ", "Home", " ", "\t", "\n", "\r\n", "\n\n", "!", "[a](b)",
]  # fmt: skip
CUSTOM = ["--+ more", "(?:<<|>>) (?:next|back)"]  # entries without a fixed start


@given(st.lists(st.sampled_from(LIBRARY_PIECES), max_size=30).map("".join))
@settings(max_examples=500, deadline=None)
def test_passing_over_lines_by_their_first_character_finds_every_phrase(text: str) -> None:
    lexicon = Lexicon([*builtin_entries(), *parse_entries("custom", CUSTOM)])
    plain = Lexicon([*builtin_entries(), *parse_entries("custom", CUSTOM)])
    plain._no_entry_starts = frozenset()  # every line tried against its bucket
    assert list(lexicon.scan(text)) == list(plain.scan(text))


def test_a_custom_phrase_may_start_with_punctuation() -> None:
    lexicon = Lexicon([*builtin_entries(), *parse_entries("custom", CUSTOM)])
    hits = list(lexicon.scan("Intro.\n-- more\n- >> next\n"))
    assert [(hit.start, hit.kind) for hit in hits] == [(7, "custom"), (15, "custom")]


@given(texts, st.integers(min_value=0, max_value=10))
@settings(max_examples=300, deadline=None)
def test_the_edge_window_is_the_first_and_last_non_blank_lines(text: str, size: int) -> None:
    lines = Lines(Document(text))
    top: list[int] = []
    index = lines.next_nonblank(-1)
    while index is not None and len(top) < 4 * size:
        top.append(index)
        index = lines.next_nonblank(index)
    size = min(size, max(2, len(top) // 4))
    bottom: list[int] = []
    index = lines.prev_nonblank(lines.count)
    while index is not None and len(bottom) < size:
        bottom.append(index)
        index = lines.prev_nonblank(index)
    assert lines.edge_window(size) == {*top[:size], *bottom}
