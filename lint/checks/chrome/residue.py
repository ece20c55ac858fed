"""Scrape residue in the article's prose: lead-ins whose link was lost, text cut off."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from lint.checks.chrome.lines import Lines
from lint.speed import regexcache

# "reach out to Jay at or Anndy at": a contact verb, up to four words, then a preposition
# followed by nothing, a conjunction, or punctuation. Word runs are bounded.
_CONTACT_LEAD_IN = regexcache.compile(
    r"\b(?:reach(?:ed)?[ \t]+out[ \t]+to|reach|contact(?:ed)?|e-?mail(?:ed)?|write[ \t]+to|"
    r"call|find|follow(?![ \t]+up\b)(?:[ \t]+along)?|message|dm|connect[ \t]+with|tweet|join)\b"
    r"(?:[ \t]+[\w@.'’-]{1,40}){0,4}?[ \t]+(?:at|on|via)"
    r"(?=[ \t]*(?:(?:or|and)\b|[,;]|[.!?:]?[ \t]*(?:\r|\n|$)))",
    re.IGNORECASE,
)
# More dangling prepositions in the same sentence: "... or Anndy at".
_MORE_DANGLING = regexcache.compile(
    r"[ \t]+(?:or|and)[ \t]+[\w@.'’-]{1,40}(?:[ \t]+[\w@.'’-]{1,40}){0,2}?[ \t]+(?:at|on|via)"
    r"(?=[ \t]*(?:[,;]|[.!?:]?[ \t]*(?:\r|\n|$)))",
    re.IGNORECASE,
)
# "For more information on, you can ...": the link text between "on" and "," is gone.
_LOST_OBJECT = regexcache.compile(
    r"\b(?:information|info|details|more|updates|available|find[ \t]+(?:it|us|them|him|her))"
    r"[ \t]+(?:on|at|via|from)(?=[ \t]*[,;])",
    re.IGNORECASE,
)
# "click here", "visit the following page": the link itself did not come along.
_LOST_LINK = regexcache.compile(
    r"\b(?:click[ \t]+(?:here|on[ \t]+this[ \t]+link|the[ \t]+link(?:[ \t]+below)?)|"
    r"(?:visit|see|check[ \t]+out|use)[ \t]+(?:the[ \t]+following|this)[ \t]+"
    r"(?:page|link|url|website|site|address)|"
    r"(?:at|via|from|on)[ \t]+the[ \t]+(?:following|below)[ \t]+(?:link|page|url|address)|"
    r"(?:following|below)[ \t]+link)\b",
    re.IGNORECASE,
)
# "... this Monday. aims to bring ...": the sentence's subject, a linked name, is gone.
_LOST_SUBJECT = regexcache.compile(
    r"(?<=[a-z]{3}[.!?] )(?:aims|is|was|has|provides|offers|allows|helps|brings|hosts|invites)"
    r"[ \t]+(?:to|a|an|the|us|you|all)\b"
)
_ABBREVIATIONS = frozenset({"etc", "inc", "ltd", "corp", "approx", "dept", "est", "fig", "vol"})

# Words a sentence never ends on: a paragraph ending with one was cut off.
FUNCTION_WORDS = frozenset(
    {
        "a",
        "an",
        "the",
        "of",
        "to",
        "and",
        "or",
        "but",
        "nor",
        "in",
        "on",
        "at",
        "with",
        "for",
        "from",
        "by",
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "as",
        "than",
        "its",
        "their",
        "our",
        "his",
        "her",
        "my",
        "your",
        "this",
        "these",
        "those",
        "into",
        "about",
        "because",
        "while",
        "if",
        "when",
        "whether",
        "between",
        "such",
        "so",
        "very",
        "more",
        "most",
    }
)
_TRAILING_DASH = regexcache.compile(r"(?:\s[-–—]|,|\[(?:…|\.\.\.)\])$")
_ELLIPSIS = regexcache.compile(r"(?:…|\.\.\.)$")
_LAST_SENTENCE = regexcache.compile(r"(?:^|[.!?][\"'”’)]{0,3}\s)([^.!?]{1,300})$")


@dataclass(frozen=True, slots=True)
class Residue:
    start: int
    end: int
    message: str


# Fixed text every match contains, found in one pass each (a pattern that starts with
# fixed text is searched fast), so that only those lines are searched with the patterns above.
_NEEDLES = (
    *(
        regexcache.compile(rf" {word}(?: (?:or|and) |[,;.:\n\r]|\Z)")
        for word in ("at", "on", "via", "from")
    ),
    *(regexcache.compile(text) for text in ("click ", "Click ", "following ", "below link")),
    *(
        regexcache.compile(
            re.escape(end)
            + r" (?:aims|is|was|has|provides|offers|allows|helps|brings|hosts|invites) "
        )
        for end in ".!?"
    ),
)
_EMPTY_TAIL = regexcache.compile(r"[ \t:.]{0,20}(?:\r|\n|\Z)")
_MAX_MORE = 4  # "... or Anndy at or Ben at": a few more, never the whole line
_TAIL = 400  # the last sentence is looked for in the line's last characters only
_LOOK_BACK = 240  # a lead-in is a verb and at most four words before its preposition
_LOOK_AHEAD = 80
_PATTERNS = (
    (_CONTACT_LEAD_IN, "contact"),
    (_LOST_OBJECT, "object"),
    (_LOST_LINK, "link"),
    (_LOST_SUBJECT, "subject"),
)


def _candidate_windows(lines: Lines) -> dict[int, list[tuple[int, int]]]:
    """Per line, the stretches around needle hits where a lead-in could be."""
    text = lines.text
    windows: dict[int, list[tuple[int, int]]] = {}
    for needle in _NEEDLES:
        for match in needle.finditer(text):
            index = lines.index_of(match.start())
            start, stop = lines.start(index), lines.next(index)
            low = max(start, match.start() - _LOOK_BACK)
            if low > start:  # begin at a word boundary, never inside a word
                space = text.find(" ", low, match.start())
                low = space if space >= 0 else low
            windows.setdefault(index, []).append((low, min(stop, match.end() + _LOOK_AHEAD)))
    return windows


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping windows joined, so that no text is searched twice."""
    merged: list[tuple[int, int]] = []
    for low, high in sorted(spans):
        if merged and low <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


def dangling_references(lines: Lines, skip: set[int]) -> Iterator[Residue]:
    """Lead-ins in prose whose link, address or handle was lost in the copy."""
    text = lines.text
    for index, spans in sorted(_candidate_windows(lines).items()):
        if index in skip or lines.in_code(index) or lines.in_comment(index):
            continue
        found: dict[int, Residue] = {}
        for low, high in _merged(spans):
            for pattern, kind in _PATTERNS:
                for match in pattern.finditer(text, low, high):
                    residue = _describe(lines, index, match, kind)
                    if residue is not None:
                        found.setdefault(residue.start, residue)
        if found:
            # One finding per line: the first lead-in names it, the span covers them all.
            first = found[min(found)]
            yield Residue(first.start, max(r.end for r in found.values()), first.message)


def _describe(lines: Lines, index: int, match: re.Match[str], kind: str) -> Residue | None:
    if kind == "contact":
        return _describe_contact(lines, index, match)
    if kind == "object":
        return _describe_object(lines, index, match)
    if kind == "link":
        return _describe_link(lines, index, match)
    return _describe_subject(lines, index, match)


def _link_follows(lines: Lines, index: int) -> bool:
    """The line, or one of the next two, carries a URL, an address or a handle after all."""
    if lines.has_link(index):
        return True
    after = lines.next_nonblank(index)
    for _ in range(2):
        if after is None:
            return False
        if lines.has_link(after):
            return True
        after = lines.next_nonblank(after)
    return False


def _continues(lines: Lines, index: int) -> bool:
    """A hard-wrapped sentence goes on in the next line (no blank line, no new item)."""
    after = index + 1
    if after >= lines.count or lines.blank(after) or lines.structural(after):
        return False
    return lines.label(after) is None


def _describe_contact(lines: Lines, index: int, match: re.Match[str]) -> Residue | None:
    end = match.end()
    at_line_end = _EMPTY_TAIL.match(lines.text, end) is not None
    if at_line_end and (_link_follows(lines, index) or _continues(lines, index)):
        return None
    more = _MORE_DANGLING.match(lines.text, end)
    for _ in range(_MAX_MORE):
        if more is None:
            break
        end = more.end()
        more = _MORE_DANGLING.match(lines.text, end)
    phrase = " ".join(lines.text[match.start() : end].split())
    return Residue(
        match.start(), end, f"'{phrase}' leads to a link or handle that was lost in the copy"
    )


def _describe_object(lines: Lines, index: int, match: re.Match[str]) -> Residue:
    phrase = " ".join(match.group().split())
    return Residue(
        match.start(),
        match.end(),
        f"'{phrase},' is missing what it refers to: the link text was lost in the copy",
    )


def _describe_link(lines: Lines, index: int, match: re.Match[str]) -> Residue | None:
    if _link_follows(lines, index) or lines.document.markup == "html":
        return None
    phrase = " ".join(match.group().split())
    return Residue(
        match.start(), match.end(), f"'{phrase}' points to a link that is not in the text"
    )


def _describe_subject(lines: Lines, index: int, match: re.Match[str]) -> Residue | None:
    before = lines.text[max(lines.start(index), match.start() - 40) : match.start()]
    words = before.split()
    if not words or words[-1].rstrip(".!?").lower() in _ABBREVIATIONS:
        return None
    verb = match.group().split()[0]
    return Residue(
        match.start(),
        match.end(),
        f"a sentence starts with '{verb}': its subject (a name or link) was lost in the copy",
    )


def truncated_paragraphs(
    lines: Lines, before: list[int], chrome_follows: set[int]
) -> Iterator[Residue]:
    """The last line of a paragraph that stops mid-sentence, right before chrome or the end.

    ``before`` are the lines to examine; ``chrome_follows`` those followed by chrome (there a
    trailing ellipsis also counts, the mark of an excerpt cut short).
    """
    for index in before:
        if lines.structural(index) or lines.words(index) < 6:
            continue
        line = lines.stripped(index)
        last_word = re.sub(r"[^\w'’]+$", "", line.rsplit(None, 1)[-1]).lower()
        cut = bool(_TRAILING_DASH.search(line)) or (
            index in chrome_follows and bool(_ELLIPSIS.search(line))
        )
        if not cut and not line[-1:].isalpha():
            continue
        if not cut and last_word not in FUNCTION_WORDS:
            continue
        sentence = _LAST_SENTENCE.search(line[-_TAIL:])
        fragment = sentence.group(1) if sentence else line
        content = lines.content(index)
        start = lines.start(index) + content.rfind(fragment)
        tail = " ".join(fragment.split()[-6:])
        yield Residue(
            start,
            lines.start(index) + len(content.rstrip()),
            f"paragraph stops mid-sentence ('…{tail}'): the rest was cut off in the copy",
        )
