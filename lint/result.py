"""What linting one document gives, in the one shape every consumer reads.

The command line's reporters, the corpus output, baselines, the library API and the
language server all read a ``Result`` and turn a finding into JSON with ``record``; what
"fixable" and a finding's severity mean is decided here, once.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from lint.document import Document
from lint.finding import Finding, Rule, Severity


class Result:
    """One document linted (and, when asked, fixed).

    ``document`` holds the text the findings are on: the fixed text after a fix, the
    original otherwise; it is None when a file could not be read (``error`` says why, and
    the run exits 2). ``notes`` are lines for stderr (a directive that names no rule, a
    skipped file); ``fixed`` counts the fixes applied; ``diff`` is the unified diff a
    ``fix --diff`` prints.

    A plain class rather than a dataclass: importing ``dataclasses`` and generating the
    class costs a small file's run more than linting it.
    """

    __slots__ = ("diff", "document", "error", "findings", "fixed", "notes", "path")

    def __init__(
        self,
        path: str,
        document: Document | None = None,
        findings: list[Finding] | None = None,
        notes: list[str] | None = None,
        error: str | None = None,
        fixed: int = 0,
        diff: str = "",
    ) -> None:
        self.path = path
        self.document = document
        self.findings: list[Finding] = [] if findings is None else findings
        self.notes: list[str] = [] if notes is None else notes
        self.error = error
        self.fixed = fixed
        self.diff = diff

    def _fields(self) -> tuple[Any, ...]:
        return (
            self.path,
            self.document,
            self.findings,
            self.notes,
            self.error,
            self.fixed,
            self.diff,
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Result)
        return self._fields() == other._fields()

    __hash__ = None  # type: ignore[assignment]  # mutable, like the dataclass it replaces

    def __repr__(self) -> str:
        names = ("path", "document", "findings", "notes", "error", "fixed", "diff")
        shown = ", ".join(f"{n}={v!r}" for n, v in zip(names, self._fields(), strict=True))
        return f"{type(self).__name__}({shown})"

    @property
    def text(self) -> str:
        """The document's text: fixed, when fixes were applied."""
        return self.document.text if self.document is not None else ""

    @property
    def changed(self) -> bool:
        return self.fixed > 0

    def records(self, *, unsafe: bool = False) -> list[dict[str, Any]]:
        """The findings as JSON records (``record``), in document order."""
        if self.document is None:
            return []
        document = self.document
        return [record(document, f, path=self.path, unsafe=unsafe) for f in self.findings]


class RuleInfo(NamedTuple):
    """A rule as one run sees it: its code and its configured severity."""

    code: str
    check: str
    rule: Rule
    severity: Severity


def severity_of(finding: Finding) -> Severity:
    """The finding's severity; the linter always sets it, a plugin's raw finding may not."""
    return finding.severity if finding.severity is not None else Severity.WARNING


def fixable(finding: Finding, unsafe: bool = False) -> bool:
    """Whether ``contentlint fix`` applies this finding's fix (with ``--unsafe-fixes``: ``unsafe``)."""
    fix = finding.fix
    return fix is not None and not fix.refused and (fix.safe or unsafe)


def edit_records(document: Document, finding: Finding) -> dict[str, Any] | None:
    """The finding's fix as line/column ranges an editor can apply, or None."""
    if finding.fix is None:
        return None
    edits = []
    for edit in finding.fix.edits:
        start_line, start_column = document.position(edit.start)
        stop_line, stop_column = document.position(edit.end)
        edits.append(
            {
                "line": start_line,
                "column": start_column,
                "end_line": stop_line,
                "end_column": stop_column,
                "replacement": edit.replacement,
            }
        )
    fix = {"applicability": "safe" if finding.fix.safe else "unsafe", "edits": edits}
    if finding.fix.refused:
        fix["refused"] = finding.fix.refused
    return fix


def record(
    document: Document, finding: Finding, *, path: str | None = None, unsafe: bool = False
) -> dict[str, Any]:
    """The stable JSON shape of one finding (DESIGN.md's contract), plus its fix's edits.

    ``path`` leads the record when there is one (a corpus record has none).
    """
    line, column = document.position(finding.start)
    end_line, end_column = document.position(finding.end)
    head: dict[str, Any] = {} if path is None else {"path": path}
    return {
        **head,
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "check": finding.check,
        "rule": finding.rule,
        "severity": str(severity_of(finding)),
        "message": finding.message,
        "fixable": fixable(finding, unsafe),
        "fix": edit_records(document, finding),
    }


def flagged_text(document: Document, finding: Finding) -> str:
    """The text a fingerprint is taken from: the span, or its whole line when it is empty."""
    text = document.text[finding.start : finding.end]
    if not text.strip():
        line = document.line_of(finding.start)
        start = document.line_starts[line - 1]
        stop = (
            document.line_starts[line] if line < len(document.line_starts) else len(document.text)
        )
        text = document.text[start:stop]
    return " ".join(text.split())


def fingerprint(document: Document, finding: Finding) -> str:
    """A short stable hash of the rule and the flagged text (baselines, SARIF)."""
    import hashlib  # only baselines need fingerprints

    digest = hashlib.sha256(f"{finding.code}\0{flagged_text(document, finding)}".encode())
    return digest.hexdigest()[:16]
