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
    from bs4 import BeautifulSoup

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
    for tag in soup.find_all(True):
        if tag.name in NEVER:
            continue
        reason = _reason(tag, class_words)
        if reason is None or _holds_content(tag):
            continue
        if _inside_content(tag) and not _share_box_in_article(tag, reason):
            continue
        if any(id(parent) in reported for parent in tag.parents):
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
    for attribute in ("id", "class"):
        value = tag.get(attribute)
        names = value if isinstance(value, list) else [value] if value else []
        for name in names:
            words = [w for w in _WORD_SPLIT.split(str(name).lower()) if w]
            if (
                words
                and words[0] not in STATE_WORDS
                and (str(name).lower() in class_words or any(w in class_words for w in words))
            ):
                return f'<{tag.name} {attribute}="{name}">'
    return None


def _inside_content(tag: object) -> bool:
    from bs4 import Tag

    assert isinstance(tag, Tag)
    return any(p.name in CONTENT or p.get("role") == "main" for p in tag.parents)


def _share_box_in_article(tag: object, reason: str) -> bool:
    """Inside the article only small share, social, newsletter or related boxes are chrome."""
    from bs4 import Tag

    assert isinstance(tag, Tag)
    if not reason.startswith("<") or reason.endswith(" element"):
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
