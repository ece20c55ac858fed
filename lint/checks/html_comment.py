"""html-comment: leftover ``<!-- comments -->`` in prose, unclosed comments, stray tags in text.

Comments in code (fenced, indented or inline code, front matter, <pre>, <script> ...) are
content; tool directives and conditional comments are allow-listed, never leftovers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, ClassVar

from lint import scan
from lint.checks import Options, StateCache
from lint.checks.edits import remove
from lint.document import Document
from lint.finding import Finding, Fix, Rule, Severity
from lint.scan import Pattern

ID = "html-comment"
_ELEMENTS = [
    "a",
    "abbr",
    "address",
    "area",
    "article",
    "aside",
    "audio",
    "b",
    "base",
    "bdi",
    "bdo",
    "blockquote",
    "body",
    "br",
    "button",
    "canvas",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "dd",
    "del",
    "details",
    "dfn",
    "dialog",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "font",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "i",
    "iframe",
    "img",
    "input",
    "ins",
    "kbd",
    "label",
    "legend",
    "li",
    "link",
    "main",
    "mark",
    "meta",
    "nav",
    "noscript",
    "object",
    "ol",
    "optgroup",
    "option",
    "p",
    "param",
    "picture",
    "pre",
    "q",
    "s",
    "samp",
    "script",
    "section",
    "select",
    "small",
    "source",
    "span",
    "strike",
    "strong",
    "style",
    "sub",
    "summary",
    "sup",
    "svg",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "time",
    "title",
    "tr",
    "track",
    "tt",
    "u",
    "ul",
    "var",
    "video",
    "wbr",
]
_TAG_NAME = r"</?(?:" + "|".join(sorted(_ELEMENTS, key=len, reverse=True)) + r")(?=[\s/>])"
STRAY_TAG = re.compile(_TAG_NAME + r"(?:\s[^<>]{0,500})?/?>", re.IGNORECASE)
# Where a stray tag can start, found in the document's one scan (lint.scan). A tag may run
# over several lines, which the scan's patterns never do; each start is then tried in place.
TAG_START = Pattern("tag-start", _TAG_NAME, re.IGNORECASE)
_MAX_SHOWN = 40
_SHOWN_WORD = re.compile(r"\S{1,41}")

RULES = (
    Rule(
        "comment",
        Severity.WARNING,
        "A leftover HTML comment in the text.",
        "Comments such as <!-- Hero Mobile --> or <!-- Banner --> are template residue copied along "
        "with the article; they are invisible in a browser but end up in feeds, search snippets, "
        "plain-text exports and training data. The fix deletes the comment; when nothing else is on "
        "its lines it deletes the lines too and leaves no more than the paragraph break that was "
        "around it. Comments in code, tool directives (contentlint, markdownlint, prettier, vale, "
        "<!-- more -->, <!-- toc --> ...), SPDX headers, server-side includes and conditional comments "
        "are never reported. Deleting an author note (TODO, FIXME, NOTE) is an unsafe fix.",
        "Thank you for joining us.\n\n<!-- Social Icons -->\n\nPlease start by telling us about your role.",
        "sometimes",
    ),
    Rule(
        "unterminated",
        Severity.WARNING,
        'A "<!--" that never closes.',
        "An HTML comment without its closing --> hides everything after it when the text is rendered "
        "as HTML or Markdown. Close it or delete it; it is not fixed automatically, since where it "
        "was meant to end is a guess.",
        "Intro paragraph. <!-- draft note\n\nThe rest of the article disappears.",
    ),
    Rule(
        "stray-tag",
        Severity.WARNING,
        "An HTML tag left in a plain-text file.",
        'A plain-text file shows tags literally: <div class="share">, </p> and <br> are residue of '
        "converting a web page. Only the names of real HTML elements count, so <3, a <placeholder> "
        "or an <email@example.com> are not reported. Markdown and HTML files are left alone, since "
        "tags are legal there.",
        'Thanks for reading!</p><div class="share">',
    ),
)


class _State:
    def __init__(self, options: Options) -> None:
        allow = [str(p) for p in options["allow"]]
        self.allow = (
            re.compile("|".join(f"(?:{p})" for p in allow), re.IGNORECASE) if allow else None
        )
        notes = [re.escape(str(word)) for word in options["author-notes"]]
        self.author_note = re.compile(rf"(?:{'|'.join(notes)})\b") if notes else None
        self.in_html = bool(options["in-html"])


def _shown(text: str, start: int, end: int) -> str:
    """The comment's words, shortened; reads only as far as it shows (a comment left open
    runs to the end of the file)."""
    inner_end = end - 3 if end - 3 >= start + 4 and text.startswith("-->", end - 3) else end
    words: list[str] = []
    size = -1
    # Pieces of at most 41 characters: a longer word is cut at 39 anyway.
    for word in _SHOWN_WORD.finditer(text, start + 4, inner_end):
        words.append(word.group())
        size += len(words[-1]) + 1
        if size > _MAX_SHOWN:
            break
    inner = " ".join(words)
    return inner if len(inner) <= _MAX_SHOWN else inner[: _MAX_SHOWN - 1] + "…"


class HtmlCommentCheck:
    id: ClassVar[str] = ID
    summary: ClassVar[str] = (
        "Leftover HTML comments, unclosed comments and stray tags in plain text."
    )
    rules: ClassVar[tuple[Rule, ...]] = RULES
    default_options: ClassVar[dict[str, Any]] = {}

    def __init__(self) -> None:
        self._state = StateCache(_State)

    def patterns(self, options: Options) -> tuple[Pattern, ...]:
        return (TAG_START,)

    def check(self, document: Document, options: Options) -> Iterator[Finding]:
        state = self._state.get(options)
        if document.markup != "html" or state.in_html:
            yield from self._comments(document, state)
        if document.markup == "text" and "<" in document.text:
            yield from self._stray_tags(document)

    def _comments(self, document: Document, state: _State) -> Iterator[Finding]:
        text = document.text
        for start, end in document.comments:
            if end - start < 7 or not text.startswith("-->", end - 3):
                yield Finding(
                    ID,
                    "unterminated",
                    start,
                    start + 4,
                    'comment "<!--" is never closed with "-->"',
                )
                continue
            body = text[start + 4 : end - 3].lstrip()
            if state.allow is not None and state.allow.match(body):
                continue
            safe = not (state.author_note is not None and state.author_note.match(body))
            note = "" if safe else " (an author note: removed only with --unsafe-fixes)"
            yield Finding(
                ID,
                "comment",
                start,
                end,
                f"leftover HTML comment <!-- {_shown(text, start, end)} -->{note}",
                fix=Fix((remove(document, start, end),), safe=safe),
            )

    def _stray_tags(self, document: Document) -> Iterator[Finding]:
        text = document.text
        last_end = 0
        # STRAY_TAG.finditer's matches: every one starts where TAG_START matches, and tag
        # starts never overlap, so trying each in turn finds the same leftmost matches.
        for start, _name_end in scan.matches(document, (TAG_START,))[TAG_START.name]:
            match = STRAY_TAG.match(text, start) if start >= last_end else None
            if match is None:
                continue
            end = last_end = match.end()
            if document.in_code(start) or document.in_comment(start):
                continue
            tag = match.group()
            shown = tag if len(tag) <= _MAX_SHOWN else tag[: _MAX_SHOWN - 2] + "…>"
            yield Finding(ID, "stray-tag", start, end, f"HTML tag {shown} left in plain text")
