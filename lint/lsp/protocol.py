"""Findings, fixes and rules as LSP objects: diagnostics, code actions, hovers.

Ranges are in the client's position encoding (``positions.LineIndex``); every edit is on the
version of the text the findings were found on, and says so (a versioned document edit)
when the client accepts those, so a stale action is refused by the editor, not misapplied.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from lsprotocol import types

from lint.checks import BUILTIN
from lint.finding import Edit, Finding, Fix, Severity
from lint.lsp import RULE_PAGE
from lint.lsp.analysis import Analysis, disable_edit, refusal
from lint.lsp.positions import LineIndex
from lint.result import RuleInfo, severity_of

SOURCE = "contentlint"
FIX_ALL_KIND = "source.fixAll.contentlint"
FIX_ALL_TITLE = "Fix all safe contentlint problems"
TITLE_WIDTH = 80

_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
_FIX_LABEL = {
    "safe": "safe fix",
    "unsafe": "unsafe fix",
    "sometimes": "fix (some)",
    "none": "no fix",
}


@dataclass(frozen=True)
class Client:
    """What the client said it can take, read once at ``initialize``."""

    encoding: str
    document_changes: bool = False
    resolve_edit: bool = False


def index_of(analysis: Analysis, encoding: str) -> LineIndex:
    return LineIndex(analysis.document.text, analysis.document.line_starts, encoding)


def lsp_range(index: LineIndex, start: int, end: int) -> types.Range:
    start_line, start_column = index.position(start)
    end_line, end_column = index.position(end)
    return types.Range(
        start=types.Position(line=start_line, character=start_column),
        end=types.Position(line=end_line, character=end_column),
    )


def diagnostic(finding: Finding, index: LineIndex) -> types.Diagnostic:
    page = RULE_PAGE.format(check=finding.check) if finding.check in BUILTIN else None
    return types.Diagnostic(
        range=lsp_range(index, finding.start, finding.end),
        message=finding.message,
        severity=_SEVERITY[severity_of(finding)],
        code=finding.code,
        code_description=types.CodeDescription(href=page) if page else None,
        source=SOURCE,
    )


def diagnostics(analysis: Analysis, encoding: str) -> list[types.Diagnostic]:
    """The findings and the directive problems (a rule name that does not exist), in
    document order."""
    index = index_of(analysis, encoding)
    shown = [diagnostic(finding, index) for finding in analysis.findings]
    text = analysis.document.text
    for offset, message in analysis.problems:
        close = text.find("-->", offset)
        end = close + 3 if close >= 0 else offset + 4
        shown.append(
            types.Diagnostic(
                range=lsp_range(index, offset, end),
                message=message,
                severity=types.DiagnosticSeverity.Warning,
                code="directive",
                source=SOURCE,
            )
        )
    if analysis.problems:
        shown.sort(key=lambda d: (d.range.start.line, d.range.start.character))
    return shown


def text_edit(edit: Edit, index: LineIndex) -> types.TextEdit:
    return types.TextEdit(range=lsp_range(index, edit.start, edit.end), new_text=edit.replacement)


def workspace_edit(
    uri: str, version: int, edits: Sequence[Edit], index: LineIndex, client: Client
) -> types.WorkspaceEdit:
    changes = [text_edit(edit, index) for edit in edits]
    if client.document_changes:
        document = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version)
        return types.WorkspaceEdit(
            document_changes=[types.TextDocumentEdit(text_document=document, edits=changes)]
        )
    return types.WorkspaceEdit(changes={uri: changes})


def kind_wanted(kind: str, only: Sequence[str] | None) -> bool:
    """Whether an action of ``kind`` answers a request for the kinds ``only`` (None: any)."""
    return only is None or any(kind == want or kind.startswith(want + ".") for want in only)


def _short(message: str) -> str:
    message = " ".join(message.split())
    return message if len(message) <= TITLE_WIDTH else message[: TITLE_WIDTH - 1] + "…"


def quick_fixes(analysis: Analysis, start: int, end: int, client: Client) -> list[types.CodeAction]:
    """For each finding touching [start, end]: its fix (safe ones preferred, unsafe ones
    titled so) and "disable this rule on this line"."""
    index = index_of(analysis, client.encoding)
    actions: list[types.CodeAction] = []
    disables: list[types.CodeAction] = []
    seen: set[tuple[int, str]] = set()
    for finding in analysis.findings:
        if finding.start > end or finding.end < start:
            continue
        shown = [diagnostic(finding, index)]
        fix = finding.fix
        if fix is not None and fix.edits:
            actions.append(_quick_fix(analysis, finding, fix, shown, index, client))
        line = analysis.document.line_of(finding.start)
        if (line, finding.code) in seen:
            continue
        seen.add((line, finding.code))
        disables.append(
            types.CodeAction(
                title=f"Disable {finding.code} on this line",
                kind=types.CodeActionKind.QuickFix,
                diagnostics=shown,
                edit=workspace_edit(
                    analysis.uri,
                    analysis.version,
                    [disable_edit(analysis.document, finding)],
                    index,
                    client,
                ),
            )
        )
    return actions + disables


def _quick_fix(
    analysis: Analysis,
    finding: Finding,
    fix: Fix,
    shown: list[types.Diagnostic],
    index: LineIndex,
    client: Client,
) -> types.CodeAction:
    """The finding's own fix, checked by the same guard as ``contentlint fix``: a fix the
    guard refuses is shown disabled, with the reason, and carries no edit."""
    short = _short(finding.message)
    title = (
        f"Fix {finding.code}: {short}"
        if fix.safe
        else f"Unsafe fix {finding.code} (may change meaning): {short}"
    )
    reason = refusal(analysis, fix)
    if reason is not None:
        return types.CodeAction(
            title=title,
            kind=types.CodeActionKind.QuickFix,
            diagnostics=shown,
            disabled=types.CodeActionDisabled(reason=f"not safe to fix: {reason}"),
        )
    return types.CodeAction(
        title=title,
        kind=types.CodeActionKind.QuickFix,
        diagnostics=shown,
        is_preferred=fix.safe,
        edit=workspace_edit(analysis.uri, analysis.version, fix.edits, index, client),
    )


def fix_all_action(uri: str, version: int, edit: types.WorkspaceEdit | None) -> types.CodeAction:
    """The source action; without ``edit`` it carries what ``codeAction/resolve`` needs."""
    return types.CodeAction(
        title=FIX_ALL_TITLE,
        kind=FIX_ALL_KIND,
        edit=edit,
        data=None if edit is not None else {"uri": uri, "version": version},
    )


def resolve_target(action: types.CodeAction) -> tuple[str, int] | None:
    data: Any = action.data
    if action.kind != FIX_ALL_KIND or not isinstance(data, dict):
        return None
    uri, version = data.get("uri"), data.get("version")
    if not isinstance(uri, str) or not isinstance(version, int):
        return None
    return uri, version


def hover(analysis: Analysis, offset: int, encoding: str) -> types.Hover | None:
    """The findings under the cursor, each with its rule explained as ``contentlint rules``
    explains it, example included."""
    here = [f for f in analysis.findings if f.start <= offset <= max(f.end, f.start + 1) - 1]
    linter = analysis.settings.linter
    if not here or linter is None:
        return None
    rules = {info.code: info for info in linter.rule_table()}
    parts = [_explain(finding, rules.get(finding.code)) for finding in here]
    first = min(f.start for f in here)
    last = max(f.end for f in here)
    return types.Hover(
        contents=types.MarkupContent(
            kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)
        ),
        range=lsp_range(index_of(analysis, encoding), first, last),
    )


def _explain(finding: Finding, info: RuleInfo | None) -> str:
    lines = [f"**{finding.code}**: {finding.message}"]
    if info is not None:
        rule = info.rule
        lines.append(f"*{info.severity}, {_FIX_LABEL.get(rule.fix, rule.fix)}*: {rule.summary}")
        lines.append(rule.explanation.strip())
        if rule.example:
            lines.append("Example:\n\n```text\n" + rule.example.strip("\n") + "\n```")
    if finding.check in BUILTIN:
        lines.append(f"[{finding.check} rules]({RULE_PAGE.format(check=finding.check)})")
    return "\n\n".join(lines)
