"""A Markdown document as the guard compares it: the CommonMark parse (markdown-it-py, the
``commonmark`` preset) as blocks with their source lines, and inline text as atoms.

CommonMark is the reference: it decides where a block ends, when a list continues and when
an indented line is code, and those are exactly what a removed line can change.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any

from lint.safety.model import COMMENT, Atom, Model, Unit, count_words

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_NOT_BREAK = re.compile(r"[^\r\n]+")
_NAMES = {
    "bullet_list": "list",
    "ordered_list": "numbered list",
    "list_item": "list item",
    "paragraph": "paragraph",
    "heading": "heading",
    "blockquote": "block quote",
    "code_block": "indented code block",
    "fence": "code block",
    "html_block": "HTML block",
    "hr": "rule",
}
PARAGRAPHS = ("paragraph", "heading")
LISTS = ("bullet_list", "ordered_list")


def name_of(kind: str) -> str:
    return _NAMES.get(kind, kind.replace("_", " "))


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


def _without_front_matter(text: str) -> str:
    """Front matter blanked (its line breaks kept, so line numbers stay): it is metadata, and
    CommonMark would read its ``---`` fences as rules and headings."""
    from lint.regions import front_matter

    spans = front_matter(text)
    if not spans:
        return text
    start, end = spans[0]
    return _NOT_BREAK.sub("", text[start:end]) + text[end:]


def model(text: str, *, front_matter: bool = True) -> Model:
    """``front_matter``: the text starts the document, so a front matter block there is one
    (a window into the middle of a document starting with ``---`` has a rule there)."""
    tokens = _parser().parse(_without_front_matter(text) if front_matter else text)
    built = Model()
    units = built.units
    opens: list[int] = []  # open units, innermost last
    lists: list[int] = []
    para = -1
    for token in tokens:
        first, end = token.map if token.map else (-1, -1)
        if token.type == "inline":
            atoms = tuple(_atoms(token.children or []))
            words = sum(count_words(value) for kind, value in atoms if kind == "w")
            units.append(
                Unit(
                    "leaf", "text", ("leaf", atoms), first, end, para=para, words=words, atoms=atoms
                )
            )
        elif token.nesting == 1:
            kind = token.type[: -len("_open")]
            index = len(units)
            unit = Unit("open", kind, ("open", kind, *_extras(token)), first, end)
            if kind in PARAGRAPHS:
                para = index
            if kind == "list_item" and lists:
                unit.items_of = lists[-1]
            if kind in LISTS:
                lists.append(index)
            opens.append(index)
            units.append(unit)
        elif token.nesting == -1:
            kind = token.type[: -len("_close")]
            opened = units[opens.pop()] if opens else None
            if kind in LISTS and lists:
                lists.pop()
            if kind in PARAGRAPHS:
                para = -1
            span = (opened.first, opened.end) if opened else (-1, -1)
            units.append(Unit("close", kind, ("close", kind), *span))
        else:
            leaf = _block_leaf(token)
            if leaf is not None:
                leaf.first, leaf.end = first, end
                units.append(leaf)
    built.pair()
    return built


def _extras(token: Token) -> tuple[Any, ...]:
    """What changes the rendering of an opening: a tight list's hidden paragraphs, the level of
    a heading, the start of a numbered list."""
    if token.type == "paragraph_open":
        return (token.hidden,)
    if token.type == "heading_open":
        return (token.tag,)
    if token.type == "ordered_list_open":
        return (str(token.attrs.get("start", "1")),)
    return ()


def _block_leaf(token: Token) -> Unit | None:
    if token.type == "html_block":
        shown = " ".join(COMMENT.sub(" ", token.content).split())
        if not shown:
            return None  # only comments: renders as nothing
        return Unit("leaf", "html_block", ("html", shown))
    if token.type in {"code_block", "fence"}:
        return Unit("leaf", token.type, ("code", token.type, token.info, token.content))
    return Unit("leaf", token.type, ("block", token.type))


def _atoms(children: list[Token]) -> list[Atom]:
    atoms: list[Atom] = []
    for child in children:
        kind = child.type
        if kind == "text":
            atoms.extend(("w", word) for word in child.content.split())
        elif kind == "softbreak":
            continue  # a line break inside a paragraph renders as a space
        elif kind == "html_inline":
            if not child.content.startswith("<!--"):
                atoms.append(("m", f"html {child.content}"))
        elif kind == "code_inline":
            atoms.append(("m", f"code {child.content}"))
        elif kind == "link_open":
            title = child.attrs.get("title", "")
            atoms.append(("o", f"link {child.attrs.get('href', '')} {title}".rstrip()))
        elif kind == "image":
            alt = "".join(c.content for c in child.children or [])
            atoms.append(("m", f"image {child.attrs.get('src', '')} {alt}".rstrip()))
        elif kind.endswith("_open"):
            atoms.append(("o", kind[: -len("_open")]))
        elif kind.endswith("_close"):
            atoms.append(("c", kind[: -len("_close")]))
        else:
            atoms.append(("m", kind))
    return atoms
