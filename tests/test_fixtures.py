"""Every caret fixture: the expected findings, no others, and the exact fixed text."""

from __future__ import annotations

from pathlib import Path

import pytest

from lint import fix_text, lint_text
from tests.caret import Expected, parse

FIXTURES = Path(__file__).parent / "fixtures"
CARET_CHECKS = ("encoding", "html-comment", "links")
CASES = sorted(
    path
    for check in CARET_CHECKS
    for path in (FIXTURES / check).iterdir()
    if path.is_file() and ".fixed." not in path.name
)


def _fixed_path(path: Path) -> Path:
    return path.with_name(f"{path.stem}.fixed{path.suffix}")


@pytest.mark.parametrize("path", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_findings_match_carets(path: Path) -> None:
    check = path.parent.name
    text, expected = parse(path)
    result = lint_text(text, path=path.name, select=[check])
    document = result.document
    assert document is not None
    found = set()
    for finding in result.findings:
        line, column = document.position(finding.start)
        # A finding that runs over several lines is marked on its first line, to the line's end.
        width = min(finding.end, document.lines[line - 1].end) - finding.start
        found.add(Expected(line, column, width, finding.rule))
    assert sorted(found) == sorted(expected)


@pytest.mark.parametrize(
    "path", [p for p in CASES if _fixed_path(p).exists()], ids=lambda p: f"{p.parent.name}/{p.name}"
)
def test_fix_gives_the_fixed_file_and_is_idempotent(path: Path) -> None:
    check = path.parent.name
    text, _ = parse(path)
    wanted = _fixed_path(path).read_text(encoding="utf-8")
    first = fix_text(text, path=path.name, select=[check], unsafe=".unsafe." in path.name)
    assert first.text == wanted
    second = fix_text(first.text, path=path.name, select=[check], unsafe=".unsafe." in path.name)
    assert second.text == wanted
    assert second.fixed == 0


def test_every_caret_fixture_expects_something_or_is_a_negative() -> None:
    for path in CASES:
        _, expected = parse(path)
        assert expected or "legit" in path.name or "negative" in path.name, path
