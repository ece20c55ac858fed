"""Context around a claim trigger: the clause before it, whether the sentence carries a
source, whether it is a headline, a URL or a paragraph in another language.

Every function looks at one sentence or one block, never at the whole document, so the
cost grows with the number of trigger hits, not with the size of the text.
"""

from __future__ import annotations

import re
from collections.abc import Set

from lint.checks.claims.lexicon import Lexicon
from lint.speed import regexcache

# A clause ends at these marks; the words a negation or hedge must sit in come after them.
_CLAUSE_BREAK = regexcache.compile(r"[.;:!?—–()\[\]]|,\s")
_WORD = regexcache.compile(r"[^\W\d_][\w'’-]*")
_TERMINAL = regexcache.compile(r"[.!?:;\"”’)]\s*$")
# Sixteen words of four letters or more and the short words between them fit well
# within this; a longer block is prose (or a line megabytes long), never a headline.
_HEADLINE_MAX = 400
_NOT_ONLY = regexcache.compile(
    r"\bnot\s{1,3}(?:only|just|merely|simply)\b|\bno\s{1,3}(?:doubt|wonder)\b", re.IGNORECASE
)


def clause_before(text: str, sentence_start: int, position: int, words: int = 7) -> str:
    """Up to ``words`` words before ``position`` in the same clause of the sentence."""
    window = text[max(sentence_start, position - 80) : position]
    cut = 0
    for match in _CLAUSE_BREAK.finditer(window):
        cut = match.end()
    window = window[cut:]
    found = _WORD.findall(window)
    return " ".join(found[-words:])


def clause_after(text: str, position: int, sentence_end: int, limit: int = 110) -> str:
    """The rest of the clause after ``position`` (up to the next ; : . or dash)."""
    window = text[position : min(sentence_end, position + limit)]
    stop = re.search(r"[.;!?—–]\s|[;:!?—–]", window)
    return window[: stop.start()] if stop else window


def negated_or_hedged(lexicon: Lexicon, before: str) -> bool:
    """A denial ("is not the largest") or a possibility ("may be the fastest") before a trigger."""
    cleaned = _NOT_ONLY.sub(" ", before)
    return bool(lexicon.word("negation").search(cleaned) or lexicon.word("hedge").search(cleaned))


_DENIED_AFTER = regexcache.compile(
    r"[^.;!?]{0,60}?\b(?:is|are|was|were|remains?)\s{1,3}(?:not\s{1,3}(?:supported|true|backed|proven|accurate)"
    r"|false|unfounded|a\s{1,3}myth|misleading|untrue|unsupported|exaggerated|overstated)\b",
    re.IGNORECASE,
)


def denied_after(text: str, end: int, sentence_end: int) -> bool:
    """The clause after the claim denies it: "... cures acne are not supported by research"."""
    return _DENIED_AFTER.match(text, end, sentence_end) is not None


def in_backticks(text: str, position: int) -> bool:
    """Inside `inline code` on the same line, in any markup (code is never prose)."""
    lo = max(0, position - 500)
    line_start = max(text.rfind("\n", lo, position), text.rfind("\r", lo, position), lo - 1) + 1
    line_end = text.find("\n", position, position + 500)
    after = text[position : line_end if line_end >= 0 else position + 500]
    return text.count("`", line_start, position) % 2 == 1 and "`" in after


def has_source(lexicon: Lexicon, sentence: str) -> bool:
    """The sentence names where its claim comes from: a link, a citation, a named source."""
    lowered = sentence.lower()
    return any(source.found_in(sentence, lowered) for source in lexicon.sources)


def in_url(text: str, position: int) -> bool:
    """The position is inside a URL or a domain-like token, which is never prose."""
    lo = max(0, position - 300)
    start = (
        max(
            text.rfind(" ", lo, position),
            text.rfind("\n", lo, position),
            text.rfind("(", lo, position),
            lo - 1,
        )
        + 1
    )
    token = text[start : position + 1]
    return "://" in token or token.startswith("www.") or "/" in token


def in_tag(text: str, position: int) -> bool:
    """Inside an HTML tag's angle brackets (an attribute value is not prose)."""
    opened = text.rfind("<", max(0, position - 2000), position)
    return opened >= 0 and text.rfind(">", opened, position) < 0


def is_headline(text: str, start: int, end: int) -> bool:
    """A single line without closing punctuation whose words are mostly capitalised."""
    if end - start > _HEADLINE_MAX:
        return False
    line = text[start:end]
    if "\n" in line.strip() or _TERMINAL.search(line):
        return False
    found = [w for w in _WORD.findall(line) if len(w) > 3]
    if not found or len(found) > 16:
        return False
    capitals = sum(1 for w in found if w[0].isupper())
    return capitals * 10 >= len(found) * 6


def is_english(text: str, start: int, end: int, stopwords: Set[str]) -> bool:
    """A cheap stopword test on the block and its neighbourhood (list items are short): among
    twelve or more words, English prose always has a few distinct common words; another
    language has almost none."""
    lo, hi = english_window(len(text), start, end)
    return is_english_text(text[lo:hi], stopwords)


def english_window(size: int, start: int, end: int) -> tuple[int, int]:
    """The neighbourhood of the block ``start:end`` that ``is_english`` reads."""
    return max(0, start - 200), min(size, end + 200, start + 1400)


def is_english_text(window: str, stopwords: Set[str]) -> bool:
    """``is_english`` on the neighbourhood text itself."""
    tokens = window.lower().split()
    if len(tokens) < 12:
        return True
    return len(stopwords & set(tokens)) >= max(2, len(tokens) // 50)
