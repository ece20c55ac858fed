"""Who is speaking: speaker turns in transcripts, attributed quotations, quoted titles.

A transcript labels its turns at the start of a line ("Jay Hao: ...", "JH: ...", "Q: ...").
A document counts as a transcript when at least three lines carry such labels and one
label repeats, which keeps one-off lead-ins ("Bitcoin: a primer") out. A turn covers its
own paragraph and the following paragraphs up to the next label that speak in the first
person or open with a quotation mark; third-person paragraphs after a turn are narration.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Collection
from itertools import chain
from typing import NamedTuple

from lint.speed import regexcache

Span = tuple[int, int]

# Starts with a literal line break (searched for at C speed); the first line has its own
# pattern, so the text is never copied to put a line break before it.
_LABEL_BODY = (
    r"[ \t\u00a0]{0,4}(?:[*_]{1,2})?"
    r"(?P<label>[A-Z][\w'’.-]{0,24}(?:[ \t][A-Z][\w'’.-]{0,24}){0,3})"
    r"(?:[*_]{1,2})?[ \t]{0,2}:(?:[*_]{1,2})?[ \t\u00a0]{0,4}(?P<rest>[^\s:])"
)
_LABEL = regexcache.compile(r"\n" + _LABEL_BODY)
_FIRST_LABEL = regexcache.compile(_LABEL_BODY)  # on the first line
_PARAGRAPH_BREAK = regexcache.compile(r"(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)")
# The same where a text has no CR: a pattern that opens with a literal is searched for at C
# speed, one that opens with an alternation is tried at every character.
_LF_PARAGRAPH_BREAK = regexcache.compile(r"\n[ \t]*\n")
_FIRST_PERSON = regexcache.compile(
    r"\b(?:I|I['’](?:m|ve|d|ll)|we|We|we['’](?:re|ve|ll|d)|We['’](?:re|ve|ll|d)|our|Our|us|my|My|me|ours)\b"
)
_QUOTE_OPEN = regexcache.compile(r"[ \t]{0,4}[*_]{0,2}[\"“‘«]")

# Quotations: curly pairs, and straight double quotes paired in order.
_QUOTE = regexcache.compile(
    r"“[^“”\r\n]{1,2000}”|\"[^\"\r\n]{1,2000}\"|(?<![\w])‘[^‘’\r\n]{1,400}’(?![\w])|«[^«»\r\n]{1,2000}»"
)
_SPEECH_VERBS = (
    r"said|says|say|told|tells|added|adds|stated|states|noted|notes|explained|explains|"
    r"claimed|claims|wrote|writes|insisted|insists|boasted|boasts|tweeted|commented|remarked|"
    r"declared|announced|argued|argues|recalled|concluded|emphasized|"
    r"emphasised|stressed|asserted|affirmed|promised|predicted|revealed|quipped"
)
_NAME = r"(?:[A-Z][\w'’.-]{1,30}(?:[ \t]{1,3}[A-Z][\w'’.-]{1,30}){0,3}|[Hh]e|[Ss]he)"
# After a closing quote: ", said Jane Doe" / " Jane Doe said" / " — Jane Doe".
_ATTRIBUTION_AFTER = regexcache.compile(
    rf"[,.!?]?[ \t]{{0,3}}(?:(?:{_SPEECH_VERBS})\b[ \t]{{1,3}}(?:\w+[ \t]{{1,3}}){{0,4}}?{_NAME}"
    rf"|{_NAME}[ \t]{{1,3}}(?:\w+[ \t]{{1,3}}){{0,2}}?(?:{_SPEECH_VERBS})\b|[—–-][ \t]{{0,2}}{_NAME})"
)
# Before an opening quote: "Jane Doe said:" / "According to Jane Doe," / "he added, ".
_ATTRIBUTION_BEFORE = regexcache.compile(
    rf"(?:{_NAME}[ \t,]{{1,3}}(?:[\w,'’]+[ \t]{{1,3}}){{0,8}}?(?:{_SPEECH_VERBS})|[Aa]ccording to {_NAME}|"
    rf"(?:{_SPEECH_VERBS})[ \t]{{1,3}}{_NAME})[ \t]{{0,3}}[,:]?[ \t]{{0,3}}$"
)
_TITLE_CUE = regexcache.compile(
    r"(?:titled|entitled|called|named|dubbed|book|novel|film|song|album|manifesto|motto|slogan|"
    r"article|essay|paper|report|series|show|column|tagline|headline|author)[ \t,:-]{0,3}$",
    re.IGNORECASE,
)
_WORD = regexcache.compile(r"[^\W\d_][\w'’-]*")


class Quote(NamedTuple):
    """A quotation's span and what it is: a title, attributed speech, or an unattributed quote."""

    start: int
    end: int
    kind: str  # "title" | "short" | "attributed" | "plain"


def turn_paragraphs(text: str, stop_labels: Collection[str]) -> list[tuple[int, int, bool]]:
    """The paragraphs a transcript's turns may cover, in order, as (start, end, own): each
    label's own paragraph (own: always a turn), then the paragraphs after it up to the next
    label (a turn when ``continues_turn``, asked only of the paragraphs that need an
    answer). Empty unless the text is a transcript."""
    if ":" not in text:
        return []
    first = _FIRST_LABEL.match(text)
    labels = [
        m
        for m in chain([first] if first else [], _LABEL.finditer(text))
        if m.group("label").lower() not in stop_labels
        and not text.startswith(("http", "www."), m.start("rest"))
    ]
    counts = Counter(m.group("label") for m in labels)
    if len(labels) < 3 or max(counts.values()) < 2:
        return []
    # The paragraph breaks after the first label, found in one pass: no break holds a
    # letter, so none straddles a label's start.
    pattern = _PARAGRAPH_BREAK if "\r" in text else _LF_PARAGRAPH_BREAK
    breaks = [m.span() for m in pattern.finditer(text, labels[0].start("label"))]
    break_starts = [start for start, _ in breaks]
    paragraphs: list[tuple[int, int, bool]] = []
    for index, match in enumerate(labels):
        label_start = match.start("label")
        limit = labels[index + 1].start("label") if index + 1 < len(labels) else len(text)
        low = bisect_left(break_starts, label_start)
        high = bisect_left(break_starts, limit, low)
        pos, own = label_start, True
        for break_start, break_end in breaks[low:high]:
            paragraphs.append((pos, break_start, own))
            pos, own = break_end, False
        if own or pos < limit:
            paragraphs.append((pos, limit, own))
    return paragraphs


def continues_turn(text: str, start: int, end: int) -> bool:
    """A paragraph after a turn's own speaks in the first person or opens with a quotation
    mark: the speaker goes on (third-person paragraphs are narration)."""
    return bool(_FIRST_PERSON.search(text, start, end) or _QUOTE_OPEN.match(text, start, end))


def quotes(text: str, start: int, end: int) -> list[Quote]:
    """Quotations inside ``text[start:end]`` (one block), classified by what they are."""
    found: list[Quote] = []
    for match in _QUOTE.finditer(text, start, end):
        q_start, q_end = match.span()
        inner = text[q_start + 1 : q_end - 1]
        words = _WORD.findall(inner)
        before = text[max(start, q_start - 120) : q_start]
        if len(words) <= 3:
            kind = "short"
        elif _is_title(words) or _TITLE_CUE.search(before):
            kind = "title"
        elif _ATTRIBUTION_AFTER.match(
            text, q_end, min(end, q_end + 120)
        ) or _ATTRIBUTION_BEFORE.search(before):
            kind = "attributed"
        else:
            kind = "plain"
        found.append(Quote(q_start, q_end, kind))
    return found


def _is_title(words: list[str]) -> bool:
    """Eight words or fewer, most of them capitalised: the name of a work, not speech."""
    if len(words) > 8:
        return False
    capitals = sum(1 for word in words if word[0].isupper())
    return capitals * 10 >= len(words) * 7


def indirect_speech(text: str, start: int, end: int, vague: Collection[str]) -> bool:
    """A named speaker's reported words in this sentence: "Hao said the exchange is ..."."""
    for match in _INDIRECT.finditer(text, start, end):
        if match.group("who").split()[0].lower() not in vague:
            return True
    return False


_INDIRECT = regexcache.compile(
    rf"(?P<who>(?:[A-Z][\w'’.-]{{1,30}}[ \t]{{1,3}}){{0,3}}[A-Z][\w'’.-]{{1,30}}|[Hh]e|[Ss]he)"
    rf"(?:,[^,\r\n]{{1,80}},)?[ \t]{{1,3}}(?:(?:also|has|had|once|later|then|previously|recently)[ \t]{{1,3}})?"
    rf"(?:{_SPEECH_VERBS}|believes|thinks|feels|envisions|hopes|expects|told[ \t]\w+)\b"
)
