"""Rule-specific judgement of a trigger hit: word senses, scope, success words, rivals.

``judge`` returns None when the hit is not a claim, False for a claim, and True for a
weaker claim that is reported at info severity.
"""

from __future__ import annotations

import re

from lint.checks.claims.context import clause_after
from lint.checks.claims.lexicon import Lexicon, Trigger
from lint.speed import regexcache

Span = tuple[int, int]
_NEXT_WORDS = regexcache.compile(
    r"[\s*_]{1,6}([\w'’-]{1,30})(?:[\s*_]{1,6}([\w'’-]{1,30}))?(?:[\s*_]{1,6}([\w'’-]{1,30}))?"
)
_LAST_WORD = regexcache.compile(r"([\w'’-]{1,30})\W{0,4}$")
_PROPER_RUN = regexcache.compile(r"[\s*_]{1,3}(?-i:[A-Z])")
# An amount of money is a claim only next to what money measures for a business.
_CURRENCY = regexcache.compile(
    r"\s{0,2}(?:usd|usdt|usdc|eur|dollars|euros|pounds|btc|eth)\b", re.IGNORECASE
)
_MONEY_SUCCESS = regexcache.compile(
    r"\b(?:revenue|revenues|sales|raised|funding|paid\s{1,3}out|payouts|payments|earned|facilitated|saved|savings|volume|value\s{1,3}locked|tvl"
    r"|assets\s{1,3}under\s{1,3}management|aum|profits?|earnings|processed|secured|transactions|gmv)\b",
    re.IGNORECASE,
)
_YEAR = regexcache.compile(r"(?:19|20)\d\d(?![\d%,.]|\s{0,2}(?:%|percent|\+))")


def judge(
    lexicon: Lexicon, trigger: Trigger, text: str, start: int, end: int, sentence: Span
) -> bool | None:
    if _guarded(lexicon, trigger.rule, text, start, end):
        return None
    rule = trigger.rule
    weak = trigger.flag == "info"
    if rule == "peacock":
        return None if _proper_name(text, start, end, sentence) else weak
    if rule == "superlative":
        if _proper_name(text, start, end, sentence):
            return None
        return _superlative(lexicon, trigger, text, start, end, sentence)
    if rule == "statistic":
        return _statistic(lexicon, trigger, text, start, end, sentence)
    if rule == "guarantee":
        before = text[sentence[0] : start]
        technical = lexicon.word("guarantee.technical").search(before)
        return None if technical else weak
    if rule == "comparative" and trigger.flag == "party":
        whole = text[sentence[0] : sentence[1]]
        if not (_FIRST_PERSON.search(whole) or lexicon.word("comparative.rivals").search(whole)):
            return None
    return weak


_FIRST_PERSON = regexcache.compile(
    r"(?<![\w'’])(?:we|we['’]re|we['’]ve|our|us|ours)(?![\w'’])", re.IGNORECASE
)


def _guarded(lexicon: Lexicon, rule: str, text: str, start: int, end: int) -> bool:
    guards = lexicon.guards.get(rule, ())
    if not guards:
        return False
    words = " ".join(text[start:end].split())
    for guard in guards:
        if not guard.term.fullmatch(words):
            continue
        if guard.after is not None and guard.after.search(text[end : end + 60]):
            return True
        if guard.before is not None and guard.before.search(text[max(0, start - 60) : start]):
            return True
    return False


def _proper_name(text: str, start: int, end: int, sentence: Span) -> bool:
    """A capitalised term inside a run of capitalised words is a name ("Premier League")."""
    last = _LAST_WORD.search(text, start, end)
    word_start = last.start(1) if last else start
    if not text[word_start].isupper():
        return False
    if word_start > sentence[0] and _PROPER_RUN.match(text, end) is not None:
        return True
    before = text[max(sentence[0], word_start - 2) : word_start].strip()[-1:]
    return word_start > sentence[0] and before.isupper()


def _next_words(text: str, end: int) -> list[str]:
    match = _NEXT_WORDS.match(text, end)
    return [w.lower() for w in match.groups() if w] if match else []


def _superlative(
    lexicon: Lexicon, trigger: Trigger, text: str, start: int, end: int, sentence: Span
) -> bool | None:
    following = _next_words(text, end)
    last = _LAST_WORD.search(text, start, end)
    technical = lexicon.word("superlative.technical")
    if trigger.flag in ("scope", "promo") and last and technical.fullmatch(last.group(1)):
        return None
    if following and technical.fullmatch(following[0]):
        return None
    facts = lexicon.word("superlative.facts")
    if any(facts.fullmatch(word) for word in following):
        return None
    if trigger.flag not in ("scope", "promo"):
        return trigger.flag == "info"
    rest = clause_after(text, end, sentence[1])
    if lexicon.word("superlative.scopes").search(rest):
        return False
    if trigger.flag == "promo" and _FIELD.search(rest):
        return False
    before = text[sentence[0] : start]
    if lexicon.word("first_party").search(before):
        return False
    if lexicon.word("brand_subject").search(before) and not _SIZE.search(text, start, end):
        return False
    return True if trigger.flag == "promo" else None


# Size and position superlatives describe a measurable fact ("the largest cryptocurrency by
# market capitalisation"); only evaluative ones count for a bare "X is the ..." subject.
_FIELD = regexcache.compile(r"\b(?:in|on|among|across)\s{1,3}(?:the\s{1,3})?[a-z][\w-]{2,30}\b")
_SIZE = regexcache.compile(
    r"larg|bigg|high|low|rich|busi|deep|wid|broad|small|light|thin", re.IGNORECASE
)


def _statistic(
    lexicon: Lexicon, trigger: Trigger, text: str, start: int, end: int, sentence: Span
) -> bool | None:
    if trigger.flag != "success":
        return trigger.flag == "info"
    if _YEAR.match(text, start) and not text[start:end].rstrip().endswith(("%", "+")):
        return None
    lo = max(sentence[0], start - 70)
    window = text[lo : min(sentence[1], end + 70)]
    near = text[max(sentence[0], start - 40) : min(sentence[1], end + 30)]
    if not lexicon.word("statistic.success").search(window):
        return None
    money = (
        "$" in text[start:end]
        or "€" in text[start:end]
        or "£" in text[start:end]
        or _CURRENCY.match(text, end)
    )
    if money and not _MONEY_SUCCESS.search(window):
        return None
    if lexicon.word("statistic.everyday").search(near) and not lexicon.word(
        "statistic.strong_verbs"
    ).search(window):
        return None
    return False
