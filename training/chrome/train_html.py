"""Fit the chrome element classifier for HTML pages: lint/checks/chrome/html-model.json.

    python training/chrome/train_html.py          # fit on the train sites, write the model
    python training/chrome/train_html.py --cv     # grouped cross-validation on the train sites

Data: the 91 real pages in ``pages/html/`` and their labelled lines in ``lines.jsonl.gz``
(``build_lines.py``); only the ``train`` sites are read (SPLIT.md). Each page is read by
``lint.checks.chrome.page.read_page``, the reader the check uses, which gives the same
lines the labels were made on (checked for every page); every line's features
(``line_features``) are one row, labelled furniture (``chrome``) or not (``content``,
``title``).

One head, ``chrome``: a logistic regression (``training/linear.py``). The cut-offs are read
off the out-of-fold curve that ``--cv`` prints (models fitted without the page's site,
train sites only), scored the way the check acts (``lint.checks.chrome.html.removable``):
an element goes when its lines score the cut-off on average and none is below ``floor``,
and a line counts as removed when an element holding it goes; the article's head and its
data tables always stay (``page.protected_lines``). ``report`` (outside the main content)
and ``inside`` are where the out-of-fold pages keep 99% of their content and title lines
with the most furniture found, away from the drop below (a poll's answers, at 0.9); ``fix``
(what every line of an element taken by its scores must reach for the fix to delete it) is
the lowest at which the fix keeps as much of the content as the check.
"""

from __future__ import annotations

import argparse
import gzip
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from lint.checks.chrome.html import Cuts, element_features, removable, repeated_items  # noqa: E402
from lint.checks.chrome.page import Page, protected_lines, read_page  # noqa: E402
from lint.config import load_config  # noqa: E402
from lint.scoring import Head  # noqa: E402
from training.chrome.train import read_records  # noqa: E402
from training.linear import data_digest, fit_head, model_document, write_model  # noqa: E402

DATA = HERE / "lines.jsonl.gz"
PAGES = HERE / "pages" / "html"
MODEL = ROOT / "lint" / "checks" / "chrome" / "html-model.json"
C = 1.0
FOLDS = 5
MIN_COUNT = 3  # a feature seen on fewer lines gets no weight
CURVE = (0.8, 0.85, 0.9, 0.93, 0.95, 0.97)
REPORT = 0.93  # outside the main content
INSIDE = 0.95  # inside it
FIX = 0.8  # every line of the element scores this for the fix to delete it
FLOOR = 0.3
SINGLE = 0.99  # a lone line outside the main content without a phrase-library match

# The structure rules' class/id words: the shipped configuration's.
CLASS_WORDS = frozenset(
    str(word).lower()
    for word in load_config(discover=False).checks["chrome"].options["html-class-words"]
)

PageData = tuple[dict[str, Any], Page, list[dict[str, float]], list[int]]


def decoded(record: dict[str, Any]) -> str:
    """The page as the benchmark and a user give it to the check: decoded text."""
    from bs4 import UnicodeDammit

    raw = gzip.decompress((PAGES / f"{record['page']}.html.gz").read_bytes())
    return UnicodeDammit(raw, is_html=True).unicode_markup or ""


def page_data(record: dict[str, Any]) -> PageData:
    from bs4 import BeautifulSoup

    page = read_page(BeautifulSoup(decoded(record), "html.parser"))
    texts = [line.text for line in page.lines]
    if texts != [line["text"] for line in record["lines"]]:
        raise ValueError(f"{record['page']}: the reader's lines differ from the labelled ones")
    repeated = repeated_items(page)
    features = [element_features(page, index, repeated) for index in range(len(page.lines))]
    labels = [int(line["label"] == "chrome") for line in record["lines"]]
    return record, page, features, labels


def fit(pages: Sequence[PageData]) -> dict[str, Any]:
    rows = [f for _, _, features, _ in pages for f in features]
    labels = [y for _, _, _, page_labels in pages for y in page_labels]
    return fit_head(rows, labels, c=C, class_weight="balanced", min_count=MIN_COUNT)


def removed_lines(
    page: Page,
    probabilities: Sequence[float],
    kept: set[int],
    cuts: Cuts,
    fix: float | None = None,
) -> set[int]:
    """The lines of the elements the check reports; with ``fix``, those the fix deletes (a
    structure rule names the element, or every line of it scores ``fix``)."""
    gone: set[int] = set()
    for index, why in removable(page, list(probabilities), kept, cuts):
        node = page.nodes[index]
        if fix is None or why is not None or min(probabilities[node.first : node.last]) >= fix:
            gone.update(range(node.first, node.last))
    return gone


def cross_validate(pages: Sequence[PageData]) -> list[tuple[float, float, float, float, float]]:
    """(cut-off, recall, content kept, and the same two for the fix at ``FIX``) of the
    out-of-fold pages, removed as the check does (inside the main content the cut-off is at
    least ``INSIDE``, a lone line's at least ``SINGLE``)."""
    sites = sorted({record["site"] for record, *_ in pages})
    fold_of = {site: index % FOLDS for index, site in enumerate(sites)}
    held: list[tuple[PageData, set[int], list[float]]] = []
    for fold in range(FOLDS):
        trained = fit([p for p in pages if fold_of[p[0]["site"]] != fold])
        head = Head(trained["bias"], trained["weights"])
        for data in pages:
            if fold_of[data[0]["site"]] == fold:
                kept = protected_lines(data[1])
                probabilities = [
                    0.0 if i in kept else head.probability(f) for i, f in enumerate(data[2])
                ]
                held.append((data, kept, probabilities))
    curve = []
    for cut in CURVE:
        cuts = Cuts(cut, max(cut, INSIDE), FLOOR, CLASS_WORDS, max(cut, SINGLE))
        figures: list[float] = []
        for fix in (None, FIX):  # what the check reports, then what the fix deletes
            hit = chrome = lost = kept_total = 0
            for (_, page, _, labels), kept, probabilities in held:
                gone = removed_lines(page, probabilities, kept, cuts, fix)
                chrome += sum(labels)
                kept_total += len(labels) - sum(labels)
                hit += sum(1 for i in gone if labels[i])
                lost += sum(1 for i in gone if not labels[i])
            figures += [hit / chrome, 1 - lost / kept_total]
        curve.append((cut, figures[0], figures[1], figures[2], figures[3]))
    return curve


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--cv", action="store_true", help="print out-of-fold figures only")
    args = parser.parse_args(argv)
    sys.setrecursionlimit(20_000)  # html.parser's tree of a badly nested page is deep
    pages = [page_data(record) for record in read_records("train")]
    if args.cv:
        for cut, recall, kept, fixed, fix_kept in cross_validate(pages):
            print(
                f"cut-off {cut:.2f}: recall {recall:.3f}, content kept {kept:.4f}; "
                f"fix at {FIX}: recall {fixed:.3f}, content kept {fix_kept:.4f}"
            )
        return 0
    document = model_document(
        "chrome-html",
        {"chrome": fit(pages)},
        threshold=REPORT,
        trained={
            "script": "training/chrome/train_html.py",
            "data": "training/chrome/lines.jsonl.gz",
            "data_sha256": data_digest(DATA),
            "rows": sum(len(labels) for *_, labels in pages),
            "sites": len({record["site"] for record, *_ in pages}),
            "c": C,
        },
    )
    document["thresholds"] = {
        "report": REPORT,
        "inside": INSIDE,
        "fix": FIX,
        "floor": FLOOR,
        "single": SINGLE,
    }
    write_model(MODEL, document)
    print(f"wrote {MODEL}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
