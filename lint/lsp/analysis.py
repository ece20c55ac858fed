"""One document version linted as ``contentlint check`` lints the saved file, fixed as
``contentlint fix`` fixes it, and the edits the code actions offer.

Plain Python over the library: the findings come from the folder's ``Linter`` (directives
and severities applied there), the baseline from ``lint.cli.baseline``, and fix-all from
the command line's own file runner, so the fix-safety rules of ``contentlint fix`` hold here
too. A check that raises costs its own findings only: the others are linted again one
check at a time, and the crash is reported once by the caller.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from lint import regions
from lint.document import Document, Markup, markup_for_path
from lint.finding import Edit, Finding, Fix
from lint.linter import Linter
from lint.lsp.documents import OpenDocument
from lint.lsp.folders import Settings

_SUFFIX: dict[Markup, str] = {"markdown": ".md", "html": ".html", "text": ".txt"}
# "<!-- contentlint: disable-next-line=a,b -->" alone on a line: a rule is added to it.
_NEXT_LINE = re.compile(
    r"(?P<indent>[ \t]*)<!--\s*contentlint\s*:\s*disable-next-line\s*=\s*(?P<rules>[^>]*?)\s*-->\s*"
)
# Markdown lines that end their block (a heading, a fence, a thematic break): a comment line
# after one of them starts a block of its own and changes nothing.
_BLOCK_END = re.compile(r" {0,3}(?:#{1,6}(?:[ \t].*)?|`{3,}.*|~{3,}.*|(?:[-*_][ \t]*){3,})")


@dataclass
class Analysis:
    """The findings on one version of a document, and what they were found with."""

    uri: str
    version: int
    document: Document
    settings: Settings
    findings: list[Finding] = field(default_factory=list)
    # Directive problems (an unknown rule name): (offset, message).
    problems: list[tuple[int, str]] = field(default_factory=list)
    # Checks that raised: (check id, "TypeName: message").
    crashes: list[tuple[str, str]] = field(default_factory=list)

    @property
    def display(self) -> str:
        return self.document.path or ""


def display_path(document: OpenDocument, root: Path, markup: Markup) -> str:
    """The path the linter sees: relative to the folder, as ``contentlint check`` run there
    shows it, and with an extension that gives the markup the document is read as."""
    if document.path is None:
        name = PurePath(document.uri.rsplit("/", 1)[-1] or "untitled").name
    else:
        try:
            name = document.path.relative_to(root).as_posix()
        except ValueError:
            name = document.path.name
    if markup_for_path(name) != markup:
        name += _SUFFIX[markup]
    return name


def analyse(document: OpenDocument, settings: Settings, markup: Markup) -> Analysis:
    """Lint one document version with its folder's settings (an empty analysis when the
    folder's configuration is broken: the caller shows ``settings.error``)."""
    display = display_path(document, settings.root, markup)
    linted = Document(text=document.text, path=display, markup=markup)
    analysis = Analysis(document.uri, document.version, linted, settings)
    if settings.linter is None:
        return analysis
    findings, notes, analysis.crashes = lint(settings, linted)
    if settings.baseline is not None and document.path is not None:
        findings, _hidden = settings.baseline.filter(str(document.path), linted, findings)
    analysis.findings = findings
    analysis.problems = [_problem(linted, note) for note in notes]
    return analysis


def lint(
    settings: Settings, document: Document
) -> tuple[list[Finding], list[str], list[tuple[str, str]]]:
    """Findings and directive notes; when a check raises, every check alone, the ones that
    raise left out and named in the third item."""
    linter = settings.linter
    assert linter is not None
    try:
        result = linter.lint(document)
    except Exception:  # some check raised: find which, keep the others
        pass
    else:
        return result.findings, result.notes, []
    findings: list[Finding] = []
    notes: list[str] | None = None
    crashes: list[tuple[str, str]] = []
    for check_id in linter.active_checks:
        single = _single(settings, linter, check_id)
        try:
            result = single.lint(document)
        except Exception as error:
            detail = " ".join(str(error).split())[:200]
            crashes.append((check_id, f"{type(error).__name__}: {detail}"))
            continue
        findings.extend(result.findings)
        notes = result.notes if notes is None else notes
    order = {check_id: index for index, check_id in enumerate(linter.checks)}
    findings.sort(key=lambda f: (f.start, f.end, order.get(f.check, 99), f.rule))
    return findings, notes or [], crashes


def _single(settings: Settings, linter: Linter, check_id: str) -> Linter:
    single = settings.singles.get(check_id)
    if single is None:
        others = [other for other in linter.checks if other != check_id]
        single = Linter(linter.config, linter.checks, ignore=others)
        settings.singles[check_id] = single
    return single


def _problem(document: Document, note: str) -> tuple[int, str]:
    """A linter note "PATH:LINE:COLUMN: message" as (offset, message)."""
    rest = note[len(document.path or "-") + 1 :]
    line, column, message = rest.split(":", 2)
    offset = document.line_starts[int(line) - 1] + int(column) - 1
    return offset, message.strip()


def fix_all(settings: Settings, text: str, display: str) -> tuple[str | None, str | None]:
    """The text ``contentlint fix`` writes for this buffer saved as ``display``, or why not.

    Runs the command line's own file task (no write), so whatever that task refuses to
    write is refused here in the same words.
    """
    from lint.cli.runner import FileTask
    from lint.files.textfile import TextFile

    if settings.linter is None:
        return None, settings.error
    source = TextFile(Path(display), text, "utf-8", b"", 0o644, 0)
    result = FileTask(command="fix", write=False).run(source, display, settings.linter)
    if result.error is not None:
        return None, result.error
    return result.text, None


def text_edits(before: str, after: str) -> list[Edit]:
    """Small non-overlapping edits on ``before`` that give ``after`` exactly: changed lines,
    trimmed to the characters that differ."""
    if before == after:
        return []
    old = [before[start:end] for start, _, end in regions.lines(before)]
    new = [after[start:end] for start, _, end in regions.lines(after)]
    starts = [0]
    for line in old:
        starts.append(starts[-1] + len(line))
    edits = []
    matcher = difflib.SequenceMatcher(None, old, new)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        removed, added = before[starts[i1] : starts[i2]], "".join(new[j1:j2])
        head = _common_prefix(removed, added)
        tail = _common_prefix(removed[head:][::-1], added[head:][::-1])
        edits.append(Edit(starts[i1] + head, starts[i2] - tail, added[head : len(added) - tail]))
    return edits


def _common_prefix(a: str, b: str) -> int:
    size = min(len(a), len(b))
    index = 0
    while index < size and a[index] == b[index]:
        index += 1
    return index


def disable_edit(document: Document, finding: Finding) -> Edit:
    """Insert ``<!-- contentlint: disable-next-line=CODE -->`` so the finding's line is skipped.

    A directive already alone on the line above gets the rule added. Otherwise the comment
    goes on a line of its own above, indented like the finding's line; in Markdown, when the
    line above is prose of the same block, at its end instead, since a comment line inside
    a paragraph or list would split it and change the rendering.
    """
    text = document.text
    line = document.line_of(finding.start) - 1
    line_start = document.line_starts[line]
    comment = f"<!-- contentlint: disable-next-line={finding.code} -->"
    if line > 0:
        above_start = document.line_starts[line - 1]
        above = text[above_start:line_start].rstrip("\r\n")
        existing = _NEXT_LINE.fullmatch(above)
        if existing is not None:
            rules_end = above_start + existing.end("rules")
            return Edit(rules_end, rules_end, f",{finding.code}")
        if (
            document.markup == "markdown"
            and above.strip()
            and not _BLOCK_END.fullmatch(above)
            and not document.in_code(above_start)
        ):
            return Edit(*_inline_point(above_start, above), f" {comment}")
    content_end = line_start
    while content_end < len(text) and text[content_end] not in "\r\n":
        content_end += 1
    current = text[line_start:content_end]
    indent = current[: len(current) - len(current.lstrip(" \t"))]
    return Edit(line_start, line_start, f"{indent}{comment}{_line_break(text, content_end)}")


def _inline_point(start: int, line: str) -> tuple[int, int]:
    """Where a comment goes at the end of a Markdown line: before trailing spaces and a final
    backslash, which make a hard line break only at the very end."""
    content = line.rstrip(" \t")
    if content.endswith("\\"):
        content = content[:-1]
    point = start + len(content.rstrip(" \t"))
    return point, point


def _line_break(text: str, content_end: int) -> str:
    if text.startswith("\r\n", content_end):
        return "\r\n"
    if text.startswith("\r", content_end):
        return "\r"
    return "\n"


def refusal(analysis: Analysis, fix: Fix) -> str | None:
    """Why ``contentlint fix`` would not apply ``fix`` alone (the fix guard's reason), or None."""
    linter = analysis.settings.linter
    if linter is None:
        return None
    from lint.safety import Guard

    guard = Guard(analysis.document, linter.config.max_prose_removed)
    return guard.review(analysis.document, [fix]).refused.get(fix)
