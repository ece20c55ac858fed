"""Compare a document before and after some edits: everything must be the same except what
the edits themselves take out or put in.

The before side drops the units the edits erase whole (a removed paragraph, element or list
item); what remains must match the after side unit for unit. Where a run of text differs, the
words and characters that went must come from the text the edits removed, and the ones that
came from the text they inserted. A block that starts, ends, merges or moves is a problem
whatever the text, and so is text taken out of a paragraph (or a list) whose other text stays.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from itertools import pairwise
from typing import TypeVar

from lint.safety.model import KEPT_MIN_WORDS, Atom, Model, Unit, count_words

T = TypeVar("T")
Span = tuple[int, int, int, int]  # a change: old[i1:i2] became new[j1:j2]
_SQUASH = re.compile(r"\W+|_")
# What an inline mark is written with, so that removed source text can account for it.
_MARKUP = {
    "link": "[]()<>",
    "em": "*_",
    "strong": "*_",
    "s": "~",
    "code": "`",
    "image": "!",
    "html": "<>",
    "hardbreak": "\\ ",
}


@dataclass
class Pool:
    """The text the edits near a place removed and inserted."""

    removed: str
    inserted: str
    _squashed: dict[str, str] = field(default_factory=dict)

    def squashed(self, which: str) -> str:
        if which not in self._squashed:
            self._squashed[which] = _squash(getattr(self, which))
        return self._squashed[which]


def _squash(text: str) -> str:
    return _SQUASH.sub("", html.unescape(text)).lower()


def _subsequence(needle: str, haystack: str) -> bool:
    it = iter(haystack)
    return all(char in it for char in needle)


def explained(piece: str, pool: Pool, which: str) -> bool:
    """``piece`` (rendered text) could have come out of (or in with) the edits' text."""
    if not piece.strip():
        return True
    squashed = _squash(piece)
    if squashed:
        return _subsequence(squashed, pool.squashed(which))
    source = getattr(pool, which)
    source = source + html.unescape(source)
    return all(char in source for char in piece if not char.isspace())


@dataclass
class Comparison:
    before: Model
    after: Model
    erased: list[bool]
    pool_for: Callable[[Unit], Pool]
    name_of: Callable[[str], str]
    problems: list[tuple[int, str]] = field(default_factory=list)  # (priority, reason)
    deleted_words: dict[int, int] = field(default_factory=dict)  # paragraph -> words

    def problem(self, priority: int, reason: str) -> None:
        self.problems.append((priority, reason))

    def reasons(self) -> list[str]:
        return [reason for _, reason in sorted(self.problems, key=lambda p: -p[0])]


def compare(
    before: Model,
    after: Model,
    erased: list[bool],
    pool_for: Callable[[Unit], Pool],
    name_of: Callable[[str], str],
) -> list[str]:
    """The reasons the after side is not the before side minus the edits (empty: it is)."""
    work = Comparison(before, after, erased, pool_for, name_of)
    kept = [i for i, gone in enumerate(erased) if not gone]
    units = before.units
    a_keys = [units[i].key for i in kept]
    b_keys = [u.key for u in after.units]
    if len(a_keys) == len(b_keys):
        pairs = [(i, j) for j, i in enumerate(kept) if units[i].key != b_keys[j]]
        if all(_same_slot(units[i], after.units[j]) for i, j in pairs):
            for i, j in pairs:
                _pair(work, units[i], after.units[j])
            _paragraph_rules(work, [i for i, gone in enumerate(erased) if gone])
            return work.reasons()
    matcher = SequenceMatcher(None, a_keys, b_keys, autojunk=len(a_keys) > 2000)
    gone: list[Unit] = []
    came: list[Unit] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if not _region(work, [units[i] for i in kept[i1:i2]], after.units[j1:j2]):
            gone.extend(units[i] for i in kept[i1:i2])
            came.extend(after.units[j1:j2])
    if gone or came:
        # One account of every stretch that changed shape: a code block that became a
        # paragraph shows up as several stretches.
        work.problem(5, _describe(work, gone, came))
    _paragraph_rules(work, [i for i, gone in enumerate(erased) if gone])
    return work.reasons()


def _same_slot(a: Unit, b: Unit) -> bool:
    return a.kind == b.kind and a.name == b.name and a.kind in {"leaf", "open"}


def _pair(work: Comparison, a: Unit, b: Unit) -> None:
    """Two units in the same place that differ: a leaf's text, or an element's attributes."""
    pool = work.pool_for(a)
    if a.kind == "leaf" and a.key[0] == "leaf" and b.key[0] == "leaf":
        _atoms(work, _tagged(a), list(b.atoms), pool)
        return
    if a.kind == "open":
        # An element's attributes are source text an edit may change (a rel added); the
        # other properties of a block (a tight list, a heading's level) are not.
        attributes = len(a.key) == 3 and isinstance(a.key[2], tuple) and a.key[:2] == b.key[:2]
        if not (attributes and _attributes_change(a.key[2], b.key[2], pool)):  # type: ignore[arg-type]
            work.problem(3, _describe_change(work, a))
        return
    if not _text_change(_flat(a), _flat(b), pool):
        work.problem(2, f"it would change {_a(work.name_of(a.name))} outside the fix")


def _attributes_change(
    old: tuple[tuple[str, str], ...], new: tuple[tuple[str, str], ...], pool: Pool
) -> bool:
    """Every attribute that went, came or changed did so through the edits' own text."""
    before, after = dict(old), dict(new)
    for name in before.keys() | after.keys():
        was, now = before.get(name), after.get(name)
        if was == now:
            continue
        if was is None and not explained(name, pool, "inserted"):
            return False
        if now is None and not explained(name, pool, "removed"):
            return False
        if not _text_change(was or "", now or "", pool):
            return False
    return True


def _describe_change(work: Comparison, unit: Unit) -> str:
    if unit.name == "paragraph":
        return "it would change the spacing of the list around it (tight or loose)"
    return f"it would change {_a(work.name_of(unit.name))} outside the fix"


def _flat(unit: Unit) -> str:
    if unit.key[0] == "leaf":
        return " ".join(value for _, value in unit.atoms)
    return " ".join(str(part) for part in unit.key[1:])


def _tagged(unit: Unit) -> list[tuple[Atom, int]]:
    return [(atom, unit.para) for atom in unit.atoms]


def _text_change(old: str, new: str, pool: Pool) -> bool:
    """``old`` became ``new``: every character that went or came is the edits' own."""
    if _squash(old) == _squash(new):
        return True
    return any(
        all(
            explained(old[i1:i2], pool, "removed") and explained(new[j1:j2], pool, "inserted")
            for i1, i2, j1, j2 in changes
        )
        for changes in _alignments(old, new)
    )


def _alignments(old: Sequence[T], new: Sequence[T]) -> Iterator[list[Span]]:
    """The ways to line ``old`` up with ``new``: first by the edits' extent, then by search.

    The edits change the source only between the first one's start and the last one's end,
    so what comes before and after is the same on both sides: the common head and tail are
    that text, and the change is what lies between. A search for the longest common run
    (difflib) alone goes wrong when the text repeats: after a query is taken out of the
    first of two identical URLs, the second URL's query matches the first's, and the edit
    reads as a change of the text around it. The search stays as the second way, for edits
    far apart around text that changed between them."""
    head = 0
    limit = min(len(old), len(new))
    while head < limit and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < limit - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    middle = SequenceMatcher(
        None, old[head : len(old) - tail], new[head : len(new) - tail], autojunk=False
    )
    anchored = [
        (i1 + head, i2 + head, j1 + head, j2 + head)
        for tag, i1, i2, j1, j2 in middle.get_opcodes()
        if tag != "equal"
    ]
    yield anchored
    searched = [
        (i1, i2, j1, j2)
        for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
        if tag != "equal"
    ]
    if searched != anchored:
        yield searched


def _atoms(work: Comparison, before: list[tuple[Atom, int]], after: list[Atom], pool: Pool) -> None:
    """Inline atoms of one place: text may go or change as the edits say, marks must follow.
    The first alignment that explains every change is the one; else the first's problems."""
    found: Comparison | None = None
    for changes in _alignments([atom for atom, _ in before], after):
        trial = Comparison(work.before, work.after, work.erased, work.pool_for, work.name_of)
        _atoms_along(trial, changes, before, after, pool)
        if found is None or not trial.problems:
            found = trial
        if not trial.problems:
            break
    if found is not None:
        work.problems.extend(found.problems)
        for para, words in found.deleted_words.items():
            work.deleted_words[para] = work.deleted_words.get(para, 0) + words


def _atoms_along(
    work: Comparison,
    changes: list[Span],
    before: list[tuple[Atom, int]],
    after: list[Atom],
    pool: Pool,
) -> None:
    for i1, i2, j1, j2 in changes:
        gone = before[i1:i2]
        came = after[j1:j2]
        old_words = " ".join(v for (k, v), _ in gone if k == "w")
        new_words = " ".join(v for k, v in came if k == "w")
        if not _text_change(old_words, new_words, pool):
            work.problem(1, f"it would change text outside the fix: {_quote(old_words, new_words)}")
            return
        if old_words and not new_words.strip():
            for (kind, value), para in gone:
                if kind == "w" and para >= 0:
                    work.deleted_words[para] = work.deleted_words.get(para, 0) + count_words(value)
        _marks([v for (k, v), _ in gone if k != "w"], [v for k, v in came if k != "w"], work, pool)


def _marks(old_marks: list[str], new_marks: list[str], work: Comparison, pool: Pool) -> None:
    """Inline marks that went or came: a changed link target must be the edits' own change;
    a mark that went or came must be written in the text the edits removed or inserted."""
    for old, new in zip(old_marks, new_marks, strict=False):
        if old.split(" ")[0] != new.split(" ")[0] or not _text_change(old, new, pool):
            work.problem(2, "it would change a link, emphasis or code span outside the fix")
            return
    shorter = min(len(old_marks), len(new_marks))
    for mark in old_marks[shorter:]:
        if not _mark_explained(mark, pool.removed):
            work.problem(2, f"it would take out {_mark_name(mark)} the fix does not remove")
            return
    for mark in new_marks[shorter:]:
        if not _mark_explained(mark, pool.inserted):
            work.problem(2, f"it would make {_mark_name(mark)} the text did not have")
            return


def _mark_explained(mark: str, source: str) -> bool:
    kind, _, value = mark.partition(" ")
    chars = _MARKUP.get(kind, "")
    if chars and not any(c in source for c in chars):
        return False
    return not value or _subsequence(_squash(value), _squash(source))


def _mark_name(mark: str) -> str:
    kind = mark.partition(" ")[0]
    return {
        "link": "a link",
        "em": "emphasis",
        "strong": "strong emphasis",
        "code": "a code span",
        "image": "an image",
        "html": "inline HTML",
        "hardbreak": "a line break",
    }.get(kind, f"a {kind.replace('_', ' ')}")


def _quote(old: str, new: str) -> str:
    def short(text: str) -> str:
        text = " ".join(text.split())
        return text if len(text) <= 40 else text[:39] + "…"

    if old and new:
        return f'"{short(old)}" would become "{short(new)}"'
    if old:
        return f'"{short(old)}" would be lost'
    return f'"{short(new)}" would appear'


def _region(work: Comparison, gone: Sequence[Unit], came: Sequence[Unit]) -> bool:
    """A stretch of units that differ: text alone may be explained; structure never is.
    False when the stretch changes structure (the caller describes it)."""
    if len(gone) == len(came) and all(_same_slot(a, b) for a, b in zip(gone, came, strict=True)):
        for a, b in zip(gone, came, strict=True):
            _pair(work, a, b)
        return True
    if all(u.kind == "leaf" and u.key[0] == "leaf" for u in (*gone, *came)):
        pool = work.pool_for(gone[0]) if gone else work.pool_for(came[0])
        tagged = [pair for unit in gone for pair in _tagged(unit)]
        _atoms(work, tagged, [atom for unit in came for atom in unit.atoms], pool)
        return True
    return False


def _inside_another(work: Comparison, atoms: tuple[Atom, ...]) -> bool:
    size = len(atoms)
    for unit in work.after.units:
        held = unit.atoms
        if len(held) > size and any(
            held[i : i + size] == atoms for i in range(len(held) - size + 1)
        ):
            return True
    return False


def _a(noun: str) -> str:
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def _describe(work: Comparison, gone: Sequence[Unit], came: Sequence[Unit]) -> str:
    """The plainest account of a change of structure, for the message."""
    name = work.name_of
    came_keys = {u.key for u in came}
    lost = [u for u in gone if u.kind == "leaf" and u.key[0] != "leaf" and u.key not in came_keys]
    opened = [u for u in came if u.kind == "open"]
    if lost:
        into = _a(name(opened[0].name)) if opened else "text of the block above"
        return f"it would turn {_a(name(lost[0].name))} into {into}"
    for units, label in ((gone, "join two {0}s into one"), (came, "split {1} in two")):
        # A close then an open of the same block, gone or new: two blocks that touch.
        for first, second in pairwise(u for u in units if u.kind != "leaf"):
            if (first.kind, second.kind) == ("close", "open") and first.name == second.name:
                return "it would " + label.format(name(first.name), _a(name(first.name)))
    for unit in gone:
        # A block gone whole while its words now stand inside another block: joined to it.
        if unit.kind == "leaf" and unit.atoms and _inside_another(work, unit.atoms):
            block = work.before.units[unit.para].name if unit.para >= 0 else unit.name
            return f"it would join two {name(block)}s into one"
    old = [u for u in gone if u.kind == "open"]
    if old and opened and old[0].name != opened[0].name:
        return f"it would turn {_a(name(old[0].name))} into {_a(name(opened[0].name))}"
    if opened:
        return f"it would make a new {name(opened[0].name)} out of text that stays"
    if old:
        return f"it would undo {_a(name(old[0].name))} that stays"
    return "it would change the document's structure outside the fix"


def paragraph_problems(
    before: Model, erased: list[bool], indices: Sequence[int], name_of: Callable[[str], str]
) -> list[str]:
    """The paragraph and list rules alone, for edits that erase ``indices`` (no parse)."""
    work = Comparison(before, before, erased, lambda unit: Pool("", ""), name_of)
    _paragraph_rules(work, indices)
    return work.reasons()


def _paragraph_rules(work: Comparison, indices: Sequence[int]) -> None:
    """No text out of a paragraph whose other words stay; no item out of a list that stays.
    ``indices``: the erased units, in order."""
    units = work.before.units
    erased = work.erased
    for index in indices:
        unit = units[index]
        if unit.kind == "leaf" and unit.para >= 0 and not erased[unit.para]:
            work.deleted_words[unit.para] = work.deleted_words.get(unit.para, 0) + unit.words
    for para, deleted in work.deleted_words.items():
        if deleted and work.before.words_in(para) - deleted >= KEPT_MIN_WORDS:
            what = work.name_of(units[para].name)
            work.problem(4, f"it would delete a line from a {what} whose other text stays")
            break
    sums = work.before.leaf_words_before
    for index in indices:
        unit = units[index]
        owner = unit.items_of
        if unit.kind != "open" or owner < 0 or erased[owner]:
            continue
        close = units[owner].match if units[owner].match >= 0 else len(units)
        gone = sum(
            units[i].words for i in indices if owner <= i < close and units[i].kind == "leaf"
        )
        if sums[close] - sums[owner] - gone >= KEPT_MIN_WORDS:
            what = work.name_of(units[owner].name)
            work.problem(4, f"it would delete part of a {what} whose other items stay")
            return
