"""The floor: read, decode and regex-scan files in plain Python, with no linting at all.

    python benchmarks/floor.py FOLDER_OR_FILE ...

It walks the same files contentlint does, decodes them as UTF-8 and runs three scans a
linter cannot avoid (line breaks, URLs, non-ASCII runs), so the distance between this and
contentlint is the cost of the checks themselves.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path

SUFFIXES = (".md", ".markdown", ".mdx", ".txt", ".html", ".htm")
NEWLINE = re.compile(r"\r\n|\r|\n")
URL = re.compile(r"https?://[^\s<>()\"']{1,2000}")
NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def files(paths: list[str]) -> Iterator[Path]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for folder, names, found in os.walk(path):
                names.sort()
                for name in sorted(found):
                    if name.endswith(SUFFIXES):
                        yield Path(folder, name)
        else:
            yield path


def scan(text: str) -> int:
    count = 0
    for pattern in (NEWLINE, URL, NON_ASCII):
        for _ in pattern.finditer(text):
            count += 1
    return count


def main(argv: list[str]) -> int:
    total = 0
    for path in files(argv):
        total += scan(path.read_bytes().decode("utf-8", errors="replace"))
    print(total)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
