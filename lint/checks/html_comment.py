"""html-comment: leftover ``<!-- comments -->`` in prose, unclosed comments, stray tags in text.

What a comment is depends on the markup (docs/checks/html-comment.md has the table):

- Markdown: comments do not render, and authors put them there on purpose (block separators,
  ``<!-- more -->``, template markers, tool pragmas). Only comments that leak something into
  the published source (editor notes, e-mail addresses, internal names) are warnings, and
  deleting them is an unsafe fix; other comments are ``info``; structural ones are not reported.
- Plain text: every comment shows once published, so every one is a leftover.
- HTML: template leftovers are reported; directives, conditional comments and server-side
  includes never are.

Comments in code (fenced, indented or inline code, front matter, <pre>, <script> ...) are
content; contentlint's own directives are never reported.
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
from lint.speed import regexcache

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
STRAY_TAG = regexcache.compile(_TAG_NAME + r"(?:\s[^<>]{0,500})?/?>", re.IGNORECASE)
# Where a stray tag can start, found in the document's one scan (lint.scan). A tag may run
# over several lines, which the scan's patterns never do; each start is then tried in place.
TAG_START = Pattern("tag-start", _TAG_NAME, re.IGNORECASE)
# A tag's words after its name are attributes only when one has a value or all are boolean
# attributes: "<details of alliance>" and "<title of the book>" are a template's placeholders.
_BOOLEAN_ATTRIBUTES = frozenset(
    [
        "allowfullscreen",
        "async",
        "autofocus",
        "autoplay",
        "checked",
        "controls",
        "default",
        "defer",
        "disabled",
        "download",
        "formnovalidate",
        "hidden",
        "inert",
        "ismap",
        "itemscope",
        "loop",
        "multiple",
        "muted",
        "nomodule",
        "novalidate",
        "nowrap",
        "open",
        "playsinline",
        "readonly",
        "required",
        "reversed",
        "selected",
    ]
)
_MAX_SHOWN = 40
_SHOWN_WORD = re.compile(r"\S{1,41}")
# Never leftovers in any markup: contentlint's own directives. In Markdown and HTML also
# conditional comments and server-side includes, whatever the allow option says.
_OWN_DIRECTIVE = re.compile(r"contentlint\s*:", re.IGNORECASE)
_CONDITIONAL_OR_INCLUDE = re.compile(r"\[if\s|<!\[endif\]|#[a-z]+\b", re.IGNORECASE)
# A Markdown line that opens a list item, or one indented enough to continue a block.
_LIST_ITEM = re.compile(r" {0,3}(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)")
_INDENTED = re.compile(r"(?<! )(?: {2,}|\t)\S")
_CODE_INDENT = re.compile(r"(?<! )(?: {4,}|\t)\S")

RULES = (
    Rule(
        "comment",
        Severity.WARNING,
        "A leftover HTML comment in the text.",
        "Comments such as <!-- Hero Mobile --> or <!-- Social Icons --> are template residue copied "
        "along with the article; they are invisible in a browser but end up in feeds, search "
        "snippets, plain-text exports and training data. The fix deletes the comment; when nothing "
        "else is on its lines it deletes the lines too and leaves no more than the paragraph break "
        "that was around it. In plain text every comment is reported. In Markdown, where authors "
        "use comments on purpose, only comments that leak into the published source (editor notes "
        "such as TODO or 'remove before publishing', e-mail addresses, internal names) are warnings; "
        "others are info, and block separators, template markers and tool pragmas are not reported "
        "and never removed. Comments in code, tool directives (contentlint, markdownlint, prettier, "
        "vale, <!-- more -->, <!-- toc --> ...), SPDX headers, server-side includes and conditional "
        "comments are never reported. Deleting an author note or a leak is an unsafe fix.",
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
            regexcache.compile("|".join(f"(?:{p})" for p in allow), re.IGNORECASE)
            if allow
            else None
        )
        notes = [re.escape(str(word)) for word in options["author-notes"]]
        self.author_note = regexcache.compile(rf"(?:{'|'.join(notes)})\b") if notes else None
        self.in_html = bool(options["in-html"])
        leaks = [*_data_lines("leaks.txt"), *(str(p) for p in options["leak-patterns"])]
        self.leak = regexcache.compile("|".join(f"(?:{p})" for p in leaks), re.IGNORECASE)
        markers = list(_data_lines("markers.txt"))
        self.marker = regexcache.compile("|".join(f"(?:{p})" for p in markers), re.IGNORECASE)


def _placeholder(tag: str) -> bool:
    """Words after an element's name that no element takes: a placeholder, not a tag."""
    words = tag.strip("<>").rstrip("/").split()[1:]  # the element's name goes first
    if not words or any("=" in word for word in words):
        return False
    return any(
        word.lower() not in _BOOLEAN_ATTRIBUTES and not word.lower().startswith(("data-", "aria-"))
        for word in words
    )


def _data_lines(name: str) -> list[str]:
    """Entries of one data file in lint/data/html-comment: without blank lines and # comments."""
    from lint.speed import packagedata

    text = packagedata.read_text("lint", "data", "html-comment", name)
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


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


_LEAK = " (it leaks into the published source: removed only with --unsafe-fixes)"
_NOT_ONE_COMMENT = (
    ' (CommonMark does not read it as one comment: inside a line a comment may not hold "--",'
    " so part of it shows; edit it by hand)"
)
_SEPARATOR_LEAK = (
    " (it leaks into the published source, and it keeps the blocks around it apart: replace its"
    " text by hand rather than deleting it)"
)


def _note(note: bool) -> str:
    return " (an author note: removed only with --unsafe-fixes)" if note else ""


def _inline_with_dashes(text: str, start: int, end: int) -> bool:
    """A comment inside a line whose text holds "--" ("… Reuters<!--[link](" then "<!-- note
    -->" below): CommonMark ends no inline comment there, so "<!--[link](" shows as text and
    deleting the span would take visible words. On a line of its own it is an HTML block,
    which may hold anything."""
    line_start = text.rfind("\n", 0, start) + 1
    return bool(text[line_start:start].strip()) and "--" in text[start + 4 : end - 3]


def _separates_blocks(document: Document, start: int, end: int) -> bool:
    """A Markdown comment alone on its lines between a list and a list or indented code (or
    between two indented code blocks): without it CommonMark would join the blocks."""
    text = document.text
    lines = document.lines
    first = document.line_of(start) - 1
    last = document.line_of(max(start, end - 1)) - 1
    if text[lines[first].start : start].strip() or text[end : lines[last].end].strip():
        return False
    above = _next_visible(document, first, -1)
    below = _next_visible(document, last, 1)
    if above is None or below is None:
        return False
    before_list = _LIST_ITEM.match(above) is not None or _INDENTED.match(above) is not None
    after_list = _LIST_ITEM.match(below) is not None
    after_code = _CODE_INDENT.match(below) is not None
    return (before_list and (after_list or after_code)) or (
        after_code and _CODE_INDENT.match(above) is not None
    )


def _next_visible(document: Document, number: int, step: int) -> str | None:
    text = document.text
    lines = document.lines
    number += step
    while 0 <= number < len(lines):
        line = lines[number]
        content = text[line.start : line.end].strip()
        if content and not (content.startswith("<!--") and content.endswith("-->")):
            return text[line.start : line.end]
        number += step
    return None


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
        markup = document.markup
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
            body = text[start + 4 : end - 3].strip()
            if _OWN_DIRECTIVE.match(body):
                continue
            if markup != "text":
                if _CONDITIONAL_OR_INCLUDE.match(body):
                    continue
                if state.allow is not None and state.allow.match(body):
                    continue
            note = state.author_note is not None and state.author_note.match(body) is not None
            if markup != "markdown":
                yield self._finding(document, start, end, None, safe=not note, why=_note(note))
                continue
            found = self._markdown_comment(document, start, end, body, note, state)
            if found is not None:
                yield found

    def _markdown_comment(
        self, document: Document, start: int, end: int, body: str, note: bool, state: _State
    ) -> Finding | None:
        """Markdown: leaks are warnings, others info; separators and markers stay unreported."""
        leak = note or state.leak.search(body) is not None
        if _inline_with_dashes(document.text, start, end):
            severity = None if leak else Severity.INFO
            return self._finding(
                document, start, end, severity, safe=False, why=_NOT_ONE_COMMENT, fix=False
            )
        if _separates_blocks(document, start, end):
            if not leak:
                return None
            # Deleting it would join the blocks around it: its words must go by hand.
            return self._finding(
                document, start, end, None, safe=False, why=_SEPARATOR_LEAK, fix=False
            )
        if leak:
            return self._finding(document, start, end, None, safe=False, why=_LEAK)
        if state.marker.fullmatch(body):
            return None
        return self._finding(document, start, end, Severity.INFO, safe=True, why="")

    def _finding(
        self,
        document: Document,
        start: int,
        end: int,
        severity: Severity | None,
        *,
        safe: bool,
        why: str,
        fix: bool = True,
    ) -> Finding:
        shown = _shown(document.text, start, end)
        return Finding(
            ID,
            "comment",
            start,
            end,
            f"leftover HTML comment <!-- {shown} -->{why}",
            severity=severity,
            fix=Fix((remove(document, start, end),), safe=safe) if fix else None,
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
            if _placeholder(tag):
                continue
            shown = tag if len(tag) <= _MAX_SHOWN else tag[: _MAX_SHOWN - 2] + "…>"
            yield Finding(ID, "stray-tag", start, end, f"HTML tag {shown} left in plain text")
