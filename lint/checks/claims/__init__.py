"""claims: unverifiable promotional claims, sentence by sentence, with the reason.

The analysis is in ``lint.checks.claims.scan`` (anchor words first, then each candidate judged in
its sentence); this module holds what the registry and the configuration read, so that a
run which does not select the check never loads the lexicons. A finding covers the claim's
sentence, names the trigger words and suggests the remedy. Report only: a claim is never
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
    from lint.checks.claims.scan import Hit, State

_SPEAKER_NOTE = " (claim made by the speaker)"


def _build(options: Options) -> State:
    from lint.checks.claims.scan import build

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
        from lint.checks.claims.scan import scan

        state = self._state.get(options)
        return [
            _finding(start, end, rule, hits, state)
            for (start, end, rule), hits in scan(document, state).items()
        ]


def _finding(start: int, end: int, rule: str, hits: list[Hit], state: State) -> Finding:
    words = ", ".join(f'"{w}"' for w in dict.fromkeys(h.words for h in hits))
    what, remedy = REMEDY[rule]
    spoken = all(h.spoken for h in hits)
    severity = Severity.INFO if all(h.weak for h in hits) else None
    message = f"{what}: {words}; {remedy}"
    if spoken:
        message += _SPEAKER_NOTE
        if state.speaker_severity is not None:
            severity = (
                state.speaker_severity
                if severity is None
                else min(severity, state.speaker_severity)
            )
    return Finding("claims", rule, start, end, message, severity)
