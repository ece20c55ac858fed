"""The claims check's analysis: anchors first, then each candidate judged in its sentence.

One pass of a single compiled pattern finds anchor words in the lowercased text; only
there are the lexicon's entries matched and only their sentences analysed: is it code, a
URL, a title or a heading; does the sentence carry its source; is the claim negated or
hedged; is it said by a speaker. Loaded with the first document, so that a run which does
not select the claims check never imports (or compiles) any of it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from lint.checks import Options
from lint.checks.claims import context as ctx
from lint.checks.claims import judge as claim_rules
from lint.checks.claims import lexicon as claim_lexicon
from lint.checks.claims import speech
from lint.checks.claims.lexicon import Lexicon, Trigger
from lint.checks.claims.sentences import Block, SentenceIndex
from lint.document import Document
from lint.finding import Severity

Span = tuple[int, int]
_Candidate = tuple[Trigger, re.Pattern[str], re.Pattern[str] | None]
_WINDOW = 300
_MEMO_SIZE = 4096
_MEMO_BLOCK_CHARS = 2000


@dataclass(frozen=True)
class State:
    lexicon: Lexicon
    by_anchor: Mapping[str, tuple[Trigger, ...]]
    finder: claim_lexicon.AnchorFinder
    ignored: frozenset[str]
    speaker_severity: Severity | None
    report_speakers: bool
    skip_non_english: bool
    # Sentence text -> carries its source: documents repeat boilerplate sentences, and the
    # source patterns are the costliest context test. Bounded; cleared when full.
    sourced: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)
    # Block text -> sentence spans relative to the block (see SentenceIndex.memo).
    split_memo: dict[tuple[str, bool, bool], list[Span]] = field(
        default_factory=dict, compare=False, repr=False
    )
    # Block text -> its quotations relative to the block; a block's neighbourhood text -> the
    # English test (both pure functions of the text they are keyed by).
    quote_memo: dict[str, list[speech.Quote]] = field(
        default_factory=dict, compare=False, repr=False
    )
    english_memo: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)
    # The few words before a trigger -> negated or hedged (the same lead-ins recur).
    hedged_memo: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)
    # Anchor -> its triggers with their compiled patterns, filled on the anchor's first hit.
    compiled: dict[str, tuple[_Candidate, ...]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def candidates(self, key: str) -> tuple[_Candidate, ...]:
        found = self.compiled.get(key)
        if found is None:
            found = tuple((t, t.pattern, t.left) for t in self.by_anchor.get(key, ()))
            self.compiled[key] = found
        return found


def build(options: Options) -> State:
    lexicon = claim_lexicon.load(str(options["language"]))
    triggers: list[Trigger] = []
    for rule in claim_lexicon.RULES:
        triggers.extend(claim_lexicon.user_trigger(rule, str(t)) for t in options[f"{rule}-terms"])
        triggers.extend(lexicon.triggers[rule])
    by_anchor: dict[str, list[Trigger]] = {}
    for trigger in triggers:
        for anchor in trigger.anchors:
            by_anchor.setdefault(anchor, []).append(trigger)
    level = str(options["speaker-severity"]).lower()
    return State(
        lexicon=lexicon,
        by_anchor={key: tuple(value) for key, value in by_anchor.items()},
        finder=claim_lexicon.anchor_finder(triggers),
        ignored=frozenset(" ".join(str(t).lower().split()) for t in options["ignore-terms"]),
        speaker_severity=None if level == "off" else Severity.parse(level),
        report_speakers=level != "off",
        skip_non_english=bool(options["skip-non-english"]),
    )


@dataclass(frozen=True, slots=True)
class Hit:
    rule: str
    start: int
    end: int
    words: str
    weak: bool
    spoken: bool


@dataclass(eq=False)
class Scan:
    """Per-document caches: sentences, speaker turns, quotations and languages per block."""

    document: Document
    state: State
    sentences: SentenceIndex
    _turns: list[Span] | None = None
    _turn_starts: list[int] = field(default_factory=list)
    _quotes: dict[int, tuple[list[int], list[speech.Quote]]] = field(default_factory=dict)
    _prose: dict[int, bool] = field(default_factory=dict)
    _sourced: dict[Span, bool] = field(default_factory=dict)

    def sourced(self, span: Span) -> bool:
        known = self._sourced.get(span)
        if known is None:
            sentence = self.document.text[span[0] : span[1]]
            known = _remember(self.state.sourced, sentence, ctx.has_source, self.state.lexicon)
            self._sourced[span] = known
        return known

    def hedged(self, clause: str) -> bool:
        return _remember(self.state.hedged_memo, clause, ctx.negated_or_hedged, self.state.lexicon)

    def spoken_turn(self, position: int) -> bool:
        if self._turns is None:
            self._turns = speech.speaker_turns(self.document.text, self.state.lexicon.stop_labels)
            self._turn_starts = [start for start, _ in self._turns]
        index = bisect_right(self._turn_starts, position) - 1
        return index >= 0 and position < self._turns[index][1]

    def quote_at(self, block: Block, position: int) -> str:
        cached = self._quotes.get(block.start)
        if cached is None:
            found = self._block_quotes(block)
            cached = ([quote.start for quote in found], found)
            self._quotes[block.start] = cached
        starts, found = cached
        index = bisect_right(starts, position) - 1
        if index >= 0 and found[index].start < position < found[index].end:
            return found[index].kind
        return ""

    def _block_quotes(self, block: Block) -> list[speech.Quote]:
        start, end = block.start, block.end
        if end - start > _MEMO_BLOCK_CHARS:
            return speech.quotes(self.document.text, start, end)
        key = self.document.text[start:end]
        relative = _remember(self.state.quote_memo, key, _quotes_in, None)
        if not relative or start == 0:
            return relative
        return [speech.Quote(q.start + start, q.end + start, q.kind) for q in relative]

    def prose(self, block: Block) -> bool:
        """The block is running prose in the lexicon's language, not a headline."""
        known = self._prose.get(block.start)
        if known is None:
            text = self.document.text
            known = block.table or not ctx.is_headline(text, block.start, block.end)
            if known and self.state.skip_non_english:
                lo, hi = ctx.english_window(len(text), block.start, block.end)
                known = _remember(
                    self.state.english_memo,
                    text[lo:hi],
                    _is_english,
                    self.state.lexicon.stopwords,
                )
            self._prose[block.start] = known
        return known


A = TypeVar("A")
R = TypeVar("R")


def _remember(memo: dict[str, R], text: str, judge: Callable[[A, str], R], data: A) -> R:
    """``judge(data, text)`` through a memo shared by all documents: boilerplate sentences and
    blocks repeat across a corpus. A full memo is cleared, so it stays bounded."""
    known = memo.get(text)
    if known is None:
        known = judge(data, text)
        if len(memo) >= _MEMO_SIZE:
            memo.clear()
        memo[text] = known
    return known


def _quotes_in(_: None, block: str) -> list[speech.Quote]:
    return speech.quotes(block, 0, len(block))


def _is_english(stopwords: frozenset[str], window: str) -> bool:
    return ctx.is_english_text(window, stopwords)


def scan(document: Document, state: State) -> dict[tuple[int, int, str], list[Hit]]:
    """The document's claims: hits grouped by their sentence and rule, in text order."""
    sentences = SentenceIndex(document, state.lexicon.abbreviations, memo=state.split_memo)
    groups: dict[tuple[int, int, str], list[Hit]] = {}
    for hit, sentence in _hits(Scan(document, state, sentences)):
        groups.setdefault((sentence[0], sentence[1], hit.rule), []).append(hit)
    return groups


def _hits(scan: Scan) -> Iterator[tuple[Hit, Span]]:
    document, state = scan.document, scan.state
    text = document.text
    skipped = document.skipped
    last_end = -1
    compiled, candidates = state.compiled, state.candidates
    for position, key in state.finder.find(text):
        if position < last_end:
            continue
        if skipped and skipped.covering(position) >= 0:
            continue
        for trigger, pattern, left_pattern in compiled.get(key) or candidates(key):
            match = pattern.match(text, position)
            if match is None:
                continue
            start = position
            if left_pattern is not None:
                left = left_pattern.search(text, max(0, position - 48), position)
                if left is None:
                    continue
                start = left.start()
            found = _judge(scan, trigger, start, _word_end(text, match.end()))
            if found is not None:
                last_end = match.end()
                yield found
                break


def _word_end(text: str, end: int) -> int:
    """Extend a match that stopped inside a word or a figure ("1" of "1,000") to its end."""
    size = len(text)
    if end == 0 or not text[end - 1].isalnum():
        return end
    while end < size and (
        text[end].isalnum()
        or (
            text[end] in ",."
            and end + 1 < size
            and text[end + 1].isdigit()
            and text[end - 1].isdigit()
        )
    ):
        end += 1
    return end


def _judge(scan: Scan, trigger: Trigger, start: int, end: int) -> tuple[Hit, Span] | None:
    """The hit as a claim in its sentence, or None when its context says it is not one."""
    state, text = scan.state, scan.document.text
    words = " ".join(text[start:end].split())
    if state.ignored:
        lowered = words.lower()
        if any(term in lowered for term in state.ignored):
            return None
    sentence, block = scan.sentences.sentence_at(start)
    if (
        sentence[1] <= sentence[0]
        or block.heading
        or ctx.in_url(text, start)
        or ctx.in_backticks(text, start)
    ):
        return None
    if scan.document.markup == "html" and ctx.in_tag(text, start):
        return None
    # Context is read in a bounded window of the sentence, so a 5 MB line stays linear.
    s_start, s_end = max(sentence[0], start - _WINDOW), min(sentence[1], end + _WINDOW)
    if text[s_start:s_end].rstrip(' *_"”’)').endswith("?") or not scan.prose(block):
        return None
    quote = scan.quote_at(block, start)
    if quote in ("title", "short"):
        return None
    lexicon = state.lexicon
    if scan.sourced(sentence if sentence == (s_start, s_end) else (s_start, s_end)):
        return None
    if scan.hedged(ctx.clause_before(text, s_start, start)):
        return None
    if ctx.denied_after(text, end, s_end):
        return None
    weak = claim_rules.judge(lexicon, trigger, text, start, end, (s_start, s_end))
    if weak is None:
        return None
    spoken = (
        quote == "attributed"
        or scan.spoken_turn(start)
        or speech.indirect_speech(text, max(s_start, start - 160), start, lexicon.vague)
    )
    if spoken and not state.report_speakers:
        return None
    return Hit(trigger.rule, start, end, words, weak, spoken), sentence
