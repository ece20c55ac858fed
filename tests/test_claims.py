"""The claims check: what a user sees (rule, line, column, message, severity) on fixtures,
labelled sentences and the seed documents."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from lint import lint_text
from lint.checks.claims.lexicon import RULES, load
from lint.checks.claims.sentences import SentenceIndex
from lint.document import Document
from lint.finding import Finding, Severity
from tests.timing import BOUND, K, settled_growth

ROOT = Path(__file__).resolve().parent.parent
LABELLED = ROOT / "tests" / "fixtures" / "claims"
SEEDS = ROOT / "seeds"


def claims(
    text: str, path: str = "doc.md", config: Mapping[str, Any] | None = None
) -> list[Finding]:
    return list(lint_text(text, path=path, select=["claims"], config=config).findings)


def flagged(findings: list[Finding]) -> set[str]:
    """Rules reported at warning or above: what fails a build."""
    return {f.rule for f in findings if f.severity is not None and f.severity >= Severity.WARNING}


def where(text: str, finding: Finding) -> tuple[int, int]:
    return Document(text).position(finding.start)


def labelled() -> list[tuple[str, str, str]]:
    cases = []
    for path in sorted(LABELLED.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                label, text = (part.strip() for part in line.split("|", 1))
                cases.append((path.stem, label, text))
    return cases


# --- labelled sentences: precision and recall ------------------------------------------


def test_labelled_sentences_are_many_and_varied() -> None:
    cases = labelled()
    kinds = {kind for kind, _, _ in cases}
    negatives = sum(1 for _, label, _ in cases if label == "-")
    assert len(cases) >= 300
    assert negatives / len(cases) >= 0.40
    assert {
        "press_releases",
        "saas_pages",
        "product_reviews",
        "travel",
        "health",
        "tech_news",
        "bios",
    } <= kinds
    assert {label for _, label, _ in cases} == {"-", *RULES}


def test_precision_and_recall_on_labelled_sentences() -> None:
    tp = fp = fn = 0
    misses: list[str] = []
    for kind, label, text in labelled():
        rules = flagged(claims(text + "\n", path="sentence.txt"))
        if label == "-":
            fp += bool(rules)
            if rules:
                misses.append(f"false positive {sorted(rules)} [{kind}] {text}")
        elif label in rules:
            tp += 1
        else:
            fn += 1
            fp += bool(rules)
            misses.append(f"missed {label} (got {sorted(rules)}) [{kind}] {text}")
    precision = tp / (tp + fp)
    recall = tp / (tp + fn)
    print(f"\nclaims: precision {precision:.3f} recall {recall:.3f} (tp {tp}, fp {fp}, fn {fn})")
    print("\n".join(misses))
    assert precision >= 0.90
    assert recall >= 0.85


# --- one assertion per rule: line, column, message --------------------------------------


@pytest.mark.parametrize(
    ("rule", "text", "words"),
    [
        ("peacock", "Intro.\n\nJay Hao, the visionary CEO, spoke.\n", '"visionary"'),
        (
            "superlative",
            "Intro.\n\nAcme is one of the world's most trusted exchanges.\n",
            '"one of the world\'s most trusted"',
        ),
        ("statistic", "Intro.\n\nThe course trained over 50,000 developers.\n", '"over 50,000"'),
        ("weasel", "Intro.\n\nExperts agree that cold storage is safer.\n", '"Experts agree"'),
        ("guarantee", "Intro.\n\nEarn guaranteed returns every week.\n", '"guaranteed returns"'),
        (
            "comparative",
            "Intro.\n\nOur engine is faster than any other exchange.\n",
            '"faster than any other"',
        ),
    ],
)
def test_each_rule_reports_sentence_words_and_remedy(rule: str, text: str, words: str) -> None:
    [finding] = claims(text)
    assert finding.rule == rule
    assert finding.severity == Severity.WARNING
    assert where(text, finding) == (3, 1)
    assert text[finding.start : finding.end] == text.splitlines()[2]
    assert words in finding.message
    assert finding.fix is None


def test_message_names_all_triggers_of_a_rule_once_per_sentence() -> None:
    text = "Jay Hao, the visionary CEO of OKX, stands at the forefront of the revolution.\n"
    [finding] = claims(text)
    assert finding.message == (
        'praise that asserts quality without evidence: "visionary", "at the forefront of"; '
        "show it with a fact or a cited source, or cut it"
    )


def test_column_is_the_sentence_start_inside_a_paragraph() -> None:
    text = "We opened in May. Our award-winning app is free.\n"
    [finding] = claims(text)
    assert where(text, finding) == (1, 19)
    assert text[finding.start : finding.end] == "Our award-winning app is free."


def test_mild_praise_is_info() -> None:
    [finding] = claims("Explore our innovative trading platform today.\n")
    assert (finding.rule, finding.severity) == ("peacock", Severity.INFO)


# --- context decides ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Acme is the world's largest exchange [1].\n",
        "Acme is the world's largest exchange (Source: CoinGecko, 2021).\n",
        "According to CoinGecko, Acme is the world's largest exchange.\n",
        "Acme is the world's largest exchange, CoinGecko reported.\n",
        "Data from Kaiko shows Acme is the world's largest exchange.\n",
        "Acme is the [world's largest exchange](https://example.com/ranking).\n",
        "Acme is the world's largest exchange (https://example.com/ranking).\n",
        "Acme was recognized by CoinGecko as the world's largest exchange.\n",
    ],
)
def test_a_sourced_claim_is_not_reported(text: str) -> None:
    assert claims(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Acme may become the world's largest exchange.\n",
        "Acme is not the world's largest exchange.\n",
        "Our goal is to become the most trusted exchange in the industry.\n",
        "Returns are not guaranteed.\n",
        "There is no such thing as a risk-free investment.\n",
        "Is Acme the world's largest exchange?\n",
    ],
)
def test_hedged_negated_and_questions_are_not_reported(text: str) -> None:
    assert claims(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Draw the best-fit line through the points.\n",
        "The highest point of the arch is 30 metres up.\n",
        "The largest prime known has millions of digits.\n",
        "This is the most recent release.\n",
        "The Nile is the longest river in Africa, and Lake Baikal is the deepest lake in the world.\n",
        "Leading and trailing spaces are removed.\n",
        "TCP guarantees in-order delivery.\n",
    ],
)
def test_technical_positional_and_factual_senses_are_not_reported(text: str) -> None:
    assert claims(text) == []


def test_code_urls_titles_and_headings_are_not_prose() -> None:
    text = (
        "# The World's Best Exchanges\n\n"
        "Run `install world-class-tools` first.\n\n"
        "```\nthe world's most trusted exchange\n```\n\n"
        "See https://example.com/the-best-exchange-in-the-world for details.\n\n"
        'Her essay "The Best Exchange in the World" won a prize.\n\n'
        "<!-- the world's most trusted exchange -->\n"
    )
    assert claims(text) == []


def test_markdown_table_cells_are_sentences() -> None:
    text = (
        "| Initiative | Partner | Impact |\n|---|---|---|\n"
        "| Education | Universities | Trained over 50,000 developers in blockchain |\n"
    )
    [finding] = claims(text)
    assert finding.rule == "statistic"
    assert text[finding.start : finding.end] == "Trained over 50,000 developers in blockchain"
    assert where(text, finding) == (3, 30)


def test_speaker_turns_in_a_transcript_are_info() -> None:
    text = (
        "Anndy: How is your exchange different?\n\n"
        "Jay Hao: We offer far greater capital efficiency for traders.\n\n"
        "We also have the most complete derivatives products in the market.\n\n"
        "Anndy: Thanks.\n\nJay Hao: Thank you.\n\n"
        "The exchange is one of the world's most trusted exchanges.\n"
    )
    found = {(f.rule, f.severity) for f in claims(text)}
    assert found == {
        ("comparative", Severity.INFO),
        ("superlative", Severity.INFO),
        ("superlative", Severity.WARNING),
    }
    spoken = [f for f in claims(text) if f.severity == Severity.INFO]
    assert all(f.message.endswith("(claim made by the speaker)") for f in spoken)


def test_attributed_quotation_is_info_and_unattributed_claim_is_not() -> None:
    text = '"We run the world\'s fastest matching engine," said CEO Jane Doe. The app is world-class.\n'
    found = sorted((f.rule, f.severity) for f in claims(text))
    assert found == [("peacock", Severity.WARNING), ("superlative", Severity.INFO)]


def test_speaker_severity_is_configurable() -> None:
    text = "Jane Doe said the exchange is the world's most trusted platform.\n"
    [info] = claims(text)
    assert info.severity == Severity.INFO
    config = {"checks": {"claims": {"speaker-severity": "warning"}}}
    [warning] = claims(text, config=config)
    assert warning.severity == Severity.WARNING
    assert claims(text, config={"checks": {"claims": {"speaker-severity": "off"}}}) == []


def test_a_paragraph_in_another_language_is_skipped() -> None:
    text = (
        "Die Plattform ist die weltweit führende Börse und bietet die besten Gebühren, "
        "mehr Sicherheit und einen Kundenservice rund um die Uhr für alle Händler in Europa. "
        "Sie ist die revolutionary Lösung.\n"
    )
    assert claims(text) == []
    assert claims(text, config={"checks": {"claims": {"skip-non-english": False}}}) != []


def test_users_add_and_remove_terms() -> None:
    text = "Our synergistic platform is industry-leading.\n"
    assert [f.message.count('"') for f in claims(text)] == [2]
    config = {
        "checks": {
            "claims": {
                "extend-peacock-terms": ["synergistic"],
                "ignore-terms": ["industry-leading"],
            }
        }
    }
    [finding] = claims(text, config=config)
    assert '"synergistic"' in finding.message
    assert "industry-leading" not in finding.message


def test_rule_severity_comes_from_config() -> None:
    config = {"checks": {"claims": {"rules": {"peacock": "error"}}}}
    [finding] = claims("Our award-winning app is free.\n", config=config)
    assert finding.severity == Severity.ERROR


def test_unknown_language_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="no lexicon for language 'xx'"):
        load("xx")


# --- lexicon data ------------------------------------------------------------------------


def test_every_lexicon_example_is_reported_under_its_rule() -> None:
    lexicon = load("en")
    wrong = []
    for rule in RULES:
        for trigger in lexicon.triggers[rule]:
            found = {f.rule for f in claims(trigger.example + "\n", path="example.txt")}
            if rule not in found:
                wrong.append(f"{rule}: {trigger.example} -> {sorted(found)}")
    assert wrong == []


def test_lexicon_files_say_what_they_are_and_their_license() -> None:
    folder = ROOT / "lint" / "data" / "claims" / "en"
    for path in folder.iterdir():
        head = path.read_text(encoding="utf-8")[:2000]
        assert "CC0" in head, path.name
        assert head.startswith("#"), path.name


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
    ],
)
def test_sentence_splitting(text: str, sentences: list[str]) -> None:
    document = Document.for_path(text, "x.md")
    index = SentenceIndex(document, load("en").abbreviations)
    found: list[str] = []
    offset = 0
    while offset < len(text):
        (start, end), _ = index.sentence_at(offset)
        if end > start:
            found.append(text[start:end])
            offset = end
        offset += 1
    assert found == sentences


# --- seeds -------------------------------------------------------------------------------


def seed(prefix: str) -> tuple[str, list[Finding]]:
    [path] = SEEDS.glob(f"{prefix}_*.txt")
    text = path.read_text(encoding="utf-8")
    return text, claims(text, path=path.name)


def finding_for(text: str, findings: list[Finding], quote: str) -> Finding:
    offset = text.index(quote)
    hits = [f for f in findings if f.start <= offset < f.end]
    assert hits, f"no finding covers {quote!r}"
    return hits[0] if len(hits) == 1 else min(hits, key=lambda f: f.rule)


@pytest.mark.parametrize(
    ("prefix", "quote", "rule"),
    [
        ("000", "one of the world's most trusted cryptocurrency exchanges", "superlative"),
        ("000", "Trained over 50,000 developers", "statistic"),
        ("000", "Powered 70% of mining operations with clean energy", "statistic"),
        ("000", "Developed industry-leading security", "peacock"),
        ("004", "industry-leading security", "peacock"),
        ("002", "the most complete derivatives products", "superlative"),
        ("002", "far greater capital efficiency", "comparative"),
        ("000", "Increased trading volume by 800%", "statistic"),
        ("000", "98% of user funds", "statistic"),
        ("002", "TPS on Algorand is over 1,000", "statistic"),
        ("003", "more than 20 million users", "statistic"),
        ("002", "vastly superior", "comparative"),
    ],
)
def test_seed_claims_are_found_with_the_right_rule(prefix: str, quote: str, rule: str) -> None:
    text, findings = seed(prefix)
    offset = text.index(quote)
    rules = {f.rule for f in findings if f.start <= offset < f.end}
    assert rule in rules


@pytest.mark.parametrize(
    ("prefix", "quote"),
    [
        ("002", "the most complete derivatives products"),
        ("002", "far greater capital efficiency"),
        ("002", "we offer the broadest range of products"),
        ("003", "more than 20 million users"),
        ("004", "all funds are safe"),
    ],
)
def test_interviewee_claims_in_transcripts_are_info(prefix: str, quote: str) -> None:
    text, findings = seed(prefix)
    offset = text.index(quote)
    hits = [f for f in findings if f.start <= offset < f.end]
    assert hits
    assert all(
        f.severity == Severity.INFO and "(claim made by the speaker)" in f.message for f in hits
    )


def test_seed_narration_outside_turns_is_a_warning() -> None:
    text, findings = seed("004")
    hit = finding_for(text, findings, "providing industry-leading security")
    assert (hit.rule, hit.severity) == ("peacock", Severity.WARNING)
    text, findings = seed("002")
    hit = finding_for(text, findings, "best selling book author")
    assert (hit.rule, hit.severity) == ("superlative", Severity.WARNING)


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
    offset = text.index("recognized by CoinGecko and CoinDesk")
    assert not [f for f in findings if f.start <= offset < f.end]


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
    ],
)
def test_adversarial_input_is_linear(piece: str, count: int) -> None:
    # A quarter of the input against all of it: the time may grow about 4 times, not 16.
    ratio = settled_growth(
        lambda text: claims(text, path="adversarial.md"), piece.__mul__, count // K, K, BOUND
    )
    assert ratio < BOUND, f"{K}x the input took {ratio:.1f}x the time"
