"""Apply fixes: non-overlapping edits on the original text, repeated to a fixed point."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from itertools import pairwise

from lint.document import Document
from lint.finding import Edit, Fix
from lint.linter import Linter
from lint.result import Result, fixable

MAX_PASSES = 10


class ConvergenceError(RuntimeError):
    """The fixes kept changing the text; nothing is written."""


def apply_fixes(text: str, fixes: Iterable[Fix]) -> tuple[str, int]:
    """Apply every fix whose edits overlap no edit already taken; return (text, fixes applied).

    Fixes are taken in order of their first edit, so an earlier fix wins; a skipped fix is
    picked up again by the next pass, on the changed text.
    """
    ordered = sorted(
        (fix for fix in fixes if fix.edits),
        key=lambda fix: min((e.start, e.end) for e in fix.edits),
    )
    taken: list[Edit] = []
    starts: list[int] = []
    applied = 0
    for fix in ordered:
        edits = sorted(fix.edits, key=lambda e: (e.start, e.end))
        if _overlaps_each_other(edits) or any(
            _overlaps_taken(edit, taken, starts) for edit in edits
        ):
            continue
        for edit in edits:
            index = bisect_left(starts, edit.start)
            starts.insert(index, edit.start)
            taken.insert(index, edit)
        applied += 1
    if not taken:
        return text, 0
    parts: list[str] = []
    pos = 0
    for edit in taken:
        parts.append(text[pos : edit.start])
        parts.append(edit.replacement)
        pos = edit.end
    parts.append(text[pos:])
    return "".join(parts), applied


def _overlaps_each_other(edits: list[Edit]) -> bool:
    return any(b.start < a.end or (b.start == a.start) for a, b in pairwise(edits))


def _overlaps_taken(edit: Edit, taken: list[Edit], starts: list[int]) -> bool:
    index = bisect_left(starts, edit.start)
    for neighbour in taken[max(0, index - 1) : index + 1]:
        if edit.start < neighbour.end and neighbour.start < edit.end:
            return True
        # Two edits at one point (an insertion beside anything) would be order-dependent.
        if edit.start == neighbour.start or (
            edit.start == edit.end and neighbour.start < edit.start < neighbour.end
        ):
            return True
        if neighbour.start == neighbour.end and edit.start < neighbour.start < edit.end:
            return True
    return False


def fix_document(
    document: Document, linter: Linter, *, unsafe: bool = False, first: Result | None = None
) -> Result:
    """Lint, apply the applicable fixes, and lint again until nothing more applies.

    The result holds the fixed text (``result.document``), the fixes applied
    (``result.fixed``) and what the last lint still found. ``first`` is the caller's own
    result of linting ``document`` with ``linter``, when it has one (corpus mode lints every
    record before deciding to fix it): it is not redone.
    """
    result = first if first is not None else linter.lint(document)
    text = document.text
    fixed = 0
    for _ in range(MAX_PASSES):
        fixes = [f.fix for f in result.findings if f.fix is not None and fixable(f, unsafe)]
        if not fixes:
            break
        new_text, applied = apply_fixes(text, fixes)
        if new_text == text:
            break
        text = new_text
        fixed += applied
        result = linter.lint(Document(text=text, path=document.path, markup=document.markup))
    else:
        raise ConvergenceError(f"fixes did not converge after {MAX_PASSES} passes")
    result.fixed = fixed
    return result
