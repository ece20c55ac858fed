"""The fix guard: every fix is checked before it is written, for every check and every way in
(files, stdin, corpus mode, ``fix_text``). The model is black's ``--safe``, which parses the
reformatted code again and requires the same tree.

- Markdown is parsed before and after with a CommonMark parser, HTML with an html.parser-like
  tree: the blocks (elements) and the text outside the fixed spans must be unchanged; only
  what each edit meant to remove or replace may differ. A fix that merges, splits or re-nests
  blocks is refused.
- Any markup: a fix never deletes a line that shares its paragraph (or list) with prose that
  stays; in plain text, never a line out of the middle of a sentence.
- Any markup: the fixes together never remove more than ``max-prose-removed`` of the
  document's article prose: the paragraphs of eight words or more that end a sentence and
  are not mostly link text (``model.reads_as_article``). Above it, every fix that takes
  article prose (or changes words anywhere but in whole lines or elements of furniture) is
  refused; a fix that deletes only whole lines or elements without article prose (a menu,
  a link list, a row of headlines) still goes, since it cannot take the article. A document
  with no article prose at all is measured by all its prose (paragraphs of five words or
  more), and above the limit every fix that deletes words is refused.
- The limit is a verdict on the document, not on a choice of fixes. A second ``fix``
  measures against the text the first left: had the first applied some of the fixes the
  limit counts before it was exceeded, the second would measure the rest against a smaller
  whole and could take what the first refused. So the fixer then starts again from the
  original with the guard ``restarted`` gives, which refuses every fix the limit counts,
  before the other rules (each names the limit): none of them is applied.

A refused fix is not applied and the others still are; the caller reports the reason.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from lint.document import Document
from lint.finding import Edit, Fix, splice
from lint.safety.compare import Pool, compare, paragraph_problems
from lint.safety.lines import deleted_pieces, deletions, erased_lines, visible_lines
from lint.safety.model import COMMENT, INVISIBLE, KEPT_MIN_WORDS, Model, Unit, count_words

# Comments and tags (a tag never holds "<": an unclosed one is not a tag, and scanning stays
# linear on a page of them).
_MARKUP = re.compile(r"<!--.*?(?:-->|\Z)|<[^<>]*>", re.DOTALL)
_CACHED_MODELS = 64
_BOM = "\ufeff"


@dataclass
class Verdict:
    """The fixes that may be applied together, and the refused ones with the reason."""

    accepted: list[Fix] = field(default_factory=list)
    refused: dict[Fix, str] = field(default_factory=dict)


def _token_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) widened to the white space on each side (at most 200 characters each way,
    so a page with no spaces stays linear)."""
    floor, ceiling = max(0, start - 200), min(len(text), end + 200)
    while start > floor and not text[start - 1].isspace():
        start -= 1
    while end < ceiling and not text[end].isspace():
        end += 1
    return start, end


def _edits(fixes: Sequence[Fix]) -> list[Edit]:
    return sorted((e for fix in fixes for e in fix.edits), key=lambda e: (e.start, e.end))


class Guard:
    """Reviews the fixes of one document, pass after pass, against the original's prose."""

    def __init__(self, original: Document, max_prose_removed: float) -> None:
        self.markup = original.markup
        self.limit = max_prose_removed
        # How often the limit was exceeded, and why the last time.
        self.times_exceeded = 0
        self.exceeded: str | None = None
        # Set by ``restarted``: every fix the limit counts is refused with this reason.
        self.refusing: str | None = None
        # The text the prose was first measured on, and its measure. Measured when a fix first
        # takes words, on the text as the repairs of earlier passes left it: mojibake such as
        # "â€”" reads as a word until it is repaired, and a second ``fix`` sees it repaired.
        self._original = original.text
        self._original_prose: int | None = None
        self._after_repairs: dict[str, int] = {}  # the measure for the text repairs leave
        self._broad = False  # no article prose: the limit measures all the prose
        # Article words the fixes accepted so far took, by the text they left: a fix that
        # keeps a paragraph's words but not its shape (a zero-width space out of a word) takes
        # nothing, which a count of the paragraphs that still read as an article would miss.
        self._taken: dict[str, int] = {}
        self._models: dict[tuple[str, bool], Model] = {}

    def review(self, document: Document, fixes: Sequence[Fix]) -> Verdict:
        """Which of ``fixes`` (on ``document``, not overlapping) may be applied together."""
        verdict = Verdict(accepted=list(fixes))
        if not fixes:
            return verdict
        if document.text in self._after_repairs:
            self._original_prose = self._after_repairs[document.text]
            self._after_repairs.clear()
        if document.text.startswith(_BOM):
            verdict.refused.update(_bom_takers(fixes))
        if self.refusing is not None:
            self._prose_limit(document, verdict)  # the limit's own fixes first, all of them
        if self.markup == "text":
            from lint.safety.text import list_breaks, sentence_breaks

            verdict.refused.update(sentence_breaks(document, self._open(verdict)))
            verdict.refused.update(list_breaks(document, self._open(verdict)))
            self._prose_limit(document, verdict)
        elif self.markup == "markdown":
            self._markdown(document, verdict)
        else:
            self._html(document, verdict)
        verdict.accepted = self._open(verdict)
        self._count_repairs(document, verdict.accepted)
        if verdict.accepted and self._original_prose and not self._broad:
            taken = self._taken_before(document) + self._taken_by(document, verdict.accepted)
            if len(self._taken) >= _CACHED_MODELS:
                self._taken.pop(next(iter(self._taken)))
            self._taken[splice(document.text, _edits(verdict.accepted))] = taken
        return verdict

    @staticmethod
    def _open(verdict: Verdict) -> list[Fix]:
        return [f for f in verdict.accepted if f not in verdict.refused]

    # --- how much prose goes ----------------------------------------------------------

    def _prose_limit(self, document: Document, verdict: Verdict) -> None:
        """Refuse the fixes that take article prose when together they take too much of it.

        Every fix that takes words is refused with them, except those that delete only whole
        lines (elements) holding no article prose: the fixes still applied then leave the
        count as it was, so a second ``fix`` measures the same share and refuses the same
        fixes (fix twice = no change the second time). A ``restarted`` guard does not measure:
        it refuses every fix that takes words, whichever fixes are offered. Repairs take no
        words (see ``_repairs``): the share is measured on the text as they leave it.
        """
        fixes = self._open(verdict)
        text = document.text
        repairs = _repairs(text, fixes)
        takers = [f for f in self._changers(text, fixes) if f not in repairs]
        if not takers:
            return
        reason = self.refusing or self._measure(document, repairs, takers, fixes)
        if reason is None:
            return
        if self.refusing is None:
            self.times_exceeded += 1
            self.exceeded = reason
        furniture = set() if self._broad else self._furniture(document, takers)
        for fix in takers:
            if fix not in furniture:
                verdict.refused[fix] = reason

    def _measure(
        self, document: Document, repairs: list[Fix], takers: list[Fix], fixes: list[Fix]
    ) -> str | None:
        """Why ``takers`` (with the other open ``fixes``) take too much prose; None: they
        do not."""
        text = document.text
        if self._original_prose is None:
            # Earlier passes changed no word but by repairs; what the text is (an article or
            # not) is judged as this pass's repairs leave it, as a second ``fix`` sees it.
            self._original = text
            self._broad = self._prose_of(splice(text, _edits(repairs)), broad=False) == 0
            self._original_prose = self._prose_of(text, self._broad)
        total = self._original_prose + self._repaired_words(text, repairs)
        if total <= 0:
            return None
        if self._broad:
            left = self._prose_of(splice(text, _edits(fixes)), True)
            share = (total - left) / total
        else:
            share = (self._taken_before(document) + self._taken_by(document, takers)) / total
        if share <= self.limit:
            return None
        what = "prose" if self._broad else "article prose"
        return (
            f"the fixes together would remove {share:.0%} of the document's {what}, more than"
            f" max-prose-removed ({self.limit:.0%}); check the document by hand"
        )

    def _repaired_words(self, text: str, repairs: list[Fix]) -> int:
        """How the repairs change the prose measure (mojibake "â€”" reads as a word)."""
        if not repairs:
            return 0
        after = self._prose_of(splice(text, _edits(repairs)), self._broad)
        return after - self._prose_of(text, self._broad)

    def _count_repairs(self, document: Document, accepted: list[Fix]) -> None:
        """The prose measure for the text ``accepted`` leaves, when the repairs among them
        change it: the next pass measures against it (a pass may review several choices of
        fixes, so it is kept by the text each leaves)."""
        if self._original_prose is None:
            return
        change = self._repaired_words(document.text, _repairs(document.text, accepted))
        if change:
            after = splice(document.text, _edits(accepted))
            self._after_repairs[after] = max(0, self._original_prose + change)

    def _taken_before(self, document: Document) -> int:
        """Article words the fixes of earlier passes took (the original: none)."""
        if document.text == self._original:
            return 0
        known = self._taken.get(document.text)
        if known is not None:
            return known
        return max(0, (self._original_prose or 0) - self._prose_of(document.text, False))

    def _taken_by(self, document: Document, fixes: Sequence[Fix]) -> int:
        """Article words in the text the fixes' deletions take out."""
        edits = _edits(fixes)
        if self.markup == "text":
            from lint.safety.text import taken_article_words

            return taken_article_words(document, edits)
        before = self._model(document.text)
        if self.markup == "markdown":
            return _markdown_taken(document, before, edits)
        return _html_taken(document.text, before, edits)

    def _prose_of(self, text: str, broad: bool) -> int:
        if self.markup == "text":
            from lint.safety.text import broad_prose_words, prose_words

            return broad_prose_words(text) if broad else prose_words(text)
        model = self._model(text)
        return model.prose_words() if broad else model.article_words()

    def _furniture(self, document: Document, fixes: list[Fix]) -> set[Fix]:
        """The fixes that delete only whole lines (HTML: whole text runs) holding no article
        prose, and touch no other visible text."""
        if self.markup == "text":
            from lint.safety.text import furniture_fixes

            return furniture_fixes(document, fixes)
        before = self._model(document.text)
        if self.markup == "markdown":
            return _markdown_furniture(document, before, fixes)
        return _html_furniture(before, fixes)

    def _changers(self, text: str, fixes: list[Fix]) -> list[Fix]:
        """The fixes that change how many words the text has, counted over the whole
        white-space-delimited tokens their edits touch (deleting a control character can join
        two words; deleting a URL's query can take a word glued to it). The edits of several
        fixes in one token are judged together: each alone may keep the count, both change it."""
        markup = COMMENT if self.markup == "text" else _MARKUP  # in plain text a tag is text
        touched = sorted(
            (*_token_bounds(text, edit.start, edit.end), index, edit)
            for index, fix in enumerate(fixes)
            for edit in fix.edits
        )
        groups: list[tuple[int, int, list[tuple[int, Edit]]]] = []
        for start, end, index, edit in touched:
            if groups and start <= groups[-1][1]:
                first, last, members = groups[-1]
                groups[-1] = (first, max(last, end), [*members, (index, edit)])
            else:
                groups.append((start, end, [(index, edit)]))
        changed: set[int] = set()
        for start, end, members in groups:
            shifted = [Edit(e.start - start, e.end - start, e.replacement) for _, e in members]
            before = text[start:end]
            after = splice(before, shifted)
            if count_words(markup.sub(" ", before)) != count_words(markup.sub(" ", after)):
                changed.update(index for index, _ in members)
        return [fix for index, fix in enumerate(fixes) if index in changed]

    # --- parsing --------------------------------------------------------------------------

    def _model(self, text: str, front_matter: bool = True) -> Model:
        key = (text, front_matter)
        cached = self._models.get(key)
        if cached is None:
            if self.markup == "markdown":
                from lint.safety.markdown import model

                cached = model(text, front_matter=front_matter)
            else:
                from lint.safety.html import model as html_model

                cached = html_model(text)
            if len(self._models) >= _CACHED_MODELS:
                self._models.pop(next(iter(self._models)))
            self._models[key] = cached
        return cached

    def restarted(self, original: Document) -> Guard:
        """A guard for fixing ``original`` again from the start, with the limit exceeded as
        this guard found it: every fix the limit counts is refused from the first pass."""
        guard = Guard(original, self.limit)
        guard.refusing = self.exceeded
        guard._broad = self._broad
        return guard

    def takes_words(self, document: Document, fixes: Sequence[Fix]) -> bool:
        """Some of ``fixes`` (on ``document``) are counted by the prose limit: they change
        how many words the text has, and are no repair."""
        text = document.text
        repairs = _repairs(text, fixes)
        return any(f not in repairs for f in self._changers(text, list(fixes)))

    # --- Markdown: windows of whole blocks -------------------------------------------------

    def _markdown(self, document: Document, verdict: Verdict) -> None:
        """Each fix in a window of the blocks around it, with the fixes already accepted
        that reach into that window: the cost grows with the fixes, not the document."""
        from lint.safety.windows import Blocks, cut, touched, touches_definitions

        text = document.text
        before = self._model(text)
        verdict.refused.update(_inside_article(document, before, self._open(verdict)))
        fixes = sorted(self._open(verdict), key=lambda f: min(e.start for e in f.edits))
        if touches_definitions(document, fixes):  # links anywhere may change: the whole text
            _, refused = self._settle(document, fixes, True)
            verdict.refused.update(refused)
            self._limit_then_settle(document, verdict)
            return
        blocks = Blocks.of(document, before)
        accepted: list[tuple[int, int, Fix]] = []
        for fix in fixes:
            first, last = touched(document, fix)
            start, stop = blocks.around(first, last)
            near: list[Fix] = []
            for other_first, other_last, other in reversed(accepted):
                if other_last < start:
                    break
                near.append(other)
                start = min(start, blocks.around(other_first, other_last)[0])
            part, shifted = cut(document, start, stop, [*near, fix])
            problems = self._problems(part, shifted, start == 0)
            if problems:
                verdict.refused[fix] = problems[0]
            else:
                accepted.append((first, last, fix))
        self._limit_then_settle(document, verdict)

    def _limit_then_settle(self, document: Document, verdict: Verdict) -> None:
        """The prose limit, after the paragraph and structure rules (a fix that breaks a
        paragraph is refused for that, and the limit measures whole paragraphs). Fixes that
        were checked beside a fix the limit then refuses are checked again without it."""
        open_before = len(self._open(verdict))
        self._prose_limit(document, verdict)
        fixes = self._open(verdict)
        if fixes and len(fixes) < open_before:
            _, refused = self._settle(document, fixes, True)
            verdict.refused.update(refused)

    # --- HTML: the paragraph rule first (no parse), the prose limit, then the tree ------

    def _html(self, document: Document, verdict: Verdict) -> None:
        before = self._model(document.text)
        from lint.safety.html import name_of

        for fix in self._open(verdict):
            erased, indices = _erased_elements(before, list(fix.edits))
            found = paragraph_problems(before, erased, indices, name_of) if indices else []
            if found:
                verdict.refused[fix] = found[0]
        self._prose_limit(document, verdict)  # on whole elements: the paragraph rule first
        fixes = self._open(verdict)
        if fixes:
            _, refused = self._settle(document, fixes, True)
            verdict.refused.update(refused)

    # --- settling: which fixes may go together --------------------------------------------

    def _settle(
        self, document: Document, fixes: list[Fix], front_matter: bool
    ) -> tuple[list[Fix], dict[Fix, str]]:
        """Split the fixes until each bad one is found alone: a bad fix never blocks the good."""
        problems = self._problems(document, fixes, front_matter)
        if not problems:
            return fixes, {}
        if len(fixes) == 1:
            return [], {fixes[0]: problems[0]}
        middle = len(fixes) // 2
        good_a, bad_a = self._settle(document, fixes[:middle], front_matter)
        good_b, bad_b = self._settle(document, fixes[middle:], front_matter)
        good, bad = good_a + good_b, {**bad_a, **bad_b}
        if good and (good == fixes or self._problems(document, good, front_matter)):
            # Good alone, bad together: take them one at a time, in order.
            taken: list[Fix] = []
            for fix in good:
                found = self._problems(document, [*taken, fix], front_matter)
                if found:
                    bad[fix] = found[0]
                else:
                    taken.append(fix)
            good = taken
        return good, bad

    def _problems(self, document: Document, fixes: Sequence[Fix], front_matter: bool) -> list[str]:
        edits = _edits(fixes)
        before = self._model(document.text, front_matter)
        after = self._model(splice(document.text, edits), front_matter)
        if self.markup == "markdown":
            from lint.safety.markdown import name_of

            gone = erased_lines(document, edits, list(document.comments))
            broken = _broken_paragraph(document, before, gone)
            erased = _erased_blocks(document, before, gone)
        else:
            from lint.safety.html import name_of

            broken = []
            erased, _ = _erased_elements(before, edits)
        return broken + compare(
            before, after, erased, _pools(self.markup, document, edits), name_of
        )


# --- fixes that take only furniture -----------------------------------------------------------


def _bom_takers(fixes: Sequence[Fix]) -> dict[Fix, str]:
    """The fixes that would take out a byte order mark the text starts with (text handed to
    the library as read with "utf-8", not "utf-8-sig"): files keep theirs, so must this."""
    return {
        fix: "it would delete the byte order mark"
        for fix in fixes
        if any(e.start == 0 < e.end and not e.replacement.startswith(_BOM) for e in fix.edits)
    }


def _repairs(text: str, fixes: Sequence[Fix]) -> list[Fix]:
    """The fixes that take no words: each edit replaces (mojibake, an entity) or deletes only
    invisible characters (a control between two words joins them; no word is taken)."""
    return [
        fix
        for fix in fixes
        if all(
            edit.replacement
            or all(unicodedata.category(c) in INVISIBLE for c in text[edit.start : edit.end])
            for edit in fix.edits
        )
    ]


def _only_deletions(fix: Fix) -> bool:
    return all(not e.replacement.strip() for e in fix.edits)


def _article_lines(before: Model) -> set[int]:
    """Markdown: the source lines of the paragraphs that read as an article."""
    article = before.article_paragraphs
    lines: set[int] = set()
    for unit in before.units:
        if unit.kind == "leaf" and unit.para in article and unit.first >= 0:
            lines.update(range(unit.first, unit.end))
    return lines


def _markdown_taken(document: Document, before: Model, edits: list[Edit]) -> int:
    """Words the deletions take out of the lines of article paragraphs."""
    from lint.safety.model import article_count

    article_lines = _article_lines(before)
    text = document.text
    return sum(
        article_count(_MARKUP.sub(" ", text[start:stop]))
        for number, start, stop in deleted_pieces(document, edits)
        if number in article_lines
    )


def _html_taken(text: str, before: Model, edits: list[Edit]) -> int:
    """Words the deletions take out of the text runs of article paragraphs."""
    import html

    from lint.safety.model import article_count

    article = before.article_paragraphs
    units = before.units
    offsets, indices = before.anchored
    taken = 0
    for start, stop in deletions(edits):
        first = bisect_left(offsets, start)
        for position in range(max(0, first - 1), bisect_left(offsets, stop)):
            unit = units[indices[position]]
            if unit.kind == "leaf" and unit.para in article and unit.stop > start:
                piece = text[max(start, unit.anchor) : min(stop, unit.stop)]
                taken += article_count(html.unescape(piece))
    return taken


def _markdown_furniture(document: Document, before: Model, fixes: list[Fix]) -> set[Fix]:
    """Markdown: the fixes whose edits erase whole lines, none in a paragraph that reads as
    an article, and touch no other visible line."""
    article_lines = _article_lines(before)
    hidden = list(document.comments)
    visible = visible_lines(document, hidden)
    found: set[Fix] = set()
    for fix in fixes:
        if not _only_deletions(fix):
            continue
        gone = erased_lines(document, fix.edits, hidden)
        touched = {
            n
            for e in fix.edits
            for n in range(document.line_of(e.start) - 1, document.line_of(max(e.start, e.end - 1)))
        }
        if all((n in gone and n not in article_lines) or not visible[n] for n in touched):
            found.add(fix)
    return found


def _html_furniture(before: Model, fixes: list[Fix]) -> set[Fix]:
    """HTML: the fixes whose deletions hold every text run they reach whole, none of them in
    a paragraph that reads as an article."""
    article = before.article_paragraphs
    units = before.units
    offsets, indices = before.anchored
    found: set[Fix] = set()
    for fix in fixes:
        if not _only_deletions(fix):
            continue
        clean = True
        for start, stop in deletions(fix.edits):
            first = bisect_left(offsets, start)
            if first > 0:  # a run of text that starts before the deletion and reaches into it
                previous = units[indices[first - 1]]
                if previous.kind == "leaf" and previous.words and previous.stop > start:
                    clean = False
            for position in range(first, bisect_left(offsets, stop)):
                unit = units[indices[position]]
                if (
                    unit.kind == "leaf"
                    and unit.words
                    and (unit.stop > stop or unit.para in article)
                ):
                    clean = False
            if not clean:
                break
        if clean:
            found.add(fix)
    return found


# --- what the edits erase -------------------------------------------------------------------


def _broken_paragraph(document: Document, before: Model, gone: set[int]) -> list[str]:
    """Markdown: a line deleted out of a paragraph whose other lines keep prose."""
    if not gone:
        return []
    text = document.text
    lines = document.lines
    for unit in before.units:
        # Paragraphs and headings; raw HTML blocks, whose loose lines read as text too.
        if unit.kind != "leaf" or unit.key[0] not in {"leaf", "html"} or unit.first < 0:
            continue
        span = range(unit.first, min(unit.end, len(lines)))
        if not any(n in gone for n in span):
            continue
        kept = sum(
            count_words(_MARKUP.sub(" ", text[lines[n].start : lines[n].end]))
            for n in span
            if n not in gone
        )
        if kept >= KEPT_MIN_WORDS:
            what = before.units[unit.para].name if unit.para >= 0 else "HTML block"
            return [f"it would delete a line from a {what} whose other text stays"]
    return []


def _inside_article(document: Document, before: Model, fixes: Sequence[Fix]) -> dict[Fix, str]:
    """Markdown: the fixes that delete a whole paragraph of the article (one that reads as
    article prose) while article paragraphs stay both before and after it.

    Furniture sits around an article (a newsletter box below it, a byline above); a
    paragraph of prose with the article going on both sides of it is the article, whatever
    a classifier of short lines calls it. Judged on the document as it is, so a second
    ``fix`` judges the same way (fix twice = no change the second time)."""
    article = sorted(before.article_paragraphs)
    if len(article) < 3:
        return {}
    hidden = list(document.comments)
    refused: dict[Fix, str] = {}
    for fix in fixes:
        gone = erased_lines(document, fix.edits, hidden)
        if not gone:
            continue
        erased = _erased_blocks(document, before, gone)
        flags = [erased[para] for para in article]
        for index, flag in enumerate(flags):
            if flag and not all(flags[:index]) and not all(flags[index + 1 :]):
                refused[fix] = (
                    "it would delete a paragraph of the article between paragraphs of it that stay"
                )
                break
    return refused


def _erased_blocks(document: Document, before: Model, gone: set[int]) -> list[bool]:
    """Markdown: a block is erased when the edits take out every visible line of it."""
    visible = visible_lines(document, list(document.comments)) if gone else []
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


def _erased_elements(before: Model, edits: list[Edit]) -> tuple[list[bool], list[int]]:
    """HTML: an element is erased when one removed span holds all of it, from its opening tag
    to its closing tag (or its last content when it closes implicitly); a run of text when
    one removed span holds it. Only the units inside the spans are looked at. The flags for
    every unit, and the erased units' indices in order."""
    units = before.units
    flags = [False] * len(units)
    erased: list[int] = []
    offsets, indices = before.anchored
    for start, stop in deletions(edits):
        for position in range(bisect_left(offsets, start), bisect_left(offsets, stop)):
            index = indices[position]
            if flags[index]:
                continue  # inside an element already erased
            unit = units[index]
            if unit.kind == "leaf":
                if unit.stop <= stop:
                    flags[index] = True
                    erased.append(index)
            elif _extent(before, index) <= stop:
                last = max(index, unit.match)
                flags[index : last + 1] = [True] * (last + 1 - index)
                erased.extend(range(index, last + 1))
    return flags, erased


def _extent(model: Model, index: int) -> int:
    """Where an element ends in the source: its closing tag, or its last content."""
    units = model.units
    unit = units[index]
    close = units[unit.match] if unit.match > index else None
    if close is not None and close.stop >= 0:
        return close.stop
    inner = units[index + 1 : unit.match if unit.match > index else len(units)]
    return max((max(u.anchor + 1, u.stop) for u in inner if u.anchor >= 0), default=unit.anchor + 1)


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


def _pools(markup: str, document: Document, edits: list[Edit]) -> Callable[[Unit], Pool]:
    """The text the edits near a unit removed and inserted (Markdown: by line)."""
    text = document.text
    everything = Pool(
        "\n".join(text[e.start : e.end] for e in edits), "\n".join(e.replacement for e in edits)
    )
    if markup != "markdown":
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
