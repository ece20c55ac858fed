"""The edits checks build to take text out: one way to remove whole lines, one way to remove a
span inside a line, so that every check leaves the text around a removal the same way.

A removed line takes its line break with it, and the blank lines around it merge so that no
more than the original paragraph break remains; a removal at the end of the text keeps the
text's final-newline state.
"""

from __future__ import annotations

from lint.document import Document
from lint.finding import Edit
from lint.regions import first_visible


def blank(text: str, start: int, end: int) -> bool:
    """Nothing but whitespace in ``text[start:end]`` (read in place)."""
    return first_visible(text, start, end) < 0


def remove(document: Document, start: int, end: int) -> Edit:
    """Remove ``[start, end)``: its whole lines when nothing else stands on them, else the span."""
    text = document.text
    first = document.line_of(start) - 1
    last = document.line_of(max(end - 1, start)) - 1
    lines = document.lines
    line_start, line_end = lines[first].start, lines[last].end
    if blank(text, line_start, start) and blank(text, end, line_end):
        return remove_lines(document, first, last)
    return _remove_in_line(text, start, end, line_start, line_end)


def remove_lines(document: Document, first: int, last: int) -> Edit:
    """Remove lines ``first``..``last`` (0-based) with their breaks, merging the blank lines around."""
    text = document.text
    lines = document.lines
    previous_blank = 0
    while first - previous_blank - 1 >= 0 and _blank_line(document, first - previous_blank - 1):
        previous_blank += 1
    next_blank = 0
    while last + next_blank + 1 < len(lines) and _blank_line(document, last + next_blank + 1):
        next_blank += 1
    at_start = first - previous_blank == 0
    at_end = last + next_blank + 1 >= len(lines)
    if at_start:
        return Edit(lines[first].start, lines[last + next_blank].next)
    if at_end:
        if text.endswith(("\n", "\r")):
            return Edit(lines[first - previous_blank].start, len(text))
        return Edit(lines[first - previous_blank - 1].end, len(text))
    return Edit(lines[first].start, lines[last + min(previous_blank, next_blank)].next)


def _blank_line(document: Document, index: int) -> bool:
    line = document.lines[index]
    return blank(document.text, line.start, line.end)


def _remove_in_line(text: str, start: int, end: int, line_start: int, line_end: int) -> Edit:
    if blank(text, line_start, start):
        # At the start of the line: take the spaces after it, keep the indentation.
        stop = end
        while stop < len(text) and text[stop] in " \t":
            stop += 1
        return Edit(start, stop)
    if blank(text, end, line_end):
        # At the end of the line: take the spaces before it and after it.
        begin = start
        while begin > 0 and text[begin - 1] in " \t":
            begin -= 1
        return Edit(begin, line_end)
    if text[start - 1 : start] in {" ", "\t"} and text[end : end + 1] in {" ", "\t"}:
        return Edit(start, end + 1)
    return Edit(start, end)
