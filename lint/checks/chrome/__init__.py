"""chrome: website furniture copied along with an article, and the residue of the copy."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from lint.checks import Options, StateCache
from lint.checks.chrome.rules import BOILERPLATE, DANGLING, TRUNCATED
from lint.checks.edits import remove_lines
from lint.document import Document
from lint.finding import Edit, Finding, Fix, Rule

if TYPE_CHECKING:
    from lint.checks.chrome.classify import Verdict
    from lint.checks.chrome.features import Row
    from lint.checks.chrome.lexicon import Lexicon
    from lint.checks.chrome.lines import Lines
    from lint.checks.chrome.runs import LineHit, Run, RunOptions

# The chrome_* modules compile their patterns at import: they load on the first document,
# so a run that does not select this check never pays for them.
SHAPE = "shape"  # lint.checks.chrome.runs.SHAPE
# A paragraph this long that reads as prose is the article's, not a teaser's or a notice's.
ARTICLE_PROSE_WORDS = 20
_LINK_DEFINITION = r" {0,3}\[[^\]\n]{1,999}\]:[ \t]"  # compiled on first use (re's cache)
# first, last line of a run -> whether it lies between two paragraphs of the article's prose
Inside = Callable[[int, int], bool]

KIND_NAMES = {
    "advertisement": "advertisement",
    "author-box": "author box",
    "comment-form": "comment form",
    "cookie": "cookie notice",
    "custom": "configured phrase",
    "follow-social": "social links",
    "footer": "site footer",
    "icon-residue": "icon-font residue",
    "navigation": "navigation",
    "newsletter": "newsletter box",
    "post-meta": "post metadata",
    "powered-by": "'powered by' badge",
    "related": "related-posts box",
    "share": "share bar",
    "site-name": "site name",
    "widget-title": "widget title",
    SHAPE: "short line beside them",
}


class _State(NamedTuple):
    lexicon: Lexicon
    runs: RunOptions
    site_words: frozenset[str]
    html_words: frozenset[str]
    max_line: int
    classifier: bool


def _strings(options: Options, key: str) -> list[str]:
    return [str(item) for item in options[key]]


def _build(options: Options) -> _State:
    from lint.checks.chrome.lexicon import Lexicon, builtin_entries, parse_entries, site_words
    from lint.checks.chrome.runs import RunOptions

    entries = [
        *builtin_entries(),
        *parse_entries("custom", _strings(options, "phrases")),
        *parse_entries("custom", ("~" + p for p in _strings(options, "context-phrases"))),
    ]
    return _State(
        lexicon=Lexicon(entries, allow=_strings(options, "allow")),
        runs=RunOptions(
            edge_window=int(options["edge-window"]),
            max_shape_words=int(options["max-shape-words"]),
            speaker_labels=bool(options["speaker-labels"]),
        ),
        site_words=site_words() if options["site-names"] else frozenset(),
        html_words=frozenset(w.lower() for w in _strings(options, "html-class-words")),
        max_line=int(options["max-line-length"]),
        classifier=bool(options["line-classifier"]),
    )


class ChromeCheck:
    """Website furniture and scrape residue; see docs/checks/chrome.md."""

    id: ClassVar[str] = "chrome"
    summary: ClassVar[str] = "Website furniture copied with the article, and scrape residue"
    rules: ClassVar[tuple[Rule, ...]] = (BOILERPLATE, DANGLING, TRUNCATED)
    default_options: ClassVar[Mapping[str, Any]] = {}

    def __init__(self) -> None:
        self._state = StateCache(_build)

    def check(self, document: Document, options: Options) -> Iterable[Finding]:
        if not document.text or document.text.isspace():  # (strip() would copy the text)
            return []
        state = self._state.get(options)
        if document.markup == "html":
            from lint.checks.chrome.html import html_findings

            return html_findings(document, state.html_words)
        return list(self._check_lines(document, state))

    def _check_lines(self, document: Document, state: _State) -> Iterator[Finding]:
        from lint.checks.chrome.lines import Lines
        from lint.checks.chrome.residue import dangling_references, truncated_paragraphs
        from lint.checks.chrome.runs import (
            HEAD_KINDS,
            LineHit,
            RunFinder,
            head_bylines,
            logo_pair,
            site_name_hits,
        )

        lines = Lines(document)
        rows = _rows(document) if state.classifier else []
        # The article's head (headline, dek, byline, date) is content: no run takes it.
        head = {i for row in rows if row.title for i in range(row.index, row.last + 1)}
        hits: dict[int, LineHit] = {}
        for hit in state.lexicon.scan(document.text, lines.starts, state.max_line):
            index = lines.index_of(hit.start)
            if index in head and (hit.context_only or hit.kind in HEAD_KINDS):
                continue  # a head's byline or date; "Skip to content" is never the head
            if lines.in_code(index) or lines.in_comment(index) or _table_row(lines, index):
                continue
            if lines.label(index) is not None and _value_follows(lines, index):
                continue  # "Media contact:" with the address on the next line is complete
            hits[index] = LineHit(hit.kind, hit.context_only)
        names = site_name_hits(lines, state.site_words) if state.site_words else {}
        # A site name needs company: a logo pair, or furniture elsewhere on the page.
        if names and (logo_pair(lines, names) or any(not h.context_only for h in hits.values())):
            for index, site in names.items():
                hits.setdefault(index, site)
        runs = RunFinder(lines, hits, state.runs, head).runs() if hits else []
        chrome_lines: set[int] = set()
        findings: list[Finding] = []
        inside = _inside_article(rows)
        sure = _sure_lines(rows, inside) if rows and any(r.shape_only for r in runs) else None
        bylines = _byline_test(document.text, lines) if runs else None
        for run in runs:
            # The article's own byline and dateline at its head are content: a run of
            # nothing else is no finding, and a run beside them is never deleted safely.
            held = head_bylines(lines, run, bylines) if bylines is not None else set()
            if held and all(i in held or k == SHAPE for i, k in run.members.items()):
                continue
            chrome_lines.update(range(run.first, run.last + 1))
            findings.append(_boilerplate(lines, run, sure, keep_head=bool(held)))
        if rows:
            from lint.checks.chrome.authored import authored_lines

            # A Markdown document's own sections and links are never reported on the
            # classifier's word (a cheat sheet's short sections, "[Internal link](#headings)").
            taken = chrome_lines | authored_lines(document, rows, furnished=bool(runs))
            findings.extend(_classified(lines, rows, taken, state.lexicon, inside))
        for residue in dangling_references(lines, chrome_lines):
            findings.append(
                Finding("chrome", DANGLING.id, residue.start, residue.end, residue.message)
            )
        flagged = {lines.index_of(f.start) for f in findings}
        before_runs, last = _last_before_chrome(lines, runs)
        candidates = [i for i in (*before_runs, last) if i is not None and i not in flagged]
        excerpt_ends = _before_excerpt_chrome(lines, runs)
        for residue in truncated_paragraphs(lines, sorted(set(candidates)), excerpt_ends):
            findings.append(
                Finding("chrome", TRUNCATED.id, residue.start, residue.end, residue.message)
            )
        findings.sort(key=lambda f: (f.start, f.end))
        yield from findings


def _rows(document: Document) -> list[Row]:
    """The classifier's paragraphs with their features; none for a document without enough
    paragraphs outside its article to report (most authored documents)."""
    from lint.checks.chrome.classify import MIN_LINES
    from lint.checks.chrome.features import document_rows

    return document_rows(document, least=MIN_LINES)


def _classified(
    lines: Lines, rows: list[Row], taken: set[int], lexicon: Lexicon, inside: Inside
) -> Iterator[Finding]:
    """Lines the trained classifier reports, one finding per run of the same fix class."""
    from lint.checks.chrome.classify import model, verdicts

    fix_cut = model().cut("fix")
    text = lines.text

    def skip(index: int) -> bool:
        return index in taken or lexicon.allows(text, lines.start(index))

    run: list[Verdict] = []
    for verdict in verdicts(rows, skip):
        if run and not _continues_run(lines, run[-1], verdict, fix_cut):
            yield _classified_finding(lines, run, fix_cut, inside)
            run = []
        run.append(verdict)
    if run:
        yield _classified_finding(lines, run, fix_cut, inside)


def _continues_run(lines: Lines, last: Verdict, verdict: Verdict, fix_cut: float) -> bool:
    """The next reported line joins the run: nothing but blank lines between, same fix class."""
    if lines.next_nonblank(last.last) != verdict.index:
        return False
    return (last.settled >= fix_cut) == (verdict.settled >= fix_cut)


def _classified_finding(
    lines: Lines, run: list[Verdict], fix_cut: float, inside: Inside
) -> Finding:
    from lint.checks.chrome.classify import model

    # A paragraph that reads as a sentence and names no furniture (a table's lead-in, a
    # caption) is deleted only when the classifier is all but certain; otherwise reported.
    sentence_cut = model().cut("fix-sentence")
    first, last = run[0].index, run[-1].last
    kinds = list(dict.fromkeys(v.kind for v in run))
    count = sum(v.last - v.index + 1 for v in run)
    noun = "line" if count == 1 else "lines"
    surest = max(run, key=lambda v: v.probability)
    why = ", ".join(surest.reasons())
    message = (
        f"website furniture in the text: {', '.join(kinds[:3])} ({count} {noun}; "
        f"line classifier {surest.probability:.2f}" + (f": {why})" if why else ")")
    )
    fix = None
    if _own_paragraphs(lines, first, last):
        edit = removal_edit(lines, first, last)
        if edit is not None:
            sure = all(v.settled >= (sentence_cut if v.sentence else fix_cut) for v in run)
            fix = Fix((edit,), safe=sure and not inside(first, last))
    start = lines.start(first)
    start += len(lines.content(first)) - len(lines.content(first).lstrip())
    return Finding("chrome", BOILERPLATE.id, start, lines.end(last), message, fix=fix)


def _own_paragraphs(lines: Lines, first: int, last: int) -> bool:
    """No line of prose that stays shares a paragraph with the run: blank lines (or the
    text's edge) on both sides of it."""
    before, after = first - 1, last + 1
    return (before < 0 or lines.blank(before)) and (after >= lines.count or lines.blank(after))


def _value_follows(lines: Lines, index: int) -> bool:
    after = lines.next_nonblank(index)
    if after is None or not lines.has_link(after) or lines.label(after) is not None:
        return False
    # A Markdown link definition ("[ref]: https://…") is not shown: no value for the label.
    return not (
        lines.document.markup == "markdown" and re.match(_LINK_DEFINITION, lines.content(after))
    )


def _table_row(lines: Lines, index: int) -> bool:
    return lines.content(index).lstrip().startswith("|")


def _before_excerpt_chrome(lines: Lines, runs: list[Run]) -> set[int]:
    """The last line before each run that does not open with a comment form: there a
    trailing ellipsis marks an excerpt cut short ("… [Read more]"), while a post's comment
    form follows the whole post, whose last sentence may trail off on purpose ("… with their
    new product..." above "Post a Comment")."""
    ends: set[int] = set()
    for run in runs:
        if run.members.get(run.first) == "comment-form":
            continue
        index = lines.prev_nonblank(run.first)
        if index is not None:
            ends.add(index)
    return ends


def _last_before_chrome(lines: Lines, runs: list[Run]) -> tuple[list[int], int | None]:
    """The last line before each run of chrome, and the last line that is not chrome."""
    before: list[int] = []
    previous_end = -1
    for run in sorted(runs, key=lambda r: r.first):
        index = lines.prev_nonblank(run.first)
        if index is not None and index > previous_end:
            before.append(index)
        previous_end = max(previous_end, run.last)
    last = lines.last_nonblank
    for run in sorted(runs, key=lambda r: r.first, reverse=True):
        if last is not None and run.first <= last <= run.last:
            last = lines.prev_nonblank(run.first)
    return before, last


def _inside_article(rows: list[Row]) -> Inside:
    """Whether lines lie between two paragraphs of the article's prose (``ARTICLE_PROSE_WORDS``
    words or more that read as prose): lines the classifier reports there (product boxes,
    a list of specifications, a run of short captions) are as likely the article's as the
    site's, so they are reported, never deleted on the classifier's word alone."""
    prose = [row.index for row in rows if row.prose and row.words >= ARTICLE_PROSE_WORDS]

    def inside(first: int, last: int) -> bool:
        return bool(prose) and prose[0] < first and prose[-1] > last

    return inside


def _sure_lines(rows: list[Row], inside: Inside) -> Callable[[int], bool]:
    """Whether the line classifier is sure enough of a line to delete it (the ``fix`` cut-off,
    ``fix-sentence`` for a paragraph that reads as a sentence): a line that is a paragraph of
    its own (one block of a scrape), and one the classifier may report at all (not the
    article, its head, or Markdown structure)."""
    from lint.checks.chrome.classify import model, settled_probability

    shipped = model()
    head = shipped.head("chrome")
    fix_cut, sentence_cut = shipped.cut("fix"), shipped.cut("fix-sentence")
    if any("zone:none" in row.features for row in rows[:1]):
        return lambda index: False
    by_line = {i: row for row in rows for i in range(row.index, row.last + 1)}

    def sure(index: int) -> bool:
        row = by_line.get(index)
        if row is None or row.index != row.last or row.title or row.structural:
            return False
        if "zone:in" in row.features or inside(index, index):
            return False
        cut = sentence_cut if row.prose and not row.kinds else fix_cut
        return settled_probability(head, row.features) >= cut

    return sure


def _byline_test(text: str, lines: Lines) -> Callable[[int], bool]:
    """Whether a line is a byline or dateline (``head-lines.txt``)."""
    from lint.checks.chrome.lexicon import head_lines

    library = head_lines()
    return lambda index: library.match_at(text, lines.start(index)) is not None


def _boilerplate(
    lines: Lines,
    run: Run,
    sure: Callable[[int], bool] | None = None,
    keep_head: bool = False,
) -> Finding:
    count = len(run.members)
    kinds = ", ".join(KIND_NAMES.get(kind, kind.replace("-", " ")) for kind in run.kinds())
    noun = "line" if count == 1 else "lines"
    message = f"website furniture in the text: {kinds} ({count} {noun})"
    edit = removal_edit(lines, run.first, run.last)
    # A run over Markdown list items or headings is the author's list: unsafe to delete.
    authored = lines.document.markup == "markdown" and any(
        _markdown_structure(lines, index) for index in run.members
    )
    # A short line taken by its shape beside library phrases ("Home" under "Skip to content")
    # is deleted only when the line classifier is sure of it too.
    shape_sure = not run.shape_only or (sure is not None and all(map(sure, run.shape_only)))
    safe = shape_sure and not authored and not keep_head
    fix = Fix((edit,), safe=safe) if edit is not None else None
    start = lines.start(run.first)
    start += len(lines.content(run.first)) - len(lines.content(run.first).lstrip())
    return Finding("chrome", BOILERPLATE.id, start, lines.end(run.last), message, fix=fix)


def _markdown_structure(lines: Lines, index: int) -> bool:
    """A Markdown list item, heading or quote: the author's structure."""
    from lint.checks.chrome.lines import _LIST_ITEM

    line = lines.content(index)
    return line.lstrip()[:1] in {"#", ">"} or _LIST_ITEM.match(line) is not None


def removal_edit(lines: Lines, first: int, last: int) -> Edit | None:
    """Remove lines ``first``..``last``; None when nothing else in the text is prose."""
    if lines.prev_nonblank(first) is None and lines.next_nonblank(last) is None:
        return None
    return remove_lines(lines.document, first, last)
