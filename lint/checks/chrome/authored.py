"""Lines of a Markdown document that are its author's own, whatever the line classifier says.

The classifier places a page's article at its densest run of prose and reads what lies
below it as furniture. An authored Markdown document (a cheat sheet, a docs page, a post
with many short sections) has no single run of prose: its article is its heading
structure. Here a section under a heading is the author's when its heading names no
furniture and is not a link out of the document, and its body holds a sentence of the
author's; in such a section a paragraph stays unless it is no more than links out of the
document (a teaser, an advertisement's image) or names furniture without being a
sentence ("Share this article"). Anywhere in the document, a link reference definition
(never shown) and a paragraph whose links all stay inside the document (an anchor of one
of its own headings, a relative path to another file) are its own navigation, not a
site's. Markdown converted from a scraped page keeps its furniture: a menu, a share bar, a
"Skip to content" link to an anchor no heading has.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lint.checks.chrome.features import Row
from lint.document import Document

# [text](target) and ![alt](target), <img …>/<a …> tags (their src/href read apart),
# <autolinks>. Every run is bounded and no two parts can take the same characters, so a
# line of "[" or of '<a href="' costs linear time, not cubic.
_LINK = re.compile(
    r"!?\[((?:[^\[\]\n]|\[[^\]\n]{0,500}\]\([^)\n]{0,2000}\))*)\]"
    r"\(\s*<?([^)\s>]{0,2000})(?:[\s>][^)\n]{0,2000})?\)"
    r"|<(?:img|a)\b([^<>]{0,2000})>"
    r"|<([a-z][a-z0-9+.-]{0,30}:[^>\s]{0,2000})>",
    re.I,
)
_TAG_TARGET = re.compile(r"\b(?:src|href)=[\"']([^\"']*)[\"']", re.I)
_UNDERLINE = re.compile(r" {0,3}(?:=+|-+)[ \t]*\r?$")
Links = tuple[int, int, int]  # words outside links out, links out, links inside the document
_DEFINITION = re.compile(r" {0,3}\[[^\]\n]{1,999}\]:(?:[ \t]|$)")
_SCHEME = re.compile(r"[a-z][a-z0-9+.-]{0,30}:", re.I)  # a URL scheme is short
_WORD = re.compile(r"\w+")
_SLUG_DROP = re.compile(r"[^\w]+")
_SENTENCE_WORDS = 8  # with a colon at the end: a lead-in ("The anchors are derived … like:")
_LONG_WORDS = 12  # "So, if you want to avoid syntax conflicts, you can use {% raw %}…"
_TAIL_ROWS = 3  # rows after a section's last sentence or entry still its own (a "see also")
_OWN_WORDS = 2  # words outside links out of the document that make a paragraph more than links
_KIND_HITS = 1  # furniture words a sentence of the author may hold ("link", "comment")


def authored_lines(document: Document, rows: list[Row], furnished: bool) -> set[int]:
    """0-based lines the classifier must not report in a Markdown document. ``furnished``:
    the library's phrases found furniture in it ("Skip to content", "Share this:"), so a
    paragraph naming furniture in an authored section is left to the classifier."""
    if document.markup != "markdown" or not rows:
        return set()
    text = document.text
    headings = {row.index for row in rows if row.heading or _setext(text, row)}
    slugs = {_slug(row.text) for row in rows if row.index in headings}
    links = {row.index: _links(text[row.start : row.end], slugs) for row in rows}
    own: set[int] = set()
    for section in _sections(rows, headings):
        opened = section[0].index in headings
        body = section[1:] if opened else section
        authors = [
            position
            for position, row in enumerate(body)
            if _author_row(row, links[row.index], furnished)
        ]
        authored = opened and bool(authors) and _authored_heading(section[0], links)
        for position, row in enumerate(body):
            _, outward, inward = links[row.index]
            near = authored and position <= authors[-1] + _TAIL_ROWS  # not a footer run
            kept = near and _kept(row, links[row.index], furnished)
            if kept or (inward and not outward) or _definition(text, row):
                own.update(range(row.index, row.last + 1))
        if opened and not section[0].heading:
            own.update(range(section[0].index, section[0].last + 1))  # a setext heading
    return own


def _setext(text: str, row: Row) -> bool:
    """A paragraph underlined with "===" or "---" (its last line, or the line right after
    it where the paragraph reader set the underline apart): a heading, as "#" makes one."""
    if row.last > row.index:
        underline = text[row.start : row.end].rsplit("\n", 1)[-1]
    else:
        after = text.find("\n", row.end) + 1
        underline = text[after : text.find("\n", after) % (len(text) + 1)] if after else ""
    return bool(underline) and _UNDERLINE.match(underline) is not None


def _sections(rows: list[Row], headings: set[int]) -> Iterable[list[Row]]:
    """Runs of rows, each opened by a heading (the first run: what precedes any heading)."""
    section: list[Row] = []
    for row in rows:
        if row.index in headings and section:
            yield section
            section = []
        section.append(row)
    if section:
        yield section


def _authored_heading(heading: Row, links: dict[int, Links]) -> bool:
    """Names no furniture ("Related posts", "Share this:") and is no teaser's linked headline."""
    return not heading.kinds and not links[heading.index][1]


def _author_row(row: Row, links: Links, furnished: bool) -> bool:
    """A sentence of the author's, or a list item that is more than links out (a changelog's
    entry; a menu's or a share bar's items are links alone)."""
    listed = row.structural and not row.heading
    return (listed or _sentence(row)) and _kept(row, links, furnished)


def _sentence(row: Row) -> bool:
    """Prose, a lead-in ending in a colon, or a long line (a sentence whose end is code)."""
    if row.prose or row.words >= _LONG_WORDS:
        return True
    return row.words >= _SENTENCE_WORDS and row.text.rstrip().endswith(":")


def _kept(row: Row, links: Links, furnished: bool) -> bool:
    """Inside an authored section: more than links out, and, on a page with furniture, no
    furniture words unless a sentence."""
    outside, links_out, _ = links
    if links_out and outside < _OWN_WORDS:
        return False
    if not row.kinds or not furnished:
        return True
    return _sentence(row) and sum(row.kinds.values()) <= _KIND_HITS


def _links(raw: str, slugs: set[str]) -> Links:
    """Words outside links that leave the document, how many such links, how many that stay
    inside it."""
    if "](" not in raw and "<" not in raw:
        return 0, 0, 0  # no link: the words outside links are never asked for
    outward = inward = pos = 0
    kept = []
    for match in _LINK.finditer(raw):
        target = _target(match)
        if target is None:
            continue  # a tag with no src or href: its words are the paragraph's
        if _inward(target, slugs):
            inward += 1
            continue
        outward += 1
        kept.append(raw[pos : match.start()])
        pos = match.end()
    kept.append(raw[pos:])
    return len(_WORD.findall("".join(kept))), outward, inward


def _target(link: re.Match[str]) -> str | None:
    """Where a link goes; None for an <img> or <a> tag without a src or href."""
    markdown, attributes, autolink = link.group(2, 3, 4)
    if attributes is None:
        return markdown if markdown is not None else autolink
    found = _TAG_TARGET.search(attributes)
    return found.group(1) if found else None


def _inward(target: str, slugs: set[str]) -> bool:
    """An anchor of one of the document's headings, or a relative path (another file of
    the same repository or site folder); never the site's root-relative "/…" or a URL."""
    if target.startswith("#"):
        return len(target) > 1 and _slug(target[1:]) in slugs
    return bool(target) and not target.startswith(("/", "\\")) and not _SCHEME.match(target)


def _definition(text: str, row: Row) -> bool:
    """A one-line link reference definition ("[ref]: https://…", "[Comment]: #")."""
    return row.index == row.last and _DEFINITION.match(text, row.start) is not None


def _slug(heading: str) -> str:
    """A heading or an anchor as letters and digits only: "Link to another file" and
    "#link-to-another-file" meet, whatever the renderer's own slug rules."""
    return _SLUG_DROP.sub("", heading.lower().replace("_", ""))
