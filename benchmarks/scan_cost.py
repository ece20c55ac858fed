"""What one scan costs with re alone and with hyperscan, by document size: the figures behind
``lint.scan.HYPERSCAN_MIN_CHARS`` and ``HYPERSCAN_AFTER_CHARS``.

    python benchmarks/scan_cost.py [FOLDER]     # default: the benchmark corpus, mixed-5mb

Two pattern sets: the patterns the built-in checks declare, and a phrase library of a few
hundred case-blind phrases (chrome's data lists), the shape of the lexicon scans to come.
For each, the time to find every pattern's spans in documents of 1 K to 256 K characters cut
from the corpus, both ways (best of several rounds, one core), the one-off cost of importing
hyperscan and of building the database, and how much text a process must scan before
hyperscan has paid for itself.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path
from unittest import mock

from lint import scan
from lint.checks import BUILTIN
from lint.config import load_config
from lint.document import Document
from lint.registry import load_checks
from lint.scan import Pattern

HERE = Path(__file__).resolve().parent
SIZES = (1_000, 4_000, 16_000, 64_000, 256_000)
ROUNDS = 5


def declared_patterns() -> tuple[Pattern, ...]:
    config = load_config(None, discover=False)
    found: list[Pattern] = []
    for check_id, check in load_checks().items():
        declare = getattr(check, "patterns", None)
        if check_id in BUILTIN and callable(declare) and check_id in config.checks:
            found.extend(declare(config.checks[check_id].options))
    return tuple(dict.fromkeys(found))


def phrase_library() -> tuple[Pattern, ...]:
    patterns = []
    for path in sorted((HERE.parent / "lint" / "data" / "chrome").glob("*.txt")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            phrase = line.strip().lstrip("~")
            if not phrase or phrase.startswith("#"):
                continue
            try:
                re.compile(phrase)
            except re.error:
                continue
            patterns.append(Pattern(f"{path.stem}-{number}", rf"\b(?:{phrase})"))
    return tuple(patterns)


def texts(folder: Path) -> list[str]:
    corpus = "\n".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in sorted(folder.rglob("*"))
        if p.suffix in {".md", ".txt"}
    )
    return [corpus[i * size : (i + 1) * size] for size in SIZES for i in range(1)]


def per_document(text: str, patterns: tuple[Pattern, ...], setting: str) -> float:
    """Best time, in seconds, to find every pattern's spans in a fresh document."""
    best = float("inf")
    with mock.patch.dict(os.environ, {"CONTENTLINT_HYPERSCAN": setting}):
        for _ in range(ROUNDS):
            document = Document(text)
            _ = document.line_starts
            start = time.perf_counter()
            scan.prescan(document, [patterns])
            scan.matches(document, patterns)
            best = min(best, time.perf_counter() - start)
    return best


def startup(code: str) -> float:
    best = float("inf")
    for _ in range(7):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else HERE / "corpus" / "mixed-5mb"
    if not folder.exists():
        print(f"{folder} is missing: run benchmarks/make_corpus.py first", file=sys.stderr)
        return 2
    documents = texts(folder)
    import_ms = (startup("import hyperscan") - startup("pass")) * 1000
    print(f"importing hyperscan: {import_ms:.0f} ms (whole process, best of 7)\n")
    for label, patterns in (
        ("declared by the built-in checks", declared_patterns()),
        ("phrase library (chrome's lists)", phrase_library()),
    ):
        refused = scan.fast_path_refusals(patterns)
        start = time.perf_counter()
        scan._database(tuple(p for p in patterns if p.shape.expression is not None))
        build_ms = (time.perf_counter() - start) * 1000
        print(
            f"{label}: {len(patterns)} patterns, {len(refused)} left to re; "
            f"database built in {build_ms:.0f} ms"
        )
        print("| characters | re | hyperscan | re / hyperscan |")
        print("|---|---|---|---|")
        for text in documents:
            slow = per_document(text, patterns, "0")
            fast = per_document(text, patterns, "1")
            print(
                f"| {len(text):,} | {slow * 1e3:.2f} ms | {fast * 1e3:.2f} ms | {slow / fast:.1f} |"
            )
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
