"""Inline control comments: ``<!-- contentlint: disable=RULES -->`` and friends.

Valid in Markdown, HTML and plain text. RULES are check ids or ``check/rule`` codes,
comma-separated; none means every rule.

- ``disable[=RULES]`` … ``enable[=RULES]``: a region, from the end of the one comment to
  the start of the other (or the end of the file). ``enable=links/shortener`` inside
  ``disable=links`` re-enables that one rule; ``enable`` alone ends every region.
- ``disable-next-line[=RULES]``: findings starting on the line after the comment.
- ``disable-file[=RULES]``: the whole file, wherever the comment is.

Directives inside code are content, not directives. Unknown rule names and unknown
actions are reported as problems (with the closest known name), never silently ignored.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection
from typing import NamedTuple

from lint.document import Document
from lint.finding import Finding

# The comment must start with the marker; the action and the rule list are parsed apart,
# so no pattern here can backtrack over a long comment.
_MARKER = re.compile(r"<!--\s*contentlint\s*:\s*")
_ACTION = re.compile(r"([a-z-]*)\s*(=?)")
_SEPARATORS = re.compile(r"[,\s]+")
SHOWN = 40  # characters of an unknown name quoted back
ACTIONS = ("disable", "enable", "disable-next-line", "disable-file")
ALL = "*"


class _State(NamedTuple):
    """What is switched off from ``start`` on: ``disabled`` minus the ``enabled`` exceptions."""

    start: int
    disabled: frozenset[str]
    enabled: frozenset[str]


class Suppressions:
    """Which findings the document's own directives switch off.

    A plain class: every run creates this class, and a dataclass costs ten times as much
    to create (start-up, ``benchmarks/RESULTS.md``)."""

    def __init__(self) -> None:
        self.file: set[str] = set()
        self.states: list[_State] = []
        self.next_line: dict[int, set[str]] = {}
        self.problems: list[tuple[int, str]] = []
        self._starts: list[int] = []

    def __bool__(self) -> bool:
        return bool(self.file or self.states or self.next_line)

    def suppresses(self, finding: Finding, line: int) -> bool:
        if _matches(self.file, finding):
            return True
        selectors = self.next_line.get(line)
        if selectors and _matches(selectors, finding):
            return True
        index = bisect_right(self._starts, finding.start) - 1
        if index < 0:
            return False
        state = self.states[index]
        return _matches(state.disabled, finding) and not _matches(state.enabled, finding)


def _matches(selectors: Collection[str], finding: Finding) -> bool:
    return ALL in selectors or finding.check in selectors or finding.code in selectors


def _covers(broad: str, narrow: str) -> bool:
    """Whether selector ``broad`` includes everything ``narrow`` selects."""
    return broad in (ALL, narrow) or narrow.startswith(broad + "/")


def parse(document: Document, known: Collection[str]) -> Suppressions:
    """Read every directive in the document's comments; unknown names become problems."""
    result = Suppressions()
    if "contentlint" not in document.text:
        return result
    disabled: set[str] = set()
    enabled: set[str] = set()
    text = document.text
    for start, end in document.comments:
        marker = _MARKER.match(text, start, end)
        if not marker:
            continue
        parsed = _directive(text, marker.end(), end, start, known, result)
        if parsed is None:
            continue
        action, selectors = parsed
        if not selectors:
            continue  # every name was unknown: already reported, nothing to do
        if action == "disable-file":
            result.file.update(selectors)
        elif action == "disable-next-line":
            line = document.line_of(end - 1) + 1
            result.next_line.setdefault(line, set()).update(selectors)
        else:
            _switch(action, selectors, disabled, enabled)
            result.states.append(
                _State(
                    end if action == "disable" else start, frozenset(disabled), frozenset(enabled)
                )
            )
    result._starts = [state.start for state in result.states]
    return result


def _switch(action: str, selectors: set[str], disabled: set[str], enabled: set[str]) -> None:
    if action == "disable":
        for selector in selectors:
            disabled.add(selector)
            enabled.difference_update({e for e in enabled if _covers(selector, e)})
        return
    if ALL in selectors:
        disabled.clear()
        enabled.clear()
        return
    for selector in selectors:
        disabled.difference_update({d for d in disabled if _covers(selector, d)})
        if any(_covers(d, selector) for d in disabled):
            enabled.add(selector)


def _directive(
    text: str, pos: int, end: int, start: int, known: Collection[str], result: Suppressions
) -> tuple[str, set[str]] | None:
    if not text.startswith("-->", end - 3):
        return None  # unterminated: html-comment reports it, and it switches nothing off
    body_end = end - 3
    match = _ACTION.match(text, pos, body_end)
    action = match.group(1).lower() if match else ""
    if action not in ACTIONS:
        shown = (action or text[pos:body_end].strip())[:SHOWN]
        result.problems.append(
            (start, f"unknown contentlint directive '{shown}'{_hint(action, ACTIONS)}")
        )
        return None
    assert match is not None
    # "disable=a,b" is the documented form; "disable a b" (markdownlint's) is accepted too.
    return action, _selectors(text[match.end() : body_end], start, known, result)


def _selectors(raw: str, offset: int, known: Collection[str], result: Suppressions) -> set[str]:
    names = [name for name in _SEPARATORS.split(raw) if name]
    if not names:
        return {ALL}
    valid = set()
    for name in names:
        if name in known:
            valid.add(name)
        else:
            result.problems.append(
                (
                    offset,
                    f"unknown rule '{name[:SHOWN]}' in contentlint directive{_hint(name[:SHOWN], known)}",
                )
            )
    return valid


def _hint(name: str, known: Collection[str]) -> str:
    if not name:
        return ""
    import difflib  # only when a directive is wrong

    close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
