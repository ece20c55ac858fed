"""Each check alone, in process: MB/s of ``check()`` with the shared indexes already built.

    python benchmarks/check_speed.py FOLDER [CONFIG]

Prints one JSON object: the bytes linted, the seconds to build the shared document
indexes (line starts, lines, code regions, comments), and per check the best of three
passes over every file. Files are read before timing, so disk and decoding do not count.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from lint.config import load_config
from lint.document import Document
from lint.registry import load_checks

SUFFIXES = {".md", ".markdown", ".mdx", ".txt", ".html", ".htm"}
PASSES = 3


def _documents(texts: list[tuple[str, str]]) -> list[Document]:
    return [Document.for_path(text, path) for path, text in texts]


def _index(documents: list[Document]) -> float:
    start = time.perf_counter()
    for document in documents:
        _ = document.line_starts, document.lines, document.code, document.comments
    return time.perf_counter() - start


def main(argv: list[str]) -> int:
    folder = Path(argv[0])
    config = load_config(argv[1] if len(argv) > 1 else None, discover=False)
    paths = sorted(p for p in folder.rglob("*") if p.suffix in SUFFIXES and p.is_file())
    texts = [(str(p), p.read_text(encoding="utf-8", errors="replace")) for p in paths]
    result: dict[str, Any] = {
        "bytes": sum(p.stat().st_size for p in paths),
        "files": len(paths),
        "indexes": min(_index(_documents(texts)) for _ in range(PASSES)),
        "checks": {},
    }
    for check_id, check in load_checks().items():
        section = config.checks.get(check_id)
        if section is None:
            continue
        options = section.options
        for document in _documents(texts[:20]):  # warm-up: lazy imports, compiled state
            for _ in check.check(document, options):
                pass
        best = float("inf")
        findings = 0
        for _ in range(PASSES):
            documents = _documents(texts)
            _index(documents)
            start = time.perf_counter()
            findings = 0
            for document in documents:
                for _ in check.check(document, options):
                    findings += 1
            best = min(best, time.perf_counter() - start)
        result["checks"][check_id] = {"seconds": best, "findings": findings}
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
