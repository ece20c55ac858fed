"""claims: unverifiable promotional claims, sentence by sentence, scored by a shipped model.

The analysis is in ``lint.checks.claims.detect`` (one scan for gate words and figures, the
sentences they open, each scored on its own words by the linear model in ``model.json``);
this module holds what the registry and the configuration read, so that a run which does
not select the check never loads the lexicon or the model. A finding points at the words
that weighed most, names its rule and suggests the remedy. Report only: a claim is never
rewritten.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from lint.checks import Options, StateCache
from lint.checks.claims.rules import REMEDY, RULES
from lint.document import Document
from lint.finding import Finding, Rule, Severity

if TYPE_CHECKING:
    from lint.checks.claims.detect import Claim, State

_SPEAKER_NOTE = " (claim made by the speaker)"
_MESSAGES = 4096  # the most messages kept for claims that repeat


def _build(options: Options) -> State:
    from lint.checks.claims.detect import build

    return build(options)


class ClaimsCheck:
    """Unverifiable promotional claims: peacock words, superlatives, statistics, weasel
    attributions, guarantees and comparisons, unless the sentence carries its source."""

    id: ClassVar[str] = "claims"
    summary: ClassVar[str] = (
        "Unverifiable promotional claims, unless the sentence carries its source"
    )
    rules: ClassVar[tuple[Rule, ...]] = RULES
    default_options: ClassVar[Mapping[str, Any]] = {}

    def __init__(self) -> None:
        self._state = StateCache(_build)

    def check(self, document: Document, options: Options) -> Iterable[Finding]:
        from lint.checks.claims.detect import claims

        state = self._state.get(options)
        return [_finding(claim, state) for claim in claims(document, state)]


def _finding(claim: Claim, state: State) -> Finding:
    messages = state.messages
    key = (claim.rule, claim.words, claim.spoken)
    message = messages.get(key)
    if message is None:
        if len(messages) >= _MESSAGES:
            messages.clear()
        message = messages[key] = _message(*key)
    # Below the warning threshold the model is less sure: the finding is shown, at info.
    severity = Severity.INFO if claim.probability < state.warning_threshold else None
    if claim.spoken:
        severity = (
            state.speaker_severity
            if severity is None or state.speaker_severity is None
            else min(severity, state.speaker_severity)
        )
    return Finding("claims", claim.rule, claim.start, claim.end, message, severity)


def _message(rule: str, words: tuple[str, ...], spoken: bool) -> str:
    what, remedy = REMEDY[rule]
    quoted = ", ".join(f'"{w}"' for w in dict.fromkeys(words))
    return f"{what}: {quoted}; {remedy}" + (_SPEAKER_NOTE if spoken else "")
