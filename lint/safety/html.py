"""An HTML document as the guard compares it: the element tree as openings, closings and text.

One regular-expression pass over the page (a page is parsed twice or more per fix, so the
guard does not build a BeautifulSoup tree), nesting as Python's html.parser tree builder
nests: an end tag closes every element opened after its own opening, an end tag that closes
nothing is ignored, void elements never open, and script, style and textarea hold raw text.

The tree, not the tags as written: a fix that takes out an opening tag but leaves its closing
tag makes the parser close an outer element early, and that shows up here as a move.
"""

from __future__ import annotations

import html
import re

from lint.safety.model import Model, Unit, count_words

# Elements whose text is one block of prose (a paragraph, an item, a cell, a quote...).
BLOCKS = frozenset(
    [
        *("p", "li", "dd", "dt", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6"),
        *("figcaption", "caption", "summary", "blockquote", "pre", "address", "legend"),
        *("div", "section", "article", "main", "header", "footer", "nav", "aside"),
        *("ul", "ol", "dl", "table", "tr", "tbody", "thead", "tfoot"),
        *("form", "figure", "details", "fieldset", "body", "html"),
    ]
)
LISTS = frozenset({"ul", "ol"})
VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "keygen",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
# Raw text: no tags inside, compared as it is and never prose.
RAW = frozenset({"script", "style", "textarea", "xmp", "noembed", "noframes", "title"})
_NOT_PROSE = frozenset({"noscript", "template", "svg", "math"})

# Every branch runs to its ">" or to the end of the text, so no match attempt fails after a
# long scan: one pass, linear on any page (an unclosed tag takes the rest of the text, both
# before and after a fix).
_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)"  # a comment: not rendered
    r"|<[!?][^>]*>?"  # a doctype, declaration or processing instruction
    r"|</(?P<end>[a-zA-Z][^\s/>]*)[^>]*>?"
    r"|<(?P<start>[a-zA-Z][^\s/>]*)"
    r"(?P<attrs>(?:[^>\"']|\"[^\"]*(?:\"|\Z)|'[^']*(?:'|\Z))*)>?",
    re.DOTALL,
)
_ATTRIBUTE = re.compile(r"([^\s=/>\"']+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+))?")


def name_of(kind: str) -> str:
    return f"<{kind}> element"


def _attributes(raw: str) -> tuple[tuple[str, str], ...]:
    found: dict[str, str] = {}
    for match in _ATTRIBUTE.finditer(raw):
        value = match.group(2) or ""
        if value[:1] in {'"', "'"}:
            value = value[1:-1]
        found.setdefault(match.group(1).lower(), " ".join(html.unescape(value).split()))
    return tuple(sorted(found.items()))


class _Builder:
    def __init__(self) -> None:
        self.model = Model()
        self.open: list[tuple[str, int]] = []  # (name, index of the open unit)
        self.blocks: list[int] = []
        self.lists: list[int] = []
        self.hidden = 0  # depth inside elements whose text is not prose

    def text(self, content: str, start: int, stop: int) -> None:
        words = content.split()
        if not words:
            return
        atoms = tuple(("w", word) for word in html.unescape(" ".join(words)).split())
        count = 0 if self.hidden else count_words(" ".join(w for _, w in atoms))
        para = self.blocks[-1] if self.blocks else -1
        unit = Unit("leaf", "text", ("leaf", atoms), para=para, words=count, atoms=atoms)
        unit.anchor, unit.stop = start, stop
        self.model.units.append(unit)

    def raw(self, name: str, content: str, start: int, stop: int) -> None:
        unit = Unit("leaf", "raw", ("raw", name, " ".join(content.split())))
        unit.anchor, unit.stop = start, stop
        self.model.units.append(unit)

    def start(self, name: str, attributes: tuple[tuple[str, str], ...], offset: int) -> None:
        units = self.model.units
        index = len(units)
        unit = Unit("open", name, ("open", name, attributes), anchor=offset)
        if name == "li" and self.lists:
            unit.items_of = self.lists[-1]
        units.append(unit)
        if name in VOID:
            units.append(Unit("close", name, ("close", name), anchor=offset, stop=offset + 1))
            return
        self.open.append((name, index))
        if name in BLOCKS:
            self.blocks.append(index)
        if name in LISTS:
            self.lists.append(index)
        self.hidden += name in _NOT_PROSE

    def end(self, name: str, start: int = -1, stop: int = -1) -> None:
        if not any(opened == name for opened, _ in self.open):
            return  # closes nothing: ignored
        while self.open:
            opened, index = self.open.pop()
            self._close(opened, index)
            if opened == name:
                # Only this one was closed by the tag written: the others closed implicitly.
                self.model.units[-1].anchor, self.model.units[-1].stop = start, stop
                return

    def finish(self) -> Model:
        while self.open:
            self._close(*self.open.pop())
        self.model.pair()
        return self.model

    def _close(self, name: str, index: int) -> None:
        if self.blocks and self.blocks[-1] == index:
            self.blocks.pop()
        if self.lists and self.lists[-1] == index:
            self.lists.pop()
        self.hidden -= name in _NOT_PROSE
        self.model.units.append(Unit("close", name, ("close", name)))


def model(text: str) -> Model:
    builder = _Builder()
    pos = 0
    size = len(text)
    while pos < size:
        match = _TOKEN.search(text, pos)
        if match is None:
            builder.text(text[pos:], pos, size)
            break
        if match.start() > pos:
            builder.text(text[pos : match.start()], pos, match.start())
        pos = match.end()
        name = match.group("start")
        if name is not None:
            name = name.lower()
            raw_attributes = match.group("attrs")
            builder.start(name, _attributes(raw_attributes), match.start())
            if raw_attributes.rstrip().endswith("/") and name not in VOID:
                builder.end(name)  # <div/>: html.parser closes it at once
            elif name in RAW:
                closing = re.compile(rf"</{re.escape(name)}\s*>", re.IGNORECASE)
                found = closing.search(text, pos)
                stop = found.start() if found else size
                builder.raw(name, text[pos:stop], pos, stop)
                builder.end(name, stop, found.end() if found else size)
                pos = found.end() if found else size
        elif match.group("end") is not None:
            builder.end(match.group("end").lower(), match.start(), match.end())
    return builder.finish()
