"""The claims check: what a user sees (rule, line, column, message, severity) on sentences,
options and the seed documents. The detector's quality on real pages is measured by
benchmarks/claims_quality.py; the model itself by tests/test_claims_model.py; verdicts across
layouts by tests/test_claims_layout.py."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

from lint import lint_text
from lint.checks.claims.lexicon import load
from lint.checks.claims.sentences import SentenceIndex
from lint.document import Document
from lint.finding import Finding, Severity
from tests.timing import BOUND, K, settled_growth

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = ROOT / "lint" / "data" / "claims" / "en"


def claims(
    text: str, path: str = "doc.md", config: Mapping[str, Any] | None = None
) -> list[Finding]:
    return list(lint_text(text, path=path, select=["claims"], config=config).findings)


def where(text: str, finding: Finding) -> tuple[int, int]:
    return Document(text).position(finding.start)


def option(**values: Any) -> dict[str, Any]:
    return {"checks": {"claims": values}}


# --- findings point at the claim --------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "sentence", "trigger", "severity"),
    [
        ("peacock", "Our award-winning app is free.", "award-winning", Severity.INFO),
        (
            "superlative",
            "Acme is one of the world's most trusted exchanges.",
            "one of the world's",
            Severity.INFO,
        ),
        (
            "statistic",
            "Our course has trained over 50,000 developers in blockchain fundamentals.",
            "over 50,000",
            Severity.INFO,
        ),
        ("weasel", "Experts agree that cold storage is the best option.", "Experts", Severity.INFO),
        (
            "guarantee",
            "Earn guaranteed returns every week with zero risk.",
            "guaranteed",
            Severity.INFO,
        ),
        (
            "comparative",
            "Our engine is far faster than any other exchange.",
            "faster than",
            Severity.WARNING,
        ),
        (
            "guarantee",
            "Our investment plan is completely safe and guaranteed to grow your savings.",
            "guaranteed",
            Severity.WARNING,
        ),
        (
            "weasel",
            "Energy experts widely agree that storage is the key to the transition.",
            "experts",
            Severity.WARNING,
        ),
    ],
)
def test_each_rule_points_at_its_trigger(
    rule: str, sentence: str, trigger: str, severity: Severity
) -> None:
    text = f"Intro.\n\n{sentence}\n"
    [finding] = [f for f in claims(text) if f.rule == rule]
    assert where(text, finding) == (3, sentence.index(trigger) + 1)
    assert text[finding.start : finding.end] == trigger
    assert finding.message.startswith(f'{_WHAT[rule]}: "{trigger}"')
    assert finding.severity == severity
    assert finding.fix is None


_WHAT = {
    "peacock": "praise that asserts quality without evidence",
    "superlative": "unsourced superlative or rank claim",
    "statistic": "unsourced figure about the subject's success",
    "weasel": "anonymous authority",
    "guarantee": "promise of an outcome",
    "comparative": "unsourced comparison with competitors",
}


def test_message_names_the_words_that_weighed_most_and_the_remedy() -> None:
    peacock, _statistic = claims("Our pioneering, cutting-edge platform is trusted by thousands.\n")
    assert peacock.message == (
        'praise that asserts quality without evidence: "pioneering", "trusted"; '
        "show it with a fact or a cited source, or cut it"
    )


def test_message_does_not_name_words_that_weighed_little() -> None:
    # "take" and "streaming" pushed the score a little; "powerful" is the reason.
    [finding] = claims(
        "Concurrent rendering is a powerful new tool and most of our new features are"
        " built to take advantage of it, including streaming server rendering.\n"
    )
    assert finding.message == (
        'praise that asserts quality without evidence: "powerful"; '
        "show it with a fact or a cited source, or cut it"
    )


def test_message_names_claim_words_not_the_plain_words_the_model_weighs() -> None:
    # "platform" and "even" push the peacock score, and "system" the superlative one, but
    # they are the subject's plain words: the reader is shown the claim's own words.
    found = claims(
        "Our unique super matching engine and Lightning 2.0 system ensure that the platform"
        " can run stable even under extreme market conditions, and the order processing"
        " speed has ranked high on the world's top options exchanges lists.\n"
    )
    assert [f.message.split(";")[0].split(": ", 1)[1] for f in found] == [
        '"unique"',
        '"top", "world\'s"',
    ]


def test_column_is_the_triggers_inside_a_paragraph() -> None:
    text = "We opened in May. Our award-winning app is free.\n"
    [finding] = claims(text)
    assert where(text, finding) == (1, 23)


def test_a_claim_after_a_line_break_is_reported_where_it_is() -> None:
    text = "Release notes\nOur engine is far faster than any other exchange.\n"
    [finding] = claims(text)
    assert where(text, finding) == (2, 19)


def test_figures_are_quoted_whole_with_their_scale_and_lead_in() -> None:
    text = "Join over 2 million happy customers who trust our award-winning app.\n"
    statistic = next(f for f in claims(text) if f.rule == "statistic")
    assert text[statistic.start : statistic.end] == "over 2 million"
    assert '"over 2 million"' in statistic.message


def test_a_sum_of_money_scaled_and_led_in_is_a_statistic() -> None:
    text = "Our referral program has paid out over $40 million to partners.\n"
    statistic = next(f for f in claims(text) if f.rule == "statistic")
    assert text[statistic.start : statistic.end] == "over $40 million"
    # A price is plain description: no lead-in, no scale, nothing opens the sentence.
    assert claims("The referral program pays $40 to partners.\n") == []


def test_one_sentence_can_carry_claims_of_several_rules() -> None:
    text = "Our cutting-edge platform is trusted by 5,000+ businesses.\n"
    found = {(f.rule, text[f.start : f.end]) for f in claims(text)}
    assert found == {("peacock", "cutting-edge"), ("statistic", "5,000+")}


def test_mild_claims_are_info_and_the_score_decides() -> None:
    text = "Our award-winning app is free.\n"
    # Its score (about 0.8) is below the default warning threshold (0.9): shown, at info.
    [default] = claims(text)
    assert default.severity == Severity.INFO
    [sure] = claims(text, config=option(**{"warning-threshold": 0.7}))
    assert sure.severity == Severity.WARNING
    [mild] = claims(text, config=option(**{"warning-threshold": 0.99}))
    assert mild.severity == Severity.INFO
    assert claims(text, config=option(threshold=0.99, **{"warning-threshold": 0.99})) == []


def test_thresholds_must_be_ordered() -> None:
    with pytest.raises(ValueError, match="threshold <= warning-threshold"):
        claims("x\n", config=option(threshold=0.9, **{"warning-threshold": 0.5}))


def test_default_thresholds_are_the_ones_the_model_was_trained_for() -> None:
    config = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    options = config["checks"]["claims"]
    model = json.loads((ROOT / "lint" / "checks" / "claims" / "model.json").read_text())
    assert options["threshold"] == model["threshold"]
    assert options["warning-threshold"] == model["trained"]["warning_threshold"]


# --- what is not the author's unsourced claim --------------------------------------------

BLATANT = "Acme is one of the world's most trusted exchanges"


def test_the_blatant_claim_the_next_tests_vary_is_reported() -> None:
    assert [f.rule for f in claims(BLATANT + ".\n")] == ["superlative"]


@pytest.mark.parametrize(
    "text",
    [
        BLATANT + " [1].",
        BLATANT + " (Source: CoinGecko, 2021).",
        "According to CoinGecko, " + BLATANT[0].lower() + BLATANT[1:] + ".",
        BLATANT + ", CoinGecko reported.",
        "Acme is one of the [world's most trusted exchanges](https://example.com/ranking).",
        BLATANT + " (https://example.com/ranking).",
        "Acme was recognized by CoinGecko as one of the world's most trusted exchanges.",
    ],
)
def test_a_sourced_claim_is_not_reported(text: str) -> None:
    assert claims(text + "\n") == []


@pytest.mark.parametrize(
    "text",
    [
        "Is Acme one of the world's most trusted exchanges?",
        "Acme is not one of the world's most trusted exchanges.",
        "Acme may become one of the world's most trusted exchanges.",
        "Our goal is to become the most trusted exchange in the industry.",
        "Returns are not guaranteed.",
        "There is no such thing as a risk-free investment.",
    ],
)
def test_questions_denials_and_possibilities_are_not_reported(text: str) -> None:
    assert claims(text + "\n") == []


@pytest.mark.parametrize(
    "text",
    [
        "Draw the best-fit line through the points.",
        "This is the most recent release.",
        "Leading and trailing spaces are removed.",
        "TCP guarantees in-order delivery.",
        "The plan costs $12 a month and includes 5 seats.",
        "The 95% confidence interval was 0.42–0.51.",
    ],
)
def test_technical_and_plain_senses_are_not_reported(text: str) -> None:
    assert claims(text + "\n") == []


def test_code_urls_and_comments_are_not_prose() -> None:
    text = (
        "Run `install world-class-tools` first.\n\n"
        "```\nOur award-winning app is free.\n```\n\n"
        "See https://example.com/our-award-winning-app for details.\n\n"
        "<!-- Our award-winning app is free. -->\n"
    )
    assert claims(text) == []


def test_markdown_table_cells_are_sentences() -> None:
    text = (
        "| Initiative | Partner | Impact |\n|---|---|---|\n"
        "| Education | Universities | Our award-winning app is free |\n"
    )
    [finding] = claims(text)
    assert finding.rule == "peacock"
    assert where(text, finding) == (3, 34)


# --- who says it -----------------------------------------------------------------------


TRANSCRIPT = (
    "Anndy: How is your exchange different?\n\n"
    "Jay Hao: Our engine is far faster than any other exchange.\n\n"
    "Anndy: Thanks.\n\nJay Hao: Thank you.\n\n"
    "The exchange is one of the world's most trusted exchanges.\n"
)


def test_speaker_turns_in_a_transcript_are_info() -> None:
    # A low warning threshold: the narrator's claim is a warning, the speaker's stays info.
    findings = claims(TRANSCRIPT, config=option(**{"warning-threshold": 0.5}))
    found = {(f.rule, f.severity) for f in findings}
    assert found == {("comparative", Severity.INFO), ("superlative", Severity.WARNING)}
    [spoken] = [f for f in findings if f.severity == Severity.INFO]
    assert spoken.message.endswith("(claim made by the speaker)")


def test_an_attributed_quotation_is_info() -> None:
    text = '"Our engine is far faster than any other exchange," said CEO Jane Doe.\n'
    [finding] = claims(text)
    assert (finding.rule, finding.severity) == ("comparative", Severity.INFO)


def test_speaker_severity_is_configurable() -> None:
    text = "Jane Doe said our award-winning app is free.\n"
    [info] = claims(text)
    assert info.severity == Severity.INFO
    # As the author's own claim: a warning once the score reaches the warning threshold.
    config = option(**{"speaker-severity": "warning", "warning-threshold": 0.37})
    [warning] = claims(text, config=config)
    assert warning.severity == Severity.WARNING
    assert claims(text, config=option(**{"speaker-severity": "off"})) == []


# --- language and options ----------------------------------------------------------------


def test_a_long_sentence_in_another_language_is_skipped() -> None:
    text = (
        "Die Plattform bietet revolutionary Gebühren, mehr Sicherheit und Kundenservice rund um "
        "die Uhr für Händler in Europa.\n"
    )
    assert claims(text) == []
    assert claims(text, config=option(**{"skip-non-english": False})) != []


def test_a_term_the_user_adds_weighs_like_a_strong_word_of_its_rule() -> None:
    text = "Our synergistic platform is here.\n"
    assert claims(text) == []
    [finding] = claims(text, config=option(**{"extend-peacock-terms": ["synergistic"]}))
    assert (finding.rule, text[finding.start : finding.end]) == ("peacock", "synergistic")


@pytest.mark.parametrize("scan", ["0", "1"])
@pytest.mark.parametrize("term", ["synergistic", "10×"])
def test_a_term_the_user_adds_is_found_after_non_ascii_text_by_either_scan(
    monkeypatch: pytest.MonkeyPatch, term: str, scan: str
) -> None:
    """Curly quotes and a dash (several UTF-8 bytes each) before the term, and a term that
    is not ASCII itself ("×"): both gate scans put the finding on the term's characters."""
    monkeypatch.setenv("CONTENTLINT_HYPERSCAN", scan)
    # Read as bytes, the term's offset would fall in the second sentence, which has no claim.
    text = f"“Quoted” — «ça» — “été” — our platform is {term}. Plain words follow here.\n"
    [finding] = claims(text, config=option(**{"extend-peacock-terms": [term]}))
    assert (finding.rule, text[finding.start : finding.end]) == ("peacock", term)


def test_ignored_terms_weigh_nothing() -> None:
    text = "Our award-winning app is free.\n"
    assert claims(text, config=option(**{"ignore-terms": ["award-winning"]})) == []


def test_rule_severity_comes_from_config() -> None:
    [finding] = claims(
        "Our award-winning app is free.\n",
        config=option(rules={"peacock": "error"}, **{"warning-threshold": 0.7}),
    )
    assert finding.severity == Severity.ERROR


def test_unknown_language_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="no lexicon for language 'xx'"):
        load("xx")


# --- lexicon data ------------------------------------------------------------------------


def test_lexicon_files_say_what_they_are_and_their_license() -> None:
    for path in DATA.iterdir():
        head = path.read_text(encoding="utf-8")[:3000]
        assert head.startswith("#"), path.name
        assert "License" in head, path.name
        assert "CC0" in head or "MIT" in head, path.name


def test_every_lexicon_family_is_one_the_features_name() -> None:
    from lint.checks.claims.lexicon import GATES, parse_families

    families = set(parse_families((DATA / "lexicon.txt").read_text(encoding="utf-8")))
    context = {
        "success", "statistic", "achievement", "software", "scope", "intensifier", "urgency",
        "imperative", "hedge", "negation", "attribution", "technical", "reader", "ourselves",
        "writer", "report", "advice", "universal",
    }  # fmt: skip
    assert families - GATES <= context
    assert GATES - {"statistic-mild", "positive"} <= families


# --- sentences ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Mr. Smith met Dr. Jones. They talked.", ["Mr. Smith met Dr. Jones.", "They talked."]),
        (
            "The U.S. market grew 3.5 percent. Acme Inc. led it.",
            ["The U.S. market grew 3.5 percent.", "Acme Inc. led it."],
        ),
        ("See example.com/a.b for more. Then go.", ["See example.com/a.b for more.", "Then go."]),
        ("Wait... what? Yes! Fine.", ["Wait... what?", "Yes!", "Fine."]),
        ('He said "Stop." Then he left.', ['He said "Stop."', "Then he left."]),
        ("Use e.g. apples. J. R. Smith agreed.", ["Use e.g. apples.", "J. R. Smith agreed."]),
        ("- First item. Second part.\n- Next item", ["First item.", "Second part.", "Next item"]),
        ("https://example.com/a\nOur app is free.", ["https://example.com/a", "Our app is free."]),
        (
            "It is trusted by over 10\nmillion traders.",
            ["It is trusted by over 10\nmillion traders."],
        ),
        ("Our app is free.\nTags: apps, money", ["Our app is free.", "Tags: apps, money"]),
        ("## Heading\nOur app is free.", ["Heading", "Our app is free."]),
        ("<p>Our app is free.</p><p>It works.</p>", ["Our app is free.", "It works."]),
    ],
)
def test_sentence_splitting(text: str, sentences: list[str]) -> None:
    document = Document.for_path(text, "x.md")
    index = SentenceIndex(document, load("en").abbreviations)
    found: list[str] = []
    offset = 0
    while offset < len(text):
        span = index.sentence_at(offset)
        if span is not None:
            found.append(text[span[0] : span[1]])
            offset = span[1]
        offset += 1
    assert found == sentences


# --- seeds -------------------------------------------------------------------------------


def seed(prefix: str) -> tuple[str, list[Finding]]:
    [path] = SEEDS.glob(f"{prefix}_*.txt")
    text = path.read_text(encoding="utf-8")
    return text, claims(text, path=path.name)


def in_sentence(text: str, findings: list[Finding], quote: str) -> list[Finding]:
    """The findings inside the sentence that holds ``quote``."""
    [path] = [p for p in SEEDS.glob("*.txt") if p.read_text(encoding="utf-8") == text]
    index = SentenceIndex(Document.for_path(text, path.name), load("en").abbreviations)
    span = index.sentence_at(text.index(quote))
    assert span is not None
    return [f for f in findings if span[0] <= f.start < span[1]]


@pytest.mark.parametrize(
    ("prefix", "quote", "rule"),
    [
        ("000", "one of the world's most trusted cryptocurrency exchanges", "superlative"),
        ("000", "Developed industry-leading security", "peacock"),
        ("004", "providing industry-leading security", "peacock"),
        ("002", "the most complete derivatives products", "superlative"),
        ("003", "more than 20 million users", "statistic"),
    ],
)
def test_seed_claims_are_found_with_the_right_rule(prefix: str, quote: str, rule: str) -> None:
    text, findings = seed(prefix)
    assert rule in {f.rule for f in in_sentence(text, findings, quote)}


@pytest.mark.parametrize(
    ("prefix", "quote"),
    [
        ("002", "the most complete derivatives products"),
        ("003", "more than 20 million users"),
    ],
)
def test_interviewee_claims_in_transcripts_are_info(prefix: str, quote: str) -> None:
    text, findings = seed(prefix)
    hits = in_sentence(text, findings, quote)
    assert hits
    assert all(f.severity == Severity.INFO for f in hits)
    assert all("(claim made by the speaker)" in f.message for f in hits)


def test_seed_000_sourced_and_neutral_lines_stay_quiet() -> None:
    text, findings = seed("000")
    for quote in (
        "Malta (European headquarters)",
        "Singapore (Asia-Pacific operations)",
        "Real-time P&L calculations",
    ):
        offset = text.index(quote)
        assert not [f for f in findings if f.start <= offset < f.end], quote


def test_seed_001_recognised_by_named_sources_is_not_reported() -> None:
    text, findings = seed("001")
    assert in_sentence(text, findings, "recognized by CoinGecko and CoinDesk") == []


# --- linear time -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("piece", "count"),
    [
        ("“", 200_000),
        ('"', 200_000),
        ("the most ", 50_000),
        ("1,", 200_000),
        ("over 1", 100_000),
        ("one of the ", 50_000),
        ("Jay: ", 100_000),
        ("a", 1_000_000),
        ("the world's ", 50_000),
        ("Our award-winning app. ", 20_000),
    ],
)
def test_adversarial_input_is_linear(piece: str, count: int) -> None:
    # A quarter of the input against all of it: the time may grow about 4 times, not 16.
    ratio = settled_growth(
        lambda text: claims(text, path="adversarial.md"), piece.__mul__, count // K, K, BOUND
    )
    assert ratio < BOUND, f"{K}x the input took {ratio:.1f}x the time"
