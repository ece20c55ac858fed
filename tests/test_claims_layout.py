"""A sentence is judged on its own words and its own citation, never on the lines around it:
the same claims and the same neutral sentences, placed in many common layouts, get the same
verdict (rules, trigger words and severities) everywhere."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from lint import lint_text

CLAIMS = [
    "Our award-winning app is free.",
    "Acme is one of the world's most trusted exchanges.",
    "Earn guaranteed returns every week with zero risk.",
    "Our engine is far faster than any other exchange.",
    "Experts agree that cold storage is the best option.",
    "Our course has trained over 50,000 developers in blockchain fundamentals.",
    "Experience unparalleled luxury at our award-winning resort.",
    "Our cutting-edge platform is trusted by 5,000+ businesses.",
    "Join over 2 million happy customers who trust our award-winning app.",
    "Guaranteed profits, no risk — 95% of our signals win.",
    "Our revolutionary formula works for everyone.",
    "Our world-class team delivers unmatched results.",
    "Rated the #1 VPN by millions of happy users.",
    "Our unrivalled support team is the best in the industry.",
    "Trusted by over 10 million traders worldwide.",
    "We offer the broadest range of products in the industry.",
    "Doctors recommend our formula for joint pain.",
    "Our clients see an average 300% increase in conversions.",
    "Many experts believe this is the future of finance.",
    "Our world-class support team answers every ticket.",
    "Acme is the world's leading provider of cloud payroll.",
    "Studies show the supplement boosts energy and melts fat.",
    "The world's most trusted exchange, now with zero fees.",
]
NEUTRAL = [
    "The plan costs $12 a month and includes 5 seats.",
    "Install the package with pip, then restart the server.",
    "The river rises in the hills and reaches the sea.",
    "The bridge was closed for repairs between March and June.",
    "She moved to the city in 1998 and worked as a teacher.",
    "Take two capsules daily with water.",
    "The report describes how the survey was carried out.",
    "Returns are not guaranteed.",
    "The 95% confidence interval was 0.42–0.51.",
    "Leading and trailing spaces are removed.",
    "Sign up today.",
]

# name -> (file name, the sentence placed in a document)
LAYOUTS: dict[str, tuple[str, Callable[[str], str]]] = {
    "alone": ("doc.md", lambda s: f"{s}\n"),
    "after a URL line": ("doc.md", lambda s: f"https://example.com/pricing\n{s}\n"),
    "before a Tags line": ("doc.md", lambda s: f"{s}\nTags: crypto, trading, apps\n"),
    "list item": ("doc.md", lambda s: f"- {s}\n- Another item\n"),
    "numbered item": ("doc.md", lambda s: f"1. {s}\n2. Another item\n"),
    "heading, no blank line": ("doc.md", lambda s: f"## Latest news\n{s}\n"),
    "block of short lines": ("doc.md", lambda s: f"Fast shipping\nFree returns\n{s}\nContact us\n"),
    "HTML paragraph": ("page.html", lambda s: f"<div>\n<p>{s}</p>\n</div>\n"),
    "CRLF text": ("note.txt", lambda s: f"Intro line.\r\n{s}\r\nOutro line.\r\n"),
    "emoji lead": ("doc.md", lambda s: f"\U0001f680 {s}\n"),
    "mojibake in the paragraph": ("doc.md", lambda s: f"The cafÃ© opened in May. {s}\n"),
    "table cell": ("doc.md", lambda s: f"| Claim | Note |\n|---|---|\n| {s} | checked |\n"),
    "blockquote": ("doc.md", lambda s: f"> {s}\n"),
}


def verdict(sentence: str, layout: str) -> list[tuple[str, str, str]]:
    """(rule, trigger words, severity) of the findings inside the sentence."""
    path, place = LAYOUTS[layout]
    text = place(sentence)
    start = text.index(sentence)
    end = start + len(sentence)
    findings = lint_text(text, path=path, select=["claims"]).findings
    return sorted(
        (f.rule, text[f.start : f.end], str(f.severity)) for f in findings if start <= f.start < end
    )


def test_the_sets_are_large_enough() -> None:
    assert len(CLAIMS) >= 20
    assert len(NEUTRAL) >= 10
    assert len(LAYOUTS) >= 10


@pytest.mark.parametrize("sentence", CLAIMS)
def test_a_claim_gets_the_same_verdict_in_every_layout(sentence: str) -> None:
    alone = verdict(sentence, "alone")
    assert alone, "the claim must be reported on its own"
    different = {
        layout: found for layout in LAYOUTS if (found := verdict(sentence, layout)) != alone
    }
    assert different == {}, alone


@pytest.mark.parametrize("sentence", NEUTRAL)
def test_a_neutral_sentence_stays_quiet_in_every_layout(sentence: str) -> None:
    reported = {layout: found for layout in LAYOUTS if (found := verdict(sentence, layout))}
    assert reported == {}
