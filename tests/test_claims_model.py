"""The claims model: the committed data gives the shipped file, the splits are by page, and
scoring needs no numerical library."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from lint.checks.claims.features import analyse
from lint.checks.claims.lexicon import RULES, load
from training.claims import build

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "lint" / "checks" / "claims" / "model.json"
SENTENCES = ROOT / "training" / "claims" / "sentences.jsonl"


def test_the_merged_corpus_is_what_the_raw_files_give() -> None:
    committed = [json.loads(line) for line in SENTENCES.read_text(encoding="utf-8").splitlines()]
    assert build.merged() == committed


def test_every_page_is_in_one_split_and_the_split_is_by_url() -> None:
    splits: dict[str, set[str]] = defaultdict(set)
    for row in build.merged():
        splits[str(row["url"])].add(str(row["split"]))
    assert all(len(found) == 1 for found in splits.values())
    real = [url for url in splits if not url.startswith(build.HANDWRITTEN)]
    share = {
        name: sum(build.split_of(url) == name for url in real) / len(real)
        for name in ("train", "dev", "test")
    }
    assert 0.5 < share["train"] < 0.7
    assert 0.12 < share["dev"] < 0.28
    assert 0.12 < share["test"] < 0.28
    assert {build.split_of(u) for u in splits if u.startswith(build.HANDWRITTEN)} == {"train"}


def test_a_row_that_breaks_the_guide_is_refused(tmp_path: Path) -> None:
    row = {"url": "https://example.com/", "kind": "product", "text": "Our app is great.",
           "label": "claim", "rules": ["peacock"], "trigger": "superb", "speaker": False,
           "note": ""}  # fmt: skip
    (tmp_path / "bad.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="trigger 'superb' not in the text"):
        build.merged(tmp_path)


@pytest.mark.slow
def test_retraining_gives_the_shipped_model() -> None:
    from training.claims.train import train

    assert train() == json.loads(MODEL.read_text(encoding="utf-8"))


def test_the_model_has_one_head_per_rule_over_features_the_check_computes() -> None:
    model = json.loads(MODEL.read_text(encoding="utf-8"))
    assert set(model["heads"]) == set(RULES)
    prefixes = ("w:", "b:", "pre:", "post:", "lex:", "fig:", "sup:", "comp:", "stat:", "peacock:",
                "guarantee:", "neg:", "hedge:", "hits:", "len:", "x:")  # fmt: skip
    marks = {"question", "exclaim", "quote", "titlecase", "imperative", "unterminated"}
    for head in model["heads"].values():
        for name in head["weights"]:
            assert name.startswith(prefixes) or name in marks, name
    # A feature the model weighs is one the check's own analysis produces.
    features = analyse("Our award-winning app is trusted by over 10 million users!", load("en"))
    assert "lex:peacock" in features.features and "lex:statistic" in features.features
    assert "b:award-winning app" in features.features
    headline = analyse("The Best Mattresses of the Year", load("en")).features
    assert "x:superlative|titlecase" in headline and "x:superlative|unterminated" in headline


def test_linting_scores_the_model_without_a_numerical_library() -> None:
    script = (
        "import sys\n"
        "from lint import lint_text\n"
        "found = lint_text('Our award-winning app is free.\\n', path='a.md', select=['claims'])\n"
        "assert found.findings, 'the claim is found'\n"
        "print(sorted(m for m in ('numpy', 'scipy', 'sklearn') if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert done.stdout.strip() == "[]"


def test_a_lead_in_or_a_scale_word_counts_only_beside_its_number() -> None:
    """ "over" or "million" opens a sentence for the statistic rule only beside a number, as
    the document scan looks for it; plain prose that uses the word is never analysed."""
    from lint.checks.claims.lexicon import gate

    lexicon = load("en")
    scan = gate(lexicon.gate_words)
    for beside in ("Trusted by over 500 teams.", "Used by more than 500 teams.", "Now 10 million."):
        assert "lex:statistic" in analyse(beside, lexicon).features, beside
        assert scan.python_offsets(beside), beside
    for apart in ("Trusted by over — — 500 teams.", "Trusted by over <i>500</i> teams."):
        assert "lex:statistic" not in analyse(apart, lexicon).features, apart
    plain = "The river runs over the rocks; I'm told a million birds nest there."
    assert scan.python_offsets(plain) == []
