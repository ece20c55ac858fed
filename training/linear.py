"""Fit and write the shipped linear models (the ``train`` extra: scikit-learn).

Shared by every training script (``training/<check>/train.py``): features are dicts of
name -> value (the same dicts the check builds at run time), labels are 0/1 per head. Fitting
is deterministic: a fixed solver (liblinear), a fixed seed, rows in the order given, and
weights rounded to six decimals, so retraining from the committed data gives the committed
file byte for byte (a test checks this).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

FORMAT = "contentlint-linear/1"
DIGITS = 6


def fit_head(
    rows: Sequence[Mapping[str, float]],
    labels: Sequence[int],
    *,
    c: float = 1.0,
    class_weight: str | None = None,
    min_count: int = 1,
    penalty: str = "l2",
) -> dict[str, Any]:
    """One head: logistic regression over the rows' features (L2, or L1 for a sparse head
    that keeps only the features that matter); rare features dropped."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts: dict[str, int] = {}
    for row in rows:
        for name in row:
            counts[name] = counts.get(name, 0) + 1
    kept = [{k: v for k, v in row.items() if counts[k] >= min_count} for row in rows]
    vectorizer = DictVectorizer(sort=True)
    matrix = vectorizer.fit_transform(kept)
    # liblinear takes 32-bit sparse indices only; DictVectorizer may build 64-bit ones.
    matrix.indices = matrix.indices.astype("int32")
    matrix.indptr = matrix.indptr.astype("int32")
    model = LogisticRegression(
        C=c,
        solver="liblinear",
        class_weight=class_weight,
        random_state=0,
        max_iter=1000,
        **_penalty(penalty),
    )
    model.fit(matrix, list(labels))
    names = vectorizer.get_feature_names_out()
    weights = {
        str(name): round(float(weight), DIGITS)
        for name, weight in zip(names, model.coef_[0], strict=True)
        if round(float(weight), DIGITS) != 0.0
    }
    return {
        "bias": round(float(model.intercept_[0]), DIGITS),
        "weights": dict(sorted(weights.items())),
    }


def _penalty(penalty: str) -> dict[str, Any]:
    """L1 or L2 in the spelling the installed scikit-learn takes (1.8 renamed it l1_ratio)."""
    import sklearn

    major, minor = (int(part) for part in sklearn.__version__.split(".")[:2])
    if (major, minor) >= (1, 8):
        return {"l1_ratio": 1.0 if penalty == "l1" else 0.0}
    return {"penalty": penalty}


def data_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def model_document(
    name: str,
    heads: Mapping[str, Mapping[str, Any]],
    *,
    threshold: float,
    trained: Mapping[str, Any],
) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "name": name,
        "threshold": threshold,
        "heads": dict(heads),
        "trained": dict(trained),
    }


def write_model(path: Path, document: Mapping[str, Any]) -> None:
    """One line per weight, sorted: diffs of a retrained model stay readable."""
    path.write_text(json.dumps(document, indent=1, sort_keys=True) + "\n", encoding="utf-8")
