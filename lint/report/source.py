"""``--show-source``: the flagged line with a caret under the span, safe to print.

Invisible and control characters (often the very thing flagged) are shown as ``<U+200B>``
so the terminal neither hides nor obeys them; tabs become spaces and wide characters take
two cells, so the carets stay under the text. Long lines are cut to a window that starts
a little before the span.
"""

from __future__ import annotations

import re
import unicodedata

from lint.document import Document

WINDOW = 120  # display cells of a long line shown around the span
CONTEXT = 40  # cells kept before the span when a long line is cut
TAB = "    "
_EOL = re.compile(r"[\r\n]")
_VISIBLE_CATEGORIES = ("Cc", "Cf", "Co", "Cs", "Zl", "Zp", "Cn")


def _cell(char: str) -> tuple[str, int]:
    """How one character is shown and how many terminal cells it takes."""
    if char == "\t":
        return TAB, len(TAB)
    code = ord(char)
    if (code < 0x7F and char.isprintable()) or char == " ":
        return char, 1
    category = unicodedata.category(char)
    if category in _VISIBLE_CATEGORIES:
        label = f"<U+{code:04X}>"
        return label, len(label)
    if category in ("Mn", "Me"):
        return char, 0
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return char, 2
    return char, 1


def excerpt(document: Document, start: int, end: int) -> tuple[int, str, str]:
    """(line number, the shown line, the caret line) for the span ``[start, end)``."""
    text = document.text
    number = document.line_of(start)
    line_start = document.line_starts[number - 1]
    found = _EOL.search(text, line_start)
    line_end = found.start() if found else len(text)
    start = min(start, line_end)
    stop = max(start + 1, min(end, line_end))
    first = max(line_start, start - CONTEXT) if line_end - line_start > WINDOW else line_start
    last = min(line_end, first + WINDOW * 2)  # characters; cells are counted below
    shown: list[str] = ["…"] if first > line_start else []
    carets: list[str] = [" "] if first > line_start else []
    cells = 0
    for offset in range(first, last):
        rendered, width = _cell(text[offset])
        if cells + width > WINDOW:  # a long span is cut too: its start is what matters
            shown.append("…")
            break
        shown.append(rendered)
        carets.append(("^" if start <= offset < stop else " ") * width)
        cells += width
    if start >= line_end:  # a span at the line break: point just past the text
        carets.append("^")
    return number, "".join(shown), "".join(carets).rstrip()
