"""Apply fixes: non-overlapping edits on the original text, checked by the guard
(lint/safety), repeated to a fixed point."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from itertools import pairwise
from typing import TYPE_CHECKING

from lint.document import Document
from lint.finding import Edit, Finding, Fix, splice
from lint.linter import Linter
from lint.result import Result, fixable

if TYPE_CHECKING:
    from lint.safety import Guard

MAX_PASSES = 10


class ConvergenceError(RuntimeError):
    """The fixes kept changing the text; nothing is written."""


def select_fixes(fixes: Iterable[Fix]) -> list[Fix]:
    """The fixes whose edits overlap no edit already taken, in order of their first edit.

    An earlier fix wins; a skipped fix is picked up again by the next pass, on the changed text.
    """
    ordered = sorted(
        (fix for fix in fixes if fix.edits),
        key=lambda fix: min((e.start, e.end) for e in fix.edits),
    )
    taken: list[Edit] = []
    starts: list[int] = []
    chosen: list[Fix] = []
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
        chosen.append(fix)
    return chosen


def apply_fixes(text: str, fixes: Iterable[Fix]) -> tuple[str, int]:
    """Apply every fix whose edits overlap no edit already taken; return (text, fixes applied).

    No guard: the caller has decided these fixes are safe (``fix_document`` checks them).
    """
    chosen = select_fixes(fixes)
    if not chosen:
        return text, 0
    return splice(text, [e for fix in chosen for e in fix.edits]), len(chosen)


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
    """Lint, apply the fixes the guard accepts, and lint again until nothing more applies.

    The result holds the fixed text (``result.document``), the fixes applied
    (``result.fixed``) and what the last lint still found; a finding whose fix the guard
    refused keeps its fix, marked ``refused`` with the reason, and says so in its message.
    ``first`` is the caller's own result of linting ``document`` with ``linter``, when it has
    one (corpus mode lints every record before deciding to fix it): it is not redone.
    """
    from lint.safety import Guard  # the parsers it needs load only when something is fixed

    result = first if first is not None else linter.lint(document)
    guard = Guard(document, linter.config.max_prose_removed)
    current = document
    fixed = 0
    refused: dict[Fix, str] = {}
    for _ in range(MAX_PASSES):
        fixes = [f.fix for f in result.findings if f.fix is not None and fixable(f, unsafe)]
        accepted, refused = _review(guard, current, fixes)
        if not accepted:
            break
        new_text = splice(current.text, [e for fix in accepted for e in fix.edits])
        if new_text == current.text:
            break
        fixed += len(accepted)
        current = Document(text=new_text, path=document.path, markup=document.markup)
        result = linter.lint(current)
    else:
        raise ConvergenceError(f"fixes did not converge after {MAX_PASSES} passes")
    if refused:
        result.findings = [_mark_refused(f, refused) for f in result.findings]
    result.fixed = fixed
    return result


def _review(guard: Guard, document: Document, fixes: list[Fix]) -> tuple[list[Fix], dict[Fix, str]]:
    """The fixes to apply now (non-overlapping, accepted by the guard) and the refused ones.

    A refused fix may have kept an overlapping one out: choose again without it.
    """
    refused: dict[Fix, str] = {}
    while True:
        chosen = select_fixes(f for f in fixes if f not in refused)
        if not chosen:
            return [], refused
        verdict = guard.review(document, chosen)
        if not verdict.refused:
            return verdict.accepted, refused
        refused.update(verdict.refused)


def _mark_refused(finding: Finding, refused: dict[Fix, str]) -> Finding:
    if finding.fix is None or finding.fix not in refused:
        return finding
    reason = refused[finding.fix]
    return finding._replace(
        message=f"{finding.message} (not fixed: {reason})",
        fix=finding.fix._replace(refused=reason),
    )
