"""What the claims check reports, and the remedy each rule suggests.

Every rule is one head of the check's model (lint/checks/claims/model.json): a sentence is a
claim of a rule when that head's probability reaches the ``threshold`` option, and it is
reported at the rule's severity from ``warning-threshold`` on, at info below it.
"""

from __future__ import annotations

from lint.finding import Rule, Severity

REMEDY = {
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


def _rule(rule_id: str, summary: str, explanation: str, example: str) -> Rule:
    return Rule(rule_id, Severity.WARNING, summary, explanation, example, "none")


RULES: tuple[Rule, ...] = (
    _rule(
        "peacock",
        "Praise words that assert quality without evidence",
        "Words such as visionary, groundbreaking, world-class, cutting-edge, industry-leading or "
        "renowned tell the reader what to think instead of showing why. Readers and search engines "
        "discount them, and in regulated fields they can be misleading. Replace the word with the "
        "fact behind it (what the product does, who gave the award) or cite a source. Each "
        "sentence is scored by the check's model; a claim it is less sure of (a milder word, "
        "a sentence that mostly describes) is reported at info.",
        "Jay Hao, the visionary CEO of OKX, ... -> Jay Hao, CEO of OKX since 2020, ...",
    ),
    _rule(
        "superlative",
        "Unsourced superlatives and rank claims",
        '"The world\'s largest", "one of the most trusted", "#1" or "the broadest range of" rank '
        "the subject against everyone else. Such a claim needs the ranking's source (who measured "
        'what, when) or a neutral wording. Positional and technical senses ("the best-fit line", '
        '"the most recent release"), questions, denials ("not the largest") and goals ("may '
        'become the largest") are not reported.',
        "one of the world's most trusted exchanges -> an exchange with 20 million users (CoinGecko, 2023)",
    ),
    _rule(
        "statistic",
        "Unsourced figures about the subject's own success",
        "Numbers of users, growth percentages, throughput and similar figures about the subject's "
        "success read as facts but cannot be checked without their source. Cite it (a report, a "
        "filing, an audit) or attribute the figure to the company. The finding quotes the whole "
        'figure with its scale ("over 10 million"). Prices, fees, doses, durations and '
        "specifications are rarely reported.",
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
