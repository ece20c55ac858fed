"""The letter pairs common in English words: ``lint/checks/links/letter-pairs.txt``.

    python training/links/letters.py            # write the file
    python training/links/letters.py --check    # exit 1 if the shipped file differs

A short-link code is drawn at random (``oxgyc``, ``2IlgzVs``); a page's path is made of words
(``crosswords``, ``winget-command-configure``). The ``likely-shortener`` features tell them
apart by the share of a token's adjacent letters that are rare in English words. The pairs
are counted in the words of the real sentences of ``training/claims/raw/`` (English prose,
about 380,000 letter pairs); a pair is common when it is at least ``SHARE`` of them.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "training" / "claims" / "raw"
PAIRS = ROOT / "lint" / "checks" / "links" / "letter-pairs.txt"
SHARE = 2e-4
_WORD = re.compile(r"[a-z]+")
_HEADER = (
    "# letter-pairs.txt - adjacent letters common in English words (at least 1 in 5,000 pairs),\n"
    "# written by training/links/letters.py from the sentences of training/claims/raw/.\n"
    "# The likely-shortener features count a path token's pairs that are not here.\n"
)


def common_pairs() -> list[str]:
    counts: Counter[str] = Counter()
    for path in sorted(SOURCES.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                for word in _WORD.findall(json.loads(line)["text"].lower()):
                    counts.update(a + b for a, b in pairwise(word))
    total = sum(counts.values())
    return sorted(pair for pair, count in counts.items() if count >= SHARE * total)


def document(pairs: Sequence[str]) -> str:
    lines = [" ".join(pairs[start : start + 20]) for start in range(0, len(pairs), 20)]
    return _HEADER + "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--check", action="store_true", help="compare with the shipped file")
    args = parser.parse_args(argv)
    pairs = common_pairs()
    text = document(pairs)
    if args.check:
        return 0 if PAIRS.read_text(encoding="utf-8") == text else 1
    PAIRS.write_text(text, encoding="utf-8")
    print(f"{PAIRS.relative_to(ROOT)}: {len(pairs)} pairs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
