"""Finding links in text, Markdown and HTML with their exact character spans.

``find_links(document)`` returns every link outside code and HTML comments: bare
``http(s)://`` and ``ftp://`` URLs, ``www.`` links, scheme-less links to known short
domains (``bit.ly/x``, when asked for), Markdown inline links, autolinks and reference
definitions, and ``href``/``src`` attribute values in HTML and in Markdown's inline HTML.
``Link.url`` is always exactly ``document.text[start:end]``, so fixes can edit it in place;
``lint.checks.links.url.parse_url`` splits it into host, path and parameters.

Every scan is linear: candidates are found by short literal anchors (``://``, ``www.``,
``.tld/``) and every walk around them is bounded.
"""

from __future__ import annotations

import heapq
import html
import re
from collections.abc import Collection, Iterator
from itertools import tee
from typing import Literal, NamedTuple

from lint.checks.links.domains import match_domain
from lint.document import Document
from lint.speed import regexcache

LinkKind = Literal["url", "www", "bare-domain", "markdown", "autolink", "reference", "href", "src"]


class Link(NamedTuple):
    """A link at ``[start, end)``; ``text`` is its Markdown or HTML link text, else ``""``.

    ``tag`` is the span of the enclosing ``<a ...>`` opening tag for ``href`` links.
    """

    url: str
    start: int
    end: int
    text: str
    kind: LinkKind
    tag: tuple[int, int] | None = None


_SCHEME_SEPARATOR = regexcache.compile("://")
_TLD_SLASH = regexcache.compile(r"\.[A-Za-z]{2,12}/")
# Characters that end a URL in running text: spaces, markup delimiters, CJK punctuation,
# typographic quotes and zero-width characters.
_BODY = regexcache.compile(
    '[^\\s<>"`{}|\\\\^\\[\\]\u200b-\u200d\u2060\ufeff\u201c\u201d\u00ab\u00bb'
    "\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]*"
)
_TRAILING = set(".,;:!?'*~\u2019\u2026")
_CLOSERS = {")": "(", "]": "[", "}": "{"}
_SCHEMES = frozenset({"http", "https", "ftp"})
_SCHEME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-")
_HOST_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-")
_ATTRIBUTE_VALUE = r"""[ \t\r\n]{0,10}=[ \t\r\n]{0,10}(?:"([^"<>]{0,8000})"|'([^'<>]{0,8000})'|([^\s"'<>`=]{1,8000}))"""
# One pattern per spelling, each starting with a literal the regex engine skips to fast.
_ATTRIBUTES = tuple(
    regexcache.compile(f"({name}){_ATTRIBUTE_VALUE}")
    for name in ("href", "HREF", "Href", "src", "SRC", "Src")
)
_ANCHOR_CLOSE = regexcache.compile(r"</[aA][ \t\r\n]{0,10}>")
_TAG = regexcache.compile(r"<[^<>]{0,500}>")
_SPACES = regexcache.compile(r"\s+")
_REFERENCE = regexcache.compile(r"[ \t]{0,3}\[([^\[\]\r\n]{1,999})\]:[ \t]{0,10}<?")
# [text][label] and [text][] (collapsed) uses of reference definitions.
_REFERENCE_USE = regexcache.compile(r"\[([^\[\]\r\n]{1,500})\]\[([^\[\]\r\n]{0,200})\]")
_MAX_HOST = 253
_MAX_LINK_TEXT = 2000
_match_start = re.Match.start


def find_links(document: Document, *, bare_domains: Collection[str] = ()) -> Iterator[Link]:
    """All links outside code and comments, in document order, one at a time.

    ``bare_domains`` (normalised hosts) enables scheme-less links such as ``bit.ly/x``:
    a ``host/path`` whose host is one of them, or a subdomain of one.

    Every stage is a generator: a file that is one URL a line holds one link at a time,
    not a list of them all.
    """
    text = document.text
    skip = document.skipped
    if document.markup == "text":
        found: Iterator[Link] = _prose_links(text, iter(()), bare_domains)
    else:
        # One attribute scan feeds both the output and the prose scan, which skips the
        # spans it took; tee keeps only the links between the two.
        attributes, taken = tee(_attribute_links(text))
        prose = _prose_links(text, ((link.start, link.end) for link in taken), bare_domains)
        found = heapq.merge(attributes, prose, key=_link_start)
    uses: dict[str, list[str]] | None = None
    for link in found:
        if skip.covering(link.start) >= 0:
            continue
        if link.kind == "reference":
            if uses is None:
                uses = _reference_uses(text)
            link = _with_reference_text(text, link, uses)  # noqa: PLW2901
        yield link


def _link_start(link: Link) -> int:
    return link.start


def _reference_uses(text: str) -> dict[str, list[str]]:
    """The texts of the ``[text][label]`` links, by label."""
    uses: dict[str, list[str]] = {}
    for match in _REFERENCE_USE.finditer(text):
        label = (match.group(2) or match.group(1)).strip().lower()
        uses.setdefault(label, []).append(match.group(1))
    return uses


def _with_reference_text(text: str, link: Link, uses: dict[str, list[str]]) -> Link:
    """A reference definition with the text of the ``[text][label]`` links that use it."""
    line_start = text.rfind("\n", max(0, link.start - 1000), link.start) + 1
    label = _REFERENCE.match(text, line_start, link.start)
    if not label:
        return link
    return link._replace(text=" ".join(uses.get(label.group(1).strip().lower(), ())))


def _prose_links(
    text: str, taken: Iterator[tuple[int, int]], bare_domains: Collection[str]
) -> Iterator[Link]:
    """Links in running text; ``taken`` (in order) are spans already found as attributes."""
    next_taken = next(taken, None)
    last_end = 0
    for pos, anchor_end, anchor in _anchors(text, bool(bare_domains)):
        if pos < last_end:
            continue
        start = _url_start(text, pos, anchor_end, anchor, bare_domains)
        if start < 0 or start < last_end:
            continue
        while next_taken is not None and next_taken[1] <= start:
            next_taken = next(taken, None)
        if next_taken is not None and next_taken[0] <= start:
            last_end = next_taken[1]
            continue
        end = _trim(text, start, _BODY.match(text, anchor_end).end())  # type: ignore[union-attr]
        if end <= anchor_end or (anchor == "www." and "." not in _host_text(text, anchor_end, end)):
            continue
        last_end = end
        yield _classify_context(text, start, end, anchor)


def _anchors(text: str, bare: bool) -> Iterator[tuple[int, int, str]]:
    """``(start, end, kind)`` of every ``://``, ``www.`` and (if ``bare``) ``.tld/``, in order."""
    streams = [
        ((match.start(), match.end(), "://") for match in _SCHEME_SEPARATOR.finditer(text)),
        _literal(text, "www."),
        _literal(text, "WWW."),
    ]
    if bare:
        streams.append((match.start(), match.end(), ".") for match in _TLD_SLASH.finditer(text))
    return heapq.merge(*streams)


def _literal(text: str, needle: str) -> Iterator[tuple[int, int, str]]:
    """Each ``needle`` (found with str.find, faster than a pattern) as a ``www.`` anchor."""
    pos = text.find(needle)
    while pos >= 0:
        yield pos, pos + len(needle), "www."
        pos = text.find(needle, pos + len(needle))


def _host_text(text: str, start: int, end: int) -> str:
    stop = end
    for delimiter in "/?#:":
        found = text.find(delimiter, start, stop)
        if found >= 0:
            stop = found
    return text[start:stop]


def _url_start(
    text: str, pos: int, anchor_end: int, anchor: str, bare_domains: Collection[str]
) -> int:
    """Where the URL around a candidate anchor starts, or -1 when it is not a link."""
    if anchor == "://":
        start = pos
        while start > 0 and pos - start < 16 and text[start - 1] in _SCHEME_CHARS:
            start -= 1
        return start if text[start:pos].lower() in _SCHEMES else -1
    if anchor == "www.":
        return -1 if pos > 0 and _joins_word(text[pos - 1]) else pos
    return _bare_domain_start(text, pos, anchor_end, bare_domains)


def _joins_word(char: str) -> bool:
    return char.isalnum() or char in "./@:-_"


def _bare_domain_start(text: str, pos: int, anchor_end: int, bare_domains: Collection[str]) -> int:
    start = pos
    while start > 0 and pos - start < _MAX_HOST and text[start - 1] in _HOST_CHARS:
        start -= 1
    if start == pos or (start > 0 and _joins_word(text[start - 1])):
        return -1
    host = text[start : anchor_end - 1].lower()
    if host.startswith("www."):
        return -1  # found through its own "www." anchor
    return start if match_domain(host, bare_domains) else -1


def _trim(text: str, start: int, end: int) -> int:
    """Drop the punctuation prose puts after a URL; keep balanced closing brackets."""
    while end > start:
        last = text[end - 1]
        if last in _TRAILING:
            end -= 1
        elif last == "-" and text.startswith("-->", end - 2):
            end -= 2  # the end of an HTML comment, not of the URL
        elif last in _CLOSERS:
            url = text[start:end]
            if url.count(_CLOSERS[last]) >= url.count(last):
                break
            end -= 1
        else:
            break
    return end


def _classify_context(text: str, start: int, end: int, anchor: str) -> Link:
    url = text[start:end]
    before = text[max(0, start - 2) : start]
    if before.endswith("](") or text[max(0, start - 3) : start] == "](<":
        bracket = start - 2 if before.endswith("](") else start - 3
        return Link(url, start, end, _markdown_text(text, bracket), "markdown")
    floor = max(0, start - 1000)
    line_start = max(text.rfind("\n", floor, start), text.rfind("\r", floor, start), floor - 1) + 1
    if start - line_start < 1000 and _REFERENCE.fullmatch(text, line_start, start):
        return Link(url, start, end, "", "reference")
    if before.endswith("<") and text.startswith(">", end):
        return Link(url, start, end, "", "autolink")
    if anchor == "://":
        return Link(url, start, end, "", "url")
    if anchor == "www.":
        return Link(url, start, end, "", "www")
    return Link(url, start, end, "", "bare-domain")


def _markdown_text(text: str, close: int) -> str:
    """The text of ``[text](`` whose ``]`` is at ``close``: back to the matching ``[``."""
    floor = max(text.rfind("\n", max(0, close - 1000), close) + 1, close - 1000, 0)
    opener = text.rfind("[", floor, close)
    # Skip "[" of nested brackets: the opener is the one with as many "[" as "]" after it.
    while opener >= 0 and text.count("[", opener, close) <= text.count("]", opener, close):
        opener = text.rfind("[", floor, opener)
    return text[opener + 1 : close] if opener >= 0 else ""


def _attribute_links(text: str) -> Iterator[Link]:
    """``href`` and ``src`` values that are web links, in order."""
    matches = heapq.merge(*(pattern.finditer(text) for pattern in _ATTRIBUTES), key=_match_start)
    for match in matches:
        if match.start() == 0 or not text[match.start() - 1].isspace():
            continue
        group = 2 if match.group(2) is not None else 3 if match.group(3) is not None else 4
        value = match.group(group)
        start, end = match.span(group)
        stripped = value.strip()
        if not stripped:
            continue
        start += len(value) - len(value.lstrip())
        end = start + len(stripped)
        lowered = stripped[:8].lower()
        if not lowered.startswith(("http://", "https://", "ftp://", "//", "www.")):
            continue
        if match.group(1).lower() == "src":
            yield Link(stripped, start, end, "", "src")
            continue
        tag = _enclosing_anchor(text, match.start())
        label = _anchor_text(text, tag[1]) if tag else ""
        yield Link(stripped, start, end, label, "href", tag)


def _enclosing_anchor(text: str, attribute: int) -> tuple[int, int] | None:
    """The ``<a ...>`` tag an attribute belongs to, if it is an anchor."""
    lt = text.rfind("<", max(0, attribute - 2000), attribute)
    if lt < 0 or text[lt + 1 : lt + 2] not in ("a", "A") or not text[lt + 2 : lt + 3].isspace():
        return None
    if text.find(">", lt, attribute) >= 0:
        return None
    gt = text.find(">", attribute, attribute + 8000)
    return (lt, gt + 1) if gt >= 0 else None


def _anchor_text(text: str, tag_end: int) -> str:
    close = _ANCHOR_CLOSE.search(text, tag_end, tag_end + _MAX_LINK_TEXT)
    if not close:
        return ""
    inner = _TAG.sub(" ", text[tag_end : close.start()])
    return _SPACES.sub(" ", html.unescape(inner)).strip()
