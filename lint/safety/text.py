"""Plain text has no parser to ask where a paragraph ends, and scraped text often has no blank
lines between paragraphs; so here a removed line is refused when it breaks a sentence: the line
above it runs on into it, or it runs on into the line below.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from lint.document import Document
from lint.finding import Edit, Fix
from lint.safety.lines import deleted_pieces, erased_lines
from lint.safety.model import (
    COMMENT,
    PROSE_MIN_WORDS,
    article_count,
    count_words,
    reads_as_article,
)

# Two menu separators between words: entries of a menu or a footer, written on one line.
_NOT_BREAK = re.compile(r"[^\r\n]")
_SEPARATORS = re.compile(r"(?:\s[|•·»›]\s.*){2}")

_ENDS_SENTENCE = frozenset(".!?:;…\"”’')]»|")
# A list item as a scrape writes it: a bullet (or a number) and the item's text.
_ITEM = re.compile(r"[ \t]*([•·▪‣◦*+-]|\d{1,3}[.)])[ \t]+\S")
_RUNS_ON = frozenset(",–—-(/&")


def article_words(line: str) -> int:
    """The line's words when it reads as an article (``model.reads_as_article``), else 0.

    Plain text has no paragraphs to ask (a scrape puts one block a line, with or without
    blank lines between), so each line is judged alone: deleting other lines never changes
    its count. A line of menu entries split by separators ("Home | News | Sport.") is not
    one; in a hard-wrapped paragraph only the lines that end a sentence count, which keeps
    the measure in proportion to the article. Comments are not prose, not even in plain text
    where they show: they are what a fix of leftover comments takes out.
    """
    if "<!--" in line:
        line = COMMENT.sub(" ", line)
    if _SEPARATORS.search(line):
        return 0
    words = article_count(line)
    return words if reads_as_article(words, line) else 0


def prose_words(text: str) -> int:
    """The text's article words (``article_words``, line by line)."""
    return sum(article_words(line) for line in _blank_comments(text).splitlines())


def _blank_comments(text: str) -> str:
    """Comments as spaces, their line breaks kept: line numbers stay."""
    if "<!--" not in text:
        return text
    return COMMENT.sub(lambda m: _NOT_BREAK.sub(" ", m.group()), text)


def taken_article_words(document: Document, edits: Sequence[Edit]) -> int:
    """Words the deletions take out of the lines that read as an article."""
    text = _blank_comments(document.text)
    lines = document.lines
    return sum(
        article_count(text[start:stop])
        for number, start, stop in deleted_pieces(document, edits)
        if article_words(text[lines[number].start : lines[number].end])
    )


def broad_prose_words(text: str) -> int:
    """Words on lines of at least PROSE_MIN_WORDS words: all the prose, for a text with no
    article prose (titles and menu entries are shorter)."""
    total = 0
    for line in COMMENT.sub(" ", text).splitlines():
        words = count_words(line)
        if words >= PROSE_MIN_WORDS:
            total += words
    return total


def furniture_fixes(document: Document, fixes: Sequence[Fix]) -> set[Fix]:
    """The fixes that delete only whole lines without article prose (and blank lines)."""
    text = _blank_comments(document.text)
    lines = document.lines
    found: set[Fix] = set()
    for fix in fixes:
        if any(e.replacement.strip() for e in fix.edits):
            continue
        gone = erased_lines(document, fix.edits, ())
        clean = True
        for edit in fix.edits:
            first = document.line_of(edit.start) - 1
            last = document.line_of(max(edit.start, edit.end - 1)) - 1
            for number in range(first, last + 1):
                line = text[lines[number].start : lines[number].end]
                if line.isspace() or not line:
                    continue
                if number not in gone or article_words(line):
                    clean = False
                    break
            if not clean:
                break
        if clean:
            found.add(fix)
    return found


def _comment_line(line: str) -> bool:
    content = line.strip()
    return content.startswith("<!--") and content.endswith("-->")


def runs_on(above: str, below: str) -> bool:
    """``below`` continues the sentence ``above`` started (a line break mid-sentence)."""
    above, below = above.rstrip(), below.lstrip()
    if not above or not below:
        return False
    if above[-1] in _ENDS_SENTENCE:
        return False
    if above[-1] in _RUNS_ON:
        return True
    return below[0].islower()


def _line_reader(document: Document) -> Callable[[int], str]:
    """A line's text by its 0-based number, without its line break."""
    text, lines = document.text, document.lines
    return lambda number: text[lines[number].start : lines[number].end]


def sentence_breaks(document: Document, fixes: Sequence[Fix]) -> dict[Fix, str]:
    """The fixes that would delete a line out of the middle of a sentence, with the reason."""
    every = erased_lines(document, [e for f in fixes for e in f.edits], ())
    if not every:
        return {}
    lines = document.lines
    content = _line_reader(document)

    def neighbour(number: int, step: int) -> str:
        number += step
        while 0 <= number < len(lines) and number in every:
            number += step
        return content(number) if 0 <= number < len(lines) else ""

    refused: dict[Fix, str] = {}
    for fix in fixes:
        for number in sorted(erased_lines(document, fix.edits, ())):
            line = content(number)
            if _comment_line(line):
                continue
            # Only the edges of a run of erased lines meet a line that stays.
            first = number - 1 not in every
            last = number + 1 not in every
            if (first and runs_on(neighbour(number, -1), line)) or (
                last and runs_on(line, neighbour(number, 1))
            ):
                refused[fix] = (
                    "it would delete a line from the middle of a sentence whose other lines stay"
                )
                break
    return refused


def _marker(line: str) -> str | None:
    """The list marker a line starts with ("•", "-", "1." reads as "1"), or None."""
    found = _ITEM.match(line)
    if found is None:
        return None
    mark = found.group(1)
    return "1" if mark[0].isdigit() else mark


def list_breaks(document: Document, fixes: Sequence[Fix]) -> dict[Fix, str]:
    """The fixes that would delete items out of a list whose other items stay: the next line
    with text above or below a deleted item is an item of the same kind that stays (a
    timeline or a list of impacts losing one entry reads as complete without it)."""
    every = erased_lines(document, [e for f in fixes for e in f.edits], ())
    if not every:
        return {}
    lines = document.lines
    content = _line_reader(document)

    def kept_item(number: int, step: int, marker: str) -> bool:
        number += step
        while 0 <= number < len(lines) and (number in every or not content(number).strip()):
            if number in every and _marker(content(number)) != marker:
                return False  # the list ends where a deleted line of another kind starts
            number += step
        return 0 <= number < len(lines) and _marker(content(number)) == marker

    refused: dict[Fix, str] = {}
    for fix in fixes:
        for number in sorted(erased_lines(document, fix.edits, ())):
            marker = _marker(content(number))
            if marker is not None and (
                kept_item(number, -1, marker) or kept_item(number, 1, marker)
            ):
                refused[fix] = "it would delete part of a list whose other items stay"
                break
    return refused
