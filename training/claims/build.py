"""Merge the labelled raw files into one corpus with a split column.

    python -m training.claims.build

Reads ``training/claims/raw/*.jsonl`` in name order (a page's rows stay in page order; a URL
met again in a later file is dropped: the first file wins), gives every page a split from a
hash of its URL (train 60 / dev 20 / test 20: the same page always lands in the same split,
whatever else is added), and writes ``training/claims/sentences.jsonl``. Rows are checked:
the fields of the annotation guide, a label of ``claim`` or ``none``, known rules, and a
trigger that is a substring of the text.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
RAW = HERE / "raw"
OUT = HERE / "sentences.jsonl"
FIELDS = ("url", "kind", "text", "label", "rules", "trigger", "speaker", "note")
HANDWRITTEN = "handwritten:"
RULES = ("peacock", "superlative", "statistic", "weasel", "guarantee", "comparative")


def split_of(url: str) -> str:
    """train / dev / test from the URL alone (60 / 20 / 20). Sentences written for the project
    (``handwritten:`` pages, from the old hand-labelled fixtures) only ever train: every
    number measured on dev and test is about real pages."""
    if url.startswith(HANDWRITTEN):
        return "train"
    bucket = int(hashlib.sha256(url.encode("utf-8")).hexdigest()[:8], 16) % 100
    return "train" if bucket < 60 else "dev" if bucket < 80 else "test"


def check_row(row: dict[str, Any], where: str) -> None:
    missing = [name for name in FIELDS if name not in row]
    if missing:
        raise ValueError(f"{where}: missing {missing}")
    if row["label"] not in ("claim", "none"):
        raise ValueError(f"{where}: label {row['label']!r}")
    if row["label"] == "claim":
        if not row["rules"] or any(rule not in RULES for rule in row["rules"]):
            raise ValueError(f"{where}: rules {row['rules']!r}")
        if not row["trigger"] or row["trigger"] not in row["text"]:
            raise ValueError(f"{where}: trigger {row['trigger']!r} not in the text")
    elif row["rules"]:
        raise ValueError(f"{where}: rules on a row labelled none")


def merged(raw: Path = RAW) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    owner: dict[str, str] = {}
    for path in sorted(raw.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            row = json.loads(line)
            check_row(row, f"{path.name}:{number}")
            url = row["url"]
            if owner.setdefault(url, path.name) != path.name:
                continue
            out = {name: row[name] for name in FIELDS}
            out["split"] = split_of(url)
            out["source"] = path.name
            rows.append(out)
    return rows


def main() -> int:
    rows = merged()
    OUT.write_text(
        "".join(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n" for row in rows),
        encoding="utf-8",
    )
    pages: dict[str, set[str]] = {}
    for row in rows:
        pages.setdefault(row["split"], set()).add(row["url"])
    for split in ("train", "dev", "test"):
        chosen = [row for row in rows if row["split"] == split]
        claims = sum(row["label"] == "claim" for row in chosen)
        print(
            f"{split}: {len(pages.get(split, ()))} pages, {len(chosen)} sentences, {claims} claims"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
