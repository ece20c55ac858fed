"""What a reader sees, for comparing a document before and after ``fix``.

Independent of lint/safety (the code under test): CommonMark HTML from markdown-it-py's own
renderer, HTML trees from BeautifulSoup. Comments are dropped everywhere: they do not render.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# Elements whose children may go whole while the element stays (a list losing an item).
CONTAINERS = frozenset(
    {"ul", "ol", "li", "blockquote", "body", "div", "article", "main", "section"}
)
# Of those, the ones whose loose text may go whole too (a list item may not lose its text).
_TEXT_CONTAINERS = frozenset({"div", "article", "main", "section", "body"})


def markdown_html(text: str) -> str:
    """CommonMark HTML with front matter left out and comments stripped, one block a line."""
    match = _FRONT_MATTER.match(text)
    if match:
        text = "\n" * match.group().count("\n") + text[match.end() :]
    html = _COMMENT.sub("", MarkdownIt("commonmark").render(text))
    return "\n".join(" ".join(line.split()) for line in html.splitlines() if line.strip())


@dataclass(frozen=True)
class Node:
    tag: str
    attrs: tuple[tuple[str, str], ...]
    children: tuple[Node | str, ...]


def tree(html: str) -> tuple[Node | str, ...]:
    """The element tree: text with white space collapsed, comments and blank text dropped."""
    from bs4 import BeautifulSoup

    return _children(BeautifulSoup(html, "html.parser"))


def _children(element: object) -> tuple[Node | str, ...]:
    from bs4.element import Comment, Declaration, Doctype, NavigableString, Tag

    out: list[Node | str] = []
    for child in getattr(element, "contents", []):
        if isinstance(child, Tag):
            attrs = tuple(
                sorted(
                    (k, " ".join(v) if isinstance(v, list) else str(v))
                    for k, v in child.attrs.items()
                )
            )
            out.append(Node(child.name, attrs, _children(child)))
        elif isinstance(child, NavigableString) and not isinstance(
            child, Comment | Declaration | Doctype
        ):
            if out and isinstance(out[-1], str):
                out[-1] += str(child)
            else:
                out.append(str(child))
    cleaned = [(" ".join(c.split()) if isinstance(c, str) else c) for c in out]
    return tuple(c for c in cleaned if c != "")


def pruned(
    before: tuple[Node | str, ...], after: tuple[Node | str, ...], loose: bool = False
) -> bool:
    """``after`` is ``before`` with whole elements (or whole runs of text) taken out of
    containers, and nothing else changed: no block merged, split, moved or edited.

    ``loose``: the children of raw HTML (a ``div`` or the page itself), whose text runs may
    also lose lines as long as no prose (three words) stays beside what went."""
    index = 0
    for node in after:
        while index < len(before) and not _fits(before[index], node, loose):
            index += 1
        if index == len(before):
            return False
        index += 1
    return True


def _lines_out(before: str, after: str) -> bool:
    """``after`` is ``before`` less some words, and fewer than three words stay."""
    words = iter(before.split())
    kept = after.split()
    return all(word in words for word in kept) and sum(w.isalpha() for w in kept) < 3


def _fits(before: Node | str, after: Node | str, loose: bool = False) -> bool:
    if isinstance(before, str) and isinstance(after, str):
        return before == after or (loose and _lines_out(before, after))
    if isinstance(before, str) or isinstance(after, str):
        return False
    if (before.tag, before.attrs) != (after.tag, after.attrs):
        return False
    if before.tag in CONTAINERS and (
        before.tag in _TEXT_CONTAINERS or any(isinstance(c, Node) for c in before.children)
    ):
        return pruned(before.children, after.children, before.tag in _TEXT_CONTAINERS)
    return before == after


def visible_text(html: str) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup(["script", "style", "noscript", "template", "head"]):
        hidden.decompose()
    return " ".join(soup.get_text(" ").split())
