"""Scrape residue in the article's prose: lead-ins whose link was lost, text cut off."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

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
    # "available on, or shortly after, Tuesday": a preposition shared with the next one.
    r"[ \t]+(?:on|at|via|from)(?=[ \t]*[,;](?![ \t]*(?:or|and|nor)\b))",
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
_END_CHARS = 8  # the longest end the two patterns above read ("[...]" with a space)
_LAST_SENTENCE = regexcache.compile(r"(?:^|[.!?][\"'”’)]{0,3}\s)([^.!?]{1,300})$")


class Residue(NamedTuple):
    start: int
    end: int
    message: str


# Text every match contains, found in one pass each, so that only the lines around them
# are searched with the patterns above. Each needle starts with a fixed character or word
# (which ``re`` finds fast) and checks the rest around it; a pass costs about a tenth of
# the patterns' own search over the whole text.
_SUBJECT_VERBS = r"(?:aims|is|was|has|provides|offers|allows|helps|brings|hosts|invites) "
_PREPOSITION_END = "contact object"  # a lead-in or a lost object ends on the preposition
_NEEDLES = (
    (regexcache.compile(r" (?:at|on|via|from)(?: (?:or|and) |[,;.:\n\r]|\Z)"), _PREPOSITION_END),
    *((regexcache.compile(rf"\{end}(?= {_SUBJECT_VERBS})"), "subject") for end in ".!?"),
    (regexcache.compile(r"k(?:(?<=[Cc]lick) |(?<=below link))"), "link"),
    (regexcache.compile(r"g(?<=following) "), "link"),
)
_EMPTY_TAIL = regexcache.compile(r"[ \t:.]{0,20}(?:\r|\n|\Z)")
_MAX_MORE = 4  # "... or Anndy at or Ben at": a few more, never the whole line
_TAIL = 400  # the last sentence is looked for in the line's last characters only
# How far before and after a needle a match can reach: a lead-in is a verb and at most
# four words before its preposition; a lost link's words start a few words before "link"
# or at "click"; a lost subject starts right after its sentence mark.
_REACH = {_PREPOSITION_END: (240, 80), "link": (40, 60), "subject": (8, 60)}
_PATTERNS = (
    (_CONTACT_LEAD_IN, "contact"),
    (_LOST_OBJECT, "object"),
    (_LOST_LINK, "link"),
    (_LOST_SUBJECT, "subject"),
)
# Words one of which every match of a pattern holds (lower case): a window without any is
# not searched with that pattern (a substring test costs far less than the search).
_MUST_HOLD = {
    "contact": ("reach", "contact", "mail", "write", "call", "find", "follow", "message",
                "dm", "connect", "tweet", "join"),
    "object": ("info", "details", "more", "updates", "available", "find"),
    "link": ("click", "following", "below", "this"),
    "subject": (". ", "! ", "? "),
}  # fmt: skip
_PRONOUNS = frozenset({"it", "us", "them", "him", "her"})  # "find us on," lost its object
Window = tuple[int, int, str]  # low, high, the kinds of pattern its needles call for


def _candidate_windows(lines: Lines) -> dict[int, list[Window]]:
    """Per line, the stretches around needle hits where a lead-in could be, and which
    patterns can match there."""
    text = lines.text
    windows: dict[int, list[Window]] = {}
    for needle, needle_kinds in _NEEDLES:
        back, ahead = _REACH[needle_kinds]
        for match in needle.finditer(text):
            index = lines.index_of(match.start())
            start, stop = lines.start(index), lines.next(index)
            low = max(start, match.start() - back)
            if low > start:  # begin at a word boundary, never inside a word
                space = text.find(" ", low, match.start())
                low = space if space >= 0 else low
            kinds = needle_kinds
            if kinds == _PREPOSITION_END:
                kinds = _lead_in_kinds(text[low : match.start()])
                if not kinds:
                    continue
            high = min(stop, match.end() + ahead)
            windows.setdefault(index, []).append((low, high, kinds))
    return windows


def _lead_in_kinds(before: str) -> str:
    """Which preposition patterns the words before a needle allow: a contact verb among
    the last five (the verb and at most four words before "at"), an object word last."""
    words = before.lower().split()[-5:]
    kinds = ""
    # A root holds no blank: it is in one of the words exactly when it is in them joined.
    joined = " ".join(words)
    if any(root in joined for root in _MUST_HOLD["contact"]):
        kinds = "contact"
    if words and (
        any(root in words[-1] for root in _MUST_HOLD["object"]) or words[-1] in _PRONOUNS
    ):
        kinds += " object"
    return kinds


def _merged(spans: list[Window]) -> list[Window]:
    """Overlapping windows joined, so that no text is searched twice."""
    merged: list[Window] = []
    for low, high, kinds in sorted(spans):
        if merged and low <= merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], high), f"{last[2]} {kinds}")
        else:
            merged.append((low, high, kinds))
    return merged


def dangling_references(lines: Lines, skip: set[int]) -> Iterator[Residue]:
    """Lead-ins in prose whose link, address or handle was lost in the copy."""
    text = lines.text
    for index, spans in sorted(_candidate_windows(lines).items()):
        if index in skip or lines.in_code(index) or lines.in_comment(index):
            continue
        found: dict[int, Residue] = {}
        for low, high, kinds in _merged(spans):
            window = text[low:high].lower()
            for pattern, kind in _PATTERNS:
                if kind not in kinds or not any(word in window for word in _MUST_HOLD[kind]):
                    continue
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
        line = lines.stripped(index)
        if not line:
            continue
        # The end decides first (the patterns are read on the last characters only); the
        # line's shape is asked only of a line that stops on a dash, a comma or a word.
        end = line[-_END_CHARS:]
        cut = bool(_TRAILING_DASH.search(end)) or (
            index in chrome_follows and bool(_ELLIPSIS.search(end))
        )
        if not cut and not line[-1:].isalpha():
            continue
        last_word = re.sub(r"[^\w'’]+$", "", line.rsplit(None, 1)[-1]).lower()
        if not cut and last_word not in FUNCTION_WORDS:
            continue
        if lines.structural(index) or lines.words(index) < 6:
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
