"""Caret fixtures: a line of carets under a line marks an expected finding there.

    It was 2020â€”a move.
               ^^^ mojibake

The first caret is the expected column, the run of carets the expected width on that
line, and the word after them the rule. Caret lines are removed before linting; any
text without carets under it must stay clean.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

CARET = re.compile(r"^( *)(\^+) ([a-z0-9-]+)$")


@dataclass(frozen=True, order=True)
class Expected:
    line: int
    column: int
    width: int
    rule: str


def parse(path: Path) -> tuple[str, set[Expected]]:
    """The fixture's text without caret lines, and the findings it expects."""
    kept: list[str] = []
    expected: set[Expected] = set()
    for raw in path.read_text(encoding="utf-8").split("\n"):
        match = CARET.match(raw)
        if match:
            expected.add(
                Expected(len(kept), len(match.group(1)) + 1, len(match.group(2)), match.group(3))
            )
        else:
            kept.append(raw)
    return "\n".join(kept), expected
