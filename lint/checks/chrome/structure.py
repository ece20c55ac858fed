"""HTML furniture by page structure alone: landmarks, roles and chrome names.

Beside the element classifier, an element is furniture by what it is:

- outside the main content: ``nav``, ``aside``, ``form``, a ``header`` or ``footer`` that is
  not inside a sectioning element, ``role=navigation|banner|contentinfo|complementary|
  search``, or a class or id that names furniture as a whole (``sidebar``, ``comments``) or
  chrome words with shape words only (``share-bar``, ``related-posts``, ``site-footer``);
- inside the main content: a box named or tagged as furniture that holds no prose and at
  most a fifth of the main content's text (a share bar, a newsletter box, a related-links
  box); inside ``<article>`` or ``<main>`` only a small box of links and buttons named share,
  social, newsletter, subscribe, related or ads.

A name with an article word (``post-share-wrap``, ``l-article-body-segment``) or with other
words (``sharing-with-a-single-developer``) is not a chrome name.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lint.checks.chrome.page import Node, Page

LANDMARK_TAGS = frozenset({"nav", "aside", "form"})
SITE_TAGS = frozenset({"header", "footer"})
# A header or footer inside these belongs to that section, not to the site.
SECTIONING = frozenset({"article", "aside", "main", "nav", "section"})
ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search"})
# Words that say a class is about state, not about what the element is ("has-sidebar").
STATE_WORDS = frozenset({"has", "no", "with", "without", "is", "show", "hide", "enable", "disable"})
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
IN_MAIN_SHARE = 0.2  # a named box inside the main content holds at most this share of its text
CONTENT_TAGS = frozenset({"article", "main"})
# Words that mark a box as chrome even inside <article>, when it holds little text.
IN_ARTICLE = frozenset(
    {"share", "sharing", "social", "newsletter", "subscribe", "related", "advert", "ads"}
)
IN_ARTICLE_MAX_TEXT = 200


def reason(page: Page, index: int, class_words: frozenset[str]) -> str | None:
    """Why the element is furniture by structure alone, or None."""
    node = page.nodes[index]
    if node.where == "off":
        return _landmark(page, node) or _named(node, class_words) or _author_box(page, node)
    if node.where == "in" and index != page.main:
        why = _landmark(page, node) or _named(node, class_words)
        if why is None or page.span_sum(page.prose, node):
            return None
        if node.landmarks & CONTENT_TAGS:
            return why if _share_box(page, node, why) else None
        main = page.nodes[page.main]
        if page.span_sum(page.chars, node) <= IN_MAIN_SHARE * page.span_sum(page.chars, main):
            return why
    return None


def _share_box(page: Page, node: Node, why: str) -> bool:
    """Inside <article> or <main>, only a small box of links and buttons named share,
    social, newsletter, subscribe, related or ads is furniture by its name."""
    if '"' not in why or not set(_WORD_SPLIT.split(why.split('"')[1].lower())) & IN_ARTICLE:
        return False
    chars = page.span_sum(page.chars, node)
    if chars > IN_ARTICLE_MAX_TEXT or node.tag.find(["p", "blockquote", "figure"]) is not None:
        return False
    # A box of links and buttons, not a sentence that happens to sit in a "related" div.
    if node.tag.find(["a", "button", "input", "svg", "img", "iframe"]) is None:
        return False
    return not chars or page.span_sum(page.linked, node) >= chars / 2


def _landmark(page: Page, node: Node) -> str | None:
    if node.name in LANDMARK_TAGS:
        return f"<{node.name}> element"
    parent = page.nodes[node.parent] if node.parent >= 0 else None
    outer = parent.landmarks if parent is not None else frozenset()
    if node.name in SITE_TAGS and not outer & SECTIONING:
        return f"site <{node.name}>"
    role = str(node.tag.get("role") or "").strip().lower()
    if role in ROLES:
        return f'element with role="{role}"'
    return None


def _named(node: Node, class_words: frozenset[str]) -> str | None:
    from lint.checks.chrome.page import tag_names

    names = tag_names(node.tag)
    parts = [[w for w in _WORD_SPLIT.split(name.lower()) if w] for _, name in names]
    if any(set(words) & CONTENT_PARTS for words in parts):
        return None  # "widget Blog", "post-share-wrap": the article's own box
    for (attribute, name), words in zip(names, parts, strict=True):
        if chrome_name(name, words, class_words):
            return f'<{node.name} {attribute}="{name}">'
    return None


AUTHOR_BOX_LINES = 12  # an author box: a name, a photo's credit, a short bio, a few links


def _author_box(page: Page, node: Node) -> str | None:
    """A small box outside the main content that a class or id names an author box
    ("author-bio", "authorInfo", "about-the-author"; ``html-words.tsv``), not one between
    the headline and the article: there the author's name is the byline."""
    from lint.checks.chrome.page import name_kinds, name_words, tag_names

    # (own_kinds holds the kinds its names name: most elements name no author box.)
    if "author-box" not in node.own_kinds or node.last - node.first > AUTHOR_BOX_LINES:
        return None
    if 0 <= page.headline < node.first <= page.nodes[page.main].first:
        return None
    table = name_kinds()
    for attribute, name in tag_names(node.tag):
        words = name_words(name)
        if words & CONTENT_PARTS:
            return None  # "entry-author-bio" may hold the post itself
        if any(table.get(word) == "author-box" for word in words):
            return f'author box <{node.name} {attribute}="{name}">'
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
