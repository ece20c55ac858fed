"""One sentence's features: what the claims model weighs, each with the words it came from.

The same function serves the check and the training script (``training/claims/train.py``),
so the shipped weights meet exactly the features they were trained on. A sentence is judged
on its own words: nothing here looks outside the sentence's text.

Features (value 1 when present):

- ``w:<word>`` and ``b:<word> <word>``: the content words and all word pairs (figures as their kind:
  ``#pct``, ``#plus``, ``#mult``, ``#big``, ``#money``, ``#year``, ``#num``; ``<s>`` starts
  the sentence);
- ``lex:<family>``: a term of a lexicon family occurs (lexicon.txt: peacock, superlative,
  guarantee, weasel, comparative, success, scope, intensifier, urgency, hedge, negation,
  attribution, technical, reader, ourselves, writer), ``lex:statistic`` a figure that
  impresses (a percentage, "10,000+", "10x", a number of thousands or millions, "over 500");
- shapes: ``sup:most-adj`` (most/least + a word), ``sup:-est``, ``sup:one-of`` ("one of the
  best"), ``comp:-er-than``, ``imperative`` (opens with a verb to the reader),
  ``neg:before`` and ``hedge:before`` (a negation or hedge in the three words before a gate
  term), ``question``, ``exclaim``, ``quote``, ``titlecase``, ``len:<bucket>``, ``user:<rule>``
  (a term the user added);
- ``x:<family>|<context>``: a lexicon family crossed with how the sentence is said (a
  headline, a question, a quotation, an imperative, a negation or hedge before the gate
  term).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from functools import lru_cache

from lint.checks.claims.lexicon import GATES, TOKEN, Lexicon, Phrase
from lint.speed import regexcache

Span = tuple[int, int]
_TOKENS = regexcache.compile(TOKEN)
_TAG = regexcache.compile(r"<[^<>\r\n]{0,500}>")
_CODE = regexcache.compile(r"`[^`\r\n]{1,500}`")
_URL = regexcache.compile(r"(?:https?://|www\.)[^\s<>()\[\]\"']{1,2000}")
# A line label ("Jay Hao:", "Note:") names who speaks or what follows; it is not the claim.
_LABEL = regexcache.compile(r"[\W_]{0,4}[A-Z][\w.'’&-]{0,30}(?: [A-Z][\w.'’&-]{0,30}){0,3}:[ \t]")
_SCALE = frozenset({"million", "millions", "billion", "billions", "thousand", "thousands",
                    "trillion", "k", "m", "bn", "mn", "mln", "lakh", "crore"})  # fmt: skip
_OVER = frozenset({"over", "nearly", "almost", "upwards", "than", "exceeding", "exceeds"})
_NOT_ADJ = frozenset({"of", "people", "likely", "recent", "recently", "common", "commonly",
                      "often", "important", "part", "cases", "the", "a", "an", "to", "in",
                      "and", "or", "is", "are", "was", "were", "it", "that", "this", "at"})  # fmt: skip
_NOT_EST = frozenset({"interest", "interests", "request", "requests", "latest", "honest",
                      "modest", "forest", "forests", "harvest", "protest", "suggest", "suggests",
                      "digest", "invest", "invests", "arrest", "contest", "manifest", "earnest",
                      "quest", "guest", "guests", "chest", "nest", "test", "tests", "west",
                      "rest", "best", "attest", "detest", "pest", "vest", "crest", "zest",
                      "midwest", "southwest", "northwest", "conquest", "bequest",
                      "inquest", "unrest", "dearest", "behest", "priest", "ingest", "infest",
                      "northeast", "southeast", "east", "least", "feast", "beast", "breast",
                      "yeast", "celest", "budapest", "pentest", "backtest", "retest"})  # fmt: skip
_NEGATING_PREFIXES = ("non-", "not-", "less-than-", "anti-", "un-", "never-", "no-")
_STOP_AFTER_ONE_OF = frozenset({"the", "our", "its", "their", "his", "her", "my", "your"})
# Words after "than" that name the rivals: "better than any other", "than traditional banks".
_RIVALS = frozenset({"any", "other", "others", "competitors", "competition", "rivals",
                     "traditional", "conventional", "regular", "ordinary", "typical", "most",
                     "anyone", "anything", "ever", "alternatives", "standard"})  # fmt: skip
_END_TRIM = " \t\r\n\"'”’)]*_»"
_FIGURE_START = regexcache.compile(r"[0-9$€£#]")
# A match's text and start, taken from every token in C (``map``), not in a Python loop.
_TEXT = re.Match.group
_START = re.Match.start


class Analysis:
    """A sentence's features and, for those that have one, the span of its words. (A plain
    class: creating a dataclass would cost a run's first document about a millisecond.)"""

    __slots__ = ("common", "features", "gate", "hits", "spans", "words")

    def __init__(
        self, features: dict[str, float], spans: dict[str, list[Span]], gate: bool
    ) -> None:
        self.features = features
        self.spans = spans
        self.gate = gate
        # The gate terms found: (family, start, end), in order.
        self.hits: list[tuple[str, int, int]] = []
        # How many words, and how many of them common words of the language (its stopwords).
        self.words = 0
        self.common = 0


def _blank(text: str, pattern: re.Pattern[str]) -> str:
    return pattern.sub(lambda m: " " * len(m.group()), text)


def figure_kind(token: str, following: str, before: str) -> str:
    """The kind of a number token: what a figure says matters more than its digits. A token
    longer than a figure written for a reader (a serial number, an id) is just a number."""
    if token.startswith("#"):
        return "#rank"
    if len(token) > _LONGEST_FIGURE:
        return "#num"
    last = token[-1]
    if last == "%":
        return "#pct"
    if last == "+":
        return "#plus"
    if last in "x×":
        return "#mult"
    if token[0] in "$€£":
        return "#money"
    digits = token.replace(",", "").replace(".", "")
    if following in _SCALE:
        return "#big"
    if len(token) == 4 and token.isdigit() and token[:2] in ("19", "20"):
        return "#year"
    if "," in token and len(digits) >= 4:
        return "#big"
    if before in _OVER:
        return "#over"
    return "#num"


# The document scan finds figures of at most this many characters (lexicon._FIGURES).
_LONGEST_FIGURE = 16
# Figure kinds that impress by themselves: they open a sentence for the statistic rule.
_STAT_FIGURES = frozenset({"#pct", "#plus", "#mult", "#big", "#over", "#rank"})


def analyse(
    sentence: str,
    lexicon: Lexicon,
    *,
    extra: Mapping[str, tuple[tuple[Phrase, str], ...]] | None = None,
    ignored: re.Pattern[str] | None = None,
    pairs: Pairs | None = None,
) -> Analysis:
    """The features of ``sentence``; ``extra`` adds the user's terms (family ``user:<rule>``),
    ``ignored`` blanks words that must weigh nothing, ``pairs`` limits the word pairs to those
    a model weighs (``pair_table``; all of them when None, as training needs). A sentence
    without a gate term is never scored: its analysis stops at the gate (``gate`` False, the
    features found so far)."""
    cleaned = _cleaned(sentence, ignored)
    matches = list(_TOKENS.finditer(cleaned))
    raw = list(map(_TEXT, matches))
    found = Analysis({}, {}, False)
    # Most sentences hold no figure: one search instead of a look at every token.
    words = _figures(sentence, raw, matches, found) if _FIGURE_START.search(cleaned) else raw
    positions = _terms(raw, matches, lexicon, extra, found)
    for span in found.spans.get("lex:statistic", ()):
        found.hits.append(("statistic", span[0], span[1]))
    if not found.hits:
        return found
    found.gate = True
    _words(words, matches, lexicon.stopwords, found, pairs)
    _inside_terms(found, "lex:negation")
    _shapes(raw, cleaned, matches, found.features, found.spans, lexicon, positions)
    _pairs(found.features, found.spans)
    found.hits.sort(key=lambda hit: hit[1])
    _around(words, matches, found)
    _marks(sentence, raw, matches, found)
    _in_context(found.features)
    return found


def _cleaned(sentence: str, ignored: re.Pattern[str] | None) -> str:
    """The sentence lowercased, offsets kept, with what is not its prose blanked out: tags,
    inline code, URLs, a leading line label ("Jay Hao:"), the user's ignored terms."""
    lowered = sentence.replace("\u0130", "i").lower()  # the one character whose lowercase is longer
    if "<" in lowered:
        lowered = _blank(lowered, _TAG)
    if "`" in lowered:
        lowered = _blank(lowered, _CODE)
    if "://" in lowered or "www." in lowered:
        lowered = _blank(lowered, _URL)
    if ":" in sentence:
        label = _LABEL.match(sentence)
        if label is not None:
            lowered = " " * label.end() + lowered[label.end() :]
    if ignored is not None:
        lowered = _blank(lowered, ignored)
    return lowered.replace("’", "'") if "’" in lowered else lowered


def _figures(
    sentence: str, raw: list[str], matches: list[re.Match[str]], found: Analysis
) -> list[str]:
    """The tokens with each figure replaced by its kind; figure features and their spans (a
    scale word and a lead-in such as "over" belong to the figure: "over 10 million")."""
    words: list[str] = []
    size = len(raw)
    for index, token in enumerate(raw):
        if not (token[0].isdigit() or token[0] in "$€£#"):
            words.append(token)
            continue
        # A scale word or a lead-in counts only right beside the number, as the document
        # scan looks for it ("10 million", "over 500"; not "10 of the million").
        following = (
            raw[index + 1]
            if index + 1 < size
            and _close(sentence, matches[index].end(), matches[index + 1].start(), SCALE_GAP)
            else ""
        )
        before = (
            raw[index - 1]
            if index
            and _close(sentence, matches[index - 1].end(), matches[index].start(), LEAD_IN_GAP)
            else ""
        )
        kind = figure_kind(token, following, before)
        words.append(kind)
        start, end = matches[index].span()
        if following in _SCALE:
            end = matches[index + 1].end()
        if before in _OVER:
            start = matches[index - 1].start()
            if before == "than" and index > 1 and raw[index - 2] in ("more", "less", "fewer"):
                start = matches[index - 2].start()
        _add(found, "fig:" + kind[1:], (start, end))
        # Money impresses like any figure when scaled and led in: "over $5 billion".
        if kind in _STAT_FIGURES or (kind == "#money" and following in _SCALE and before in _OVER):
            _add(found, "lex:statistic", (start, end))
    return words


# The most characters between a number and its scale word, and between a lead-in and its
# number (lexicon._FIGURES scans for the same).
SCALE_GAP = 2
LEAD_IN_GAP = 3
_ASCII_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def _close(sentence: str, end: int, start: int, gap: int) -> bool:
    """Two tokens stand at most ``gap`` characters apart, with no letter or digit between
    them in the text as written (a tag or inline code between them keeps them apart)."""
    if start - end > gap:
        return False
    between = sentence[end:start].replace("\u0130", "i").lower()
    return not any(char in _ASCII_ALNUM for char in between)


def _add(found: Analysis, name: str, span: Span) -> None:
    found.features[name] = 1.0
    found.spans.setdefault(name, []).append(span)


def _words(
    words: list[str],
    matches: list[re.Match[str]],
    stop: frozenset[str],
    found: Analysis,
    pairs: Pairs | None,
) -> None:
    """Content words ("w:seamless"); common words ("and", "the") carry no claim of their own.
    Word pairs ("b:the best", "b:<s> lose") are, common words included: "the best" and "best
    practices", "we guarantee" and "no guarantee" differ in the pair, not the words (training
    keeps only the pairs seen on several pages, so a page's own phrases weigh nothing)."""
    found.words = len(words)
    features, spans = found.features, found.spans
    chosen: list[str] = []
    previous = "<s>"
    common = 0
    # One pass over the words: a look-up a word for each feature it may give.
    for word, match in zip(words, matches, strict=True):
        if word not in stop:
            name = "w:" + word
            features[name] = 1.0
            spans.setdefault(name, []).append(match.span())
        else:
            common += 1
        # Only the pairs the model weighs are spelt out (all of them in training).
        if pairs is None or word in pairs.get(previous, _NONE):
            chosen.append(f"b:{previous} {word}")
        previous = word
    found.common += common
    features.update(dict.fromkeys(chosen, 1.0))


# First word of a pair -> the second words it is weighed with.
Pairs = Mapping[str, frozenset[str]]
_NONE: frozenset[str] = frozenset()


def pair_table(names: Iterable[str]) -> dict[str, frozenset[str]]:
    """The word pairs among feature names ("b:the best"), as ``analyse`` looks them up."""
    table: dict[str, set[str]] = {}
    for name in names:
        if name.startswith("b:"):
            first, _, second = name[2:].partition(" ")
            table.setdefault(first, set()).add(second)
    return {first: frozenset(seconds) for first, seconds in table.items()}


def _around(words: list[str], matches: list[re.Match[str]], found: Analysis) -> None:
    """The word just before and just after each gate term ("pre:the", "post:way"): the
    context that tells "the best way" from "best practices" and "most recent" from "most
    trusted", learnt across pages rather than listed."""
    if not found.hits:
        return
    starts = list(map(_START, matches))
    size = len(words)
    for _, start, end in found.hits:
        before = bisect_left(starts, start) - 1
        after = bisect_left(starts, end)
        if before >= 0:
            _add(found, "pre:" + words[before], matches[before].span())
        else:
            found.features["pre:<s>"] = 1.0
        if after < size:
            _add(found, "post:" + words[after], matches[after].span())
        else:
            found.features["post:</s>"] = 1.0


def _terms(
    raw: list[str],
    matches: list[re.Match[str]],
    lexicon: Lexicon,
    extra: Mapping[str, tuple[tuple[Phrase, str], ...]] | None,
    found: Analysis,
) -> list[int]:
    """Lexicon family features and gate hits; the token positions of the gate hits."""
    positions: list[int] = []
    starts = lexicon.starts
    size = len(raw)
    # Most tokens start no term: one lookup each, in a comprehension.
    indexes = (
        range(size)
        if extra
        else [index for index, token in enumerate(raw) if token in starts or "-" in token]
    )
    continuations = _continuations(lexicon)
    for index in indexes:
        token = raw[index]
        following = raw[index + 1] if index + 1 < size else None
        # Most tokens that start a term start only longer ones ("in the world"): the next
        # word rules them out with one look-up.
        seconds = continuations.get(token)
        if seconds is not None and following not in seconds and not extra and "-" not in token:
            continue
        entries = starts.get(token, ())
        if extra:
            entries = extra.get(token, ()) + entries
        matched = False
        for phrase, family in entries:
            length = len(phrase)
            # The second token rules out most phrases before any tuple is built.
            if length == 1 or (
                phrase[1] == following and tuple(raw[index : index + length]) == phrase
            ):
                matched = True
                span = (matches[index].start(), matches[index + length - 1].end())
                _hit(family, span, index, found, positions)
        if not matched and "-" in token:
            _compound(token, index, matches[index].start(), lexicon, extra, found, positions)
    return positions


@lru_cache(maxsize=8)  # a lexicon a language
def _continuations(lexicon: Lexicon) -> dict[str, frozenset[str]]:
    """First token -> the second tokens of its terms, for the tokens that start no one-word
    term."""
    return {
        token: frozenset(phrase[1] for phrase, _ in entries)
        for token, entries in lexicon.starts.items()
        if all(len(phrase) > 1 for phrase, _ in entries)
    }


def _compound(
    token: str,
    index: int,
    offset: int,
    lexicon: Lexicon,
    extra: Mapping[str, tuple[tuple[Phrase, str], ...]] | None,
    found: Analysis,
    positions: list[int],
) -> None:
    """A compound the lexicon does not list ("best-known"): its parts count, unless it is
    negated ("non-exhaustive", "less-than-perfect")."""
    if token.startswith(_NEGATING_PREFIXES):
        found.features["neg:compound"] = 1.0
        return
    for part in token.split("-"):
        for family in _single_terms(part, lexicon, extra):
            _hit(family, (offset, offset + len(part)), index, found, positions)
        offset += len(part) + 1


def _inside_terms(found: Analysis, name: str) -> None:
    """Drop a context feature whose words all belong to a gate term ("no" of "no risk")."""
    spans = found.spans.get(name)
    if spans and all(any(s <= a and b <= e for _, s, e in found.hits) for a, b in spans):
        del found.features[name], found.spans[name]


def asks(sentence: str) -> bool:
    """The sentence is a question (the ``question`` feature): it closes with "?"."""
    return sentence.rstrip(_END_TRIM).endswith("?")


def _marks(sentence: str, raw: list[str], matches: list[re.Match[str]], found: Analysis) -> None:
    """How many gate terms, the closing mark, quotation, length and title case."""
    features = found.features
    if found.hits:
        distinct = len({(start, end) for _, start, end in found.hits})
        features["hits:" + ("1" if distinct == 1 else "2" if distinct == 2 else "3+")] = 1.0
    closing = sentence.rstrip(_END_TRIM)
    if closing.endswith("?"):
        features["question"] = 1.0
    if "!" in sentence:
        features["exclaim"] = 1.0
    if not closing.endswith((".", "!", "?", ":", ";", "…")):
        features["unterminated"] = 1.0  # a headline, a tagline, a list item
    if '"' in sentence or "“" in sentence or "”" in sentence:
        features["quote"] = 1.0
    features[_length(len(matches))] = 1.0
    if 3 <= len(matches) <= _TITLE_WORDS and _title_case(sentence, raw, matches):
        features["titlecase"] = 1.0


def _single_terms(
    word: str, lexicon: Lexicon, extra: Mapping[str, tuple[tuple[Phrase, str], ...]] | None
) -> list[str]:
    entries = lexicon.starts.get(word, ())
    if extra:
        entries = extra.get(word, ()) + entries
    return [family for phrase, family in entries if len(phrase) == 1]


def _hit(family: str, span: Span, index: int, found: Analysis, positions: list[int]) -> None:
    name = "lex:" + family
    # A family counts its terms, up to three: "guaranteed ... zero risk" says it twice.
    found.features[name] = 1.0
    found.spans.setdefault(name, []).append(span)
    if family in GATES or family.startswith("user:"):
        found.hits.append((family, span[0], span[1]))
        positions.append(index)


def _shapes(
    raw: list[str],
    cleaned: str,
    matches: list[re.Match[str]],
    features: dict[str, float],
    spans: dict[str, list[Span]],
    lexicon: Lexicon,
    gate_positions: list[int],
) -> None:
    size = len(raw)
    for index in _shape_positions(raw, cleaned):
        token = raw[index]
        nxt = raw[index + 1] if index + 1 < size else ""
        if token in ("most", "least") and nxt and nxt not in _NOT_ADJ and nxt[0].isalpha():
            features["sup:most-adj"] = 1.0
            spans.setdefault("sup:most-adj", []).append(
                (matches[index].start(), matches[index + 1].end())
            )
        elif (
            len(token) > 5
            and token.endswith("est")
            and token not in _NOT_EST
            and token[0].isalpha()
            and "-" not in token
        ):
            features["sup:-est"] = 1.0
            spans.setdefault("sup:-est", []).append(matches[index].span())
        if (
            token == "one"
            and nxt == "of"
            and index + 3 < size
            and raw[index + 2] in _STOP_AFTER_ONE_OF
        ):
            features["sup:one-of"] = 1.0
            spans.setdefault("sup:one-of", []).append(
                (matches[index].start(), matches[index + 3].end())
            )
        if token == "than" and any(word in _RIVALS for word in raw[index + 1 : index + 4]):
            features["comp:than-rivals"] = 1.0  # context: the trigger is "faster than"
        if nxt == "than" and (
            (token.endswith("er") and len(token) > 3) or token in ("more", "less", "fewer")
        ):
            features["comp:-er-than"] = 1.0
            spans.setdefault("comp:-er-than", []).append(
                (matches[index].start(), matches[index + 1].end())
            )
    if raw and (raw[0],) in lexicon.families.get("imperative", ()):
        features["imperative"] = 1.0
    negation, hedge = _one_word_terms(lexicon, "negation"), _one_word_terms(lexicon, "hedge")
    # A look at the whole sentence says whether any window can hold a negation or a hedge.
    negated = not negation.isdisjoint(raw) or "n't" in cleaned
    hedged = not hedge.isdisjoint(raw)
    for position in gate_positions if negated or hedged else ():
        window = raw[max(0, position - 3) : position]
        if negated and (
            not negation.isdisjoint(window) or any(word.endswith("n't") for word in window)
        ):
            features["neg:before"] = 1.0
        if hedged and not hedge.isdisjoint(window):
            features["hedge:before"] = 1.0


@lru_cache(maxsize=8)  # a lexicon a language
def _one_word_terms(lexicon: Lexicon, family: str) -> frozenset[str]:
    """The one-word terms of a lexicon family, as words (a window is a list of words)."""
    return frozenset(phrase[0] for phrase in lexicon.families.get(family, ()) if len(phrase) == 1)


# The tokens a shape can start at (besides an "-est" word and the word before "than").
_SHAPE_WORDS = frozenset({"most", "least", "one", "than"})


def _shape_positions(raw: list[str], cleaned: str) -> list[int]:
    """The positions ``_shapes`` looks at, in order: few tokens start a shape, and one pass
    that keeps them costs less than a look at every token. (Three sentences in four hold
    no "est": one search of the text spares a test of every token's ending.)"""
    if "est" in cleaned:
        positions = [
            index
            for index, token in enumerate(raw)
            if token in _SHAPE_WORDS or token.endswith("est")
        ]
    elif _SHAPE_WORDS.isdisjoint(raw):
        return []
    else:
        positions = [index for index, token in enumerate(raw) if token in _SHAPE_WORDS]
    if "than" in raw:
        positions = sorted(
            {*positions, *(index - 1 for index in positions if index and raw[index] == "than")}
        )
    return positions


# Pairs of cues that mean more together than apart (a linear model cannot multiply): each
# is a feature of its own, with the span of its first cue.
_PAIRS = (
    ("stat:figure+success", "lex:statistic", ("lex:success",)),
    ("stat:figure+achievement", "lex:statistic", ("lex:achievement",)),
    ("stat:figure+ourselves", "lex:statistic", ("lex:ourselves",)),
    ("sup:with-scope", "lex:superlative", ("lex:scope",)),
    ("sup:most-with-scope", "sup:most-adj", ("lex:scope",)),
    ("sup:with-ourselves", "lex:superlative", ("lex:ourselves",)),
    ("sup:with-ourselves", "sup:most-adj", ("lex:ourselves",)),
    ("sup:with-ourselves", "sup:-est", ("lex:ourselves",)),
    ("sup:with-scope", "sup:-est", ("lex:scope",)),
    ("sup:with-scope", "sup:one-of", ("lex:scope",)),
    ("comp:with-rivals", "lex:comparative", ("w:competitors", "w:rivals", "w:others", "w:any")),
    ("comp:with-rivals", "comp:-er-than", ("comp:than-rivals",)),
    ("peacock:intensified", "lex:peacock", ("lex:intensifier",)),
    ("peacock:intensified", "lex:positive", ("lex:intensifier",)),
    ("peacock:with-ourselves", "lex:positive", ("lex:ourselves",)),
    ("guarantee:universal", "lex:guarantee-mild", ("lex:universal",)),
    ("guarantee:universal", "lex:guarantee", ("lex:universal",)),
    ("peacock:with-ourselves", "lex:peacock", ("lex:ourselves",)),
    ("guarantee:with-reader", "lex:guarantee", ("lex:reader",)),
)


def _pairs(features: dict[str, float], spans: dict[str, list[Span]]) -> None:
    for name, first, others in _PAIRS:
        if first in features and any(other in features for other in others):
            features[name] = 1.0
            spans[name] = spans[first][:1]


# How a sentence is said: in a headline, as a question, a quotation or an order to the reader,
# negated or hedged before its gate term.
_CONTEXTS = ("imperative", "question", "quote", "titlecase", "unterminated",
             "neg:before", "hedge:before")  # fmt: skip


def _in_context(features: dict[str, float]) -> None:
    """Each lexicon family crossed with how the sentence is said ("x:superlative|titlecase"):
    "The Best Mattresses of 2024" as a headline claims, "best practices" in running text
    does not, and a question or a negation changes one family's weight, not all alike."""
    context = [name for name in _CONTEXTS if name in features]
    if not context:
        return
    for family in [name[4:] for name in features if name.startswith("lex:")]:
        for name in context:
            features["x:" + family + "|" + name] = 1.0


def _length(count: int) -> str:
    if count <= 4:
        return "len:1-4"
    if count <= 12:
        return "len:5-12"
    if count <= 30:
        return "len:13-30"
    return "len:31+"


# A headline or a title has at most this many words (none of the labelled ones has 40).
_TITLE_WORDS = 40


def _title_case(sentence: str, raw: list[str], matches: list[re.Match[str]]) -> bool:
    """Most words of four letters or more start with a capital: a headline or a title."""
    firsts = [
        sentence[matches[index].start()]
        for index, token in enumerate(raw)
        if len(token) > 3 and token[0].isalpha()
    ]
    if len(firsts) < 2:
        return False
    capitals = sum(1 for first in firsts if first.isupper())
    return capitals * 10 >= len(firsts) * 7
