"""Train the claims model from the labelled sentences and write it into the check's package.

    python -m training.claims.build     # raw/*.jsonl -> sentences.jsonl (with the split)
    python -m training.claims.train     # sentences.jsonl -> lint/checks/claims/model.json

Only the train and dev splits are read. Each sentence's features come from
``lint.checks.claims.features.analyse``, the function the check runs. Sentences without a
gate term (no lexicon term of a rule, no impressive figure) are never scored by the check,
so the heads learn from gated sentences only.

One head per rule (``guarantee`` ... ``peacock``): is this sentence an unsourced claim of
that rule? Each is a logistic regression over all gated sentences (a claim of another rule
is a negative), so the rare rules (statistic, comparative) get weights of their own instead
of being drowned by the common one. A sentence's score is its best head's probability; every
head at or above the threshold gives a finding of its rule.

The regularisation and the thresholds come from five-fold cross-validation over the pages of
train + dev (folds by a hash of the page's URL, never by sentence):

- the regularisation is the one whose out-of-fold scores rank claims best (average
  precision); the threshold (a finding, at info) is the lowest at which the cross-validated
  precision reaches ``PRECISION_FLOOR`` (precision first);
- the warning threshold (a finding at the rule's severity, which fails a build) is the lowest
  at which professional writing (the ``PROFESSIONAL`` kinds of page: engineering blogs,
  technical and encyclopedic text, news, legal text, surveys, recipes, forums) gets at most
  ``WARNING_FALSE_PER_1000`` false findings per 1,000 of its sentences, and never below
  ``WARNING_FLOOR``: an author's own prose must stay quiet. The floor is the one number not
  taken from train + dev: it keeps authored engineering-blog prose
  (benchmarks/corpora/blogs) under ten warnings per MB (see docs/checks/claims.md).

Then the heads are fitted on all of train + dev.

Deterministic: same data, same file (a test retrains and compares).
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from lint.checks.claims.features import Analysis, analyse
from lint.checks.claims.lexicon import RULES, Lexicon, load
from lint.scoring import Head
from training.claims.build import HANDWRITTEN
from training.linear import data_digest, fit_head, model_document, write_model

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "training" / "claims" / "sentences.jsonl"
MODEL = ROOT / "lint" / "checks" / "claims" / "model.json"
C_GRID = (0.2, 0.5, 1.0)
FOLDS = 5
PRECISION_FLOOR = 0.55
WARNING_FALSE_PER_1000 = 5.0
WARNING_FLOOR = 0.91
PROFESSIONAL = frozenset(
    {"engineering-blog", "technical", "encyclopedic", "news", "legal", "survey", "recipe", "forum"}
)
MIN_PAGES = 3
PRUNE = 0.1

Example = tuple[dict[str, Any], Analysis]


def rows(path: Path = DATA, splits: Sequence[str] = ("train", "dev")) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [row for line in handle if (row := json.loads(line))["split"] in splits]


def fold_of(url: str) -> int:
    """The page's cross-validation fold; -1 for sentences written for the project, which
    train in every fold and are never scored (only real pages are measured)."""
    if url.startswith(HANDWRITTEN):
        return -1
    return int(hashlib.sha256(("fold:" + url).encode("utf-8")).hexdigest()[:8], 16) % FOLDS


def examples(data: list[dict[str, Any]], lexicon: Lexicon) -> list[Example]:
    return [(row, analyse(row["text"], lexicon)) for row in data]


def general_features(gated: list[Example]) -> set[str]:
    """The features seen on at least ``MIN_PAGES`` real pages: a word that only one or two
    pages use is the mark of those pages, and a weight for it would only memorise them."""
    pages: dict[str, set[str]] = {}
    for row, analysis in gated:
        if row["url"].startswith(HANDWRITTEN):
            continue
        for name in analysis.features:
            pages.setdefault(name, set()).add(row["url"])
    return {name for name, urls in pages.items() if len(urls) >= MIN_PAGES}


def fit_heads(gated: list[Example], c: float) -> dict[str, dict[str, Any]]:
    """One head per rule: its claims against the sentences that are no claim at all (a claim
    of another rule is left out, so one rule's words never count against another's)."""
    heads = {}
    kept = general_features(gated)
    for rule in RULES:
        chosen = [(row, a) for row, a in gated if row["label"] == "none" or rule in row["rules"]]
        heads[rule] = pruned(
            fit_head(
                [{k: v for k, v in a.features.items() if k in kept} for _, a in chosen],
                [int(row["label"] == "claim") for row, _ in chosen],
                c=c,
            )
        )
    return heads


def pruned(head: dict[str, Any]) -> dict[str, Any]:
    """The head without its negligible weights: a smaller file that loads fast, and a score
    that moves by less than ``PRUNE`` per dropped feature."""
    weights = {name: w for name, w in head["weights"].items() if abs(w) >= PRUNE}
    return {"bias": head["bias"], "weights": weights}


def score(heads: dict[str, Head], analysis: Analysis) -> float:
    return max(head.probability(analysis.features) for head in heads.values())


def curve(scored: list[tuple[float, int]]) -> list[tuple[float, float, float]]:
    """(threshold, precision, recall) for thresholds 0.10 ... 0.90."""
    points = []
    for step in range(10, 91):
        threshold = step / 100
        tp = sum(1 for p, y in scored if p >= threshold and y)
        fp = sum(1 for p, y in scored if p >= threshold and not y)
        fn = sum(1 for p, y in scored if p < threshold and y)
        precision = tp / (tp + fp) if tp + fp else 1.0
        points.append((threshold, precision, tp / (tp + fn) if tp + fn else 0.0))
    return points


def average_precision(scored: list[tuple[float, int]]) -> float:
    """The area under the precision-recall curve of out-of-fold scores: one number for how
    well the scores rank claims above the rest, whatever the threshold."""
    ranked = sorted(scored, key=lambda item: -item[0])
    positives = sum(y for _, y in ranked)
    found = 0
    total = 0.0
    for rank, (_, y) in enumerate(ranked, 1):
        if y:
            found += 1
            total += found / rank
    return total / positives if positives else 0.0


def operating_point(
    points: list[tuple[float, float, float]], floor: float = PRECISION_FLOOR
) -> tuple[float, float, float]:
    """The lowest threshold whose precision reaches ``floor`` (else the most precise one):
    precision first, then as much recall as that precision allows."""
    for point in points:
        if point[1] >= floor:
            return point
    return max(points, key=lambda point: (point[1], -point[0]))


Scored = list[tuple[float, int, str]]  # out-of-fold score, claim or not, kind of page


def cross_validated(analysed: list[Example], lexicon: Lexicon, c: float) -> Scored:
    """Out-of-fold scores of every sentence (0 for one without a gate term or with a source)."""
    scored: Scored = []
    for fold in range(FOLDS):
        fitted = fit_heads([e for e in analysed if e[1].gate and fold_of(e[0]["url"]) != fold], c)
        heads = {rule: Head(float(h["bias"]), h["weights"]) for rule, h in fitted.items()}
        for row, analysis in analysed:
            if fold_of(row["url"]) != fold:
                continue
            claim = int(row["label"] == "claim")
            silent = not analysis.gate or lexicon.cited(row["text"])
            scored.append((0.0 if silent else score(heads, analysis), claim, row["kind"]))
    return scored


def quiet_threshold(scored: Scored) -> float:
    """The lowest threshold at which professional prose gets few enough false findings."""
    professional = [(p, y) for p, y, kind in scored if kind in PROFESSIONAL]
    for step in range(10, 91):
        threshold = step / 100
        false = sum(1 for p, y in professional if p >= threshold and not y)
        if 1000 * false <= WARNING_FALSE_PER_1000 * len(professional):
            return threshold
    return 0.9


def tune(analysed: list[Example], lexicon: Lexicon) -> tuple[float, float, float]:
    """(C, threshold, warning threshold) by cross-validation over pages."""
    results = []
    for c in C_GRID:
        scored = cross_validated(analysed, lexicon, c)
        pairs = [(p, y) for p, y, _ in scored]
        threshold, precision, recall = operating_point(curve(pairs))
        warning = quiet_threshold(scored)
        results.append((average_precision(pairs), -c, threshold, warning))
        print(
            f"C={c}: average precision {average_precision(pairs):.3f}; "
            f"threshold {threshold}: precision {precision:.3f} recall {recall:.3f}; "
            f"warning threshold {warning}",
            file=sys.stderr,
        )
    _, negative_c, threshold, warning_threshold = max(results)
    return -negative_c, threshold, max(threshold, warning_threshold, WARNING_FLOOR)


def train(data_path: Path = DATA) -> dict[str, Any]:
    lexicon = load("en")
    analysed = examples(rows(data_path), lexicon)
    c, threshold, warning_threshold = tune(analysed, lexicon)
    gated = [example for example in analysed if example[1].gate]
    return model_document(
        "claims",
        fit_heads(gated, c),
        threshold=threshold,
        trained={
            "script": "training/claims/train.py",
            "data": "training/claims/sentences.jsonl",
            "data_sha256": data_digest(data_path),
            "splits": ["train", "dev"],
            "rows": len(analysed),
            "gated_rows": len(gated),
            "c": c,
            "warning_threshold": warning_threshold,
        },
    )


def main() -> int:
    document = train()
    write_model(MODEL, document)
    weights = sum(len(head["weights"]) for head in document["heads"].values())
    print(
        f"wrote {MODEL.relative_to(ROOT)}: threshold {document['threshold']}, warning "
        f"threshold {document['trained']['warning_threshold']}, C {document['trained']['c']}, "
        f"{weights} weights"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
