"""The fix guard: every fix is checked before it is written, for every check and every way in
(files, stdin, corpus mode, ``fix_text``). The model is black's ``--safe``, which parses the
reformatted code again and requires the same tree.

- Markdown is parsed before and after with a CommonMark parser, HTML with html.parser: the
  blocks (elements) and the text outside the fixed spans must be unchanged; only what each
  edit meant to remove or replace may differ. A fix that merges, splits or re-nests blocks is
  refused.
- Any markup: a fix never deletes a line that shares its paragraph (or list) with prose that
  stays; in plain text, never a line out of the middle of a sentence.
- Any markup: the fixes together never remove more than ``max-prose-removed`` of the
  document's prose; above it, every fix that deletes words is refused.

A refused fix is not applied and the others still are; the caller reports the reason.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from lint.document import Document
from lint.finding import Edit, Fix
from lint.safety.compare import Pool, compare
from lint.safety.lines import deletions, erased_lines, visible_lines
from lint.safety.model import Model, Unit, count_words

_MARKUP = re.compile(r"<!--.*?(?:-->|\Z)|<[^>]*>", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_CACHED_MODELS = 4


@dataclass
class Verdict:
    """The fixes that may be applied together, and the refused ones with the reason."""

    accepted: list[Fix] = field(default_factory=list)
    refused: dict[Fix, str] = field(default_factory=dict)


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


def _edits(fixes: Sequence[Fix]) -> list[Edit]:
    return sorted((e for fix in fixes for e in fix.edits), key=lambda e: (e.start, e.end))


class Guard:
    """Reviews the fixes of one document, pass after pass, against the original's prose."""

    def __init__(self, original: Document, max_prose_removed: float) -> None:
        self.markup = original.markup
        self.limit = max_prose_removed
        self._original = original.text
        self._original_prose: int | None = None
        self._models: dict[str, Model] = {}

    def review(self, document: Document, fixes: Sequence[Fix]) -> Verdict:
        """Which of ``fixes`` (on ``document``, not overlapping) may be applied together."""
        verdict = Verdict(accepted=list(fixes))
        if not fixes:
            return verdict
        if self.markup == "text":
            from lint.safety.text import sentence_breaks

            verdict.refused.update(sentence_breaks(document, fixes))
        self._prose_limit(document, verdict)
        if self.markup != "text":
            self._structure(document, verdict)
        verdict.accepted = [f for f in verdict.accepted if f not in verdict.refused]
        return verdict

    # --- how much prose goes ----------------------------------------------------------

    def _prose(self, text: str) -> int:
        if self.markup == "text":
            from lint.safety.text import prose_words

            return prose_words(text)
        return self._model(text).prose_words()

    def _prose_limit(self, document: Document, verdict: Verdict) -> None:
        fixes = [f for f in verdict.accepted if f not in verdict.refused]
        removers = [f for f in fixes if self._removes_words(document.text, f)]
        if not removers:
            return
        if self._original_prose is None:
            self._original_prose = self._prose(self._original)
        total = self._original_prose
        if total == 0:
            return
        left = self._prose(splice(document.text, _edits(fixes)))
        share = (total - left) / total
        if share <= self.limit:
            return
        reason = (
            f"the fixes together would remove {share:.0%} of the document's prose, more than"
            f" max-prose-removed ({self.limit:.0%}); check the document by hand"
        )
        for fix in removers:
            verdict.refused[fix] = reason

    def _removes_words(self, text: str, fix: Fix) -> bool:
        removed = " ".join(text[e.start : e.end] for e in fix.edits if not e.replacement.strip())
        # Comments are never prose; in plain text a tag is text.
        removed = (_COMMENT if self.markup == "text" else _MARKUP).sub(" ", removed)
        return count_words(removed) > 0

    # --- structure ----------------------------------------------------------------------

    def _model(self, text: str) -> Model:
        cached = self._models.get(text)
        if cached is None:
            if self.markup == "markdown":
                from lint.safety.markdown import model
            else:
                from lint.safety.html import model
            cached = model(text)
            if len(self._models) >= _CACHED_MODELS:
                self._models.clear()
            self._models[text] = cached
        return cached

    def _structure(self, document: Document, verdict: Verdict) -> None:
        fixes = [f for f in verdict.accepted if f not in verdict.refused]
        if fixes:
            _, refused = self._settle(document, fixes)
            verdict.refused.update(refused)

    def _settle(self, document: Document, fixes: list[Fix]) -> tuple[list[Fix], dict[Fix, str]]:
        """Split the fixes until each bad one is found alone: a bad fix never blocks the good."""
        problems = self._problems(document, fixes)
        if not problems:
            return fixes, {}
        if len(fixes) == 1:
            return [], {fixes[0]: problems[0]}
        middle = len(fixes) // 2
        good_a, bad_a = self._settle(document, fixes[:middle])
        good_b, bad_b = self._settle(document, fixes[middle:])
        good, bad = good_a + good_b, {**bad_a, **bad_b}
        if good and (good == fixes or self._problems(document, good)):
            # Good alone, bad together: take them one at a time, in order.
            taken: list[Fix] = []
            for fix in good:
                found = self._problems(document, [*taken, fix])
                if found:
                    bad[fix] = found[0]
                else:
                    taken.append(fix)
            good = taken
        return good, bad

    def _problems(self, document: Document, fixes: Sequence[Fix]) -> list[str]:
        edits = _edits(fixes)
        before = self._model(document.text)
        after = self._model(splice(document.text, edits))
        if self.markup == "markdown":
            from lint.safety.markdown import name_of

            erased = self._erased_lines(document, before, edits)
        else:
            from lint.safety.html import name_of

            erased = self._erased_elements(before, edits)
        return compare(before, after, erased, self._pools(document, edits), name_of)

    def _erased_lines(self, document: Document, before: Model, edits: list[Edit]) -> list[bool]:
        """Markdown: a block is erased when the edits take out every visible line of it."""
        hidden = list(document.comments)
        gone = erased_lines(document, edits, hidden)
        visible = visible_lines(document, hidden) if gone else []
        flags: list[bool] = []
        for unit in before.units:
            if unit.kind == "close":
                flags.append(0 <= unit.match < len(flags) and flags[unit.match])
            elif unit.first < 0 or not gone:
                flags.append(False)
            else:
                shown = [n for n in range(unit.first, min(unit.end, len(visible))) if visible[n]]
                flags.append(bool(shown) and all(n in gone for n in shown))
        return _inherit(before, flags)

    def _erased_elements(self, before: Model, edits: list[Edit]) -> list[bool]:
        """HTML: an element is erased when its opening tag lies inside a removed span, a run
        of text when all of it does."""
        spans = deletions(edits)
        starts = [start for start, _ in spans]

        def removed(start: int, stop: int) -> bool:
            index = bisect_right(starts, start) - 1
            return index >= 0 and spans[index][0] <= start and stop <= spans[index][1]

        flags = [
            u.anchor >= 0
            and (
                (u.kind == "open" and removed(u.anchor, u.anchor + 1))
                or (u.kind == "leaf" and removed(u.anchor, u.stop))
            )
            for u in before.units
        ]
        return _inherit(before, flags)

    def _pools(self, document: Document, edits: list[Edit]) -> Callable[[Unit], Pool]:
        text = document.text
        everything = Pool(
            "\n".join(text[e.start : e.end] for e in edits),
            "\n".join(e.replacement for e in edits),
        )
        if self.markup != "markdown":
            return lambda unit: everything
        spans = [(document.line_of(e.start) - 1, document.line_of(e.end) - 1, e) for e in edits]

        def near(unit: Unit) -> Pool:
            if unit.first < 0:
                return everything
            chosen = [e for first, last, e in spans if first <= unit.end and last >= unit.first - 1]
            return Pool(
                "\n".join(text[e.start : e.end] for e in chosen),
                "\n".join(e.replacement for e in chosen),
            )

        return near


def _inherit(model: Model, flags: list[bool]) -> list[bool]:
    """Everything inside an erased block is erased with it; a close follows its open."""
    units = model.units
    until = -1
    for index, unit in enumerate(units):
        if index <= until:
            flags[index] = True
        elif flags[index] and unit.kind == "open" and unit.match > index:
            until = unit.match
        elif unit.kind == "close" and 0 <= unit.match < index:
            flags[index] = flags[unit.match]
    return flags
