"""Findings and fixes: plain data, shared by every check, the engine and the reporters."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Literal


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


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` (character offsets) with ``replacement``."""

    start: int
    end: int
    replacement: str = ""


@dataclass(frozen=True, slots=True)
class Fix:
    """A group of edits applied together or not at all.

    ``safe`` fixes are applied by ``fix``; the others only with ``--unsafe-fixes``.
    ``refused`` is set by the fixer when its guard would not apply the fix: the reason.
    """

    edits: tuple[Edit, ...]
    safe: bool = True
    refused: str = ""


FixSafety = Literal["safe", "unsafe", "sometimes", "none"]


@dataclass(frozen=True, slots=True)
class Finding:
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


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule inside a check: its id, default severity and the words ``rules`` shows."""

    id: str
    severity: Severity
    summary: str
    explanation: str
    example: str = ""
    fix: FixSafety = "none"
