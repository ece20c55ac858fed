"""The language server's plain parts, in process: positions in each encoding, the client's
incremental changes, fix-all as small edits, and where "disable this rule on this line"
puts its comment (never changing what the Markdown renders)."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lint import lint_text
from lint.document import Document
from lint.finding import Edit, Finding
from lint.lsp.analysis import disable_edit, text_edits
from lint.lsp.documents import OpenDocument, apply_changes
from lint.lsp.positions import UTF8, UTF16, UTF32, LineIndex

TEXT = "a🎉b\r\nc\u2028d\re\n"


def _index(text: str, encoding: str) -> LineIndex:
    return LineIndex(text, Document(text=text).line_starts, encoding)


@pytest.mark.parametrize(
    ("encoding", "after_b"),
    [(UTF16, 4), (UTF8, 6), (UTF32, 3)],
)
def test_columns_count_code_units_of_the_encoding(encoding: str, after_b: int) -> None:
    index = _index(TEXT, encoding)
    assert index.position(3) == (0, after_b)  # after "a🎉b"
    assert index.offset(0, after_b) == 3


def test_lines_split_on_crlf_cr_and_lf_only() -> None:
    index = _index(TEXT, UTF16)
    # U+2028 is not a line break in LSP: "c\u2028d" is one line, "e" the next.
    assert index.position(TEXT.index("d")) == (1, 2)
    assert index.position(TEXT.index("e")) == (2, 0)
    assert index.offset(2, 0) == TEXT.index("e")


def test_columns_past_the_line_stop_at_its_end_and_lines_past_the_text_at_the_end() -> None:
    index = _index(TEXT, UTF16)
    assert index.offset(0, 99) == TEXT.index("\r\n")
    assert index.offset(9, 0) == len(TEXT)


def test_a_column_inside_a_surrogate_pair_takes_the_whole_character() -> None:
    index = _index(TEXT, UTF16)
    assert index.offset(0, 2) == 2  # between the emoji's two UTF-16 units: after the emoji


def test_incremental_changes_apply_in_order_in_utf16() -> None:
    text = "Launch 🎉 now\r\nsecond line\n"
    changed = apply_changes(
        text,
        [
            ((0, 10, 0, 13), "today"),  # "now": column 10 in UTF-16, after the emoji's two units
            ((1, 0, 1, 6), "2nd"),
            ((2, 0, 2, 0), "tail"),  # the empty line after the last break
        ],
        UTF16,
    )
    assert changed == "Launch 🎉 today\r\n2nd line\ntail"
    assert apply_changes(changed, [(None, "whole")], UTF16) == "whole"


@given(st.text(alphabet="ab🎉\n\r é", max_size=40), st.text(alphabet="ab🎉\n\r é", max_size=40))
def test_fix_all_edits_give_the_fixed_text_exactly(before: str, after: str) -> None:
    edits = text_edits(before, after)
    text = before
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.replacement + text[edit.end :]
    assert text == after
    spans = sorted((e.start, e.end) for e in edits)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


def test_fix_all_edits_touch_only_what_changed() -> None:
    before = "one\ntwo â€” three\nfour\n"
    after = "one\ntwo — three\nfour\n"
    assert text_edits(before, after) == [Edit(8, 11, "—")]


def _disable(text: str, markup: str, code: str = "links/shortener") -> str:
    document = Document.for_path(text, f"page.{'md' if markup == 'markdown' else markup}")
    found = [f for f in lint_text(text, path=document.path).findings if f.code == code]
    assert found, "the test text must have the finding"
    edit = disable_edit(document, found[0])
    changed = text[: edit.start] + edit.replacement + text[edit.end :]
    left = [f.code for f in lint_text(changed, path=document.path).findings]
    assert code not in left  # the directive works where it was put
    return changed


def _render(text: str) -> str:
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").render(text)
    # The directive itself (and the spaces before it) is the only difference allowed.
    html = re.sub(r"(?m)^[ \t]*<!-- contentlint: disable-next-line=[^>]* -->\n", "", html)
    return html.replace(" <!-- contentlint: disable-next-line=links/shortener -->", "")


LINK = "https://bit.ly/3xYzAbc"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a paragraph's first line: a comment line of its own above it
            f"Intro.\n\nSee {LINK} now.\n",
            f"Intro.\n\n<!-- contentlint: disable-next-line=links/shortener -->\nSee {LINK} now.\n",
        ),
        (  # inside a paragraph: at the end of the line above, not splitting it
            f"First line of it\nsee {LINK} now.\n",
            f"First line of it <!-- contentlint: disable-next-line=links/shortener -->\nsee {LINK} now.\n",
        ),
        (  # a hard break (two spaces) stays at the end of the line
            f"First line  \nsee {LINK} now.\n",
            f"First line <!-- contentlint: disable-next-line=links/shortener -->  \nsee {LINK} now.\n",
        ),
        (  # a list item below another: inline too, so the list is not split in two
            f"- one\n- see {LINK}\n",
            f"- one <!-- contentlint: disable-next-line=links/shortener -->\n- see {LINK}\n",
        ),
        (  # after a heading: a line of its own, indented like the finding's line
            f"# Title\n  see {LINK}\n",
            f"# Title\n  <!-- contentlint: disable-next-line=links/shortener -->\n  see {LINK}\n",
        ),
        (  # CRLF files get a CRLF
            f"Intro.\r\n\r\nSee {LINK} now.\r\n",
            f"Intro.\r\n\r\n<!-- contentlint: disable-next-line=links/shortener -->\r\nSee {LINK} now.\r\n",
        ),
    ],
)
def test_disable_comment_in_markdown_keeps_the_rendering(text: str, expected: str) -> None:
    changed = _disable(text, "markdown")
    assert changed == expected
    assert _render(changed) == _render(text)


def test_disable_adds_the_rule_to_a_directive_already_above() -> None:
    text = f"Intro.\n\n<!-- contentlint: disable-next-line=claims -->\nSee {LINK} now.\n"
    changed = _disable(text, "markdown")
    assert changed == text.replace("=claims -->", "=claims,links/shortener -->")


def test_disable_in_plain_text_and_html_is_a_line_above() -> None:
    assert _disable(f"Para\nsee {LINK}\n", "txt") == (
        f"Para\n<!-- contentlint: disable-next-line=links/shortener -->\nsee {LINK}\n"
    )
    html = f'<p>Para\n    <a href="{LINK}">go</a></p>\n'
    assert _disable(html, "html") == html.replace(
        "    <a", "    <!-- contentlint: disable-next-line=links/shortener -->\n    <a"
    )


def test_markup_by_extension_then_language_id() -> None:
    def markup(name: str | None, language: str) -> str | None:
        path = Path("/w") / name if name else None
        return OpenDocument("file:///w/x", language, 1, "", path).markup()

    assert markup("a.md", "plaintext") == "markdown"
    assert markup("a.htm", "markdown") == "html"
    assert markup("notes.txt", "plaintext") == "text"
    assert markup("README", "markdown") == "markdown"
    assert markup(None, "html") == "html"
    assert markup("tool.py", "python") is None


def test_finding_type_is_the_library_one() -> None:
    # The server reads lint.finding.Finding, never a copy of it.
    assert disable_edit.__module__ == "lint.lsp.analysis"
    assert Finding.__module__ == "lint.finding"
