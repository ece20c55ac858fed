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
from lint.document import Document
from lint.finding import Finding, Rule, Severity

if TYPE_CHECKING:
    from lint.checks.claims.scan import Hit, State

_REMEDY = {
    "peacock": (
        "praise that asserts quality without evidence",
        "show it with a fact or a cited source, or cut it",
    ),
    "superlative": (
        "unsourced superlative or rank claim",
        "cite who ranked or measured it, or state it neutrally",
    ),
    "statistic": (
        "unsourced figure about the subject's success",
        "cite the source of the number, or attribute it",
    ),
    "weasel": ("anonymous authority", "name who says so and cite them, or drop the appeal"),
    "guarantee": (
        "promise of an outcome",
        "state what is actually offered, with its conditions and risks",
    ),
    "comparative": (
        "unsourced comparison with competitors",
        "name what it is compared with and cite the measurement",
    ),
}
_SPEAKER_NOTE = " (claim made by the speaker)"


def _rule(rule_id: str, summary: str, explanation: str, example: str) -> Rule:
    return Rule(rule_id, Severity.WARNING, summary, explanation, example, "none")


RULES: tuple[Rule, ...] = (
    _rule(
        "peacock",
        "Praise words that assert quality without evidence",
        "Words such as visionary, groundbreaking, world-class, cutting-edge, industry-leading or "
        "renowned tell the reader what to think instead of showing why. Readers and search engines "
        "discount them, and in regulated fields they can be misleading. Replace the word with the "
        "fact behind it (what the product does, who gave the award) or cite a source. Milder words "
        "(innovative, stunning, seamless) are reported at info.",
        "Jay Hao, the visionary CEO of OKX, ... -> Jay Hao, CEO of OKX since 2020, ...",
    ),
    _rule(
        "superlative",
        "Unsourced superlatives and rank claims",
        '"The world\'s largest", "one of the most trusted", "#1" or "the broadest range of" rank '
        "the subject against everyone else. Such a claim needs the ranking's source (who measured "
        'what, when) or a neutral wording. Positional and technical senses ("the best-fit line", '
        '"the most recent release") and well-known facts of geography are not reported.',
        "one of the world's most trusted exchanges -> an exchange with 20 million users (CoinGecko, 2023)",
    ),
    _rule(
        "statistic",
        "Unsourced figures about the subject's own success",
        "Numbers of users, growth percentages, throughput and similar figures about the subject's "
        "success read as facts but cannot be checked without their source. Cite it (a report, a "
        "filing, an audit) or attribute the figure to the company. Prices, fees, doses, durations and "
        "specifications are not reported.",
        "Trained over 50,000 developers -> Trained over 50,000 developers (2023 annual report)",
    ),
    _rule(
        "weasel",
        "Anonymous authority",
        '"Experts agree", "many believe", "it is widely regarded" and "studies show" lend a claim '
        "authority without saying whose. Name the experts or the study and cite it, or state the "
        "claim as the author's own.",
        "Studies show the supplement works -> A 2021 trial of 120 adults (Smith et al.) found ...",
    ),
    _rule(
        "guarantee",
        "Promises of an outcome",
        '"Guaranteed returns", "risk-free", "zero risk" or "never fails" promise what nobody can '
        "promise, and in finance and health they are often unlawful. Describe what is offered and its "
        'conditions and risks. Disclaimers ("returns are not guaranteed") are not reported.',
        "Risk-free staking with guaranteed returns -> Staking rewards vary; you can lose money",
    ),
    _rule(
        "comparative",
        "Unsourced comparisons with competitors",
        '"Vastly superior", "far greater than our competitors" or "faster than any other exchange" '
        "compare without saying with what or how it was measured. Name the comparison and cite the "
        "measurement, or drop it.",
        "far greater capital efficiency -> portfolio margin across spot, futures and options",
    ),
)
RULE_IDS = tuple(rule.id for rule in RULES)


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
    what, remedy = _REMEDY[rule]
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
