"""The encoding check's quality on fresh real passages, new against a previous version.

    python benchmarks/encoding_quality.py [--old REV] [--show]

Scores ``tests/fixtures/encoding-fresh/`` (real passages gathered from public pages and files,
each with its source in SOURCE.md; ``labels.json`` says, per passage, which spans are mojibake
and what they should read, written before the check was run on them). Both this tree and the
tree of ``REV`` (exported with ``git archive`` into a temporary folder) run in a subprocess,
on the same passages, with the encoding check only. Reported, per version:

- mojibake spans found (an encoding finding overlaps the span) and missed, for UTF-8 mojibake
  that ftfy repairs ("utf-8"), and apart for an 8-bit code page read as another ("legacy")
  and UTF-8 read as a code page ftfy does not know ("other");
- repairs: right (the fix turns the span into its label), wrong (any other text), none;
- wrong findings: findings on text that is not labelled mojibake (on clean passages and
  around the labelled spans), and findings and repairs on mojibake shown on purpose;
- files whose fixed text (``fix``, and ``fix --unsafe-fixes``) equals the labelled text.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from old_tree import export_tree

ROOT = Path(__file__).resolve().parent.parent
FRESH = ROOT / "tests" / "fixtures" / "encoding-fresh"
OLD = "bc66e11"  # main before the fresh-passage fixes

# Run with PYTHONPATH set to a tree: reads {"files": {name: text}} on stdin, prints per file
# the findings (rule, start, end, edits) and the text fixed with and without unsafe fixes.
_WORKER = """
import json, sys
from lint import fix_text, lint_text
job = json.load(sys.stdin)
out = {}
for name, text in job["files"].items():
    found = lint_text(text, path=name, select=["encoding"]).findings
    out[name] = {
        "findings": [
            [f.rule, f.start, f.end, [[e.start, e.end, e.replacement] for e in (f.fix.edits if f.fix and f.fix.safe else ())]]
            for f in found
        ],
        "fixed": fix_text(text, path=name, select=["encoding"]).text,
        "unsafe": fix_text(text, path=name, select=["encoding"], unsafe=True).text,
    }
json.dump(out, sys.stdout)
"""

Span = dict[str, Any]


def load() -> tuple[dict[str, str], dict[str, Any]]:
    labels: dict[str, Any] = json.loads((FRESH / "labels.json").read_text(encoding="utf-8"))
    files = {name: (FRESH / name).read_text(encoding="utf-8") for name in labels["files"]}
    return files, labels["files"]


def run(tree: Path | str, files: dict[str, str]) -> dict[str, Any]:
    env = dict(os.environ, PYTHONPATH=str(tree), CONTENTLINT_CACHE_DIR="")
    done = subprocess.run(
        [sys.executable, "-c", _WORKER],
        input=json.dumps({"files": files}),
        capture_output=True,
        text=True,
        env=env,
        cwd=str(tree),
        check=True,
    )
    answer: dict[str, Any] = json.loads(done.stdout)
    return answer


def run_old(revision: str, files: dict[str, str]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        export_tree(revision, folder)
        return run(folder, files)


def occurrences(text: str, spans: list[Span]) -> list[tuple[int, int, Span]]:
    """Each labelled span's occurrences, in label order, never overlapping an earlier one."""
    taken: list[tuple[int, int, Span]] = []
    for span in spans:
        start = text.find(span["text"])
        while start >= 0:
            end = start + len(span["text"])
            if not any(start < e and s < end for s, e, _ in taken):
                taken.append((start, end, span))
            start = text.find(span["text"], start + 1)
    return sorted(taken, key=lambda item: item[0])


def expected(text: str, spans: list[tuple[int, int, Span]], keep_lossy: bool) -> str:
    out, position = [], 0
    for start, end, span in spans:
        fix = span["fix"]
        keep = fix is None or (keep_lossy and span.get("lossy")) or bool(span.get("quoted"))
        out += [text[position:start], text[start:end] if keep else fix]
        position = end
    return "".join([*out, text[position:]])


def _apply(text: str, start: int, end: int, edits: list[list[Any]]) -> str:
    out, position = [], start
    for e_start, e_end, replacement in sorted(edits):
        out += [text[position:e_start], replacement]
        position = e_end
    return "".join([*out, text[position:end]])


def score(files: dict[str, str], labels: dict[str, Any], answer: dict[str, Any]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for name, text in files.items():
        label, result = labels[name], answer[name]
        kind = label.get("kind", "mojibake")
        spans = occurrences(text, label["spans"])
        findings = result["findings"]
        for start, end, span in spans:
            scope = "quoted" if kind == "quoted" else span.get("scope", "utf-8")
            hits = [f for f in findings if f[1] < end and start < f[2]]
            counts[f"{scope} spans"] += 1
            counts[f"{scope} found" if hits else f"{scope} missed"] += 1
            edits = [e for f in hits for e in f[3]]
            if not edits:
                counts[f"{scope} repair none"] += 1
                continue
            low = min(start, *(e[0] for e in edits))
            high = max(end, *(e[1] for e in edits))
            inside = [(s, e, sp) for s, e, sp in spans if low <= s and e <= high]
            want = expected(text[:high], inside, keep_lossy=False)[low:] if span["fix"] else None
            got = text[:low] + _apply(text, low, high, edits)
            right = want is not None and got[low:] == want and kind != "quoted"
            # ftfy shortens what is left of a lost character to its U+FFFD: a partial repair.
            partial = not right and span.get("lossy") and "\ufffd" in got[low:]
            counts[f"{scope} repair {'right' if right else 'partial' if partial else 'wrong'}"] += 1
        for rule, start, end, _ in findings:
            if not any(s < end and start < e for s, e, _ in spans):
                counts[f"wrong findings ({kind} text)"] += 1
                counts[f"wrong {rule}"] += 1
        for mode in ("fixed", "unsafe"):
            exact = result[mode] in {
                expected(text, spans, keep_lossy=False),
                expected(text, spans, keep_lossy=True),
            }
            counts[f"{kind} files {mode} exactly"] += exact
        counts[f"{kind} files"] += 1
    return counts


def show(files: dict[str, str], labels: dict[str, Any], answer: dict[str, Any]) -> None:
    """Every finding and every fixed file that differs from its label, for reading."""
    for name, text in files.items():
        spans = occurrences(text, labels[name]["spans"])
        for start, end, span in spans:
            if not any(f[1] < end and start < f[2] for f in answer[name]["findings"]):
                print(
                    f"{name}:{start}-{end} missed {span['text']!r} ({span.get('scope', 'utf-8')})"
                )
        for rule, start, end, edits in answer[name]["findings"]:
            labelled = any(s < end and start < e for s, e, _ in spans)
            print(f"{name}:{start}-{end} {rule} {text[start:end]!r} -> {edits} labelled={labelled}")
        want = {expected(text, spans, False), expected(text, spans, True)}
        if answer[name]["fixed"] not in want:
            print(
                f"{name}: fixed {answer[name]['fixed']!r}\n{' ' * len(name)}  label {min(want)!r}"
            )


ROWS = (
    ("utf-8 spans", "UTF-8 mojibake spans"),
    ("utf-8 found", "  found"),
    ("utf-8 missed", "  missed"),
    ("utf-8 repair right", "  repaired right"),
    ("utf-8 repair partial", "  repaired, lost bytes left as U+FFFD"),
    ("utf-8 repair wrong", "  repaired wrong"),
    ("utf-8 repair none", "  not repaired"),
    ("legacy spans", "8-bit code page read as another"),
    ("legacy found", "  found"),
    ("other spans", "UTF-8 read as a code page ftfy lacks"),
    ("other found", "  found"),
    ("quoted spans", "mojibake shown on purpose"),
    ("quoted found", "  reported"),
    ("quoted repair wrong", "  repaired (wrong)"),
    ("wrong findings (clean text)", "wrong findings, clean passages"),
    ("wrong findings (mojibake text)", "wrong findings, mojibake passages"),
    ("wrong mojibake", "  of rule mojibake"),
    ("wrong replacement-char", "  of rule replacement-char"),
    ("wrong control-char", "  of rule control-char"),
    ("wrong html-entity", "  of rule html-entity"),
    ("mojibake files", "mojibake passages"),
    ("mojibake files fixed exactly", "  fixed text == label"),
    ("mojibake files unsafe exactly", "  fixed text == label (unsafe)"),
    ("clean files", "clean passages"),
    ("clean files fixed exactly", "  left unchanged"),
    ("clean files unsafe exactly", "  left unchanged (unsafe)"),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", default=OLD, help="git revision of the previous version")
    parser.add_argument("--show", action="store_true", help="print each finding and wrong fix")
    args = parser.parse_args()
    files, labels = load()
    new = run(ROOT, files)
    if args.show:
        show(files, labels, new)
    results = {
        "new": score(files, labels, new),
        "old": score(files, labels, run_old(args.old, files)),
    }
    print(f"{len(files)} passages in {FRESH.relative_to(ROOT)}")
    print(f"{'':40}{'new':>8}{'old (' + args.old[:7] + ')':>16}")
    for key, title in ROWS:
        print(f"{title:40}{results['new'][key]:>8}{results['old'][key]:>16}")


if __name__ == "__main__":
    main()
