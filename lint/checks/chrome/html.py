"""HTML chrome: the page's furniture found by a trained element classifier.

beautifulsoup4 (html.parser builder) reads the page; ``page.py`` turns it into lines and
structure facts, and the shipped model (``html-model.json``, written by
``training/chrome/train_html.py``) scores every line. An element whose lines all score
as furniture is removed whole, by its exact source span (its start tag through its own
closing tag; offsets come from each tag's ``sourceline``/``sourcepos``), so a fix never
takes part of an element and the page is never re-serialised. Imported only for HTML
documents.

Inside the main content scores alone take only a figure (its caption and credit) or a box
of links without prose (a related-stories or tag list, a row of share buttons) that is not
one of a run of like boxes (the article's own product cards or steps); any other element
there goes by scores only when every line of it is in the phrase library.

Never removed, whatever the scores: the main content (the element whose paragraphs hold
the most prose) and every element that holds it, ``<html>``, ``<body>`` and ``<head>``,
an element holding a fifth of the page's prose, and an ``<article>`` or ``<main>`` with
prose of its own.
"""

from __future__ import annotations

import re
import warnings
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate
from typing import TYPE_CHECKING

from lint.checks.chrome import classify, structure
from lint.checks.chrome.page import (
    Node,
    Page,
    line_features,
    phrase_hit,
    phrase_matched,
    protected_lines,
    read_page,
)
from lint.checks.edits import remove
from lint.document import Document
from lint.finding import Finding, Fix
from lint.regions import offsets
from lint.scoring import LinearModel, load_model

if TYPE_CHECKING:
    from bs4 import Tag

MODEL_PACKAGE = "lint.checks.chrome"
MODEL_FILE = "html-model.json"
NEVER = frozenset({"html", "body", "head"})
CONTENT_TAGS = frozenset({"article", "main"})
MAX_PROSE_SHARE = 0.2  # an element holding this share of the page's prose is never removed
OWN_PROSE = 200  # characters: an <article> or <main> with this much prose is kept

# The line classifier's kinds; a form element is the comments box itself; a figure is
# its caption and credit.
KIND_LABELS = {**classify.KIND_LABELS, "comment-form": "comments", "figure": "image caption"}
_LANDMARK_KINDS = (
    ("nav", "navigation"),
    ("role:navigation", "navigation"),
    ("footer", "footer"),
    ("role:contentinfo", "footer"),
    ("header", "navigation"),
    ("role:banner", "navigation"),
    ("aside", "related"),
    ("role:complementary", "related"),
    ("form", "navigation"),
)


def model() -> LinearModel:
    return load_model(MODEL_PACKAGE, MODEL_FILE)


# A "<" that does not start a complete tag; every other "<" does (a tag holds no "<").
_INCOMPLETE_TAG = re.compile(r"<(?![^<>]{0,2000}>)")


def _unparseable(text: str) -> bool:
    """Many tags that never close (over a fifth of the "<"): html.parser rescans the rest of
    the text for each one.

    Such a page has no structure worth judging, and parsing it would take quadratic time.
    """
    openers = text.count("<")
    if openers < 500:
        return False
    return len(_INCOMPLETE_TAG.findall(text)) > openers * 0.2


# A parse tree costs about 1.5 KB an element: past this many tags the page (a data dump,
# not an article) would take many times its size in memory, so its structure is not judged.
MAX_TAGS = 20_000


def parse(text: str) -> Tag | None:
    """The page's parse tree, or None for a page whose structure is not judged."""
    from bs4 import BeautifulSoup

    if text.count("<") > MAX_TAGS or _unparseable(text):
        return None
    try:
        with warnings.catch_warnings():
            # e.g. MarkupResemblesLocatorWarning: the page is judged, not fetched.
            warnings.simplefilter("ignore")
            return BeautifulSoup(text, "html.parser")
    except Exception:  # markup the parser rejects outright has no structure to judge
        return None


def scores(page: Page, shipped: LinearModel, kept: set[int], repeated: set[int]) -> list[float]:
    """The furniture probability of every line of the page; 0 for the lines that always stay
    (``page.protected_lines``). ``repeated``: the page's ``repeated_items``."""
    head = shipped.head("chrome")
    return [
        0.0 if i in kept else head.probability(element_features(page, i, repeated))
        for i in range(len(page.lines))
    ]


REPEATS = 3  # siblings of one tag and class: a list of teasers, links or buttons
REPEAT_REACH = 4  # levels above a line's block where its list item may stand


def repeated_items(page: Page) -> set[int]:
    """The elements that stand among at least ``REPEATS`` siblings of their own tag and
    class: the items of a teaser list, a link list, a row of buttons. Paragraphs without a
    class are the article's own run of text, not items."""
    groups: dict[tuple[int, str, str], list[int]] = {}
    for index, node in enumerate(page.nodes):
        if node.parent < 0 or node.last == node.first:
            continue
        value = node.tag.attrs.get("class")
        if not value and node.name not in ITEM_TAGS:
            continue
        classes = " ".join(value) if isinstance(value, list) else str(value or "")
        groups.setdefault((node.parent, node.name, classes), []).append(index)
    return {i for members in groups.values() if len(members) >= REPEATS for i in members}


ITEM_TAGS = frozenset({"li", "dd", "dt", "article"})


def element_features(page: Page, index: int, repeated: set[int]) -> dict[str, float]:
    """``page.line_features`` and what the line's own elements say: whether it stands in
    an item of a repeated list."""
    features = line_features(page, index)
    at = page.lines[index].node
    for _ in range(REPEAT_REACH):
        if at < 0 or at == page.main or at in page.path:
            break
        if at in repeated:
            where = page.nodes[at].where
            features["item"] = 1.0
            features[f"item&{where}"] = 1.0
            links = sum(1 for k in ("link:most", "link:all") if k in features)
            features[f"item&{where}&link:{links}"] = 1.0
            break
        at = page.nodes[at].parent
    return features


@dataclass(frozen=True, slots=True)
class Cuts:
    """When an element goes: its lines' mean score, outside and inside the main content;
    the lowest score any of its lines may have; the class/id words of the structure rules."""

    outside: float
    inside: float
    floor: float
    class_words: frozenset[str] = frozenset()
    single: float = 1.0  # a one-line element outside the main content, without a phrase


def removable(
    page: Page,
    probabilities: list[float],
    kept: set[int],
    cuts: Cuts,
    repeated: set[int] | None = None,
) -> Iterator[tuple[int, str | None]]:
    """The elements to remove, outermost first, each with the structure rule that takes it
    (None: the classifier's scores). An element goes when it holds some line, exactly its
    own lines and none of ``kept``; when its lines score the cut-off on average and none
    below the floor, or when a structure rule (``structure.reason``) names it; and when none
    of the rules in the module's docstring keeps it."""
    total = [0.0, *accumulate(probabilities)]
    low = [0, *accumulate(int(p < cuts.floor) for p in probabilities)]
    stays = [0, *accumulate(int(i in kept) for i in range(len(probabilities)))]
    total_prose = page.prose[-1] if page.prose else 0
    nodes = page.nodes
    if repeated is None:
        repeated = repeated_items(page)
    index = 0
    while index < len(nodes):
        node = nodes[index]
        count = node.last - node.first
        why: str | None = ""
        if (
            count
            and stays[node.last] == stays[node.first]
            and _may_go(page, index, node, total_prose)
        ):
            boxed = (
                node.where == "in" and _link_box(page, node) and not _in_item(page, index, repeated)
            )
            cut = cuts.inside if node.where == "in" and not boxed else cuts.outside
            scored = total[node.last] - total[node.first] >= cut * count
            if (
                scored
                and low[node.last] == low[node.first]
                and (boxed or _sure(page, node, probabilities, cuts))
            ):
                why = None
            else:
                why = structure.reason(page, index, cuts.class_words) or _phrases(page, node)
        if why != "":
            yield index, why
            index = node.stop
        else:
            index += 1


# Library kinds that name a person or a post (a byline, "Follow Ana on Twitter"): the
# article's own when they stand in it.
_NOT_ALONE = frozenset({"author-box", "post-meta", "follow-social", "site-name"})


def _phrases(page: Page, node: Node) -> str:
    """Every line of the element is a phrase of the library that is furniture wherever it
    stands ("Advertisement", "Share this story"): the element goes whatever its scores."""
    if node.last - node.first > 3:
        return ""
    for i in range(node.first, node.last):
        hit = phrase_hit(page, i)
        if hit is None or hit.context_only or hit.kind in _NOT_ALONE:
            return ""
    return "library phrase"


def _sure(page: Page, node: Node, probabilities: list[float], cuts: Cuts) -> bool:
    """Scores are enough for an element outside the main content of two lines or more, or
    of one line that scores ``cuts.single``. Inside the main content, or for a lone line
    below that, each line must also be in the phrase library ("Share this", "Advertisement"):
    an embedded post, a poll's answers or a pull quote scores like furniture but is the
    article's."""
    if node.where != "in" and (
        node.last - node.first > 1 or probabilities[node.first] >= cuts.single
    ):
        return True
    if node.where == "in" and node.name in FIGURE_TAGS:
        return True
    return all(phrase_matched(page, i) for i in range(node.first, node.last))


FIGURE_TAGS = frozenset({"figure", "figcaption"})
LINK_BOX_LINES = 2
LINK_BOX_SHARE = 0.5


def _in_item(page: Page, index: int, repeated: set[int]) -> bool:
    """The element is, or stands inside, one of a run of like boxes inside the main content."""
    while index >= 0 and index != page.main:
        if index in repeated:
            return True
        index = page.nodes[index].parent
    return False


def _link_box(page: Page, node: Node) -> bool:
    """A box of links without prose inside the main content: a related-stories list, a tag
    list, a row of share buttons. Not one of a run of like boxes (``repeated_items``): the
    article's own cards, a product or a step each."""
    if node.last - node.first < LINK_BOX_LINES or page.span_sum(page.prose, node):
        return False
    chars = page.span_sum(page.chars, node)
    return bool(chars) and page.span_sum(page.linked, node) >= LINK_BOX_SHARE * chars


def _may_go(page: Page, index: int, node: Node, total_prose: int) -> bool:
    if not node.exact or node.name in NEVER or node.where == "path" or index == page.main:
        return False
    prose = page.span_sum(page.prose, node)
    if total_prose and prose >= MAX_PROSE_SHARE * total_prose:
        return False
    return not (node.name in CONTENT_TAGS and prose >= OWN_PROSE)


def html_findings(document: Document, class_words: frozenset[str]) -> list[Finding]:
    text = document.text
    soup = parse(text)
    if soup is None:
        return []
    page = read_page(soup)
    if not page.lines:
        return []
    shipped = model()
    kept = protected_lines(page)
    repeated = repeated_items(page)
    probabilities = scores(page, shipped, kept, repeated)
    cuts = Cuts(
        shipped.cut("report"),
        shipped.cut("inside"),
        shipped.cut("floor"),
        class_words,
        shipped.cut("single"),
    )
    fix_cut = shipped.cut("fix")
    # html.parser counts lines on LF only; 4 bytes a line, like Document.line_starts.
    newlines = offsets(len(text))
    newlines.append(0)
    newlines.extend(m.end() for m in re.finditer("\n", text))
    findings: list[Finding] = []
    for index, why in removable(page, probabilities, kept, cuts, repeated):
        node = page.nodes[index]
        span = _source_span(node.tag, text, newlines)
        if span is None or document.in_code(span[0]):
            continue
        start, end = span
        surest = min(probabilities[node.first : node.last])
        count = node.last - node.first
        noun = "line" if count == 1 else "lines"
        evidence = why if why is not None else f"element classifier {surest:.2f}"
        message = (
            f"website furniture in the page: {_kind(page, node)} ({_shown(node.tag)}, {count} "
            f"{noun}; {evidence})"
        )
        fix = Fix((remove(document, start, end),), safe=why is not None or surest >= fix_cut)
        findings.append(Finding("chrome", "boilerplate", start, end, message, fix=fix))
    return findings


def _shown(tag: Tag) -> str:
    """The element as a reader finds it in the source: its tag with its id or classes."""
    for attribute in ("id", "class"):
        value = tag.get(attribute)
        name = " ".join(value) if isinstance(value, list) else str(value or "")
        if name.strip():
            return f'<{tag.name} {attribute}="{name.strip()[:60]}">'
    return f"<{tag.name}>"


def _kind(page: Page, node: Node) -> str:
    """What the element is, by its own name, its landmarks, or where it stands."""
    for source in (node.own_kinds, {node.near_kind} - {""}, node.kinds):
        named = sorted(k for k in source if k in KIND_LABELS)
        if named:
            return KIND_LABELS[named[0]]
    if node.name in FIGURE_TAGS:
        return KIND_LABELS["figure"]
    for mark, kind in _LANDMARK_KINDS:
        if mark in node.landmarks:
            return KIND_LABELS[kind]
    if any(_COPYRIGHT.search(line.text) for line in page.lines[node.first : node.last]):
        return KIND_LABELS["footer"]
    return KIND_LABELS["related" if node.after else "navigation"]


_COPYRIGHT = re.compile(r"©|\bcopyright\b|all rights reserved", re.IGNORECASE)


def _offset(newlines: array[int], line: int | None, column: int | None) -> int | None:
    if line is None or column is None or line - 1 >= len(newlines):
        return None
    return newlines[line - 1] + column


def _source_span(tag: Tag, text: str, newlines: array[int]) -> tuple[int, int] | None:
    """The element's exact source span: its start tag through its own closing tag."""
    start = _offset(newlines, tag.sourceline, tag.sourcepos)
    name = tag.name.lower()
    # The start tag, compared where it stands (lowering the whole page costs more).
    if start is None or text[start : start + len(name) + 1].lower() != f"<{name}":
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


def _next_tag_offset(tag: Tag, newlines: array[int], default: int) -> int:
    """Where the first tag after this element's subtree starts (or the end of the text)."""
    from bs4 import Tag
    from bs4.element import NavigableString

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
