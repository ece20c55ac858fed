"""Text-mode chrome quality on fresh real pages from sites no training page comes from.

    python benchmarks/chrome_fresh.py                    # every fresh page
    python benchmarks/chrome_fresh.py --batch 2          # the pages gathered after tuning
    python benchmarks/chrome_fresh.py --before f5f6a4d   # also contentlint as f5f6a4d has it
    python benchmarks/chrome_fresh.py --show             # every line the check gets wrong
    python benchmarks/chrome_fresh.py --framed           # each page between a menu and a footer
    python benchmarks/chrome_fresh.py --folder training/chrome/markdown   # Markdown documents

The pages are ``training/chrome/fresh/<page>.txt`` (as a public page store returned them,
one block a line), labelled line by line in ``training/chrome/fresh/labels.json`` by the
rule in ``training/chrome/SPLIT.md`` ("Fresh pages"). Batch 1 was read while the check was
being changed; batches 2 and 3 were gathered and labelled afterwards: the honest figures.
Batch 4 holds articles made of short lines (recipes, score lists, FAQs, product cards).

The table is ``chrome_quality.py``'s (recall, precision, content kept, ...), with one more
detector: ``check`` without ``chrome/truncated`` and ``chrome/dangling-reference``, whose
reports are residue in the article's own lines (a paragraph cut short by the site), not
furniture.

``--folder DIR`` scores another labelled folder instead: ``DIR/labels.json`` maps each file to
the 1-based line ranges that are ``chrome`` and ``title`` (every other non-blank line is the
article's), and a ``.md`` file is checked as Markdown (``training/chrome/markdown``: authored
documents and pages converted to Markdown, labelled by the rule in SPLIT.md).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Literal, cast

import chrome_quality as quality
from chrome_quality import BEFORE_TREE, PageRecord, Score

FRESH = quality.DATA / "fresh"
FOLDER_ENV = "CHROME_FRESH_FOLDER"  # the --folder of the run, passed on to the --before process
RESIDUE_RULES = frozenset({"truncated", "dangling-reference"})
LABELS = {"article": "content"}  # labels.json says "article" for chrome_quality's "content"


# --framed: each page between a site's menu and footer, as a scrape of the whole page has
# it (the store keeps a page's beginning only, so its article often touches neither).
MENU = ("Home", "News", "Sports", "Business", "Opinion", "Entertainment", "Weather", "Video")
FOOTER = ("About Us", "Contact", "Privacy Policy", "Terms of Use", "© 2024 Example Media")
FRAMED = {"on": False}


def folder() -> Path | None:
    value = os.environ.get(FOLDER_ENV)
    return Path(value) if value else None


def line_numbers(ranges: str) -> set[int]:
    """``"3-25,59"`` -> {3, ..., 25, 59}."""
    found: set[int] = set()
    for part in filter(None, ranges.split(",")):
        first, _, last = part.partition("-")
        found.update(range(int(first), int(last or first) + 1))
    return found


def read_folder(where: Path, batch: int | None) -> list[PageRecord]:
    """A labelled folder's documents as records: each non-blank line with its label."""
    labels = json.loads((where / "labels.json").read_text(encoding="utf-8"))
    pages: list[PageRecord] = []
    for name, entry in labels.items():
        if batch is not None and entry.get("batch") != batch:
            continue
        chrome, title = line_numbers(entry["chrome"]), line_numbers(entry["title"])
        lines = []
        for number, row in enumerate(text_of(name).split("\n"), start=1):
            if not row:
                continue
            label = "chrome" if number in chrome else "title" if number in title else "content"
            lines.append({"text": row, "label": label, "kind": entry.get("shape", "-")})
        record = {"page": name, "url": "", "site": name, "split": "fresh", "lines": lines}
        pages.append(cast("PageRecord", record))
    return pages


def read_fresh(batch: int | None) -> list[PageRecord]:
    """The fresh pages as ``chrome_quality`` records (every non-blank line with its label)."""
    where = folder()
    if where is not None:
        return read_folder(where, batch)
    labels = json.loads((FRESH / "labels.json").read_text(encoding="utf-8"))
    pages: list[PageRecord] = []
    for page, entry in labels.items():
        if batch is not None and entry["batch"] != batch:
            continue
        rows = [row for row in text_of(page).split("\n") if row]
        given = list(entry["labels"])
        if FRAMED["on"]:
            given = ["chrome"] * len(MENU) + given + ["chrome"] * len(FOOTER)
        if len(rows) != len(given):
            raise ValueError(f"{page}: {len(rows)} lines, {len(given)} labels")
        lines = [
            {"text": row, "label": LABELS.get(label, label), "kind": "-"}
            for row, label in zip(rows, given, strict=True)
        ]
        record = {"page": page, "url": entry["url"], "site": page, "split": "fresh", "lines": lines}
        pages.append(cast("PageRecord", record))
    return pages


def text_of(page: str) -> str:
    where = folder()
    if where is not None:
        return (where / page).read_text(encoding="utf-8")
    text = (FRESH / f"{page}.txt").read_text(encoding="utf-8")
    if not FRAMED["on"]:
        return text
    return "\n\n".join([*MENU, text.strip("\n"), *FOOTER]) + "\n"


def markup_of(page: str) -> Literal["markdown", "text"]:
    return "markdown" if page.endswith(".md") else "text"


def flagged_lines(record: PageRecord, text: str, skip: frozenset[str] = frozenset()) -> set[int]:
    """Lines a chrome finding covers (half of the line or more), ``skip`` rules set aside."""
    from lint import lint_text

    result = lint_text(text, markup=markup_of(record["page"]), select=["chrome"])
    spans = quality.line_spans(record, text)
    flagged: set[int] = set()
    for finding in result.findings:
        if finding.rule in skip:
            continue
        for index, (start, end) in enumerate(spans):
            overlap = min(end, finding.end) - max(start, finding.start)
            if overlap > 0 and 2 * overlap >= end - start:
                flagged.add(index)
    return flagged


def boilerplate_only(record: PageRecord, text: str) -> set[int]:
    """Lines a ``chrome/boilerplate`` finding covers: the residue rules set aside."""
    return flagged_lines(record, text, RESIDUE_RULES)


def fixed_lines(record: PageRecord, text: str) -> set[int]:
    """Lines that ``fix`` removes or changes (``chrome_quality.contentlint_fix`` by markup)."""
    import difflib

    from lint import fix_text

    fixed = fix_text(text, markup=markup_of(record["page"]), select=["chrome"]).text
    before = [line["text"] for line in record["lines"]]
    after = [row for row in fixed.split("\n") if row]
    kept: set[int] = set()
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for start, _, size in matcher.get_matching_blocks():
        kept.update(range(start, start + size))
    return set(range(len(before))) - kept


DETECTORS: tuple[tuple[str, Callable[[PageRecord, str], set[int]]], ...] = (
    ("contentlint check", flagged_lines),
    ("contentlint check, boilerplate only", boilerplate_only),
    ("contentlint fix (lines removed)", fixed_lines),
)


def flagged_by(pages: Sequence[PageRecord]) -> dict[str, dict[str, list[int]]]:
    return {
        name: {r["page"]: sorted(detector(r, text_of(r["page"]))) for r in pages}
        for name, detector in DETECTORS
    }


def before(revision: str, batch: int | None) -> dict[str, dict[str, list[int]]]:
    """What ``revision``'s ``lint/`` flags on the same pages (run in a process of its own)."""
    import subprocess
    import tempfile

    from old_tree import export_tree

    with tempfile.TemporaryDirectory() as folder:
        export_tree(revision, folder)
        command = [sys.executable, str(Path(__file__).resolve()), "--emit"]
        if batch is not None:
            command += ["--batch", str(batch)]
        if FRAMED["on"]:
            command += ["--framed"]
        env = {**os.environ, BEFORE_TREE: folder}
        output = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    return cast("dict[str, dict[str, list[int]]]", json.loads(output.stdout))


def scored(
    found: dict[str, dict[str, list[int]]], pages: Sequence[PageRecord], suffix: str
) -> list[tuple[str, str, Score]]:
    rows = []
    for name, by_page in found.items():
        result = Score()
        for record in pages:
            result.add(record, set(by_page[record["page"]]))
        rows.append((name + suffix, "text", result))
    return rows


def show(found: dict[str, list[int]], pages: Sequence[PageRecord]) -> None:
    """Every article or title line flagged and every chrome line missed."""
    for record in pages:
        flagged = set(found[record["page"]])
        for index, line in enumerate(record["lines"]):
            wrong = (index in flagged) != (line["label"] == "chrome")
            if wrong:
                mark = "missed" if line["label"] == "chrome" else f"{line['label']} flagged"
                print(f"{record['page']}:{index + 1}: {mark}: {line['text'][:100]}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--batch", type=int, choices=(1, 2, 3, 4), help="one batch of pages only")
    parser.add_argument("--before", metavar="REV", help="also score contentlint as REV had it")
    parser.add_argument("--show", action="store_true", help="list the lines the check gets wrong")
    parser.add_argument(
        "--framed", action="store_true", help="each page between a menu and a footer"
    )
    parser.add_argument("--folder", type=Path, help="score this labelled folder instead")
    parser.add_argument("--emit", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    FRAMED["on"] = args.framed
    if args.folder is not None:
        os.environ[FOLDER_ENV] = str(args.folder.resolve())  # the --before process reads it
    pages = read_fresh(args.batch)
    found = flagged_by(pages)
    if args.emit:
        print(json.dumps(found))
        return 0
    name = f"{args.folder}" if args.folder else "fresh pages"
    print(f"{name}{f', batch {args.batch}' if args.batch else ''}: {quality.summary(pages)}\n")
    rows = scored(found, pages, "")
    if args.before:
        rows += scored(before(args.before, args.batch), pages, f", {args.before}")
    print(quality.table(rows))
    if args.show:
        print()
        show(found["contentlint check"], pages)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
