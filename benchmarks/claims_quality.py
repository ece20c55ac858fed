"""The claims check's quality: the test split of the labelled sentences, and authored prose.

    python benchmarks/claims_quality.py [--split test] [--old COMMIT]

Prints, for the detector in this tree and for the previous version of the check (the code of
commit ``OLD_COMMIT``, the last one before the detector was rebuilt, exported with
``git archive`` into a temporary folder and run in a subprocess):

- precision and recall on the chosen split of ``training/claims/sentences.jsonl`` (real pages
  only), counting a sentence as reported when any finding starts in it, at any severity
  ("all") and at warning or above ("warnings"); then per rule, a finding counting for a rule
  when its rule is one of the sentence's labelled rules;
- claims warnings (and all findings) per MB on ``benchmarks/corpora/blogs/`` (authored
  engineering-blog prose, where nearly every finding is a false one).

Each sentence is linted alone, as a plain-text document, the way a user lints a snippet.
The test split is scored once per version: tune on train and dev only.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from old_tree import export_tree

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "training" / "claims" / "sentences.jsonl"
BLOGS = ROOT / "benchmarks" / "corpora" / "blogs"
OLD_COMMIT = "796224ab9b39c7c7ab002f01f044f92ee13d4d01"
RULES = ("peacock", "superlative", "statistic", "weasel", "guarantee", "comparative")

# Run in a subprocess with PYTHONPATH set to a tree: reads {"texts": [...], "paths": [...]}
# on stdin, prints one JSON list of [rule, severity] pairs per text.
_RUNNER = """
import json, sys
from lint import lint_text
job = json.load(sys.stdin)
out = []
for text, path in zip(job["texts"], job["paths"]):
    found = lint_text(text, path=path, select=["claims"]).findings
    out.append([[f.rule, f.severity.name.lower() if f.severity else "warning"] for f in found])
json.dump(out, sys.stdout)
"""


def rows(split: str) -> list[dict[str, object]]:
    with DATA.open(encoding="utf-8") as handle:
        chosen = [json.loads(line) for line in handle]
    return [
        row
        for row in chosen
        if row["split"] == split and not str(row["url"]).startswith("handwritten:")
    ]


def run(tree: Path, texts: list[str], paths: list[str]) -> list[list[tuple[str, str]]]:
    env = {**os.environ, "PYTHONPATH": str(tree), "CONTENTLINT_CACHE_DIR": ""}
    done = subprocess.run(
        [sys.executable, "-c", _RUNNER],
        input=json.dumps({"texts": texts, "paths": paths}),
        capture_output=True,
        text=True,
        env=env,
        check=True,
        cwd=tree,
    )
    return [[(rule, severity) for rule, severity in found] for found in json.loads(done.stdout)]


def old_tree(commit: str, folder: Path) -> Path:
    """The lint package and default configuration of ``commit``, exported into ``folder``."""
    return export_tree(commit, folder)


def scores(
    labelled: list[dict[str, object]], found: list[list[tuple[str, str]]], warnings_only: bool
) -> dict[str, tuple[float, float, int, int, int]]:
    """(precision, recall, tp, fp, fn) overall and per rule."""
    table: dict[str, list[int]] = {name: [0, 0, 0] for name in ("all", *RULES)}
    for row, findings in zip(labelled, found, strict=True):
        kept = {rule for rule, severity in findings if not warnings_only or severity != "info"}
        rules: list[str] = row["rules"]  # type: ignore[assignment]
        gold = set(rules) if row["label"] == "claim" else set()
        _count(table["all"], bool(kept), bool(gold), bool(kept))
        for rule in RULES:
            _count(table[rule], rule in kept, rule in gold, rule in kept)
    return {name: _ratio(*counts) for name, counts in table.items()}


def _count(cell: list[int], predicted: bool, actual: bool, _: bool) -> None:
    if predicted and actual:
        cell[0] += 1
    elif predicted:
        cell[1] += 1
    elif actual:
        cell[2] += 1


def _ratio(tp: int, fp: int, fn: int) -> tuple[float, float, int, int, int]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall, tp, fp, fn


def blogs() -> tuple[list[str], list[str], int]:
    manifest = (BLOGS / "manifest.tsv").read_text(encoding="utf-8").splitlines()[1:]
    paths = [line.split("\t")[0] for line in manifest if line.strip()]
    texts = [(BLOGS / path).read_text(encoding="utf-8") for path in paths]
    return texts, [str(BLOGS / path) for path in paths], sum(len(t.encode()) for t in texts)


def report(
    name: str, labelled: list[dict[str, object]], found: list[list[tuple[str, str]]]
) -> None:
    for label, warnings_only in (("all", False), ("warnings", True)):
        table = scores(labelled, found, warnings_only)
        p, r, tp, fp, fn = table["all"]
        print(
            f"  {name:9} {label:8}  precision {p:.3f}  recall {r:.3f}  (tp {tp}, fp {fp}, fn {fn})"
        )
        for rule in RULES:
            p, r, tp, fp, fn = table[rule]
            print(f"  {'':9} {'':8}    {rule:11} precision {p:.3f}  recall {r:.3f}  "
                  f"(tp {tp}, fp {fp}, fn {fn})")  # fmt: skip


def per_mb(found: Iterable[list[tuple[str, str]]], size: int) -> tuple[float, float]:
    findings = [f for per_file in found for f in per_file]
    warnings = sum(1 for _, severity in findings if severity != "info")
    return warnings / (size / 1e6), len(findings) / (size / 1e6)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", default="test", choices=("train", "dev", "test"))
    parser.add_argument("--old", default=OLD_COMMIT, help="commit of the previous version")
    args = parser.parse_args(argv)
    labelled = rows(args.split)
    texts = [str(row["text"]) + "\n" for row in labelled]
    paths = ["sentence.txt"] * len(texts)
    claims = sum(1 for row in labelled if row["label"] == "claim")
    pages = len({row["url"] for row in labelled})
    blog_texts, blog_paths, blog_size = blogs()
    with tempfile.TemporaryDirectory() as folder:
        trees = {"new": ROOT, "previous": old_tree(args.old, Path(folder))}
        results = {name: run(tree, texts, paths) for name, tree in trees.items()}
        blog_results = {name: run(tree, blog_texts, blog_paths) for name, tree in trees.items()}
    print(f"{args.split} split: {len(labelled)} sentences from {pages} pages, {claims} claims")
    for name in ("new", "previous"):
        report(name, labelled, results[name])
    print(f"blogs ({blog_size / 1e6:.2f} MB of authored engineering-blog prose):")
    for name in ("new", "previous"):
        warnings, everything = per_mb(blog_results[name], blog_size)
        print(f"  {name:9} {warnings:.1f} warnings per MB ({everything:.1f} findings per MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
