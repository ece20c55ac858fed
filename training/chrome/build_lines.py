"""Line-labelled chrome data from the real pages in ``pages/``.

    python training/chrome/build_lines.py              # lines.jsonl.gz, text/<sha>.txt
    python training/chrome/build_lines.py --show SHA   # one page, labelled (a prefix will do)
    python training/chrome/build_lines.py --show SHA --margin 5   # the article's stretch

Every page becomes the text a naive scrape or a copy-paste gives: script, style, noscript,
template, svg, math, object, head, iframe and hidden elements (``hidden``, ``aria-hidden=
"true"``, inline ``display:none`` or ``visibility:hidden``) dropped; one line per block
element's own text, whitespace collapsed; ``<br>`` starts a new line; a blank line between
blocks. Each non-blank line gets a label:

- ``content``: its word tokens align, in order, with the page's ``articleBody`` (at least
  ``CONTENT_SHARE`` of them, or ``CONTENT_RUN`` of them; see ``aligned_counts``);
- ``title``: the headline, dek, byline, date, reading-time and key-points lines at the head of
  the article, which the linter must leave alone although they are not in ``articleBody``
  (see ``mark_titles``);
- ``chrome``: everything else. Its ``kind`` is a guess from the ancestors' tags, roles and
  class/id tokens (``guess_kind``), not a reading of the text.

Each line also records structure facts from the HTML for later detectors: the tag path of its
block element, the class/id tokens of that element and its ancestors, whether it lies inside
``<article>`` or ``<main>``, the share of its non-space characters inside ``<a>``, and the
1-based source line range of its block element in the decoded HTML. SPLIT.md describes the
split and how the labels were checked.
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import hashlib
import itertools
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString, PageElement, PreformattedString

from lint.checks.chrome.page import BLOCK_TAGS, DROPPED_TAGS  # the same blocks the check sees

HERE = Path(__file__).resolve().parent
PAGES = HERE / "pages"
OUTPUT = HERE / "lines.jsonl.gz"
TEXT_DIR = HERE / "text"

CONTENT_SHARE = 0.5  # "most of its words": more than half of a line's tokens aligned
MIN_RUN = 3  # aligned runs shorter than this count only when they are a whole line
CONTENT_RUN = 12  # this many aligned words make a line content whatever else it holds
TEST_SHARE = 0.3  # share of sites held out for testing
SPLIT_SALT = b"chrome-split/"

HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
WORD = re.compile(r"\w+")
LETTER = re.compile(r"[^\W\d_]")
SPACE = re.compile(r"\s+")


# ---------------------------------------------------------------- the page as text lines


@dataclass
class Line:
    """One line of the text dump and the block element it belongs to."""

    text: str
    block: Tag
    link_share: float
    starts_block: bool  # a blank line goes before it in the dump
    label: str = "chrome"
    kind: str = ""


@dataclass
class _LineBuilder:
    """Collects text fragments; a block boundary or ``<br>`` turns them into a line."""

    lines: list[Line] = field(default_factory=list)
    fragments: list[tuple[str, bool]] = field(default_factory=list)
    block_break: bool = True

    def add(self, text: str, in_link: bool) -> None:
        self.fragments.append((text, in_link))

    def flush(self, block: Tag, *, new_block: bool) -> None:
        text = SPACE.sub(" ", "".join(t for t, _ in self.fragments)).strip()
        if text:
            linked = sum(len(SPACE.sub("", t)) for t, in_link in self.fragments if in_link)
            share = round(min(1.0, linked / len(SPACE.sub("", text))), 3)
            self.lines.append(Line(text, block, share, self.block_break))
            self.block_break = False
        self.fragments.clear()
        if new_block:
            self.block_break = True


def is_hidden(tag: Tag) -> bool:
    if tag.has_attr("hidden") or str(tag.get("aria-hidden", "")).lower() == "true":
        return True
    return bool(HIDDEN_STYLE.search(str(tag.get("style", ""))))


def page_lines(soup: BeautifulSoup) -> list[Line]:
    """The lines a naive scrape of the page gives, in document order."""
    builder = _LineBuilder()
    root = soup.find("html") or soup
    assert isinstance(root, Tag)
    _walk(root, root, builder, in_link=False)
    builder.flush(root, new_block=True)
    return builder.lines


def _walk(tag: Tag, block: Tag, builder: _LineBuilder, *, in_link: bool) -> None:
    for child in tag.children:
        if isinstance(child, Tag):
            name = child.name.lower()
            if name in DROPPED_TAGS or is_hidden(child):
                continue
            if name == "br":
                builder.flush(block, new_block=False)
            elif name in BLOCK_TAGS:
                builder.flush(block, new_block=True)
                _walk(child, child, builder, in_link=in_link)
                builder.flush(child, new_block=True)
            else:
                _walk(child, block, builder, in_link=in_link or name == "a")
        elif isinstance(child, NavigableString) and not isinstance(child, PreformattedString):
            builder.add(str(child), in_link)


def text_dump(lines: Sequence[Line]) -> str:
    """The lines as a text file: a blank line between blocks, "\\n" line ends."""
    parts: list[str] = []
    for line in lines:
        if line.starts_block and parts:
            parts.append("")
        parts.append(line.text)
    return "\n".join(parts) + "\n"


# ---------------------------------------------------------------- alignment


def tokens(text: str) -> list[str]:
    return WORD.findall(text.lower())


def aligned_counts(texts: Sequence[str], reference: str) -> list[tuple[int, int]]:
    """For each text, (tokens aligned in order with ``reference``, tokens in the text).

    One alignment runs over all texts joined, so a line aligns only where it fits the
    reference's order.
    """
    page: list[str] = []
    starts: list[int] = []
    for text in texts:
        starts.append(len(page))
        page.extend(tokens(text))
    starts.append(len(page))
    owner = [line for line in range(len(texts)) for _ in range(starts[line], starts[line + 1])]
    aligned = [False] * len(page)
    matcher = difflib.SequenceMatcher(None, page, tokens(reference), autojunk=False)
    for start, _, size in matcher.get_matching_blocks():
        if size == 0:
            continue
        whole_lines = starts[owner[start]] == start and (
            starts[owner[start + size - 1] + 1] == start + size
        )
        if size >= MIN_RUN or whole_lines:
            aligned[start : start + size] = [True] * size
    _prefer_whole_lines(page, starts, owner, aligned)
    matched = Counter(owner[i] for i, is_aligned in enumerate(aligned) if is_aligned)
    return [(matched[i], starts[i + 1] - starts[i]) for i in range(len(texts))]


def _prefer_whole_lines(
    page: Sequence[str], starts: Sequence[int], owner: Sequence[int], aligned: list[bool]
) -> None:
    """Move a short line's alignment to the same words opening the next aligned line.

    A photo credit "Nintendo" above "Nintendo Switch Lite for $200" aligns as well as the
    first word of that line (nothing between them is aligned); the article has the word
    once, and it belongs to the line that is otherwise aligned.
    """
    for line in range(len(starts) - 1):
        start, end = starts[line], starts[line + 1]
        size = end - start
        if not 0 < size < MIN_RUN or not all(aligned[start:end]):
            continue
        words = list(page[start:end])
        at = end
        while at + size <= len(page) and not any(aligned[at : at + size]):
            target = owner[at]
            target_end = starts[target + 1]
            if (
                starts[target] == at
                and target_end > at + size
                and list(page[at : at + size]) == words
                and all(aligned[at + size : target_end])
            ):
                aligned[start:end] = [False] * size
                aligned[at : at + size] = [True] * size
                break
            at += 1


def is_aligned(matched: int, size: int) -> bool:
    """Most of the line's words are in the reference, or a long run of them is.

    The second case is an article paragraph with furniture inside it (a pop-up teaser
    injected after a linked name): the line carries article text, so it is content.
    """
    return size > 0 and (matched / size >= CONTENT_SHARE or matched >= CONTENT_RUN)


def aligned_lines(texts: Sequence[str], reference: str) -> list[bool]:
    return [is_aligned(m, n) for m, n in aligned_counts(texts, reference)]


# ---------------------------------------------------------------- structure facts


def ancestors_or_self(tag: Tag) -> list[Tag]:
    """The element and its ancestors, outermost first."""
    chain = [tag, *(p for p in tag.parents if p.name != "[document]")]
    return chain[::-1]


def class_id_tokens(tag: Tag) -> list[str]:
    found: list[str] = []
    classes = tag.get("class")
    if isinstance(classes, str):
        found.extend(classes.split())
    elif classes:
        found.extend(str(c) for c in classes)
    found.extend(str(tag.get("id", "")).split())
    return found


def path_of(chain: Sequence[Tag]) -> str:
    return ">".join(t.name.lower() for t in chain)


def tokens_of(chain: Sequence[Tag]) -> list[str]:
    seen: dict[str, None] = {}
    for tag in chain:
        seen.update(dict.fromkeys(class_id_tokens(tag)))
    return list(seen)


def in_main(chain: Sequence[Tag]) -> bool:
    return any(t.name.lower() in {"article", "main"} for t in chain)


class SourceSpans:
    """1-based first and last source line of elements of a tree parsed by html.parser.

    html.parser records where a start tag begins; an element ends on the line where the next
    start tag after it begins, less the newlines in the text between the two.
    """

    def __init__(self, soup: BeautifulSoup, source: str) -> None:
        self.subtree_end: dict[int, int] = {}
        self.nodes: list[PageElement] = []
        self._number(soup)
        count = len(self.nodes)
        self.newlines_before = [0] * (count + 1)
        self.next_tag = [count] * (count + 1)
        for i, node in enumerate(self.nodes):
            newlines = str(node).count("\n") if isinstance(node, NavigableString) else 0
            self.newlines_before[i + 1] = self.newlines_before[i] + newlines
        for i in range(count - 1, -1, -1):
            is_tag = isinstance(self.nodes[i], Tag)
            self.next_tag[i] = i if is_tag else self.next_tag[i + 1]
        self.last_line = source.count("\n") + 1

    def _number(self, root: Tag) -> None:
        stack: list[tuple[PageElement, bool]] = [(root, False)]
        while stack:
            node, done = stack.pop()
            if done:
                self.subtree_end[id(node)] = len(self.nodes) - 1
                continue
            self.nodes.append(node)
            if isinstance(node, Tag):
                stack.append((node, True))
                stack.extend((child, False) for child in reversed(list(node.children)))

    def span(self, tag: Tag) -> tuple[int, int]:
        start = tag.sourceline or 1
        after = self.subtree_end[id(tag)] + 1
        following = self.next_tag[after]
        between = self.newlines_before[following] - self.newlines_before[after]
        if following < len(self.nodes):
            line = self.nodes[following]
            assert isinstance(line, Tag)
            end = (line.sourceline or start) - between
        else:
            end = self.last_line - between
        return start, max(start, end)


# ---------------------------------------------------------------- chrome kinds (a guess)

KIND_TAGS = {"nav": "navigation", "footer": "footer", "header": "navigation", "menu": "navigation"}
KIND_ROLES = {
    "navigation": "navigation",
    "menubar": "navigation",
    "menu": "navigation",
    "contentinfo": "footer",
    "banner": "navigation",
    "complementary": "related",
    "search": "navigation",
}
# Parts of class/id tokens (split at "-", "_" and case changes), innermost element first.
KIND_PARTS: tuple[tuple[str, frozenset[str]], ...] = (
    ("cookie", frozenset({"cookie", "cookies", "consent", "gdpr", "cmp", "onetrust"})),
    ("newsletter", frozenset({"newsletter", "subscribe", "subscription", "signup", "optin"})),
    ("comment-form", frozenset({"comment", "comments", "respond", "disqus", "reply"})),
    ("share", frozenset({"share", "sharing", "social", "addthis", "sharethis", "sharebar",
                         "actionbar"})),
    ("advertisement", frozenset({"ad", "ads", "advert", "advertisement", "adslot", "dfp", "gpt",
                                 "sponsor", "sponsored", "taboola", "outbrain", "adunit",
                                 "commercial", "banner", "advertising"})),
    ("author-box", frozenset({"bio", "authorbox", "about-author"})),
    # Not "tag": WordPress marks every post "tag-<name>", teasers included.
    ("tags", frozenset({"tags", "topics", "keywords", "tagged", "tagcloud", "taglist"})),
    ("archive", frozenset({"archive", "archives", "calendar", "widget_archive"})),
    ("related", frozenset({"related", "recommended", "popular", "trending", "mostread",
                           "most", "recirc", "more", "latest", "headlines", "read", "next",
                           "promo", "teaser", "teasers",
                           "widget", "sidebar", "aside", "rail"})),
    ("site-name", frozenset({"logo", "brand", "branding", "masthead", "sitename", "site-title"})),
    ("navigation", frozenset({"nav", "navbar", "navigation", "menu", "breadcrumb",
                              "breadcrumbs", "header", "topbar", "subnav", "pagination"})),
    ("footer", frozenset({"footer", "copyright", "colophon", "legal"})),
)  # fmt: skip
EDGE_ONLY_PARTS = frozenset({"ad", "ads", "gpt", "more", "read", "next", "most", "meta", "tag"})
TOKEN_PART = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


def token_parts(token: str) -> set[str]:
    """A class/id token's words and adjacent pairs ("mostPopular" → most, popular, mostpopular).

    Short, ambiguous words count only at the token's edge: "ad-slot", not "Page-ad-margins".
    """
    words = [p.lower() for p in TOKEN_PART.findall(token)]
    inner = set(words[1:-1]) & EDGE_ONLY_PARTS
    pairs = {a + b for a, b in itertools.pairwise(words)}
    whole = token.lower()
    return (set(words) - inner) | pairs | {whole, whole.replace("-", "").replace("_", "")}


def guess_kind(chain: Sequence[Tag]) -> str:
    """The furniture kind suggested by the nearest ancestor that names one."""
    for tag in reversed(chain):
        if tag.name.lower() in {"html", "body"}:
            continue  # their classes describe the page (e.g. "one-sidebar"), not a region
        parts: set[str] = set()
        for token in class_id_tokens(tag):
            parts |= token_parts(token)
        if "author" in parts and parts & {"bio", "box", "about", "info", "card"}:
            return "author-box"
        for kind, names in KIND_PARTS:
            if parts & names:
                return kind
        role = str(tag.get("role", "")).lower()
        if role in KIND_ROLES:
            return KIND_ROLES[role]
        if tag.name.lower() in KIND_TAGS:
            return KIND_TAGS[tag.name.lower()]
    return "other"


# ---------------------------------------------------------------- title lines

AUTHOR_PARTS = frozenset(
    {"byline", "author", "authors", "writer", "contributor", "contributors", "reporter"}
)
DEK_PARTS = frozenset(
    {
        "dek", "standfirst", "subtitle", "subhead", "subheadline", "summary", "description",
        "excerpt", "strapline", "lede", "keypoints", "highlights",
    }
)  # fmt: skip
TITLE_VETO = frozenset(
    {
        "caption", "gallery", "photo", "image", "img", "slideshow", "slide", "credit",
        "figure", "media", "video", "player", "share", "social", "related", "ad", "ads",
        "advert", "promo", "newsletter", "breadcrumb", "breadcrumbs", "nav", "menu",
        "signup", "subscribe", "subscription", "email", "comment", "comments", "bio",
        "disclaimer", "popular", "mostpopular", "trending", "recommended",
    }
)  # fmt: skip
TITLE_PARTS = DEK_PARTS | frozenset(
    {
        "date", "dateline", "time", "timestamp", "published", "updated", "pubdate", "posted",
        "meta", "headline", "title", "reading", "readtime",
    }
)  # fmt: skip
CAPTION_VETO = frozenset({"caption", "gallery", "slideshow", "credit", "figure"})
VETO_TAGS = frozenset({"figure", "figcaption", "nav", "button", "form"})
TITLE_ITEMPROPS = frozenset(
    {"author", "datepublished", "datemodified", "headline", "description", "alternativeheadline"}
)
BYLINE = re.compile(r"^(by|por|von|par|di|от|автор)\b", re.IGNORECASE)
READING_TIME = re.compile(r"\b\d+\s*(min|mins|minute|minutes)\b(\s+read)?", re.IGNORECASE)
DATE_TEXT = re.compile(
    r"\b(19|20)\d\d\b|\b\d{1,2}[./:-]\d{1,2}\b|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|"
    r"dec)[a-z]*\.?\s+\d|\b(updated|published|posted)\b|\b\d+\s+(hours?|days?|minutes?)\s+ago\b",
    re.IGNORECASE,
)
TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:·»]\s+")
HEADLINE_TAGS = frozenset({"h1", "h2", "h3"})
TITLE_WINDOW = 25  # lines before the first content line searched when no headline is found
MAX_TITLE_WORDS = 60
DEK_WORDS = 8  # an unmarked line after the headline this long is its dek
DATE_WORDS = 16  # "Published Tue, Nov 19 2019 7:05 AM EST Updated Tue, Nov 19 2019 7:16 AM EST"
BEFORE_HEADLINE = 2  # lines above the headline searched for a byline or date line
BYLINE_WORDS = 20  # "By A | November 18, 2019 -- 19:14 GMT | Topic: Hardware"; longer is a bio
DEK_DEPTH = 6  # a key-points list item is a few levels below the box that names it
TITLE_DEPTH = 3  # the block and its two nearest ancestors are searched for metadata marks


def headline_candidates(soup: BeautifulSoup) -> list[list[str]]:
    """Token lists of what the page says its headline is (meta tags, <title>)."""
    found: list[str] = []
    for meta in soup.find_all("meta"):
        key = str(meta.get("property") or meta.get("name") or "").lower()
        if key in {"og:title", "twitter:title", "title", "sailthru.title"}:
            found.append(str(meta.get("content", "")))
    for tag in soup.find_all(True, attrs={"itemprop": "headline"}):
        found.append(tag.get_text(" ") if tag.name != "meta" else str(tag.get("content", "")))
    if soup.title is not None:
        whole = soup.title.get_text(" ")
        found.append(whole)
        found.extend(TITLE_SEPARATORS.split(whole))
    return [t for t in (tokens(f) for f in found) if t]


def matches_headline(text: str, candidates: Sequence[Sequence[str]]) -> bool:
    words = tokens(text)
    if not words:
        return False
    if len(words) == 1:  # unspaced scripts: one token, which must be the whole headline
        return len(text) >= 4 and any(list(c) == words for c in candidates)
    for candidate in candidates:
        common = sum((Counter(words) & Counter(candidate)).values())
        if common >= 0.8 * max(len(words), len(candidate)):
            return True
    return False


def find_headline(
    lines: Sequence[Line], candidates: Sequence[Sequence[str]], first_content: int
) -> int | None:
    """The headline line nearest before the first content line, a heading tag first.

    Headings are often links to the article itself; other lines must not be, so a
    breadcrumb or a teaser with the same words is not taken for the headline.
    """
    before = range(first_content - 1, -1, -1)
    for want_heading in (True, False):
        for index in before:
            line = lines[index]
            heading = line.block.name.lower() in HEADLINE_TAGS
            if want_heading != heading or (not heading and line.link_share >= 0.5):
                continue
            if matches_headline(line.text, candidates):
                return index
    return None


def marked(chain: Sequence[Tag], parts: frozenset[str], itemprops: frozenset[str]) -> bool:
    """An element of ``chain`` has a class/id part in ``parts`` or an itemprop in ``itemprops``."""
    for tag in chain:
        if str(tag.get("itemprop", "")).lower() in itemprops:
            return True
        if any(token_parts(token) & parts for token in class_id_tokens(tag)):
            return True
    return False


def author_marks(chain: Sequence[Tag]) -> bool:
    if any("author" in str(tag.get("rel", "")).lower() for tag in chain):
        return True
    return marked(chain, AUTHOR_PARTS, frozenset({"author", "creator"}))


def metadata_marks(chain: Sequence[Tag]) -> bool:
    if any(tag.name.lower() in {"time", "address"} for tag in chain):
        return True
    return marked(chain, TITLE_PARTS, TITLE_ITEMPROPS)


def dek_marks(line: Line) -> bool:
    """Inside a marked standfirst or key-points box, whose items sit deeper than a byline."""
    if len(tokens(line.text)) > MAX_TITLE_WORDS:
        return False
    return marked(ancestors_or_self(line.block)[-DEK_DEPTH:], DEK_PARTS, frozenset())


def vetoed(chain: Sequence[Tag], parts: frozenset[str] = TITLE_VETO) -> bool:
    """The line sits in a caption, gallery, share row or teaser, not in the article head.

    An element that names itself a dek or byline is not vetoed by its own other classes
    (nbcnews: "articleDek dekSummary noImage").
    """
    for tag in chain:
        if tag.name.lower() in VETO_TAGS:
            return True
        own = set().union(*(token_parts(t) for t in class_id_tokens(tag)))
        if own & parts and not own & (DEK_PARTS | AUTHOR_PARTS):
            return True
    return False


def looks_like_title_line(line: Line, chain: Sequence[Tag]) -> bool:
    """A byline, date line, reading time or marked metadata line.

    What the words say (a byline, a date) outweighs a site's class names, which are often
    broad ("ArticleHeader-wrapperNoImage", "article-share" around the byline): those lines
    are vetoed only by a caption or gallery. Lines known only by their classes are vetoed
    by any furniture mark.
    """
    words = tokens(line.text)
    if not words or len(words) > MAX_TITLE_WORDS:
        return False
    text = line.text
    if BYLINE.match(text) and len(words) <= BYLINE_WORDS:
        return True
    if READING_TIME.search(text) and len(words) <= 8:
        return True
    strong = not vetoed(chain, CAPTION_VETO)
    if strong and DATE_TEXT.search(text) and len(words) <= DATE_WORDS and line.link_share < 0.5:
        return True
    if strong and author_marks(chain) and len(words) <= BYLINE_WORDS:
        return True  # a byline is often just the author's name, linked to their page
    if vetoed(chain) or line.link_share >= 0.8 or len(words) < 2 or not LETTER.search(text):
        return False  # marks alone: a one-word label or a bare count is not enough
    return metadata_marks(chain)


def says_byline_or_date(line: Line) -> bool:
    """Before the headline only the words count: "Published 1 day ago", "Von X publiziert am"."""
    words = tokens(line.text)
    if BYLINE.match(line.text) and len(words) <= BYLINE_WORDS:
        return True
    return bool(DATE_TEXT.search(line.text)) and len(words) <= DATE_WORDS and line.link_share < 0.5


def near_chain(line: Line) -> list[Tag]:
    """The block, its nearest ancestors, and the inline elements holding its own text."""
    chain = ancestors_or_self(line.block)[-TITLE_DEPTH:]
    stack = [c for c in line.block.children if isinstance(c, Tag)]
    while stack:
        child = stack.pop()
        name = child.name.lower()
        if name in BLOCK_TAGS or name in DROPPED_TAGS:
            continue
        if any(isinstance(c, NavigableString) and c.strip() for c in child.children):
            chain.append(child)
        stack.extend(c for c in child.children if isinstance(c, Tag))
    return chain


def mark_titles(lines: Sequence[Line], soup: BeautifulSoup) -> None:
    """Label the head-of-article lines (headline, dek, byline, date, reading time) ``title``."""
    content = [i for i, line in enumerate(lines) if line.label == "content"]
    if not content:
        return
    first = content[0]
    headline = find_headline(lines, headline_candidates(soup), first)
    start = headline if headline is not None else max(0, first - TITLE_WINDOW)
    if headline is not None:
        lines[headline].label = "title"
        for index in range(max(0, headline - BEFORE_HEADLINE), headline):
            if lines[index].label == "chrome" and says_byline_or_date(lines[index]):
                lines[index].label = "title"
    for index in range(start, first):
        line = lines[index]
        if line.label != "chrome":
            continue
        chain = near_chain(line)
        if looks_like_title_line(line, chain) or (dek_marks(line) and not vetoed(chain)):
            line.label = "title"
    # A dek often has no marks: the longer sentence right after the headline.
    if headline is not None and headline + 1 < first:
        after = lines[headline + 1]
        dek_like = len(tokens(after.text)) >= DEK_WORDS and after.link_share < 0.2
        if after.label == "chrome" and dek_like and not vetoed(near_chain(after)):
            after.label = "title"


# ---------------------------------------------------------------- pages and split


def site_of(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def split_of(site: str) -> str:
    """The split of a site: "test" for about TEST_SHARE of sites, by a hash of its name.

    The hash is salted: the pages here are themselves a selection of the upstream sites by
    the plain hash of the name, so that hash's first bits are the same for every site here.
    """
    digest = hashlib.sha256(SPLIT_SALT + site.encode("utf-8")).digest()
    return "test" if int.from_bytes(digest[:4], "big") / 2**32 < TEST_SHARE else "train"


def load_soup(sha: str) -> tuple[BeautifulSoup, str]:
    raw = gzip.decompress((PAGES / "html" / f"{sha}.html.gz").read_bytes())
    soup = BeautifulSoup(raw, "html.parser")
    source = raw.decode(soup.original_encoding or "utf-8", errors="replace")
    return soup, source


def label_page(sha: str, truth: dict[str, str]) -> tuple[dict[str, Any], list[Line]]:
    soup, source = load_soup(sha)
    lines = page_lines(soup)
    aligned = aligned_lines([line.text for line in lines], truth["articleBody"])
    for line, is_content in zip(lines, aligned, strict=True):
        if is_content:
            line.label = "content"
    mark_titles(lines, soup)
    for line in lines:
        if line.label == "chrome":
            line.kind = guess_kind(ancestors_or_self(line.block))
    spans = SourceSpans(soup, source)
    site = site_of(truth["url"])
    record = {
        "page": sha,
        "url": truth["url"],
        "site": site,
        "split": split_of(site),
        "lines": [line_record(line, spans) for line in lines],
    }
    return record, lines


def line_record(line: Line, spans: SourceSpans) -> dict[str, Any]:
    chain = ancestors_or_self(line.block)
    start, end = spans.span(line.block)
    return {
        "text": line.text,
        "label": line.label,
        "kind": line.kind,
        "path": path_of(chain),
        "tokens": tokens_of(chain),
        "in_main": in_main(chain),
        "link_share": line.link_share,
        "src_start": start,
        "src_end": end,
    }


def ground_truth() -> dict[str, dict[str, str]]:
    data: dict[str, dict[str, str]] = json.loads(
        (PAGES / "ground-truth.json").read_text(encoding="utf-8")
    )
    return dict(sorted(data.items()))


# ---------------------------------------------------------------- summary


def summary(records: Iterable[dict[str, Any]]) -> str:
    """Page, line and label counts per split, as Markdown."""
    pages: Counter[str] = Counter()
    labels: dict[str, Counter[str]] = {"train": Counter(), "test": Counter()}
    sites: dict[str, set[str]] = {"train": set(), "test": set()}
    for record in records:
        split = record["split"]
        pages[split] += 1
        sites[split].add(record["site"])
        labels[split].update(line["label"] for line in record["lines"])
    rows = [
        "| split | sites | pages | lines | content | title | chrome |",
        "|---|---|---|---|---|---|---|",
    ]
    for split in ("train", "test"):
        total = sum(labels[split].values())
        shares = " | ".join(
            f"{labels[split][name]} ({labels[split][name] / total:.1%})"
            for name in ("content", "title", "chrome")
        )
        rows.append(f"| {split} | {len(sites[split])} | {pages[split]} | {total} | {shares} |")
    rows.append("")
    rows.append("Test sites: " + ", ".join(sorted(sites["test"])))
    return "\n".join(rows)


def show(records: Iterable[dict[str, Any]], prefix: str, *, margin: int | None = None) -> None:
    """Print the pages whose id starts with ``prefix``, a label beside each line.

    With ``margin``, only the article's stretch (first to last content or title line) and
    that many lines either side.
    """
    for record in records:
        if not record["page"].startswith(prefix):
            continue
        print(f"# {record['page']} {record['url']} ({record['split']})")
        lines = record["lines"]
        kept = [i for i, line in enumerate(lines) if line["label"] != "chrome"]
        low, high = 0, len(lines)
        if margin is not None and kept:
            low, high = max(0, kept[0] - margin), kept[-1] + margin + 1
        for index, line in enumerate(lines[low:high], start=low):
            tag = {"content": "C", "title": "T", "chrome": "-"}[line["label"]]
            kind = f"[{line['kind']}]" if line["kind"] else ""
            print(f"{index:4d} {tag} {kind:15s} {line['text'][:150]}")


def build() -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    TEXT_DIR.mkdir(exist_ok=True)
    written: set[Path] = set()
    for sha, truth in ground_truth().items():
        record, lines = label_page(sha, truth)
        records.append(record)
        path = TEXT_DIR / f"{sha}.txt"
        path.write_text(text_dump(lines), encoding="utf-8", newline="\n")
        written.add(path)
    for stale in set(TEXT_DIR.glob("*.txt")) - written:
        stale.unlink()
    return records


def write(records: Sequence[dict[str, Any]]) -> None:
    body = "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records)
    # mtime=0 keeps the file byte-identical from one build to the next.
    OUTPUT.write_bytes(gzip.compress(body.encode("utf-8"), mtime=0))


def read_records(path: Path = OUTPUT) -> Iterator[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        for row in stream:
            record: dict[str, Any] = json.loads(row)
            yield record


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--show", metavar="SHA", help="print a page of lines.jsonl.gz, labelled")
    parser.add_argument("--margin", type=int, help="with --show: the article's stretch only")
    args = parser.parse_args(argv)
    if args.show is not None:
        show(read_records(), args.show, margin=args.margin)
        return 0
    sys.setrecursionlimit(20_000)  # badly nested pages make deep trees
    records = build()
    write(records)
    print(summary(records))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
