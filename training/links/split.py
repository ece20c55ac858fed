"""Give every new source site of ``urls.tsv`` a part, ``dev`` or ``test``; never move an old one.

    python training/links/split.py          # update split.tsv, print the counts

Sites are taken in the order of ``sha256("links-split/" + site)`` (fixed, unrelated to the
labels' outcome) and each goes to the part that keeps every label's share in ``test``
nearest to a third: a stratified split by group, so that one large source (a test file of
65 shorteners) cannot leave a label absent from one side. Only label counts decide, never
how the check does on a site.
"""

from __future__ import annotations

import hashlib
import sys
from collections import Counter

if __package__ in (None, ""):
    sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[2]))

from training.links.dataset import LABELS, SPLIT, parts, rows

TEST_SHARE = 1 / 3
_HEADER = (
    "# site\tpart - the split of urls.tsv by source site (training/links/split.py adds new\n"
    "# sites and never moves one); tune on dev, report on test.\n"
)


def _order(site: str) -> str:
    return hashlib.sha256(f"links-split/{site}".encode()).hexdigest()


def _cost(test: Counter[str], seen: Counter[str]) -> float:
    return sum(
        ((test[label] - TEST_SHARE * seen[label]) / max(seen[label], 1)) ** 2 for label in LABELS
    )


def assign() -> dict[str, str]:
    where = parts()
    by_site: dict[str, Counter[str]] = {}
    for row in rows():
        by_site.setdefault(row.site, Counter())[row.label] += 1
    seen: Counter[str] = Counter()
    test: Counter[str] = Counter()
    for site, counts in by_site.items():
        if site in where:
            seen.update(counts)
            if where[site] == "test":
                test.update(counts)
    for site in sorted((s for s in by_site if s not in where), key=_order):
        counts = by_site[site]
        seen.update(counts)
        if _cost(test + counts, seen) < _cost(test, seen):
            where[site] = "test"
            test.update(counts)
        else:
            where[site] = "dev"
    return where


def main() -> int:
    where = assign()
    lines = [f"{site}\t{where[site]}" for site in sorted(where)]
    SPLIT.write_text(_HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    table: Counter[tuple[str, str]] = Counter()
    for row in rows():
        table[where[row.site], row.label] += 1
    for part in ("dev", "test"):
        sites = sum(1 for value in where.values() if value == part)
        counts = ", ".join(f"{label} {table[part, label]}" for label in LABELS)
        print(f"{part}: {sites} sites; {counts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
