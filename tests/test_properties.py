"""Properties over generated text: linting never raises and a fix never loses a byte.

Over arbitrary Unicode, Markdown-shaped and HTML-shaped text, with every installed check:
positions point into the text; a fix edits only its findings' spans (and the white space
around them); fixing twice changes nothing; line breaks, the final newline, the BOM and
the encoding survive. The invariants live in tests/fuzz/fuzz_lint.py, shared with the fuzzer.

``HYPOTHESIS_PROFILE=long pytest tests/test_properties.py`` runs them for hours.
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from lint.document import Document, Markup
from lint.files.textfile import decode
from tests.fuzz.fuzz_lint import check_bytes, check_text, linter

settings.register_profile(
    "default",
    max_examples=60,
    deadline=None,
    # The same examples on every CI run; the long profile (and --hypothesis-seed) explores.
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "long",
    max_examples=200_000,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
PROFILE = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

MOJIBAKE = ["â€”", "â€™", "Ã©", "CafÃ©", "ðŸ‘‰", "Â ", "â€œquotedâ€\x9d", "\ufffd"]
INVISIBLE = ["\u200b", "\u200e", "\u202e", "\u2066", "\ufeff", "\x00", "\x1b", "\x7f", "\u2028"]
BREAKS = ["\n", "\r\n", "\r"]
COMMENTS = [
    "<!--",
    "-->",
    "<!-- note -->",
    "<!-- TODO: fix -->",
    "<!-- contentlint: disable -->",
    "<!-- contentlint: enable -->",
    "<!-- contentlint: disable-next-line=links -->",
    "<!-- contentlint: disable-file=claims -->",
    "<!--[if IE]>",
    "<![endif]-->",
]
LINKS = [
    "http://",
    "https://bit.ly/3xYz",
    "https://t.co/abc",
    "https://www.amazon.com/dp/B000?tag=site-20",
    "https://example.com/?utm_source=x&utm_medium=y",
    "https://accounts.binance.com/register?ref=ABC123",
    "www.example.org",
    "(https://example.com/a_(b))",
]
WORDS = [
    "the",
    "world's most trusted",
    "experts agree",
    "risk-free returns",
    "over 50,000 developers",
    "according to Reuters",
    "Share this:",
    "Related posts",
    "Subscribe to our newsletter",
    "Telegram Channel:",
    "j j j",
    "&amp;",
    "&nbsp;",
    ".",
    "...",
    " ",
    "\t",
]
MARKDOWN = [
    "# ",
    "## ",
    "```",
    "```python\n",
    "~~~",
    "`",
    "``",
    "    ",
    "- ",
    "1. ",
    "> ",
    "---\n",
    "+++\n",
    "[link](",
    ")",
    "![img](",
    "<https://",
    ">",
    "|",
    "*",
    "_",
]
HTML = [
    "<div>",
    "</div>",
    "<p>",
    "</p>",
    '<a href="',
    "https://amzn.to/x",
    '">',
    "</a>",
    '<a rel="nofollow" href="https://go.example.com/?aff=1">',
    "<pre>",
    "</pre>",
    "<code>",
    "</code>",
    "<script>",
    "</script>",
    "<style>",
    "</style>",
    "<textarea>",
    "<br>",
    "<nav>Home | About</nav>",
    "<",
    "&",
    '"',
    "'",
]

any_text = st.text(max_size=400)


def _shaped(tokens: list[str]) -> st.SearchStrategy[str]:
    piece = st.one_of(
        st.sampled_from(tokens),
        st.sampled_from(COMMENTS + LINKS + WORDS + MOJIBAKE + INVISIBLE + BREAKS),
        st.text(max_size=12),
    )
    return st.lists(piece, max_size=60).map("".join)


prose_text = _shaped(WORDS + BREAKS * 3)
markdown_text = _shaped(MARKDOWN + BREAKS * 3)
html_text = _shaped(HTML + BREAKS * 2)
markups = st.sampled_from(["text", "markdown", "html"])


def _lines(pieces: st.SearchStrategy[str]) -> st.SearchStrategy[tuple[str, str]]:
    """Text whose lines all end with one break style (the last one maybe with none)."""
    line = pieces.map(lambda s: s.replace("\r", " ").replace("\n", " "))
    return st.tuples(st.lists(line, max_size=12), st.sampled_from(BREAKS), st.booleans()).map(
        lambda t: (t[1].join(t[0]) + (t[1] if t[2] else ""), t[1])
    )


@PROFILE
@given(text=any_text, markup=markups)
def test_arbitrary_unicode_never_raises_and_fixes_hold(text: str, markup: Markup) -> None:
    check_text(text, markup)


@PROFILE
@given(text=prose_text, unsafe=st.booleans())
def test_prose_shaped_text(text: str, unsafe: bool) -> None:
    check_text(text, "text", unsafe=unsafe)


@PROFILE
@given(text=markdown_text, unsafe=st.booleans())
def test_markdown_shaped_text(text: str, unsafe: bool) -> None:
    check_text(text, "markdown", unsafe=unsafe)


@PROFILE
@given(text=html_text, unsafe=st.booleans())
def test_html_shaped_text(text: str, unsafe: bool) -> None:
    check_text(text, "html", unsafe=unsafe)


@PROFILE
@given(shaped=_lines(st.one_of(prose_text, markdown_text, html_text)), markup=markups)
def test_one_line_break_style_survives_a_fix(shaped: tuple[str, str], markup: Markup) -> None:
    text, newline = shaped
    fixed = check_text(text, markup, unsafe=True)
    rest = fixed.replace(newline, "")
    assert "\r" not in rest and "\n" not in rest, f"{newline!r} file got another line break"
    if fixed and text.endswith(newline):
        assert fixed.endswith(newline)


@PROFILE
@given(
    text=st.one_of(prose_text, markdown_text, html_text),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"]),
    selector=st.integers(0, 7),
)
def test_bom_and_encoding_survive(text: str, encoding: str, selector: int) -> None:
    boms = {
        "utf-8-sig": codecs.BOM_UTF8,
        "utf-16": codecs.BOM_UTF16_LE,
        "utf-16-le": codecs.BOM_UTF16_LE,
        "utf-16-be": codecs.BOM_UTF16_BE,
    }
    if encoding == "utf-8":
        raw = text.encode("utf-8", "surrogatepass")
    else:
        body = "utf-16-le" if encoding == "utf-16" else encoding.replace("-sig", "")
        raw = boms[encoding] + text.encode(body, "surrogatepass")
    check_bytes(bytes([selector]) + raw)


@PROFILE
@given(data=st.binary(max_size=600), selector=st.integers(0, 7))
def test_arbitrary_bytes(data: bytes, selector: int) -> None:
    check_bytes(bytes([selector]) + data)


@PROFILE
@given(text=st.one_of(prose_text, markdown_text), junk=st.binary(max_size=8))
def test_undecodable_bytes_are_reported_at_their_offset(text: str, junk: bytes) -> None:
    raw = text.encode("utf-8", "surrogatepass") + b"\xff" + junk
    assume(b"\x00" not in raw and b"contentlint:" not in raw)  # directives may silence it
    assume(not raw.startswith((b"\xff\xfe", b"\xfe\xff")))  # a UTF-16 byte order mark
    with pytest.raises(UnicodeDecodeError) as error:
        raw.decode("utf-8")
    text_file = decode(Path("x.txt"), raw)
    assert text_file.decode_error is not None
    document = Document(text_file.text, "x.txt", "text", text_file.decode_error)
    findings = [f for f in linter().lint(document).findings if f.rule == "invalid-utf8"]
    assert len(findings) == 1
    assert f"at offset {error.value.start}" in findings[0].message


@pytest.mark.parametrize("markup", ["text", "markdown", "html"])
def test_document_positions_match_a_naive_line_split(markup: Markup) -> None:
    text = "a\r\nb\rc\n\nd\u2028e\x0cf\x85g\r\n\r"
    document = Document(text, "x", markup)
    naive: list[tuple[int, int]] = []
    line, column = 1, 1
    index = 0
    while index < len(text):
        naive.append((line, column))
        if text.startswith("\r\n", index):
            naive.append((line, column + 1))
            line, column, index = line + 1, 1, index + 2
            continue
        if text[index] in "\r\n":
            line, column = line + 1, 1
        else:
            column += 1
        index += 1
    assert [document.position(i) for i in range(len(text))] == naive
