"""The claims check alone: MB/s on prose of three densities, and adversarial inputs.

    python benchmarks/claims_speed.py [FOLDER ...]

Corpora (built in memory, deterministic): "promo" is the seeds and the labelled sentences of
promotional kinds of page (a claim every few hundred bytes), "mixed" interleaves them one to nine with plain
expository prose, "plain" has no promotional text. Each FOLDER given adds its *.md/*.txt
files as one more corpus. Document indexes (lines, code, comments) are built before
timing, as the engine shares them between checks; the best of three passes is reported, in
CPU time (``time.process_time``: the machine is often shared), "warm" (one check for every
pass: sentences judged once are looked up, and "promo" repeats its text) and "cold" (a fresh
check each pass: every sentence judged, as in text never seen).
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path

from lint.checks.claims import ClaimsCheck
from lint.config import load_config
from lint.document import Document

ROOT = Path(__file__).resolve().parent.parent
PASSES = 3
TARGET = 4_000_000

_PLAIN = (
    "The committee met on Tuesday to review the budget for the coming year. "
    "Members asked how the new library would be staffed and when it would open. "
    "The river rises in the hills to the north and reaches the sea after two hundred kilometres. "
    "Rainfall was lower than usual in the spring, and farmers planted later than they had planned. "
    "The report describes how the survey was carried out and which questions were asked. "
    "She moved to the city in 1998 and worked as a teacher for twelve years. "
    "The software reads the file line by line and writes a summary at the end. "
    "Most of the houses on the street were built before the war. "
    "The bridge was closed for repairs between March and June. "
    "He said the results would be published once the data had been checked. "
)


def _promo() -> str:
    """The seeds, then the labelled sentences of claim-dense kinds of page, a page a paragraph."""
    parts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    pages: dict[str, list[str]] = {}
    with (ROOT / "training" / "claims" / "sentences.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row["kind"] in _PROMOTIONAL:
                pages.setdefault(row["url"], []).append(row["text"])
    parts.extend(" ".join(sentences) for sentences in pages.values())
    return "\n\n".join(parts)


_PROMOTIONAL = frozenset(
    {"press-release", "sponsored", "affiliate", "product", "supplement", "saas", "crypto"}
)


def _options() -> dict[str, object]:
    return dict(load_config(discover=False).checks["claims"].options)


def _plain(rng: random.Random, size: int) -> str:
    sentences = [s.strip() + "." for s in _PLAIN.split(". ") if s.strip()]
    out: list[str] = []
    total = 0
    while total < size:
        paragraph = " ".join(rng.choice(sentences) for _ in range(6))
        out.append(paragraph)
        total += len(paragraph) + 2
    return "\n\n".join(out)


def _mixed(rng: random.Random, promo: str, size: int) -> str:
    promo_paragraphs = [p for p in promo.split("\n\n") if p.strip()]
    plain = _plain(rng, size).split("\n\n")
    out: list[str] = []
    for index, paragraph in enumerate(plain):
        out.append(paragraph)
        if index % 9 == 0:
            out.append(rng.choice(promo_paragraphs))
    return "\n\n".join(out)


def _measure(name: str, texts: list[str]) -> dict[str, object]:
    """Best of ``PASSES``, twice: "warm" keeps one check (its memo of judged sentences fills
    on the first pass, as in a corpus that repeats sentences), "cold" starts each pass with
    a fresh check (every sentence judged anew: text never seen)."""
    options = _options()
    found: dict[str, object] = {}
    for mode in ("warm", "cold"):
        check = ClaimsCheck()
        best = float("inf")
        findings = 0
        for _ in range(PASSES):
            if mode == "cold":
                check = ClaimsCheck()
            list(check.check(Document.for_path("warm up.", "w.md"), options))
            documents = [Document.for_path(text, f"{name}.md") for text in texts]
            for document in documents:
                _ = document.lines, document.code, document.comments
            start = time.process_time()
            findings = sum(len(list(check.check(document, options))) for document in documents)
            best = min(best, time.process_time() - start)
        size = sum(len(text.encode("utf-8")) for text in texts)
        found["bytes"] = size
        found["findings"] = findings
        found[f"{mode}_seconds"] = round(best, 3)
        found[f"{mode}_mb_per_s"] = round(size / 1e6 / best, 2)
    return found


def _adversarial() -> dict[str, float]:
    cases = {
        "200k curly quotes": "“" * 200_000,
        "200k straight quotes": '"' * 200_000,
        "50k 'the most'": "the most " * 50_000,
        "200k '1,'": "1," * 200_000,
        "100k 'Jay: '": "Jay: " * 100_000,
        "5 MB one line": "a" * 5_000_000,
        "50k 'the world's'": "the world's " * 50_000,
    }
    check = ClaimsCheck()
    options = _options()
    timings = {}
    for name, text in cases.items():
        start = time.process_time()
        list(check.check(Document.for_path(text, "adversarial.md"), options))
        timings[name] = round(time.process_time() - start, 3)
    return timings


def main(argv: list[str]) -> int:
    rng = random.Random(8)
    promo = _promo()
    corpora = {
        "promo": [promo] * max(1, TARGET // len(promo) // 4),
        "mixed": [_mixed(rng, promo, TARGET // 8) for _ in range(8)],
        "plain": [_plain(rng, TARGET // 8) for _ in range(8)],
    }
    for folder in argv:
        paths = sorted(
            p for p in Path(folder).rglob("*") if p.suffix in {".md", ".txt"} and p.is_file()
        )
        corpora[folder] = [p.read_text(encoding="utf-8", errors="replace") for p in paths]
    result: dict[str, object] = {name: _measure(name, texts) for name, texts in corpora.items()}
    result["adversarial_seconds"] = _adversarial()
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
