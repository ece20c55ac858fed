"""Train the ``likely-shortener`` model: ``lint/checks/links/likely-shortener.json``.

    python training/links/train.py            # write the model, print cross-validation
    python training/links/train.py --check    # exit 1 if the shipped file differs
    python training/links/train.py --misses   # also list the rows cross-validation gets wrong

Rows: every URL shaped like a short link (one path token or a query that is one opaque code,
no file name) among the
``dev`` part of ``urls.tsv`` (``shortener`` and ``likely-shortener`` rows are short links,
``none`` rows are not; affiliate and referral rows are left out: their short hosts are named
in ``networks.yaml``; so are ``brand-short-domain`` rows, see ``UNSHAPED``), the links of real pages in ``page-links.tsv`` and the ``dev`` part of
the links of software documentation in ``doc-links.tsv``. At most
``PER_HOST`` rows of one registered domain and label count, so that a page with fifty
``t.co`` links does not teach the model what ``t.co`` looks like fifty times. Features are
``shape.py``'s, exactly as the check computes them. The cross-validation groups rows by
registered domain: each fold is judged on hosts it never saw, as held-out links through
unnamed shorteners will be. The last line adds the rule the check applies when the model
does not take a link (a name coined for shortening, ``shape.coined_short_link``), which
learns nothing from the rows.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from training.linear import data_digest, fit_head, model_document, write_model
from training.links.dataset import HERE, URLS, split_rows

if TYPE_CHECKING:
    from lint.checks.links.lexicon import Shape

ROOT = HERE.parents[1]
MODEL = ROOT / "lint" / "checks" / "links" / "likely-shortener.json"
PAGES = HERE / "page-links.tsv"
DOCS = HERE / "doc-links.tsv"
PER_HOST = 3
C = 1.0
THRESHOLD = 0.5
FOLDS = 5
# Brand short domains' own links (youtu.be/<id>, pin.it/<code>) are short links in every
# respect but the policy of not-shorteners.yaml, which names their hosts: as negatives they
# would teach the model that an opaque code on a short host is not a short link.
UNSHAPED = frozenset({"brand-short-domain"})


def examples() -> list[tuple[str, int, str]]:
    """(url, label, registered domain) of every row the model learns from."""
    from lint.checks.links.domains import registered_domain
    from lint.checks.links.url import parse_url

    labelled: list[tuple[str, int]] = [
        (row.url, int(row.label != "none"))
        for row in split_rows("dev")
        if row.label in ("shortener", "likely-shortener", "none") and row.kind not in UNSHAPED
    ]
    for line in PAGES.read_text(encoding="utf-8").splitlines()[1:]:
        url, page_label = line.split("\t")
        labelled.append((url, int(page_label == "shortener")))
    for line in DOCS.read_text(encoding="utf-8").splitlines()[1:]:
        url, doc_label, part = line.split("\t")
        if part == "dev":
            labelled.append((url, int(doc_label == "shortener")))
    found = []
    seen: Counter[tuple[str, int]] = Counter()
    for url, label in labelled:
        parts = parse_url(url)
        if parts is None or features(url) is None:
            continue
        group = registered_domain(parts.host)
        if seen[group, label] < PER_HOST:
            seen[group, label] += 1
            found.append((url, label, group))
    return found


@cache
def _shape() -> Shape:
    from lint.checks.links import _build
    from lint.config import load_config

    return _build(load_config().checks["links"].options).lexicon.shape


def features(url: str) -> dict[str, float] | None:
    """The model's features of ``url``, as the check computes them (None: not a candidate)."""
    from lint.checks.links.shape import candidate_path, short_link_parts
    from lint.checks.links.shape import features as shape_features
    from lint.checks.links.url import parse_url
    from lint.scoring import binary

    shape = _shape()
    parts = parse_url(url)
    path = candidate_path(parts) if parts else None
    found = short_link_parts(parts.host, path, shape) if parts and path is not None else None
    if parts is None or found is None:
        return None
    name, suffix, token, section = found
    return binary(shape_features(parts.host, name, suffix, token, shape, section))


def coined(url: str) -> bool:
    """Whether the check's name rule takes the link when the model does not."""
    from lint.checks.links.shape import candidate_path, coined_short_link
    from lint.checks.links.url import parse_url

    parts = parse_url(url)
    path = candidate_path(parts) if parts else None
    if parts is None or path is None:
        return False
    return coined_short_link(parts.host, path, _shape()) is not None


def fold_of(group: str) -> int:
    return int(hashlib.sha256(f"links-shape/{group}".encode()).hexdigest(), 16) % FOLDS


def cross_validate(rows: Sequence[tuple[str, int, str]]) -> dict[str, float]:
    from lint.scoring import Head

    found: dict[str, float] = {}
    for fold in range(FOLDS):
        train = [row for row in rows if fold_of(row[2]) != fold]
        head = fit_head([_features(url) for url, _, _ in train], [y for _, y, _ in train], c=C)
        scorer = Head(head["bias"], head["weights"])
        for url, _, group in rows:
            if fold_of(group) == fold:
                found[url] = scorer.probability(_features(url))
    return found


def _features(url: str) -> dict[str, float]:
    found = features(url)
    assert found is not None
    return found


def build() -> dict[str, object]:
    rows = examples()
    head = fit_head([_features(url) for url, _, _ in rows], [y for _, y, _ in rows], c=C)
    return model_document(
        "links-likely-shortener",
        {"likely-shortener": head},
        threshold=THRESHOLD,
        trained={
            "script": "training/links/train.py",
            "data": [
                "training/links/urls.tsv (dev part)",
                "training/links/page-links.tsv",
                "training/links/doc-links.tsv (dev part)",
            ],
            "data_sha256": [data_digest(URLS), data_digest(PAGES), data_digest(DOCS)],
            "rows": len(rows),
            "positives": sum(y for _, y, _ in rows),
        },
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--check", action="store_true", help="compare with the shipped file")
    parser.add_argument("--misses", action="store_true", help="list the rows CV gets wrong")
    args = parser.parse_args(argv)
    document = build()
    if args.check:
        shipped = json.loads(MODEL.read_text(encoding="utf-8"))
        return 0 if shipped == json.loads(json.dumps(document)) else 1
    write_model(MODEL, document)
    rows = examples()
    scores = cross_validate(rows)
    print(f"{len(rows)} rows, {sum(y for _, y, _ in rows)} short links; grouped {FOLDS}-fold CV:")
    for threshold in (0.5, 0.6, 0.7, 0.8, 0.9):
        tp = sum(1 for url, y, _ in rows if y and scores[url] >= threshold)
        fp = sum(1 for url, y, _ in rows if not y and scores[url] >= threshold)
        fn = sum(1 for url, y, _ in rows if y and scores[url] < threshold)
        print(
            f"  threshold {threshold:.1f}: precision {tp / max(tp + fp, 1):.3f} "
            f"recall {tp / max(tp + fn, 1):.3f} (tp {tp}, fp {fp}, fn {fn})"
        )
    taken = {url: scores[url] >= THRESHOLD or coined(url) for url, _, _ in rows}
    tp = sum(1 for url, y, _ in rows if y and taken[url])
    fp = sum(1 for url, y, _ in rows if not y and taken[url])
    fn = sum(1 for url, y, _ in rows if y and not taken[url])
    print(
        f"  threshold {THRESHOLD:.1f} or the name rule: precision {tp / max(tp + fp, 1):.3f} "
        f"recall {tp / max(tp + fn, 1):.3f} (tp {tp}, fp {fp}, fn {fn})"
    )
    if args.misses:
        for url, y, _ in sorted(rows, key=lambda row: (row[1], scores[row[0]])):
            if y != taken[url]:
                print(f"  {'missed' if y else 'false':>6} {scores[url]:.2f} {url}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
