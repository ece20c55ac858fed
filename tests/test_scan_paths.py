"""Every check gives the same findings and the same fixed text whether its declared patterns
are scanned with hyperscan or with re alone.

The documents: the seeds, every test fixture, the real blog corpus and a generated corpus
(benchmarks/make_corpus.py: prose with mojibake, comments, chrome, links and claims mixed
in), each linted and fixed with every built-in check, CONTENTLINT_HYPERSCAN=1 then =0. A
check that declares patterns is covered as soon as it is in lint.checks.BUILTIN.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest

from lint import fix_text, lint_text, scan
from lint.api import linter_for
from lint.finding import Finding

pytest.importorskip("hyperscan", reason="the fast path needs the hyperscan wheel")

ROOT = Path(__file__).resolve().parent.parent
SUFFIXES = {".md", ".markdown", ".mdx", ".txt", ".html", ".htm"}


def _generated(count: int) -> Iterator[tuple[str, str]]:
    spec = importlib.util.spec_from_file_location(
        "make_corpus", ROOT / "benchmarks" / "make_corpus.py"
    )
    assert spec is not None and spec.loader is not None
    make_corpus = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_corpus", make_corpus)  # its dataclasses look themselves up
    spec.loader.exec_module(make_corpus)
    writer = make_corpus.Writer(make_corpus.build_pool(), seed=19)
    for index in range(count):
        markdown = index % 3 != 0
        yield f"generated-{index}.{'md' if markdown else 'txt'}", writer.document(6000, markdown)
    yield "generated-line.txt", writer.long_line(40_000)


def _documents() -> list[tuple[str, str]]:
    folders = [
        ROOT / "seeds",
        ROOT / "tests" / "fixtures",
        ROOT / "benchmarks" / "corpora" / "blogs",
    ]
    found = [
        (str(path.relative_to(ROOT)), path.read_text(encoding="utf-8", errors="replace"))
        for folder in folders
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.suffix in SUFFIXES
    ]
    return found + list(_generated(40))


def _outcome(name: str, text: str) -> tuple[list[Finding], str, str]:
    path = Path(name).name
    findings = list(lint_text(text, path=path).findings)  # every field: rule, span, fix ...
    return (findings, fix_text(text, path=path).text, fix_text(text, path=path, unsafe=True).text)


@pytest.mark.slow
def test_findings_and_fixes_are_the_same_with_and_without_hyperscan() -> None:
    documents = _documents()
    assert len(documents) > 150
    outcomes = {}
    for setting in ("1", "0"):
        with mock.patch.dict(os.environ, {"CONTENTLINT_HYPERSCAN": setting}):
            outcomes[setting] = {name: _outcome(name, text) for name, text in documents}
    differ = [name for name, _ in documents if outcomes["1"][name] != outcomes["0"][name]]
    assert differ == []
    assert sum(len(found[0]) for found in outcomes["1"].values()) > 1000


def test_the_checks_patterns_are_all_scanned_by_hyperscan() -> None:
    """With hyperscan forced, the declared line-local patterns are really scanned by it."""
    linter = linter_for(None, (), ())
    plan = linter._plans[True]
    assert plan.line_local  # encoding declares its patterns at least
    built = scan._database(plan.line_local)
    assert built is not None and len(built[1]) == len(plan.line_local)
