"""An HTML page read the way a scrape reads it, with the structure facts the element
classifier weighs.

One walk over the parse tree (beautifulsoup4, html.parser builder; no recursion, so a
page nested thousands of levels deep costs what its size costs) gives:

- the page's **lines**: one per block element's own text, ``<br>`` starting a new one,
  script, style, hidden elements and the like left out (the same lines as
  ``training/chrome/build_lines.py``, on which the training labels were made);
- per **element**: its tag, its parent, the range of lines it holds, whether its lines are
  exactly its own (so that removing it removes those lines and nothing else), the
  landmarks and class/id names of its ancestors (``lint/data/chrome/html-words.tsv``);
- the **main content**: the element whose own paragraphs hold the most prose (text outside
  links), the boilerpipe / jusText tradition;
- per line, where it stands against the main content: inside it, or in a **box** beside
  it (the subtree that leaves the main content's line of ancestors at some level), with
  the box's share of links, of prose and of lines.

``line_features`` turns those facts into named features for the shipped linear model.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from itertools import accumulate, pairwise
from typing import TYPE_CHECKING

from lint.checks.chrome.features import text_row
from lint.speed import packagedata

if TYPE_CHECKING:
    from bs4 import Tag

    from lint.checks.chrome.lexicon import Lexicon, PhraseHit

DROPPED_TAGS = frozenset(
    {"script", "style", "noscript", "template", "svg", "head", "iframe", "math", "object"}
)
BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "dd", "details",
        "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
        "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li",
        "main", "menu", "nav", "ol", "option", "p", "pre", "section", "summary", "table",
        "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    }
)  # fmt: skip
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
_NAME_PART = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
_TOKEN = re.compile(r"\w+")

# Elements whose own paragraphs make the main content: a paragraph's text counts for the
# element that holds it; a block of text without paragraphs (text and <br>) for itself.
PARAGRAPH_TAGS = frozenset({"p", "pre", "blockquote", "li", "h2", "h3", "h4", "dd"})
TEXT_BLOCKS = frozenset({"div", "td", "section", "article", "main", "font", "center"})
PROSE_CHARS = 40  # a line this long, mostly outside links, is prose
LANDMARKS = (
    "nav", "header", "footer", "aside", "form", "figure", "article", "main", "section", "li", "table"
)  # fmt: skip
ROLES = frozenset(
    {"navigation", "banner", "contentinfo", "complementary", "search", "main", "dialog", "menu"}
)
TAGS = frozenset(
    {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "div", "td", "th", "dt", "dd",
     "figcaption", "blockquote", "pre", "section", "header", "footer", "span", "a", "ul", "nav"}
)  # fmt: skip
_HEADLINE_META = frozenset({"og:title", "twitter:title", "title", "sailthru.title"})


@cache
def name_kinds() -> Mapping[str, str]:
    """lint/data/chrome/html-words.tsv: class/id word -> the kind it names."""
    table: dict[str, str] = {}
    for raw in packagedata.read_text("lint", "data", "chrome", "html-words.tsv").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        kind, _, words = raw.partition("\t")
        for word in words.split():
            table.setdefault(word, kind)
    return table


def name_words(value: str) -> set[str]:
    """The words of a class or id: split at separators and case changes, with each pair of
    neighbouring words joined ("mostPopular" -> most, popular, mostpopular)."""
    words = [part.lower() for part in _NAME_PART.findall(value)]
    return {*words, *(a + b for a, b in pairwise(words))}


def tag_names(tag: Tag) -> list[tuple[str, str]]:
    """The element's id and class names, each with its attribute, id first."""
    names: list[tuple[str, str]] = []
    for attribute in ("id", "class"):
        value = tag.get(attribute)
        for name in value if isinstance(value, list) else [value] if value else []:
            names.append((attribute, str(name)))
    return names


def _own_kinds(tag: Tag) -> frozenset[str]:
    table = name_kinds()
    kinds: set[str] = set()
    for _, name in tag_names(tag):
        kinds.update(table[word] for word in name_words(name) if word in table)
    return frozenset(kinds)


@dataclass(slots=True)
class Node:
    """One element of the page, with what its ancestors say and the lines it holds."""

    tag: Tag
    name: str
    parent: int  # index in Page.nodes; -1 for the root
    first: int  # its lines are Page.lines[first:last]
    last: int = 0
    stop: int = 0  # the nodes of its subtree are Page.nodes[index:stop]
    exact: bool = True  # removing it removes exactly those lines
    own_kinds: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()  # its own and its ancestors' names
    near_kind: str = ""  # the nearest name among itself and its two nearest ancestors
    landmarks: frozenset[str] = frozenset()  # tags and roles of itself and its ancestors
    # Against the main content: "in" (inside it), "path" (holds it), "off" (beside it).
    where: str = "off"
    up: int = 0  # "off": how many levels above the main content its branch leaves
    box: int = -1  # the subtree it is judged with (see the module's docstring)
    after: bool = False  # "off": after the main content in the page
    same_signature: bool = False  # its box has the main content's tag and class
    between: bool = False  # its box lies between two boxes with prose (or the main content)


@dataclass(slots=True)
class Line:
    text: str
    node: int  # the block element whose own text it is
    link_share: float


@dataclass
class Page:
    nodes: list[Node]
    lines: list[Line]
    main: int  # index of the main content's node, -1 when the page has no prose
    headlines: list[list[str]] = field(default_factory=list)
    headline: int = -1  # the line of the article's headline, nearest before the main content
    # The main content and the elements holding it: levels up, and the child holding it.
    path: dict[int, tuple[int, int]] = field(default_factory=dict)
    chars: list[int] = field(default_factory=list)  # prefix sums over lines
    linked: list[float] = field(default_factory=list)
    prose: list[int] = field(default_factory=list)

    def span_sum(self, sums: list[int] | list[float], node: Node) -> float:
        return sums[node.last] - sums[node.first]


# ---------------------------------------------------------------- the walk


class _Builder:
    """Collects text fragments; a block boundary or <br> turns them into a line.

    An inline element (a link, a span) is removable whole only when the line it ends up in
    holds its text and nothing else: ``waiting`` are the inline elements whose text alone
    the pending line holds so far; any other text joining the line disqualifies them.
    """

    def __init__(self, nodes: list[Node]) -> None:
        self.nodes = nodes
        self.lines: list[Line] = []
        self.fragments: list[tuple[str, bool]] = []
        self.solid = 0  # fragments pending that are not all spaces
        self.waiting: list[int] = []

    def add(self, text: str, in_link: bool) -> None:
        self.fragments.append((text, in_link))
        if not text.isspace():
            self.solid += 1
            for index in self.waiting:
                self.nodes[index].exact = False
            self.waiting.clear()

    def flush(self, node: int) -> None:
        text = _SPACE.sub(" ", "".join(t for t, _ in self.fragments)).strip()
        if text:
            linked = sum(len(_SPACE.sub("", t)) for t, in_link in self.fragments if in_link)
            share = round(min(1.0, linked / len(_SPACE.sub("", text))), 3)
            self.lines.append(Line(text, node, share))
        for index in self.waiting:
            self.nodes[index].last = len(self.lines)
        self.waiting.clear()
        self.fragments.clear()
        self.solid = 0

    def close_inline(self, index: int) -> None:
        """An inline element ends: its text, if pending, may still make a line of its own."""
        node = self.nodes[index]
        node.last = len(self.lines)
        if self.solid and node.exact:
            self.waiting.append(index)
        elif self.solid:
            node.exact = False


def _hidden(tag: Tag) -> bool:
    if tag.has_attr("hidden") or str(tag.get("aria-hidden", "")).lower() == "true":
        return True
    return bool(_HIDDEN_STYLE.search(str(tag.get("style", ""))))


def read_page(soup: Tag) -> Page:
    """The page's lines, its elements and its main content."""
    from bs4 import Tag
    from bs4.element import NavigableString, PreformattedString

    root = soup.find("html") or soup
    assert isinstance(root, Tag)
    nodes = [Node(root, root.name.lower(), -1, 0)]
    builder = _Builder(nodes)
    # (children left to read, the block whose text they add to, inside a link, the node
    # to close when they are read, whether that node is a block)
    stack: list[tuple[Iterator[object], int, bool, int, bool]] = [
        (iter(root.children), 0, False, 0, True)
    ]
    while stack:
        children, block, in_link, node, is_block = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if is_block:
                builder.flush(node)
                nodes[node].last = len(builder.lines)
            else:
                builder.close_inline(node)
            nodes[node].stop = len(nodes)
            continue
        if isinstance(child, Tag):
            name = child.name.lower()
            if name in DROPPED_TAGS or _hidden(child):
                continue
            if name == "br":
                builder.flush(block)
                continue
            index = len(nodes)
            if name in BLOCK_TAGS:
                builder.flush(block)
                nodes.append(Node(child, name, node, len(builder.lines)))
                stack.append((iter(child.children), index, in_link, index, True))
            else:
                nodes.append(Node(child, name, node, len(builder.lines), not builder.solid))
                stack.append((iter(child.children), block, in_link or name == "a", index, False))
        elif isinstance(child, NavigableString) and not isinstance(child, PreformattedString):
            builder.add(str(child), in_link)
    page = Page(nodes, builder.lines, -1, headline_candidates(soup))
    _sums(page)
    page.main = _main_content(page)
    _describe_nodes(page)
    _mark_between(page)
    page.headline = _headline_line(page)
    return page


def _sums(page: Page) -> None:
    lines = page.lines
    page.chars = [0, *accumulate(len(line.text) for line in lines)]
    page.linked = [0.0, *accumulate(len(line.text) * line.link_share for line in lines)]
    page.prose = [0, *accumulate(_prose_chars(line) for line in lines)]


def _prose_chars(line: Line) -> int:
    """The text of a line outside links, when it is prose (long enough, mostly not links)."""
    if len(line.text) < PROSE_CHARS or line.link_share >= 0.5:
        return 0
    return round(len(line.text) * (1.0 - line.link_share))


def _main_content(page: Page) -> int:
    """The element whose own paragraphs hold the most prose; -1 when no line is prose."""
    totals: Counter[int] = Counter()
    nodes = page.nodes
    for line in page.lines:
        chars = _prose_chars(line)
        if not chars:
            continue
        block = nodes[line.node]
        if block.name in PARAGRAPH_TAGS and block.parent >= 0:
            totals[block.parent] += chars
        elif block.name in TEXT_BLOCKS:
            totals[line.node] += chars
    if not totals:
        return -1
    return max(totals, key=lambda key: (totals[key], -key))


def _signature(tag: Tag) -> tuple[str, str]:
    value = tag.get("class")
    classes = " ".join(value) if isinstance(value, list) else str(value or "")
    return tag.name.lower(), classes


def _describe_nodes(page: Page) -> None:
    """What each element's ancestors say, and where it stands against the main content.

    Parents come before their children in ``page.nodes``, so one pass in order passes
    everything down."""
    nodes, main = page.nodes, page.main
    # The main content and the elements holding it: how many levels up, and the child
    # through which each holds it.
    path = page.path
    at, below, level = main, -1, 0
    while at >= 0:
        path[at] = (level, below)
        at, below, level = nodes[at].parent, at, level + 1
    main_first = nodes[main].first if main >= 0 else 0
    for index, node in enumerate(nodes):
        tag = node.tag
        node.own_kinds = _own_kinds(tag) if node.name not in {"html", "body"} else frozenset()
        role = str(tag.get("role") or "").strip().lower()
        own_marks = {node.name} & set(LANDMARKS) | ({f"role:{role}"} if role in ROLES else set())
        parent = nodes[node.parent] if node.parent >= 0 else None
        if parent is None:
            node.kinds, node.landmarks = node.own_kinds, frozenset(own_marks)
            node.near_kind = min(node.own_kinds, default="")
        else:
            node.kinds = parent.kinds | node.own_kinds if node.own_kinds else parent.kinds
            node.landmarks = parent.landmarks | own_marks if own_marks else parent.landmarks
            node.near_kind = min(node.own_kinds, default="") or _near_kind(nodes, node.parent)
        _place(page, index, node, parent, path, main_first)


def _near_kind(nodes: list[Node], index: int) -> str:
    """The name of the nearest of an element and its parent that has one."""
    for _ in range(2):
        if index < 0:
            return ""
        node = nodes[index]
        if node.own_kinds:
            return min(node.own_kinds)
        index = node.parent
    return ""


def _place(
    page: Page,
    index: int,
    node: Node,
    parent: Node | None,
    path: dict[int, tuple[int, int]],
    main_first: int,
) -> None:
    nodes, main = page.nodes, page.main
    if main < 0:
        node.where, node.box = "none", index
    elif index in path:
        node.where, node.up, node.box = ("in", 0, index) if index == main else ("path", 0, index)
    elif parent is None:
        node.where, node.box = "off", index
    elif parent.where == "in":
        node.where, node.box = "in", (index if node.parent == main else parent.box)
    elif parent.where == "path":
        level, branch = path[node.parent]
        node.where, node.up, node.box = "off", level, index
        node.after = node.first >= main_first
        node.same_signature = _signature(node.tag) == _signature(nodes[branch].tag)
    else:
        node.where, node.up, node.box = parent.where, parent.up, parent.box
        node.after, node.same_signature = parent.after, parent.same_signature


def _mark_between(page: Page) -> None:
    """Mark the boxes that lie between two of the article's parts: among the children of an
    element holding the main content, a box with prose (or the one holding the main
    content) on each side. A table, a list or a subheading there belongs to the article."""
    nodes = page.nodes
    boxes: dict[int, list[int]] = {}
    for index, node in enumerate(nodes):
        if node.where == "off" and node.box == index and node.parent in page.path:
            boxes.setdefault(node.parent, []).append(index)
    for parent, members in boxes.items():
        parts = [nodes[b].first for b in members if page.span_sum(page.prose, nodes[b]) > 0]
        parts.append(nodes[page.path[parent][1]].first)
        low, high = min(parts), max(parts)
        for b in members:
            nodes[b].between = low < nodes[b].first < high
    for node in nodes:  # and down to everything inside each box
        if node.where == "off":
            node.between = nodes[node.box].between


# ---------------------------------------------------------------- the page's headline


def headline_candidates(soup: Tag) -> list[list[str]]:
    """Word lists of what the page says its headline is (meta tags, <title>)."""
    found: list[str] = []
    for meta in soup.find_all("meta", limit=200):
        key = str(meta.get("property") or meta.get("name") or "").lower()
        if key in _HEADLINE_META:
            found.append(str(meta.get("content", "")))
    title = soup.find("title")
    if title is not None:
        whole = title.get_text(" ")
        found.append(whole)
        found.extend(re.split(r"\s+[|\-–—:·»]\s+", whole))
    return [words for words in (_TOKEN.findall(f.lower()) for f in found) if words]


def is_headline(text: str, candidates: list[list[str]]) -> bool:
    words = _TOKEN.findall(text.lower())
    if not words or len(words) > 40:
        return False
    for candidate in candidates:
        common = sum((Counter(words) & Counter(candidate)).values())
        if common >= 0.8 * max(len(words), len(candidate)):
            return True
    return False


HEADLINE_TAGS = frozenset({"h1", "h2", "h3"})


def _headline_line(page: Page) -> int:
    """The line of the article's headline: nearest before the main content's first line
    among those matching what the page says its headline is, a heading first; -1 if none."""
    if page.main < 0 or not page.headlines:
        return -1
    first = page.nodes[page.main].first
    for want_heading in (True, False):
        for index in range(min(first, len(page.lines)) - 1, -1, -1):
            line = page.lines[index]
            heading = page.nodes[line.node].name in HEADLINE_TAGS
            if want_heading != heading or (not heading and line.link_share >= 0.5):
                continue
            if is_headline(line.text, page.headlines):
                return index
    return -1


# ---------------------------------------------------------------- lines that always stay

BYLINE = re.compile(r"^(?:by|von|por|par|di|door|av|от|автор)\b", re.IGNORECASE)
TITLE_WORDS = 20  # a byline or date line is short; a longer line under the headline is its dek
DEK_WORDS = 8
TABLE_LINKS = 0.1  # a table this free of links, in the article, holds the article's data


def protected_lines(page: Page) -> set[int]:
    """Lines that are never removed: the article's head (its headline, the byline, date and
    dek lines between the headline and the main content, a byline or date right above the
    headline) and the data tables inside the article (tables of few links in the main
    content or between its parts)."""
    kept = _head_lines(page)
    nodes = page.nodes
    for node in nodes:
        if node.name != "table" or node.where == "none" or node.last == node.first:
            continue
        if node.where != "in" and not (node.where == "off" and node.between):
            continue
        chars = page.span_sum(page.chars, node)
        if chars and page.span_sum(page.linked, node) <= TABLE_LINKS * chars:
            kept.update(range(node.first, node.last))
    return kept


def _head_lines(page: Page) -> set[int]:
    headline = page.headline
    if headline < 0:
        return set()
    kept = {headline}
    first = page.nodes[page.main].first
    dek = True
    for index in range(headline + 1, min(first, headline + 1 + HEAD_REACH)):
        line = page.lines[index]
        if _title_shaped(page, line):
            kept.add(index)
        elif dek and line.link_share < 0.2 and len(line.text.split()) >= DEK_WORDS:
            kept.add(index)  # the dek: the first longer line under the headline
            dek = False
    for index in range(max(0, headline - 2), headline):
        if _title_shaped(page, page.lines[index]):
            kept.add(index)
    return kept


def _title_shaped(page: Page, line: Line) -> bool:
    """A byline or a date line: "By ...", a date or time, or a short line its element names
    as the article's author or date."""
    words = len(line.text.split())
    if not words or words > TITLE_WORDS or (line.link_share >= 0.9 and words > 4):
        return False
    if BYLINE.match(line.text):
        return True
    own = text_row(line.text).own
    if "date" in own or "time" in own:
        return line.link_share < 0.5
    node = page.nodes[line.node]
    # Between the headline and the article an author box's short line is the byline.
    return node.near_kind in _HEAD_KINDS and "media" not in node.kinds


_HEAD_KINDS = frozenset({"title", "author-box"})


# ---------------------------------------------------------------- features


MAX_PHRASE = 400  # characters: a longer line is never matched against the phrase library


@cache
def _library() -> Lexicon:
    """The built-in phrase library (the text mode's), whose verdict on a line is a feature."""
    from lint.checks.chrome.lexicon import Lexicon, builtin_entries

    return Lexicon(builtin_entries())


def _bin(value: float, edges: tuple[float, ...]) -> int:
    return bisect_right(edges, value)


def phrase_hit(page: Page, index: int) -> PhraseHit | None:
    """The phrase library's verdict on the line."""
    text = page.lines[index].text
    return _library().match_at(text, 0) if len(text) <= MAX_PHRASE else None


def phrase_matched(page: Page, index: int) -> bool:
    """The phrase library names the line as furniture."""
    text = page.lines[index].text
    return len(text) <= MAX_PHRASE and _library().match_at(text, 0) is not None


def line_features(page: Page, index: int) -> dict[str, float]:
    """The named features of one line: its text, its element, its box, its place."""
    line = page.lines[index]
    node = page.nodes[line.node]
    features = dict.fromkeys(text_row(line.text).own, 1.0)
    phrase = _library().match_at(line.text, 0) if len(line.text) <= MAX_PHRASE else None
    if phrase is not None:
        features["phrase:context" if phrase.context_only else "phrase:sure"] = 1.0
        features[f"phrase:{phrase.kind}"] = 1.0
    share = line.link_share
    link = "none" if share == 0 else "some" if share < 0.5 else "most" if share < 0.9 else "all"
    features[f"link:{link}"] = 1.0
    features[f"tag:{node.name if node.name in TAGS else 'other'}"] = 1.0
    for mark in node.landmarks:
        features[f"in:{mark}"] = 1.0
    for kind in node.kinds:
        features[f"name:{kind}"] = 1.0
    if node.near_kind:
        features[f"near:{node.near_kind}"] = 1.0
    where = _where(page, node, index)
    features[where] = 1.0
    features[f"{where}&link:{link}"] = 1.0
    _box_features(page, node, features, where)
    if node.between:
        features["box:between"] = 1.0
        features[f"box:between&link:{link}"] = 1.0
    _head_features(page, index, features)
    return features


HEAD_REACH = 25  # lines after the headline where the byline, date and dek stand


def _head_features(page: Page, index: int, features: dict[str, float]) -> None:
    """Where the line stands against the article's headline: the headline itself, or in the
    stretch between it and the main content (its byline, date, dek), or before it."""
    headline = page.headline
    if headline < 0:
        features["head:none"] = 1.0
    elif index == headline:
        features["head:self"] = 1.0
    elif headline < index < page.nodes[page.main].first and index - headline <= HEAD_REACH:
        features["head:under"] = 1.0
        for name in ("by", "date", "time", "prose", "link:none", "link:all"):
            if name in features:
                features[f"head:under&{name}"] = 1.0
    elif index < headline:
        features["head:above"] = 1.0


def _where(page: Page, node: Node, index: int) -> str:
    if node.where in {"in", "path", "none"}:
        return f"m:{node.where}"
    side = "after" if node.after else "before"
    up = min(node.up, 4)
    distance = _distance(page, index)
    return f"m:up{up}:{side}:{distance}"


def _distance(page: Page, index: int) -> str:
    main = page.nodes[page.main]
    gap = main.first - index if index < main.first else index - main.last + 1
    return "near" if gap <= 3 else "mid" if gap <= 15 else "far"


def _box_features(page: Page, node: Node, features: dict[str, float], where: str) -> None:
    box = page.nodes[node.box]
    chars = page.span_sum(page.chars, box)
    lines = box.last - box.first
    if not chars or not lines:
        return
    links = page.span_sum(page.linked, box) / chars
    prose = page.span_sum(page.prose, box)
    side = where.split(":")[1] if where.startswith("m:up") else where[2:]
    features[f"box:links:{_bin(links, (0.1, 0.3, 0.6, 0.9))}"] = 1.0
    features[f"box:prose:{_bin(prose, (1, 200, 1000))}"] = 1.0
    features[f"box:lines:{_bin(lines, (2, 5, 21))}"] = 1.0
    features[f"{side}&box:links:{_bin(links, (0.1, 0.3, 0.6, 0.9))}"] = 1.0
    features[f"{side}&box:prose:{_bin(prose, (1, 200, 1000))}"] = 1.0
    if node.same_signature:
        features["box:same-signature"] = 1.0
    if box.own_kinds:
        for kind in box.own_kinds:
            features[f"box:name:{kind}"] = 1.0
