"""The fast paths give exactly what the straightforward code gives.

Each speed-up (a pre-filter, a str.find loop, a cache) is checked against the plain
version it replaces, on generated text built from the characters that matter to it.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint import regions
from lint.checks.encoding import mojibake as encoding
from lint.checks.html_comment import STRAY_TAG, HtmlCommentCheck, _placeholder
from lint.config import default_config_text, default_source, parse_yaml
from lint.document import LIST_LINES, Document, Line, LineTable
from lint.speed import yamlcache
from lint.speed.entrypoints import entry_points

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_NEWLINE = re.compile(r"\r\n|\r|\n")


def _plain_lines(text: str) -> list[tuple[int, int, int]]:
    out = []
    for match in _LINE.finditer(text):
        start, end = match.span()
        if start == end:
            if start == len(text):
                break
            continue
        content_end = end - (2 if text.endswith("\r\n", start, end) else 0)
        if content_end == end and text.endswith(("\n", "\r"), start, end):
            content_end -= 1
        out.append((start, content_end, end))
    return out


MARKUP_PIECES = [
    "a", " ", "    ", "\t", "\n", "\n\n", "\r", "\r\n", "`", "``", "```", "~~~",
    "<pre>", "</pre>", "<code x>", "</code>", "<!--", "-->", "---\n", "- ", "1. ", "é",
]  # fmt: skip
markup_text = st.lists(st.sampled_from(MARKUP_PIECES), max_size=30).map("".join)


@given(markup_text)
@settings(max_examples=400, deadline=None)
def test_lines_and_line_starts_match_the_pattern_versions(text: str) -> None:
    assert list(regions.lines(text)) == _plain_lines(text)
    assert list(Document(text).line_starts) == [0, *(m.end() for m in _NEWLINE.finditer(text))]


@given(markup_text)
@settings(max_examples=400, deadline=None)
def test_fence_candidates_are_the_lines_holding_a_fence(text: str) -> None:
    holding = [
        s for s in _plain_lines(text) if "```" in text[s[0] : s[1]] or "~~~" in text[s[0] : s[1]]
    ]
    assert list(regions._fence_candidates(text)) == holding


@given(markup_text)
@settings(max_examples=400, deadline=None)
def test_backtick_runs_and_indentation_probe_match_patterns(text: str) -> None:
    assert list(regions._backtick_runs(text)) == [m.span() for m in re.finditer("`+", text)]
    plain = re.search(r"(?:\A|\r\n|\r|\n)(?: {4}|\t)", text) is not None
    assert regions._has_indented_line(text) == plain


@given(markup_text)
@settings(max_examples=400, deadline=None)
def test_document_lines_are_the_scanned_lines(text: str) -> None:
    lines = Document(text).lines
    assert [(ln.number, ln.start, ln.end, ln.next) for ln in lines] == [
        (number, *span) for number, span in enumerate(_plain_lines(text), 1)
    ]
    assert all(type(line) is Line for line in lines)
    # The table long texts get builds each Line on demand: by index and slice, the same lines.
    table = LineTable(text, Document(text).line_starts)
    assert list(table) == list(lines) and len(table) == len(lines)
    assert [table[i] for i in range(-len(lines), len(lines))] == [*lines, *lines]
    assert all(type(table[i]) is Line for i in range(len(table)))
    assert table[1::2] == list(lines)[1::2] and table[::-3] == list(lines)[::-3]
    for outside in (len(lines), -len(lines) - 1):
        with pytest.raises(IndexError):
            table[outside]


@pytest.mark.parametrize("unit", ["a\n", "a\r\n", "a\r", "\n", "a\r\nb\rc\n"])
def test_a_long_text_gets_the_line_table_with_the_same_lines(unit: str) -> None:
    text = unit * (LIST_LINES + 1) + "end"
    lines = Document(text).lines
    assert isinstance(lines, LineTable)
    assert list(lines) == [Line(n, *span) for n, span in enumerate(_plain_lines(text), 1)]


def test_lines_split_only_on_cr_lf_and_crlf() -> None:
    text = "one\u2028still one\x0cstill\r\ntwo\rthree\n\nfive"
    assert [text[s:e] for s, e, _ in regions.lines(text)] == [
        "one\u2028still one\x0cstill",
        "two",
        "three",
        "",
        "five",
    ]


SUSPECT_PIECES = [
    "a", " ", "Ã", "Â", "â", "€", "™", "©", "\u00a0", "\u0081", "é", "’", "‚Ä", "Ä",
    "Р", "С", "в", "»", "╨", "├", "Ç", "¬", "∆", "ð", "Ÿ", "\n",
]  # fmt: skip


@given(st.lists(st.sampled_from(SUSPECT_PIECES), max_size=40).map("".join))
@settings(max_examples=600, deadline=None)
def test_suspect_pairs_are_exactly_what_the_full_pattern_finds(text: str) -> None:
    # Searched only from the characters a pair starts with (or flagged by hyperscan).
    expected = [m.span() for m in encoding.SUSPECT.compiled.finditer(text)]
    assert encoding.suspects(Document(text)) == expected


def _char_runs(before: str, after: str) -> list[tuple[int, int, str]]:
    runs = []
    run: list[int] | None = None
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if tag == "equal":
            if run is not None:
                runs.append((run[0], run[1], after[run[2] : run[3]]))
                run = None
        elif run is None:
            run = [i1, i2, j1, j2]
        else:
            run[1], run[3] = i2, j2
    if run is not None:
        runs.append((run[0], run[1], after[run[2] : run[3]]))
    return runs


def test_long_segments_give_the_same_changed_runs_as_a_character_diff() -> None:
    clean = "It’s a move — one that 👉 changed trading for café owners, “really”. " * 12
    broken = clean.encode("utf-8").decode("cp1252", errors="replace")
    runs = list(encoding._changed_runs(broken, clean))
    assert len(broken) + len(clean) > encoding._CHAR_DIFF_LIMIT
    assert runs == _char_runs(broken, clean)
    rebuilt, position = [], 0
    for start, end, replacement in runs:
        rebuilt += [broken[position:start], replacement]
        position = end
    assert "".join([*rebuilt, broken[position:]]) == clean


def test_entry_points_match_importlib_metadata() -> None:
    from importlib.metadata import entry_points as metadata_entry_points

    for group in ("contentlint.checks", "console_scripts"):
        expected = sorted((e.name, e.value) for e in metadata_entry_points(group=group))
        assert sorted((e.name, e.value) for e in entry_points(group)) == expected


def test_cached_defaults_equal_the_parsed_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONTENTLINT_CACHE_DIR", str(tmp_path))
    parsed = parse_yaml(default_config_text(), "config.yaml").data
    assert default_source().data == parsed  # parsed and stored
    assert list(tmp_path.glob("defaults-*.marshal"))
    assert default_source().data == parsed  # read back from the cache


def test_a_corrupt_or_unwritable_cache_falls_back_to_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONTENTLINT_CACHE_DIR", str(tmp_path))
    assert yamlcache.load_yaml("a: [1, 2]\n", "probe") == {"a": [1, 2]}
    for entry in tmp_path.glob("probe-*"):
        entry.write_bytes(b"\x00not marshal")
    assert yamlcache.load_yaml("a: [1, 2]\n", "probe") == {"a": [1, 2]}
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("CONTENTLINT_CACHE_DIR", str(blocked / "sub"))
    assert yamlcache.load_yaml("b: 1\n", "probe") == {"b": 1}
    monkeypatch.setenv("CONTENTLINT_CACHE_DIR", "")
    assert yamlcache.load_yaml("c: 1\n", "probe") == {"c": 1}


def _plain_inline_code(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Inline code spans as first written: collected as they close, then sorted."""
    spans = []
    pending: dict[int, int] = {}
    previous_end = 0
    for match in re.finditer("`+", text):
        start, end = match.span()
        if pending and re.search(r"(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)", text[previous_end:start]):
            pending.clear()
        previous_end = end
        if end - start in pending:
            opener = pending.pop(end - start)
            if not any(s <= opener < e for s, e in taken):
                spans.append((opener, end))
            pending = {k: v for k, v in pending.items() if v < opener}
        else:
            pending[end - start] = start
    return sorted(spans)


def _plain_merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


@given(markup_text)
@settings(max_examples=400, deadline=None)
def test_compact_spans_hold_what_sorted_lists_held(text: str) -> None:
    document = Document(text, "page.md", "markdown")
    blocks = regions.fenced_blocks(text)
    # Spans kept in order as they close (nested ones dropped) join to the sorted list's join.
    assert _plain_merge(list(regions._inline_code(text, regions.join(blocks)))) == _plain_merge(
        _plain_inline_code(text, blocks)
    )
    code, comments = list(document.code), list(document.comments)
    assert list(document.skipped) == _plain_merge(code + comments)
    for offset in range(len(text) + 1):
        assert document.in_code(offset) == any(s <= offset < e for s, e in code)
        assert document.in_comment(offset) == any(s <= offset < e for s, e in comments)


_CLAIM_PIECES = [
    "best", "leading", "the best", "world-class", "unique", "100", "95%", "3x", "#1", "# 2",
    "over 5", "than 10 million", "percent", " ", "\n", ",", ".", "(", "İ", "Σ", "é", "\U0001f44b",
    "Best", "LEADING", "guaranteed", "studies show", "a", "_", "-known", "10K", "\u212a", "non-",
    "1.", "12,34", " — million", "’s", "x", "9999999", "$", "+", "over", "Than", "upwards",
    "millions", "<i>", "`", "m", "1234567890123456", "user friendly", "next level", "high end",
]  # fmt: skip


@given(
    st.lists(st.sampled_from(_CLAIM_PIECES), max_size=40).map("".join),
    st.sampled_from([1, 3, 7, 64]),
)
@settings(max_examples=1500, deadline=None)
def test_the_claims_gate_finds_every_term_the_analysis_finds(text: str, piece: int) -> None:
    """Every scan (re over the whole text or piece by piece, hyperscan) puts an offset inside
    every gate term the sentence analysis finds: they open the same sentences, so the
    findings are the same."""
    from lint.checks.claims import lexicon as claim_lexicon
    from lint.checks.claims.features import analyse

    lexicon = claim_lexicon.load("en")
    gate = claim_lexicon.gate(lexicon.gate_words)
    scans = [gate.python_offsets(text)]
    original = claim_lexicon._PIECE
    try:
        claim_lexicon._PIECE = piece
        scans.append(gate.python_offsets(text))
    finally:
        claim_lexicon._PIECE = original
    database = claim_lexicon._database(gate.words)
    if database is not None and "\u0130" not in text and "\u212a" not in text:
        scans.append(claim_lexicon._hyperscan_offsets(database, text))
    for _, start, end in analyse(text, lexicon).hits:
        for offsets in scans:
            assert any(start <= offset < end for offset in offsets), (text[start:end], offsets)


@pytest.mark.parametrize("piece", [1, 2, 5])
def test_disclosure_phrases_are_found_across_the_pieces_the_text_is_encoded_in(
    monkeypatch: pytest.MonkeyPatch, piece: int
) -> None:
    from lint.checks.links import phrases
    from lint.checks.links.lexicon import read_list

    disclosure = phrases.PhraseMatcher(read_list("disclosure-phrases.txt"))
    text = "Café ünïcode \U0001f44b text. This post contains affiliate links. Merci!"
    whole = disclosure.first(text)
    assert whole is not None and text[whole.start : whole.end].lower().startswith("this post")
    monkeypatch.setattr(phrases, "_PIECE", piece)
    assert disclosure.first(text) == whole


def test_raw_text_elements_close_in_any_case_and_keep_offsets_after_a_dotted_capital_i() -> None:
    # "İ" lowercases to two characters: a search in a lowercased copy was off by one after it.
    text = "İ <PRE>x</Pre> y <code a='1'>z</CODE > <script>never closed"
    code = regions.code_regions(text, "html")
    assert [text[start:end] for start, end in code] == [
        "<PRE>x</Pre>",
        "<code a='1'>z</CODE >",
        "<script>never closed",
    ]


TAG_PIECES = ["<div", "</p", "<br", "<DIV", "<span", "<x", "<", ">", "/>", " ", "\n", "a",
              'class="s"', "<!--", "-->", "```\n", "<3", "<divx", "\t"]  # fmt: skip


@given(st.lists(st.sampled_from(TAG_PIECES), max_size=30).map("".join))
@settings(max_examples=500, deadline=None)
def test_stray_tags_are_those_the_full_pattern_finds(text: str) -> None:
    document = Document(text, markup="text")
    found = [(f.start, f.end) for f in HtmlCommentCheck()._stray_tags(document)]
    expected = [
        m.span()
        for m in STRAY_TAG.finditer(text)
        if not (document.in_code(m.start()) or document.in_comment(m.start()))
        and not _placeholder(m.group())
    ]
    assert found == expected
