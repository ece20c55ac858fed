"""HTML chrome: landmark elements and chrome-named elements outside the article.

beautifulsoup4 (html.parser builder) reads the page; offsets come from each tag's
``sourceline``/``sourcepos``, and an element's end is found by matching its closing tag
in the source, so a fix removes the element's exact source span and nothing else.
Imported only for HTML documents.
"""

from __future__ import annotations

import re
import warnings
from array import array

from lint.checks.edits import remove
from lint.document import Document
from lint.finding import Finding, Fix
from lint.regions import offsets

LANDMARKS = frozenset({"nav", "aside", "form"})
SITE_LANDMARKS = frozenset({"header", "footer"})
ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search"})
CONTENT = frozenset({"article", "main"})
# A header or footer inside these belongs to that section, not to the site.
SECTIONING = frozenset({"article", "aside", "main", "nav", "section"})
# Words that say a class is about state, not about what the element is ("has-sidebar").
STATE_WORDS = frozenset({"has", "no", "with", "without", "is", "show", "hide", "enable", "disable"})
NEVER = frozenset({"html", "body", "head", "article", "main", "h1"})
# Words that mark a box as chrome even inside <article>, when it holds little text.
IN_ARTICLE = frozenset(
    {"share", "sharing", "social", "newsletter", "subscribe", "related", "advert", "ads"}
)
IN_ARTICLE_MAX_TEXT = 200
_WORD_SPLIT = re.compile(r"[-_\s]+")
# Parts that only say what shape a furniture element has ("share-bar", "related-posts",
# "site-footer"): a class or id made of chrome words and these alone is chrome.
SHAPE_PARTS = frozenset(
    {
        "bar", "box", "links", "link", "list", "buttons", "button", "icons", "icon", "area",
        "block", "container", "wrap", "wrapper", "inner", "outer", "posts", "post", "items",
        "item", "widget", "widgets", "menu", "nav", "site", "top", "bottom", "main", "global",
        "primary", "secondary", "tools", "toolbar", "panel", "module", "section", "stories",
        "articles", "unit", "slot", "zone", "holder", "row", "col", "js", "c", "l", "o", "u",
        "banner", "notice", "alert", "message", "overlay", "modal", "form",
    }
)  # fmt: skip
# Words that say an element holds the article: never chrome, whatever else its class says.
CONTENT_PARTS = frozenset(
    {"article", "body", "content", "entry", "post", "story", "blog", "main", "text", "prose"}
)
# A block of mostly links outside the article: a menu, a related-links list, a footer.
LINK_DENSITY = 0.6
LINK_LIST_MIN_LINKS = 4
# The densest block of prose: the element whose own paragraphs hold the most text.
PROSE_TAGS = ("p", "pre", "blockquote", "li", "h2", "h3")


_COMPLETE_TAG = re.compile(r"<[^<>]{0,2000}>")


def _unparseable(text: str) -> bool:
    """Many tags that never close: html.parser rescans the rest of the text for each one.

    Such a page has no structure worth judging, and parsing it would take quadratic time.
    """
    openers = text.count("<")
    if openers < 500:
        return False
    return len(_COMPLETE_TAG.findall(text)) < openers * 0.8


# A parse tree costs about 1.5 KB an element: past this many tags the page (a data dump,
# not an article) would take many times its size in memory, so its structure is not judged.
MAX_TAGS = 20_000


def html_findings(document: Document, class_words: frozenset[str]) -> list[Finding]:
    from bs4 import BeautifulSoup, Tag

    text = document.text
    if text.count("<") > MAX_TAGS or _unparseable(text):
        return []
    try:
        with warnings.catch_warnings():
            # e.g. MarkupResemblesLocatorWarning: the page is judged, not fetched.
            warnings.simplefilter("ignore")
            soup = BeautifulSoup(text, "html.parser")
    except Exception:  # markup the parser rejects outright has no structure to judge
        return []
    # html.parser counts lines on LF only; 4 bytes a line, like Document.line_starts.
    newlines = offsets(len(text))
    newlines.append(0)
    newlines.extend(m.end() for m in re.finditer("\n", text))
    lowered = text.lower()
    findings: list[Finding] = []
    reported: set[int] = set()
    main = main_content(soup)
    protected: set[int] = set()
    if isinstance(main, Tag):
        protected = {id(main), *(id(parent) for parent in main.parents)}
    for tag in soup.find_all(True):
        if tag.name in NEVER or id(tag) in protected:
            continue  # the article and every element that holds it are never furniture
        if any(id(parent) in reported for parent in tag.parents):
            continue
        reason = _furniture(tag, class_words, main, protected)
        if reason is None:
            continue
        span = _source_span(tag, text, lowered, newlines)
        if span is None or document.in_code(span[0]):
            continue
        reported.add(id(tag))
        start, end = span
        edit = remove(document, start, end)
        message = f"website furniture in the page: {reason}"
        findings.append(Finding("chrome", "boilerplate", start, end, message, fix=Fix((edit,))))
    return findings


def _furniture(
    tag: object, class_words: frozenset[str], main: object | None, protected: set[int]
) -> str | None:
    """Why ``tag`` is furniture, or None. Inside <article>/<main> only small share boxes
    are; inside the densest prose block of a page without them, boxes named as furniture
    that hold no prose."""
    reason = _reason(tag, class_words)
    if reason is None and not _inside(tag, main):
        reason = _link_list(tag) or _beside_article(tag, protected)
    if reason is None or _holds_content(tag):
        return None
    if _inside_content(tag):
        return reason if _share_box_in_article(tag, reason) else None
    if _inside(tag, main) and not (
        _share_box_in_article(tag, reason) or _named_box(tag, reason, main)
    ):
        return None
    return reason


def _reason(tag: object, class_words: frozenset[str]) -> str | None:
    from bs4 import Tag

    assert isinstance(tag, Tag)
    if tag.name in LANDMARKS:
        return f"<{tag.name}> element"
    if tag.name in SITE_LANDMARKS and not any(p.name in SECTIONING for p in tag.parents):
        return f"site <{tag.name}>"
    role = str(tag.get("role") or "").strip().lower()
    if role in ROLES:
        return f'element with role="{role}"'
    names: list[tuple[str, str]] = []
    for attribute in ("id", "class"):
        value = tag.get(attribute)
        for name in value if isinstance(value, list) else [value] if value else []:
            names.append((attribute, str(name)))
    parts = [[w for w in _WORD_SPLIT.split(name.lower()) if w] for _, name in names]
    if any(set(words) & CONTENT_PARTS for words in parts):
        return None  # "widget Blog", "post-share-wrap": the article's own box
    for (attribute, name), words in zip(names, parts, strict=True):
        if chrome_name(name, words, class_words):
            return f'<{tag.name} {attribute}="{name}">'
    return None


def chrome_name(name: str, words: list[str], class_words: frozenset[str]) -> bool:
    """A class or id that names furniture as a whole: a chrome word itself ("sidebar"), or
    chrome words with shape words only ("share-bar", "related-posts", "site-footer").

    "elementor-widget-wrap" (a framework's name), "l-article-body-segment" and
    "sharing-with-a-single-developer" (a section's slug) are not.
    """
    if not words or words[0] in STATE_WORDS:
        return False
    if name.lower() in class_words:
        return True
    chrome = [w for w in words if w in class_words]
    return (
        bool(chrome)
        and all(w in class_words or w in SHAPE_PARTS for w in words)
        and any(w not in SHAPE_PARTS for w in chrome)
    )


def main_content(soup: object) -> object | None:
    """The element that holds the article: the densest block of prose.

    Each paragraph's text counts for the element that holds it; the element with the most
    is the article's body (the boilerpipe / jusText tradition). Its ancestors hold it too.
    """
    from bs4 import Tag

    assert isinstance(soup, Tag)
    totals: dict[int, int] = {}
    elements: dict[int, Tag] = {}
    for paragraph in soup.find_all(PROSE_TAGS):
        parent = paragraph.parent
        if not isinstance(parent, Tag):
            continue
        size = len(paragraph.get_text(" ", strip=True))
        if size < 40:
            continue  # a label or a link, not prose
        totals[id(parent)] = totals.get(id(parent), 0) + size
        elements[id(parent)] = parent
    if not totals:
        return None
    best = max(totals, key=lambda key: totals[key])
    return elements[best]


def _inside(tag: object, main: object | None) -> bool:
    from bs4 import Tag

    assert isinstance(tag, Tag)
    return main is not None and any(parent is main for parent in tag.parents)


BESIDE_LINKS = 0.3  # a box beside the article with this share of its text in links


def _beside_article(tag: object, protected: set[int]) -> str | None:
    """A box beside the article (a sibling of it or of an element that holds it) that holds
    no headline, date or byline and is mostly links or little text: the page's furniture."""
    from bs4 import Tag

    assert isinstance(tag, Tag)
    parent = tag.parent
    if not protected or parent is None or id(parent) not in protected or tag.name in _INLINE:
        return None
    if tag.find(["h1", "time", "article", "main"]) is not None or _marked_head(tag):
        return None
    text = tag.get_text(" ", strip=True)
    if not text:
        return None
    linked = sum(len(a.get_text(" ", strip=True)) for a in tag.find_all("a"))
    if linked >= BESIDE_LINKS * len(text) or len(text) < 200:
        return f"<{tag.name}> beside the article"
    return None


_INLINE = frozenset(
    {"a", "span", "b", "i", "em", "strong", "img", "br", "script", "style", "h2", "h3"}
)
_HEAD_MARKS = ("byline", "author", "date", "headline", "title", "dek", "standfirst", "meta")


def _marked_head(tag: object) -> bool:
    from bs4 import Tag

    assert isinstance(tag, Tag)
    for element in [tag, *tag.find_all(True)]:
        for attribute in ("class", "id", "itemprop"):
            value = element.get(attribute)
            names = value if isinstance(value, list) else [value] if value else []
            if any(mark in str(name).lower() for name in names for mark in _HEAD_MARKS):
                return True
    return False


IN_MAIN_SHARE = 0.2  # a named box inside the article holds at most this share of its text


def _named_box(tag: object, reason: str, main: object | None) -> bool:
    """Inside the article, a box named or tagged as furniture that holds none of its prose
    (no paragraph of 40 characters or more) and little of its text."""
    from bs4 import Tag

    assert isinstance(tag, Tag)
    if reason.startswith("a block of") or main is None:
        return False
    assert isinstance(main, Tag)
    if any(len(p.get_text(" ", strip=True)) >= 40 for p in tag.find_all(PROSE_TAGS)):
        return False
    size = len(tag.get_text(" ", strip=True))
    return size <= IN_MAIN_SHARE * len(main.get_text(" ", strip=True))


def _link_list(tag: object) -> str | None:
    """A list or box of mostly links with little text of its own: a menu or a links list."""
    from bs4 import Tag

    assert isinstance(tag, Tag)
    if tag.name not in {"ul", "ol", "div", "section", "table", "dl", "p"}:
        return None
    links = tag.find_all("a")
    if len(links) < LINK_LIST_MIN_LINKS or tag.find(["p", "h1"]) is not None:
        return None
    text = tag.get_text(" ", strip=True)
    linked = sum(len(a.get_text(" ", strip=True)) for a in links)
    if not text or linked < LINK_DENSITY * len(text):
        return None
    return f"a block of {len(links)} links (<{tag.name}>)"


def _inside_content(tag: object) -> bool:
    from bs4 import Tag

    assert isinstance(tag, Tag)
    return any(p.name in CONTENT or p.get("role") == "main" for p in tag.parents)


def _share_box_in_article(tag: object, reason: str) -> bool:
    """Inside the article only small share, social, newsletter or related boxes are chrome."""
    from bs4 import Tag

    assert isinstance(tag, Tag)
    if not reason.startswith("<") or reason.endswith(" element") or '"' not in reason:
        return False
    words = set(_WORD_SPLIT.split(reason.split('"')[1].lower()))
    if not words & IN_ARTICLE:
        return False
    text = tag.get_text(" ", strip=True)
    if len(text) > IN_ARTICLE_MAX_TEXT or tag.find(["p", "blockquote", "figure"]) is not None:
        return False
    # A box of links and buttons, not a sentence that happens to sit in a "related" div.
    controls = tag.find_all(["a", "button", "input", "svg", "img", "iframe"])
    linked = sum(len(c.get_text(" ", strip=True)) for c in controls if c.name == "a")
    return bool(controls) and (not text or linked >= len(text) / 2)


def _holds_content(tag: object) -> bool:
    """An element that wraps the article itself (a page wrapper with a sidebar class)."""
    from bs4 import Tag

    assert isinstance(tag, Tag)
    return tag.find(["article", "main", "h1"]) is not None or tag.find(role="main") is not None


def _offset(newlines: array[int], line: int | None, column: int | None) -> int | None:
    if line is None or column is None or line - 1 >= len(newlines):
        return None
    return newlines[line - 1] + column


def _source_span(
    tag: object, text: str, lowered: str, newlines: array[int]
) -> tuple[int, int] | None:
    """The element's exact source span: its start tag through its own closing tag."""
    from bs4 import Tag

    assert isinstance(tag, Tag)
    start = _offset(newlines, tag.sourceline, tag.sourcepos)
    name = tag.name.lower()
    if start is None or not lowered.startswith(f"<{name}", start):
        return None
    limit = _next_tag_offset(tag, newlines, len(text))
    depth = 0
    pattern = re.compile(rf"<(/?){re.escape(name)}\b[^<>]{{0,2000}}>", re.IGNORECASE)
    for match in pattern.finditer(text, start, limit):
        if match.group(1):
            depth -= 1
            if depth == 0:
                return start, match.end()
        elif not match.group().endswith("/>"):
            depth += 1
    return None  # closed implicitly: no exact span to remove


def _next_tag_offset(tag: object, newlines: array[int], default: int) -> int:
    """Where the first tag after this element's subtree starts (or the end of the text)."""
    from bs4 import Tag
    from bs4.element import NavigableString

    assert isinstance(tag, Tag)
    node: object = tag
    while isinstance(node, Tag) and node.contents:
        node = node.contents[-1]
    assert isinstance(node, Tag | NavigableString)
    following = node.next_element
    while following is not None and not isinstance(following, Tag):
        following = following.next_element
    if following is None:
        return default
    offset = _offset(newlines, following.sourceline, following.sourcepos)
    return default if offset is None else offset
