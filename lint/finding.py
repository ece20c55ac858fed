"""Findings and fixes: plain data, shared by every check, the engine and the reporters.

Named tuples rather than dataclasses: as light to read, and a tenth of the cost to create
at import, which every run pays (``benchmarks/RESULTS.md``, start-up).
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Literal, NamedTuple


class Severity(IntEnum):
    """How much a finding matters; ``--fail-on`` compares against it."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> Severity:
        try:
            return cls[name.upper()]
        except KeyError:
            raise ValueError(
                f"unknown severity {name!r} (expected error, warning or info)"
            ) from None

    def __str__(self) -> str:
        return self.name.lower()


class Edit(NamedTuple):
    """Replace ``text[start:end]`` (character offsets) with ``replacement``."""

    start: int
    end: int
    replacement: str = ""


class Fix(NamedTuple):
    """A group of edits applied together or not at all.

    ``safe`` fixes are applied by ``fix``; the others only with ``--unsafe-fixes``.
    ``refused`` is set by the fixer when its guard would not apply the fix: the reason.
    """

    edits: tuple[Edit, ...]
    safe: bool = True
    refused: str = ""


FixSafety = Literal["safe", "unsafe", "sometimes", "none"]


class Finding(NamedTuple):
    """One problem at the character span ``[start, end)`` of a document.

    ``severity`` is None when the check leaves it to the rule's configured severity.
    """

    check: str
    rule: str
    start: int
    end: int
    message: str
    severity: Severity | None = None
    fix: Fix | None = None

    @property
    def code(self) -> str:
        return f"{self.check}/{self.rule}"


class Rule(NamedTuple):
    """A rule inside a check: its id, default severity and the words ``rules`` shows."""

    id: str
    severity: Severity
    summary: str
    explanation: str
    example: str = ""
    fix: FixSafety = "none"


def splice(text: str, edits: Sequence[Edit]) -> str:
    """``text`` with non-overlapping ``edits`` applied."""
    parts: list[str] = []
    pos = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        parts.append(text[pos : edit.start])
        parts.append(edit.replacement)
        pos = edit.end
    parts.append(text[pos:])
    return "".join(parts)
