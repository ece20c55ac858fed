"""The claims check's analysis of a document: one scan, the sentences it opens, the model.

1. One scan of the lowercased text finds the gate words and impressive figures
   (``Lexicon``'s ``Gate``); text without them costs nothing more.
2. Each sentence holding a hit (``SentenceIndex``) is analysed on its own words
   (``features.analyse``) and scored by the shipped model's six heads, one per rule.
3. Every head at or above the threshold makes a claim of its rule, unless the sentence
   carries its source; the finding points at the trigger: the gate term of that rule whose
   words weighed most in the head.
4. Who says it (a transcript turn, an attributed quotation, "X said ...") only lowers the
   severity (``speaker-severity``).

Loaded with the first document, so that a run which does not select the check never
imports any of it.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from collections.abc import Mapping
from typing import Any, NamedTuple

from lint.checks import Options
from lint.checks.claims import speech
from lint.checks.claims.features import Analysis, Pairs, analyse, asks, pair_table
from lint.checks.claims.lexicon import (
    RULES,
    Gate,
    Lexicon,
    Phrase,
    gate,
    gate_word,
    index_terms,
    load,
    rule_of,
)
from lint.checks.claims.sentences import SentenceIndex
from lint.document import Document
from lint.finding import Severity
from lint.regions import Spans
from lint.scoring import Head, HeadGroup, LinearModel, group, load_model, logistic
from lint.speed import packagedata, regexcache
from lint.speed.yamlcache import derived

Span = tuple[int, int]
MODEL_FILE = "model.json"
# A term the user adds counts like a strong built-in word of its rule: this much log-odds
# towards a claim and towards that rule (a hedge, a negation or a source can still outweigh it).
USER_TERM_WEIGHT = 4.0
_MEMO_SIZE = 8192
_MEMO_CHARS = 2000


class Verdict(NamedTuple):
    """A sentence judged a claim; spans are relative to the sentence."""

    rule: str
    probability: float
    trigger: Span
    words: tuple[Span, ...]  # the trigger, then other words that weighed most
    named: tuple[str, ...]  # those words as a message quotes them (spaces collapsed)
    # What the sentence's own text says of the trigger: inside a quotation of this kind
    # ("title", "short", "attributed", "plain" or ""), in a named speaker's reported words.
    quote: str = ""
    reported: bool = False


class State:
    """What the check builds once per configuration. (A plain class: as a named tuple its
    fourteen fields would cost the check's first document a millisecond to create.)"""

    __slots__ = (
        "extra",
        "gate",
        "heads",
        "ignored",
        "lexicon",
        "memo",
        "messages",
        "pairs",
        "report_speakers",
        "rules",
        "skip_non_english",
        "speaker_severity",
        "split_memo",
        "threshold",
        "warning_threshold",
    )

    def __init__(
        self,
        *,
        lexicon: Lexicon,
        gate: Gate,
        rules: dict[str, Head],
        heads: HeadGroup,
        threshold: float,
        warning_threshold: float,
        extra: dict[str, tuple[tuple[Phrase, str], ...]],
        ignored: re.Pattern[str] | None,
        pairs: Pairs,
        speaker_severity: Severity | None,
        report_speakers: bool,
        skip_non_english: bool,
    ) -> None:
        self.lexicon = lexicon
        self.gate = gate
        self.rules = rules
        self.heads = heads  # the same heads, scored together (one lookup per feature)
        self.threshold = threshold
        self.warning_threshold = warning_threshold
        self.extra = extra
        self.ignored = ignored
        self.pairs = pairs  # the word pairs the heads weigh: no other pair is spelt out
        self.speaker_severity = speaker_severity
        self.report_speakers = report_speakers
        self.skip_non_english = skip_non_english
        # Sentence text -> verdicts: documents and corpora repeat sentences. Bounded.
        self.memo: dict[str, tuple[Verdict, ...]] = {}
        # (rule, words, spoken) -> a finding's message: repeated claims say the same. Bounded.
        self.messages: dict[tuple[str, tuple[str, ...], bool], str] = {}
        self.split_memo: dict[tuple[str, bool], list[Span]] = {}


def model() -> LinearModel:
    return load_model("lint.checks.claims", MODEL_FILE)


def build(options: Options) -> State:
    lexicon = load(str(options["language"]))
    shipped = model()
    threshold = float(options["threshold"])
    warning = float(options["warning-threshold"])
    if not 0.0 < threshold <= warning <= 1.0:
        raise ValueError(
            f"claims: need 0 < threshold <= warning-threshold <= 1, not {threshold} and {warning}"
        )
    pairs = [
        (str(term), "user:" + rule) for rule in RULES for term in options[f"{rule}-terms"] or ()
    ]
    extra = index_terms(pairs)
    rules = {rule: shipped.head(rule) for rule in RULES}
    if pairs:
        rules = {
            rule: Head(head.bias, {**head.weights, "lex:user:" + rule: USER_TERM_WEIGHT})
            for rule, head in rules.items()
        }
    words = set(lexicon.gate_words) | {
        gate_word(phrase, lexicon.stopwords, lexicon.frequent) for phrase, _ in _flatten(extra)
    }
    ignored = [" ".join(str(t).lower().split()) for t in options["ignore-terms"] or ()]
    level = str(options["speaker-severity"]).lower()
    heads, weighed_pairs = _tables(shipped)
    return State(
        lexicon=lexicon,
        gate=gate(words),
        rules=rules,
        heads=group(rules) if pairs else heads,
        threshold=threshold,
        warning_threshold=warning,
        extra=extra,
        ignored=_ignored(ignored),
        pairs=weighed_pairs,  # a user's terms add no word pair
        speaker_severity=None if level == "off" else Severity.parse(level),
        report_speakers=level != "off",
        skip_non_english=bool(options["skip-non-english"]),
    )


def _tables(shipped: LinearModel) -> tuple[HeadGroup, Pairs]:
    """The shipped heads scored together, and the word pairs they weigh: some 10,000 weights
    regrouped, a pure function of the model file, so done once per change of it (or of the
    code that does it) and read back from the cache."""

    def built() -> tuple[tuple[str, ...], tuple[float, ...], Mapping[str, Any], Pairs]:
        heads = group({rule: shipped.head(rule) for rule in RULES})
        names = (name for rule in RULES for name in shipped.head(rule).weights)
        return heads.names, heads.biases, heads.weights, pair_table(names)

    text = packagedata.read_text("lint.checks.claims", MODEL_FILE)
    code = (
        sys.modules[__name__],
        sys.modules[group.__module__],
        sys.modules[pair_table.__module__],
    )
    names, biases, weights, pairs = derived("claims-tables", text, built, *code)
    return HeadGroup(names, biases, weights), pairs


def _flatten(index: dict[str, tuple[tuple[Phrase, str], ...]]) -> list[tuple[Phrase, str]]:
    return [entry for entries in index.values() for entry in entries]


def _ignored(terms: list[str]) -> re.Pattern[str] | None:
    """The ignored terms as one pattern over lowercased text (a space matches any run)."""
    terms = [t for t in terms if t]
    if not terms:
        return None
    parts = sorted((r"[\s\-]+".join(map(re.escape, t.split())) for t in terms), key=len)
    return re.compile(r"(?<![\w])(?:" + "|".join(reversed(parts)) + r")(?![\w])")


def judge(state: State, sentence: str) -> tuple[Verdict, ...]:
    """The sentence's claims, one per rule whose head reaches the threshold (none when the
    sentence carries its source)."""
    memo = state.memo
    known = memo.get(sentence) if len(sentence) <= _MEMO_CHARS else None
    if known is not None:
        return known
    verdicts = _judge(state, sentence)
    if len(sentence) <= _MEMO_CHARS:
        if len(memo) >= _MEMO_SIZE:
            memo.clear()
        memo[sentence] = verdicts
    return verdicts


def _judge(state: State, sentence: str) -> tuple[Verdict, ...]:
    if asks(sentence):
        return ()  # a question asserts nothing: no need to weigh its words
    analysis = analyse(
        sentence, state.lexicon, extra=state.extra, ignored=state.ignored, pairs=state.pairs
    )
    if not analysis.gate:
        return ()
    features = analysis.features
    if state.skip_non_english and not _english(analysis):
        return ()
    heads = state.heads
    reached = [
        (probability, rule, state.rules[rule])
        for rule, score in zip(heads.names, heads.scores(features), strict=True)
        if (probability := logistic(score)) >= state.threshold
    ]
    if not reached or state.lexicon.cited(sentence):
        return ()
    reached.sort(key=lambda item: (-item[0], item[1]))
    verdicts: list[Verdict] = []
    quotes: list[speech.Quote] | None = None
    for probability, rule, head in reached:
        trigger = _trigger(analysis, head, rule)
        if _denied(sentence, trigger[0], state.lexicon):
            continue
        # The same words under a second rule say nothing new: the likelier rule reports them.
        if any(verdict.trigger == trigger for verdict in verdicts):
            continue
        words = _weighed(analysis, head, trigger, sentence, state.lexicon.stopwords)
        if quotes is None:
            quotes = speech.quotes(sentence, 0, len(sentence))
        position = trigger[0]
        quote = next((q.kind for q in quotes if q.start < position < q.end), "")
        reported = speech.indirect_speech(
            sentence, max(0, position - 160), position, state.lexicon.vague
        )
        named = tuple(" ".join(sentence[s:e].split()) for s, e in words)
        verdicts.append(Verdict(rule, probability, trigger, words, named, quote, reported))
    return tuple(verdicts)


_LEAD_WORDS = regexcache.compile(r"[a-z']+")


def _denied(sentence: str, start: int, lexicon: Lexicon) -> bool:
    """A denial or a possibility among the three words before the trigger (the guide labels
    "is not the largest" and "may become the largest" none); "not only" denies nothing."""
    words = _LEAD_WORDS.findall(sentence[max(0, start - 48) : start].lower().replace("’", "'"))
    words = words[-3:]
    for index, word in enumerate(words):
        if word == "not" and index + 1 < len(words) and words[index + 1] in ("only", "just"):
            continue
        if word in lexicon.denial or word in lexicon.possibility or word.endswith("n't"):
            return True
    return False


def _english(analysis: Analysis) -> bool:
    """Among twelve or more words, English prose always has a few common words."""
    return analysis.words < 12 or analysis.common >= 2


# The features whose words a message may name beside the trigger: the lexicons' terms and
# the shapes of claims ("faster than", "#1"), and a word feature only where its word is one
# of the sentence's lexicon terms. A plain word the model weighs ("platform", "even",
# "levels") is evidence, but naming it tells the reader nothing to change.
_NAMED = ("sup:", "comp:", "fig:", "stat:", "lex:")
_WORDS = ("w:", "pre:", "post:")
_NAMED_SHARE = 1 / 3  # of the strongest feature's push, for a word beside the trigger


# Shape features whose words can be a trigger too ("faster than" of "far faster than any
# other"), by the rule they speak for.
_SHAPE_RULES = {
    "comp:": "comparative",
    "sup:": "superlative",
    "stat:": "statistic",
    "peacock:": "peacock",
    "guarantee:": "guarantee",
}


def _trigger(analysis: Analysis, head: Head, rule: str) -> Span:
    """The words that weighed most in the rule's head: a gate term, or the words of a shape
    feature ("faster than"), preferring those of the finding's own rule."""
    candidates = [(rule_of(family), start, end) for family, start, end in analysis.hits]
    weights = head.weights
    # The features this head weighs, with their spans: looked up once, not per candidate.
    weighed: list[tuple[float, list[Span]]] = []
    for name, spans in analysis.spans.items():
        weight = weights.get(name, 0.0)
        if not weight:
            continue
        weighed.append((weight, spans))
        shape_rule = _SHAPE_RULES.get(name[: name.find(":") + 1]) if weight > 0 else None
        if shape_rule is not None and spans:
            candidates.append((shape_rule, *spans[0]))
    best: tuple[bool, float, int] | None = None
    chosen: Span = (analysis.hits[0][1], analysis.hits[0][2])
    for candidate_rule, start, end in candidates:
        score = 0.0
        for weight, spans in weighed:
            for s, e in spans:
                if start <= s and e <= end:
                    score += weight
                    break
        key = (candidate_rule == rule, score, -start)
        if best is None or key > best:
            best, chosen = key, (start, end)
    return chosen


def _weighed(
    analysis: Analysis, head: Head, trigger: Span, sentence: str, stopwords: frozenset[str]
) -> tuple[Span, ...]:
    """The trigger, then up to two more spans of the words that pushed the score up most
    (never a lone common word: "a" or "our" weighs, but naming it tells the reader nothing,
    nor a word that weighed less than a third of the strongest feature: "take" beside
    "powerful" is no reason the reader can act on)."""
    chosen = [trigger]
    hits = analysis.hits
    strongest = head.strongest(analysis.features, 12)
    floor = strongest[0][1] * _NAMED_SHARE if strongest else 0.0
    for name, pushed in strongest:
        if pushed < floor:
            break
        spans = analysis.spans.get(name)
        if not spans:
            continue
        span = spans[0]
        if not name.startswith(_NAMED) and not (
            name.startswith(_WORDS) and any(s <= span[0] and span[1] <= e for _, s, e in hits)
        ):
            continue
        if sentence[span[0] : span[1]].lower() in stopwords:
            continue
        if any(span[0] < e and s < span[1] for s, e in chosen):
            continue
        chosen.append(span)
        if len(chosen) == 3:
            break
    return tuple(chosen)


class Claim(NamedTuple):
    rule: str
    start: int
    end: int
    words: tuple[str, ...]
    probability: float
    spoken: bool


def claims(document: Document, state: State) -> list[Claim]:
    """The document's claims, in text order: per sentence, one per rule it is a claim of."""
    text = document.text
    offsets = state.gate.offsets(text)
    if not offsets:
        return []
    if document.skipped:
        offsets = _outside(offsets, document.skipped)
    sentences = SentenceIndex(document, state.lexicon.abbreviations, memo=state.split_memo)
    speakers = _Speakers(text, state.lexicon)
    found: list[Claim] = []
    for span in sentences.holding(offsets):
        for verdict in judge(state, text[span[0] : span[1]]):
            claim = _claim(text, state, speakers, span, verdict)
            if claim is not None:
                found.append(claim)
    return found


def _outside(offsets: list[int], skipped: Spans) -> list[int]:
    """The offsets outside code, comments and the like (no prose): both sorted, so one walk
    beside the spans instead of a search per offset."""
    starts, ends = skipped.starts, skipped.ends
    kept: list[int] = []
    last = -1  # the last span that starts at or before the offset
    for offset in offsets:
        while last + 1 < len(starts) and starts[last + 1] <= offset:
            last += 1
        if last < 0 or offset >= ends[last]:
            kept.append(offset)
    return kept


def _claim(
    text: str, state: State, speakers: _Speakers, span: Span, verdict: Verdict
) -> Claim | None:
    start = span[0]
    t_start, t_end = start + verdict.trigger[0], start + verdict.trigger[1]
    if verdict.quote in ("title", "short"):
        return None  # the name of a work, or a word in scare quotes
    spoken = verdict.quote == "attributed" or verdict.reported or speakers.in_turn(t_start)
    if spoken and not state.report_speakers:
        return None
    return Claim(verdict.rule, t_start, t_end, verdict.named, verdict.probability, spoken)


class _Speakers:
    """Transcript turns: the paragraphs they may cover found once per document, when first
    needed; whether a paragraph after a turn's own continues it, once per paragraph asked.
    (A plain class: creating a dataclass would cost a run's first document a millisecond.)"""

    __slots__ = ("_continues", "_paragraphs", "_starts", "lexicon", "text")

    def __init__(self, text: str, lexicon: Lexicon) -> None:
        self.text = text
        self.lexicon = lexicon
        self._paragraphs: list[tuple[int, int, bool]] | None = None
        self._starts: list[int] = []
        self._continues: dict[int, bool] = {}

    def in_turn(self, position: int) -> bool:
        if self._paragraphs is None:
            self._paragraphs = speech.turn_paragraphs(self.text, self.lexicon.stop_labels)
            self._starts = [start for start, _, _ in self._paragraphs]
        index = bisect_right(self._starts, position) - 1
        if index < 0:
            return False
        start, end, own = self._paragraphs[index]
        if position >= end:
            return False
        if own:
            return True
        known = self._continues.get(index)
        if known is None:
            known = self._continues[index] = speech.continues_turn(self.text, start, end)
        return known
