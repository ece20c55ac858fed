"""Plain text has no parser to ask where a paragraph ends, and scraped text often has no blank
lines between paragraphs; so here a removed line is refused when it breaks a sentence: the line
above it runs on into it, or it runs on into the line below.
"""

from __future__ import annotations

from collections.abc import Sequence

from lint.document import Document
from lint.finding import Fix
from lint.safety.lines import erased_lines
from lint.safety.model import COMMENT, PROSE_MIN_WORDS, count_words

_ENDS_SENTENCE = frozenset(".!?:;…\"”’')]»|")
_RUNS_ON = frozenset(",–—-(/&")


def prose_words(text: str) -> int:
    """Words on lines of at least PROSE_MIN_WORDS words (titles and menu entries are shorter).

    Comments are not prose, not even in plain text where they show: they are what a fix of
    leftover comments takes out.
    """
    total = 0
    for line in COMMENT.sub(" ", text).splitlines():
        words = count_words(line)
        if words >= PROSE_MIN_WORDS:
            total += words
    return total


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


def sentence_breaks(document: Document, fixes: Sequence[Fix]) -> dict[Fix, str]:
    """The fixes that would delete a line out of the middle of a sentence, with the reason."""
    every = erased_lines(document, [e for f in fixes for e in f.edits], ())
    if not every:
        return {}
    text = document.text
    lines = document.lines

    def content(number: int) -> str:
        return text[lines[number].start : lines[number].end]

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
