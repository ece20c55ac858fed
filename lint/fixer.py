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

    When the prose limit is exceeded after fixes it counts were applied in an earlier pass,
    it starts again from ``document`` with every fix the limit counts refused: a second
    ``fix`` would measure the rest against the text those fixes left, a smaller whole, and
    could take what this one refused (fix twice = no change the second time).
    """
    from lint.safety import Guard  # the parsers it needs load only when something is fixed

    result = first if first is not None else linter.lint(document)
    guard = Guard(document, linter.config.max_prose_removed)
    outcome = _fix_passes(document, linter, guard, result, unsafe)
    if outcome is None:
        outcome = _fix_passes(document, linter, guard.restarted(document), result, unsafe)
        assert outcome is not None  # a restarted guard does not measure: no second restart
    last, fixed, refused = outcome
    if refused:
        last.findings = [_mark_refused(f, refused) for f in last.findings]
    last.fixed = fixed
    return last


def _fix_passes(
    document: Document, linter: Linter, guard: Guard, result: Result, unsafe: bool
) -> tuple[Result, int, dict[Fix, str]] | None:
    """Fix to a fixed point: the last result, the fixes applied and the refused ones. None
    when the prose limit was exceeded after an earlier pass applied fixes it counts."""
    current = document
    fixed = 0
    took = False  # fixes the prose limit counts were applied
    refused: dict[Fix, str] = {}
    for _ in range(MAX_PASSES):
        fixes = [f.fix for f in result.findings if f.fix is not None and fixable(f, unsafe)]
        times = guard.times_exceeded
        accepted, refused = _review(guard, current, fixes)
        if took and guard.times_exceeded > times:
            return None
        if not accepted:
            break
        new_text = splice(current.text, [e for fix in accepted for e in fix.edits])
        if new_text == current.text:
            break
        took = took or guard.takes_words(current, accepted)
        fixed += len(accepted)
        current = Document(text=new_text, path=document.path, markup=document.markup)
        result = linter.lint(current)
    else:
        raise ConvergenceError(f"fixes did not converge after {MAX_PASSES} passes")
    return result, fixed, refused


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
