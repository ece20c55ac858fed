"""Inline control comments: ``<!-- contentlint: disable=RULES -->`` and friends.

Valid in Markdown, HTML and plain text. RULES are check ids or ``check/rule`` codes,
comma-separated; none means every rule. Directives inside code are content, not directives.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field

from lint.document import Document
from lint.finding import Finding

DIRECTIVE = re.compile(
    r"<!--[ \t]*contentlint[ \t]*:[ \t]*(disable-next-line|disable-file|disable|enable)"
    r"(?:[ \t]*=[ \t]*([^>]*?))?[ \t]*-->"
)
ALL = "*"


@dataclass
class Suppressions:
    """Which findings the document's own directives switch off."""

    file: set[str] = field(default_factory=set)
    ranges: list[tuple[int, int, str]] = field(default_factory=list)
    next_line: dict[int, set[str]] = field(default_factory=dict)
    problems: list[tuple[int, str]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.file or self.ranges or self.next_line)

    def suppresses(self, finding: Finding, line: int) -> bool:
        if _matches(self.file, finding):
            return True
        selectors = self.next_line.get(line)
        if selectors and _matches(selectors, finding):
            return True
        return any(
            start <= finding.start < end and _matches((selector,), finding)
            for start, end, selector in self.ranges
        )


def _matches(selectors: Collection[str], finding: Finding) -> bool:
    return ALL in selectors or finding.check in selectors or finding.code in selectors


def parse(document: Document, known: Collection[str]) -> Suppressions:
    """Read every directive in the document's comments; unknown rule names become problems."""
    result = Suppressions()
    if "contentlint" not in document.text:
        return result
    open_ranges: dict[str, int] = {}
    for start, end in document.comments:
        match = DIRECTIVE.fullmatch(document.text, start, end)
        if not match:
            continue
        action = match.group(1)
        selectors = _selectors(match.group(2), start, known, result)
        if action == "disable-file":
            result.file.update(selectors)
        elif action == "disable-next-line":
            line = document.line_of(end - 1) + 1
            result.next_line.setdefault(line, set()).update(selectors)
        elif action == "disable":
            for selector in selectors:
                open_ranges.setdefault(selector, end)
        else:
            closing = (
                list(open_ranges)
                if ALL in selectors
                else [s for s in selectors if s in open_ranges]
            )
            for selector in closing:
                result.ranges.append((open_ranges.pop(selector), start, selector))
    result.ranges.extend((begin, len(document.text), s) for s, begin in open_ranges.items())
    return result


def _selectors(
    raw: str | None, offset: int, known: Collection[str], result: Suppressions
) -> set[str]:
    names = [name.strip() for name in (raw or "").split(",") if name.strip()]
    if not names:
        return {ALL}
    valid = set()
    for name in names:
        if name in known:
            valid.add(name)
        else:
            result.problems.append((offset, f"unknown rule '{name}' in contentlint directive"))
    return valid
