"""Line-level quality of chrome detectors on the labelled real pages in training/chrome/.

    python benchmarks/chrome_quality.py                 # the held-out test pages
    python benchmarks/chrome_quality.py --split train   # or: all
    python benchmarks/chrome_quality.py --kinds         # also recall per chrome kind
    python benchmarks/chrome_quality.py --before main   # also contentlint as main has it
    python benchmarks/chrome_quality.py --out-of-fold   # text mode on the train sites, each
                                                        # under a model fitted without its site

Every page of ``training/chrome/lines.jsonl.gz`` is a list of labelled lines (``content``,
``title``, ``chrome``; see ``training/chrome/build_lines.py``) and, in
``training/chrome/text/<sha>.txt``, the text those lines make. A detector returns the indices
of the lines it flags as chrome; the table reads:

- recall: share of chrome lines flagged;
- precision: share of flagged lines that are chrome;
- content kept: share of content and title lines not flagged (the figure a user feels);
- article kept: the same for content lines alone (the articleBody's lines);
- title flagged: share of title lines (headline, dek, byline, date) flagged;
- no finding: pages on which the detector flags nothing.

About 80% of a page's lines are chrome, so recall is cheap: read it with content kept.

A detector is one function ``(page_record, document) -> set[int]`` in a table. Text detectors
get the page's text dump; HTML detectors get the page as served and map what they find to
lines with ``lines_in_source`` (each line records the source line range of its block).
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import json
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypedDict, cast

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = ROOT / "training" / "chrome"
BEFORE_TREE = "CHROME_QUALITY_LINT"

sys.path.insert(0, str(ROOT))
# --before runs this script again on a previous version's lint/ (see before()): first. That
# run only fixes and lints; the pages' lines are read here (training.chrome.build_lines
# reads them with this tree's lint), so an older lint/ never has to provide them.
if os.environ.get(BEFORE_TREE):
    sys.path.insert(0, os.environ[BEFORE_TREE])

SHORT_LINE = 40  # characters: the short-line baseline flags lines shorter than this
END_PUNCTUATION = (".", "!", "?", "…", "。", "！", "？")
CLOSERS = "\"'”’»)]"  # stripped before looking for end punctuation: 'He left."'
KEPT = frozenset({"content", "title"})


class LineRecord(TypedDict):
    text: str
    label: str
    kind: str
    path: str
    tokens: list[str]
    in_main: bool
    link_share: float
    src_start: int
    src_end: int


class PageRecord(TypedDict):
    page: str
    url: str
    site: str
    split: str
    lines: list[LineRecord]


Detector = Callable[[PageRecord, str], set[int]]


# ---------------------------------------------------------------- reading the data


def read_pages(split: str) -> Iterator[PageRecord]:
    with gzip.open(DATA / "lines.jsonl.gz", "rt", encoding="utf-8") as stream:
        for row in stream:
            record = cast("PageRecord", json.loads(row))
            if split in {"all", record["split"]}:
                yield record


def text_of(record: PageRecord) -> str:
    return (DATA / "text" / f"{record['page']}.txt").read_text(encoding="utf-8")


def html_of(record: PageRecord) -> bytes:
    return gzip.decompress((DATA / "pages" / "html" / f"{record['page']}.html.gz").read_bytes())


def line_spans(record: PageRecord, text: str) -> list[tuple[int, int]]:
    """Character span of each record line in the text dump (blank lines separate blocks)."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for row in text.split("\n"):
        if row:
            spans.append((offset, offset + len(row)))
        offset += len(row) + 1
    texts = [line["text"] for line in record["lines"]]
    if [text[s:e] for s, e in spans] != texts:
        raise ValueError(f"{record['page']}: the text dump does not match lines.jsonl.gz")
    return spans


def lines_in_source(record: PageRecord, first: int, last: int) -> set[int]:
    """Lines whose block element lies within source lines ``first``..``last`` (1-based).

    For HTML detectors. Coarse on minified pages, where many blocks share one source line.
    """
    return {
        index
        for index, line in enumerate(record["lines"])
        if first <= line["src_start"] and line["src_end"] <= last
    }


# ---------------------------------------------------------------- text detectors


def short_lines(record: PageRecord, text: str) -> set[int]:
    """Every line under 40 characters that does not end a sentence."""
    return {
        index
        for index, line in enumerate(record["lines"])
        if len(line["text"]) < SHORT_LINE
        and not line["text"].rstrip(CLOSERS).endswith(END_PUNCTUATION)
    }


def contentlint_check(record: PageRecord, text: str) -> set[int]:
    """Lines that a chrome finding covers (at least half of the line's characters)."""
    from lint import lint_text

    result = lint_text(text, markup="text", select=["chrome"])
    spans = line_spans(record, text)
    flagged: set[int] = set()
    for finding in result.findings:
        for index, (start, end) in enumerate(spans):
            overlap = min(end, finding.end) - max(start, finding.start)
            if overlap > 0 and 2 * overlap >= end - start:
                flagged.add(index)
    return flagged


def contentlint_fix(record: PageRecord, text: str) -> set[int]:
    """Lines that ``fix`` removes or changes."""
    from lint import fix_text

    fixed = fix_text(text, markup="text", select=["chrome"]).text
    before = [line["text"] for line in record["lines"]]
    after = [row for row in fixed.split("\n") if row.strip()]
    kept: set[int] = set()
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for start, _, size in matcher.get_matching_blocks():
        kept.update(range(start, start + size))
    return set(range(len(before))) - kept


# ---------------------------------------------------------------- HTML detectors


def trafilatura_lines(record: PageRecord, html: str) -> set[int]:
    """Lines that do not align with what trafilatura extracts (the labels' alignment)."""
    import trafilatura

    from training.chrome import build_lines

    extracted = trafilatura.extract(html, include_comments=False, include_tables=True) or ""
    texts = [line["text"] for line in record["lines"]]
    kept = build_lines.aligned_lines(texts, extracted)
    return {index for index, is_kept in enumerate(kept) if not is_kept}


def html_fixed(record: PageRecord, html: str) -> str:
    """The page as ``fix`` leaves it, chrome elements removed (the fix guard's refusals
    included)."""
    from lint import fix_text

    return fix_text(html, markup="html", select=["chrome"], unsafe=True).text


def contentlint_html(record: PageRecord, html: str) -> set[int]:
    """Lines that disappear from the page's text when ``fix`` removes the chrome elements."""
    return _lines_gone(record, html_fixed(record, html))


def html_reported_removed(record: PageRecord, html: str) -> str:
    """The page without the elements ``check`` reports: every HTML chrome finding is one
    whole element, removed here by its own fix whatever the fix guard would say."""
    from lint import lint_text

    edits = sorted(
        (edit.start, edit.end)
        for finding in lint_text(html, markup="html", select=["chrome"]).findings
        if finding.fix is not None
        for edit in finding.fix.edits
    )
    parts, pos = [], 0
    for start, end in edits:
        if start >= pos:
            parts.append(html[pos:start])
            pos = end
    parts.append(html[pos:])
    return "".join(parts)


def contentlint_html_check(record: PageRecord, html: str) -> set[int]:
    """Lines of the elements ``check`` reports."""
    return _lines_gone(record, html_reported_removed(record, html))


def _lines_gone(record: PageRecord, fixed: str) -> set[int]:
    from bs4 import BeautifulSoup

    from training.chrome import build_lines

    after = [line.text for line in build_lines.page_lines(BeautifulSoup(fixed, "html.parser"))]
    before = [line["text"] for line in record["lines"]]
    kept: set[int] = set()
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for start, _, size in matcher.get_matching_blocks():
        kept.update(range(start, start + size))
    return set(range(len(before))) - kept


TEXT_DETECTORS: dict[str, Detector] = {
    "short lines (< 40 chars, no end punctuation)": short_lines,
    "contentlint check": contentlint_check,
    "contentlint fix (lines removed)": contentlint_fix,
}
# HTML in: the page as served, decoded. contentlint's HTML mode goes here, with its findings'
# source lines mapped to labelled lines by lines_in_source().
HTML_DETECTORS: dict[str, Detector] = {
    "contentlint check (elements reported)": contentlint_html_check,
    "contentlint fix (elements removed)": contentlint_html,
    "trafilatura": trafilatura_lines,
}


# ---------------------------------------------------------------- scoring


@dataclass
class Score:
    """Counts over the scored pages for one detector."""

    labels: Counter[str] = field(default_factory=Counter)
    flagged: Counter[str] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)
    kinds_flagged: Counter[str] = field(default_factory=Counter)
    pages: int = 0
    silent_pages: int = 0

    def add(self, record: PageRecord, flagged: set[int]) -> None:
        self.pages += 1
        self.silent_pages += not flagged
        for index, line in enumerate(record["lines"]):
            hit = index in flagged
            self.labels[line["label"]] += 1
            self.flagged[line["label"]] += hit
            if line["label"] == "chrome":
                self.kinds[line["kind"]] += 1
                self.kinds_flagged[line["kind"]] += hit

    @property
    def recall(self) -> float:
        return ratio(self.flagged["chrome"], self.labels["chrome"])

    @property
    def precision(self) -> float:
        return ratio(self.flagged["chrome"], sum(self.flagged.values()))

    @property
    def content_kept(self) -> float:
        kept = sum(self.labels[k] - self.flagged[k] for k in KEPT)
        return ratio(kept, sum(self.labels[k] for k in KEPT))

    @property
    def article_kept(self) -> float:
        return 1.0 - ratio(self.flagged["content"], self.labels["content"])

    @property
    def f1(self) -> float:
        recall, precision = self.recall, self.precision
        return 2 * recall * precision / (recall + precision) if recall + precision else 0.0

    @property
    def title_flagged(self) -> float:
        return ratio(self.flagged["title"], self.labels["title"])


def ratio(part: int, whole: int) -> float:
    return part / whole if whole else float("nan")


def score(
    detector: Detector, pages: Sequence[PageRecord], document: Callable[[PageRecord], str]
) -> Score:
    result = Score()
    for record in pages:
        result.add(record, detector(record, document(record)))
    return result


def decoded_html(record: PageRecord) -> str:
    from bs4 import UnicodeDammit

    return UnicodeDammit(html_of(record), is_html=True).unicode_markup or ""


def table(rows: Sequence[tuple[str, str, Score]]) -> str:
    lines = [
        "| detector | input | recall | precision | content kept | article kept | title flagged "
        "| F1 | no finding |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, given, result in rows:
        lines.append(
            f"| {name} | {given} | {result.recall:.1%} | {result.precision:.1%} "
            f"| {result.content_kept:.1%} | {result.article_kept:.1%} | {result.title_flagged:.1%} "
            f"| {result.f1:.3f} | {result.silent_pages}/{result.pages} |"
        )
    return "\n".join(lines)


def kinds_table(rows: Sequence[tuple[str, str, Score]]) -> str:
    kinds = sorted({kind for _, _, result in rows for kind in result.kinds})
    first = rows[0][2] if rows else Score()
    header = "| kind (a structural guess) | lines | " + " | ".join(n for n, _, _ in rows) + " |"
    lines = [header, "|---|---|" + "---|" * len(rows)]
    for kind in kinds:
        cells = " | ".join(
            f"{ratio(result.kinds_flagged[kind], result.kinds[kind]):.0%}" for _, _, result in rows
        )
        lines.append(f"| {kind} | {first.kinds[kind]} | {cells} |")
    return "\n".join(lines)


def summary(pages: Sequence[PageRecord]) -> str:
    labels = Counter(line["label"] for record in pages for line in record["lines"])
    sites = len({record["site"] for record in pages})
    total = sum(labels.values())
    shares = ", ".join(f"{labels[k]} {k}" for k in ("content", "title", "chrome"))
    return f"{len(pages)} pages from {sites} sites, {total} lines ({shares})"


# contentlint's own detectors: also run from a previous version with --before. Text: the
# lines flagged; HTML: the page left after the removals (its lines are read by this tree).
OWN: tuple[tuple[str, str, Callable[[PageRecord, str], set[int] | str]], ...] = (
    ("text", "contentlint check", contentlint_check),
    ("text", "contentlint fix (lines removed)", contentlint_fix),
    ("HTML", "contentlint check (elements reported)", html_reported_removed),
    ("HTML", "contentlint fix (elements removed)", html_fixed),
)


def emit(split: str) -> int:
    """Print, as JSON, what each of contentlint's detectors gives on every page: the lines
    it flags (text) or the page it leaves (HTML)."""
    pages = list(read_pages(split))
    found: dict[str, dict[str, list[int] | str]] = {}
    for given, name, detector in OWN:
        document = text_of if given == "text" else decoded_html
        found[name] = {}
        for record in pages:
            output = detector(record, document(record))
            found[name][record["page"]] = output if isinstance(output, str) else sorted(output)
    print(json.dumps(found))
    return 0


def before(revision: str, split: str, pages: Sequence[PageRecord]) -> list[tuple[str, str, Score]]:
    """contentlint's detectors as ``revision`` had them (its ``lint/`` and ``config.yaml``
    from git, run in a process of their own), scored on the same pages."""
    import subprocess
    import tempfile

    from old_tree import export_tree

    with tempfile.TemporaryDirectory() as folder:
        export_tree(revision, folder)
        env = {**os.environ, BEFORE_TREE: folder}
        command = [sys.executable, str(Path(__file__).resolve()), "--emit", "--split", split]
        output = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    found = json.loads(output.stdout)
    rows = []
    for given, name, _ in OWN:
        result = Score()
        for record in pages:
            output = found[name][record["page"]]
            flagged = _lines_gone(record, output) if isinstance(output, str) else set(output)
            result.add(record, flagged)
        rows.append((f"{name}, {revision}", given, result))
    return rows


def out_of_fold() -> list[tuple[str, str, Score]]:
    """contentlint's text check and fix on every train page under a line model fitted
    without the page's site (the folds of ``training/chrome/train.py --cv``): the figures to
    tune on, as the shipped model has seen every train page."""
    from lint.checks.chrome import classify
    from lint.scoring import parse_model
    from training.chrome import train
    from training.linear import model_document

    records = list(train.read_records("train"))
    data = train.examples(records)
    sites = sorted({row[3] for row in data})
    fold_of = {site: index % train.FOLDS for index, site in enumerate(sites)}
    pages = list(read_pages("train"))
    check, fix = Score(), Score()
    shipped = classify.model
    try:
        for fold in range(train.FOLDS):
            heads = train.fit([row for row in data if fold_of[row[3]] != fold])
            document = model_document("chrome-lines", heads, threshold=train.REPORT, trained={})
            document["thresholds"] = {
                "report": train.REPORT,
                "fix": train.FIX,
                "fix-sentence": train.FIX_SENTENCE,
            }
            held_out = parse_model(json.loads(json.dumps(document)))
            classify.model = lambda held_out=held_out: held_out  # type: ignore[misc]
            classify._kind_heads.cache_clear()
            for record in pages:
                if fold_of[record["site"]] == fold:
                    text = text_of(record)
                    check.add(record, contentlint_check(record, text))
                    fix.add(record, contentlint_fix(record, text))
    finally:
        classify.model = shipped
        classify._kind_heads.cache_clear()
    return [
        ("contentlint check, out of fold", "text", check),
        ("contentlint fix (lines removed), out of fold", "text", fix),
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--split", choices=("train", "test", "all"), default="test")
    parser.add_argument("--kinds", action="store_true", help="also recall per chrome kind")
    parser.add_argument(
        "--before", metavar="REV", help="also score contentlint as git revision REV had it"
    )
    parser.add_argument(
        "--out-of-fold",
        action="store_true",
        help="text mode only: each train page under a model fitted without its site",
    )
    parser.add_argument("--emit", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.emit:
        return emit(args.split)
    if args.out_of_fold:
        pages = list(read_pages("train"))
        print(f"train, out of fold: {summary(pages)}\n")
        print(table(out_of_fold()))
        return 0

    pages = list(read_pages(args.split))
    print(f"{args.split}: {summary(pages)}\n")
    tables = (("text", TEXT_DETECTORS, text_of), ("HTML", HTML_DETECTORS, decoded_html))
    rows: list[tuple[str, str, Score]] = []
    notes: list[str] = []
    for given, detectors, document in tables:
        for name, detector in detectors.items():
            try:
                rows.append((name, given, score(detector, pages, document)))
            except ImportError as error:  # an optional extractor that is not installed
                notes.append(f"{name}: skipped, {error.name or error} is not importable")
    if args.before:
        rows.extend(before(args.before, args.split, pages))
    print(table(rows))
    for note in notes:
        print(f"\n{note}")
    if args.kinds:
        print()
        print(kinds_table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
