"""``contentlint lsp`` driven over stdio by a real LSP client (pytest-lsp), as an editor would.

Every expectation is what an editor shows or does: diagnostic ranges in UTF-16 (or the
negotiated encoding), the bytes a buffer holds after its quick fixes are applied, compared
with the bytes ``contentlint fix`` writes for the same file.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import sys
from collections.abc import AsyncIterator, Callable, Sequence
from concurrent.futures import Future
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pytest_lsp import ClientServerConfig, LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

from tests.clirun import run_python
from tests.conftest import ROOT, run_cli

TIMEOUT = 60.0
EMOJI_LINE = "Launch day 🎉 for the team â€” welcome aboard.\n"
PAGE = (
    EMOJI_LINE + "\n<!-- Hero Mobile -->\nThe full schedule is at https://bit.ly/3xYzAbc today.\n"
)
# A check that raises on every document, for the crash test: the server is started through
# this wrapper instead of `python -m lint lsp`.
CRASHING_LINKS = (
    "import sys\n"
    "from lint.checks.links import LinksCheck\n"
    "def check(self, document, options):\n"
    "    raise RuntimeError('links check exploded')\n"
    "LinksCheck.check = check\n"
    "from lint.cli import main\n"
    "sys.exit(main(['lsp']))\n"
)


class RecordingClient(LanguageClient):
    """pytest-lsp's client, keeping every diagnostics notification with its version."""

    published: list[types.PublishDiagnosticsParams]
    registrations: list[types.Registration]


def _publish(client: RecordingClient, params: types.PublishDiagnosticsParams) -> None:
    client.published.append(params)
    client.diagnostics[params.uri] = params.diagnostics


def _register(client: RecordingClient, params: types.RegistrationParams) -> None:
    client.registrations.extend(params.registrations)


def _make_client() -> RecordingClient:
    from pygls.protocol import default_converter

    client = RecordingClient(converter_factory=default_converter)
    client.published = []
    client.registrations = []
    register_lsp_features(
        client,
        {
            **DEFAULT_CLIENT_FEATURES,
            types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: _publish,
            types.CLIENT_REGISTER_CAPABILITY: _register,
        },
    )
    return client


def _capabilities(encodings: Sequence[str] | None) -> types.ClientCapabilities:
    return types.ClientCapabilities(
        general=types.GeneralClientCapabilities(
            position_encodings=list(encodings) if encodings else None
        ),
        workspace=types.WorkspaceClientCapabilities(
            workspace_edit=types.WorkspaceEditClientCapabilities(document_changes=True),
            did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(
                dynamic_registration=True
            ),
        ),
        text_document=types.TextDocumentClientCapabilities(
            code_action=types.CodeActionClientCapabilities(
                resolve_support=types.ClientCodeActionResolveOptions(properties=["edit"])
            )
        ),
    )


@asynccontextmanager
async def lsp(
    folder: Path | Sequence[Path],
    *,
    encodings: Sequence[str] | None = None,
    command: Sequence[str] = ("-m", "lint", "lsp"),
    options: dict[str, Any] | None = None,
) -> AsyncIterator[RecordingClient]:
    """A server on stdio, initialized with ``folder`` as its workspace folder (or folders)."""
    folders = [folder] if isinstance(folder, Path) else list(folder)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    config = ClientServerConfig(
        server_command=[sys.executable, *command], client_factory=_make_client, server_env=env
    )
    client = await config.start()
    assert isinstance(client, RecordingClient)
    try:
        await client.initialize_session(
            types.InitializeParams(
                capabilities=_capabilities(encodings),
                workspace_folders=[
                    types.WorkspaceFolder(uri=f.as_uri(), name=f.name) for f in folders
                ],
                initialization_options=options,
            )
        )
        yield client
        await asyncio.wait_for(client.shutdown_session(), TIMEOUT)
        server = client._server
        assert server is not None
        assert server.returncode == 0
    finally:
        if client._server is not None and client._server.returncode is None:
            client._server.kill()  # a failed test: do not wait for a server still serving
        await client.stop()  # type: ignore[no-untyped-call]


async def published(
    client: RecordingClient,
    uri: str,
    version: int,
    until: Callable[[Sequence[types.Diagnostic]], bool] = lambda _: True,
) -> Sequence[types.Diagnostic]:
    """The diagnostics published for ``version`` of ``uri`` (waiting for them)."""

    async def wait() -> Sequence[types.Diagnostic]:
        while True:
            for params in reversed(client.published):
                if params.uri == uri and params.version == version and until(params.diagnostics):
                    return params.diagnostics
            await asyncio.sleep(0.02)

    return await asyncio.wait_for(wait(), TIMEOUT)


async def _until(condition: Callable[[], bool]) -> None:
    while not condition():
        await asyncio.sleep(0.02)


def open_document(
    client: LanguageClient, path: Path, text: str, language: str = "plaintext", version: int = 1
) -> str:
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id=language, version=version, text=text
            )
        )
    )
    return uri


def _utf16_offset(text: str, position: types.Position) -> int:
    """The character offset of an LSP position counted in UTF-16, written independently of
    the server's own conversion: lines split on CRLF, CR and LF, columns by encoding."""
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    start = starts[position.line]
    line = text[start:]
    encoded = line.encode("utf-16-le")[: position.character * 2]
    return start + len(encoded.decode("utf-16-le"))


def apply_edits(text: str, edits: Sequence[types.TextEdit]) -> str:
    """The text after an editor applies ``edits`` (all against the same original)."""
    spans = sorted(
        (
            (_utf16_offset(text, e.range.start), _utf16_offset(text, e.range.end), e.new_text)
            for e in edits
        ),
        reverse=True,
    )
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def edits_of(action: types.CodeAction, uri: str) -> list[types.TextEdit]:
    assert action.edit is not None
    edits: list[types.TextEdit] = []
    for change in action.edit.document_changes or ():
        assert isinstance(change, types.TextDocumentEdit)
        assert change.text_document.uri == uri
        edits.extend(e for e in change.edits if isinstance(e, types.TextEdit))
    return edits


def change_document(
    client: LanguageClient, uri: str, version: int, before: str, edits: Sequence[types.TextEdit]
) -> str:
    """Send ``edits`` as incremental changes (last first, so each range is still valid), the
    way an editor reports an applied workspace edit; returns the new text."""
    ordered = sorted(
        edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True
    )
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[
                types.TextDocumentContentChangePartial(range=e.range, text=e.new_text)
                for e in ordered
            ],
        )
    )
    return apply_edits(before, edits)


def whole_document(range_end_line: int) -> types.Range:
    return types.Range(
        start=types.Position(line=0, character=0),
        end=types.Position(line=range_end_line, character=0),
    )


def cli_fixed(folder: Path, name: str, text: str) -> bytes:
    """The bytes ``contentlint fix`` writes for ``text`` saved as ``folder/name``."""
    target = folder / "cli-copy" / name
    target.parent.mkdir(exist_ok=True)
    target.write_bytes(text.encode("utf-8"))
    run_cli(["fix", "-q", str(target.relative_to(folder))], cwd=folder)
    data = target.read_bytes()
    target.unlink()
    return data


def cli_findings(folder: Path, name: str) -> list[dict[str, Any]]:
    run = run_cli(["check", "--format", "json", name], cwd=folder)
    assert run.code in (0, 1), run.err
    findings: list[dict[str, Any]] = json.loads(run.out)
    return findings


async def code_actions(
    client: LanguageClient,
    uri: str,
    at: types.Range,
    diagnostics: Sequence[types.Diagnostic] = (),
    only: Sequence[str] | None = None,
) -> list[types.CodeAction]:
    """The code actions the server offers for ``at`` (a Command would be a failure)."""
    answer = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=at,
            context=types.CodeActionContext(diagnostics=list(diagnostics), only=only),
        )
    )
    actions = list(answer or ())
    assert all(isinstance(action, types.CodeAction) for action in actions)
    return [action for action in actions if isinstance(action, types.CodeAction)]


def _codes(diagnostics: Sequence[types.Diagnostic]) -> list[str]:
    return [str(d.code) for d in diagnostics]


@pytest.mark.asyncio
async def test_diagnostics_arrive_with_utf16_ranges(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    async with lsp(tmp_path) as client:
        uri = open_document(client, page, PAGE)
        shown = await published(client, uri, 1)
    assert _codes(shown) == ["encoding/mojibake", "html-comment/comment", "links/shortener"]
    mojibake, comment, link = shown
    # "Launch day 🎉 for the team " is 26 code points; the emoji is two UTF-16 units.
    assert (mojibake.range.start.line, mojibake.range.start.character) == (0, 27)
    assert (mojibake.range.end.line, mojibake.range.end.character) == (0, 30)
    assert (comment.range.start.line, comment.range.start.character) == (2, 0)
    assert (comment.range.end.line, comment.range.end.character) == (2, 20)
    assert (link.range.start.line, link.range.start.character) == (3, 24)
    assert (link.range.end.line, link.range.end.character) == (3, 46)
    assert mojibake.severity == types.DiagnosticSeverity.Warning
    assert mojibake.source == "contentlint"
    assert mojibake.message == 'mojibake "â€”" → "—"'
    assert mojibake.code_description is not None
    assert mojibake.code_description.href.endswith("/docs/checks/encoding.md")
    assert link.code_description is not None
    assert link.code_description.href.endswith("/docs/checks/links.md")


@pytest.mark.asyncio
@pytest.mark.parametrize(("encoding", "start", "end"), [("utf-8", 29, 37), ("utf-32", 26, 29)])
async def test_negotiated_position_encoding(
    tmp_path: Path, encoding: str, start: int, end: int
) -> None:
    page = tmp_path / "page.txt"
    async with lsp(tmp_path, encodings=[encoding]) as client:
        uri = open_document(client, page, PAGE)
        shown = await published(client, uri, 1)
    mojibake = shown[0]
    assert mojibake.code == "encoding/mojibake"
    # UTF-8: the emoji is 4 bytes and "â€”" is 2 + 3 + 3; UTF-32 counts code points.
    assert (mojibake.range.start.character, mojibake.range.end.character) == (start, end)


def _utf16(lines: list[str], line: int, column: int) -> tuple[int, int]:
    """A 1-based (line, code-point column) of ``contentlint check`` as an LSP position."""
    before = lines[line - 1][: column - 1]
    return line - 1, len(before.encode("utf-16-le")) // 2


@pytest.mark.asyncio
async def test_same_findings_as_check_on_the_saved_file(tmp_path: Path) -> None:
    names = []
    for seed in sorted((ROOT / "seeds").iterdir()):
        for name in (seed.name, seed.stem + ".md"):  # as plain text, and as Markdown
            (tmp_path / name).write_bytes(seed.read_bytes())
            names.append(name)
    async with lsp(tmp_path) as client:
        shown = {}
        for name in names:
            text = (tmp_path / name).read_text(encoding="utf-8")
            uri = open_document(client, tmp_path / name, text)
            shown[name] = (text, await published(client, uri, 1))
    expected: dict[str, list[dict[str, Any]]] = {name: [] for name in names}
    for record in cli_findings(tmp_path, "."):
        expected[record["path"]].append(record)
    assert sum(len(records) for records in expected.values()) > 50
    for name, (text, diagnostics) in shown.items():
        lines = re.split(r"\r\n|\r|\n", text)
        assert len(diagnostics) == len(expected[name]), name
        for found, record in zip(diagnostics, expected[name], strict=True):
            assert found.code == f"{record['check']}/{record['rule']}"
            assert found.message == record["message"]
            assert found.severity == {"error": 1, "warning": 2, "info": 3}[record["severity"]]
            start = (found.range.start.line, found.range.start.character)
            end = (found.range.end.line, found.range.end.character)
            assert start == _utf16(lines, record["line"], record["column"])
            assert end == _utf16(lines, record["end_line"], record["end_column"])


@pytest.mark.asyncio
async def test_quick_fixes_give_the_bytes_fix_writes(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    expected = cli_fixed(tmp_path, "page.txt", PAGE)
    assert expected != PAGE.encode("utf-8")
    async with lsp(tmp_path) as client:
        uri = open_document(client, page, PAGE)
        text, version = PAGE, 1
        shown = await published(client, uri, version)
        for _ in range(10):
            actions = await code_actions(
                client,
                uri,
                whole_document(text.count("\n")),
                shown,
                [types.CodeActionKind.QuickFix],
            )
            preferred = [a for a in actions if a.is_preferred]
            if not preferred:
                break
            version += 1
            text = change_document(client, uri, version, text, edits_of(preferred[0], uri))
            shown = await published(client, uri, version)
    assert text.encode("utf-8") == expected
    # What is left is what `contentlint fix` leaves: the shortened link has no fix.
    assert _codes(shown) == ["links/shortener"]


@pytest.mark.asyncio
async def test_fix_all_source_action_gives_the_bytes_fix_writes(tmp_path: Path) -> None:
    seed = sorted((ROOT / "seeds").iterdir())[1]
    text = seed.read_text(encoding="utf-8")
    page = tmp_path / "seed.md"
    page.write_text(text, encoding="utf-8")
    expected = cli_fixed(tmp_path, "seed.md", text)
    assert expected != text.encode("utf-8")
    async with lsp(tmp_path) as client:
        uri = open_document(client, page, text, language="markdown")
        await published(client, uri, 1)
        actions = await code_actions(
            client, uri, whole_document(0), only=[types.CodeActionKind.SourceFixAll]
        )
        assert [a.kind for a in actions] == ["source.fixAll.contentlint"]
        resolved = await client.code_action_resolve_async(actions[0])
        fixed = change_document(client, uri, 2, text, edits_of(resolved, uri))
        assert fixed.encode("utf-8") == expected
        # The buffer, fixed, shows what `contentlint check` shows on the fixed file.
        shown = await published(client, uri, 2)
    page.write_text(fixed, encoding="utf-8")
    assert _codes(shown) == [f"{r['check']}/{r['rule']}" for r in cli_findings(tmp_path, "seed.md")]


@pytest.mark.asyncio
async def test_unsafe_fix_is_offered_as_such_and_not_preferred(tmp_path: Path) -> None:
    text = "Intro.\n\n<!-- TODO: check these numbers -->\nBody text.\n"
    page = tmp_path / "notes.txt"
    async with lsp(tmp_path) as client:
        uri = open_document(client, page, text)
        shown = await published(client, uri, 1)
        assert _codes(shown) == ["html-comment/comment"]
        actions = await code_actions(client, uri, shown[0].range, shown)
    titles = [a.title for a in actions]
    assert titles[0].startswith("Unsafe fix html-comment/comment (may change meaning)")
    assert not actions[0].is_preferred
    assert titles[1] == "Disable html-comment/comment on this line"
    # Nothing safe to fix: no fix-all action.
    assert all(a.kind == types.CodeActionKind.QuickFix for a in actions)


@pytest.mark.asyncio
async def test_directives_are_honoured_and_a_wrong_one_is_shown(tmp_path: Path) -> None:
    text = (
        "<!-- contentlint: disable=links/shortner -->\n"
        "<!-- contentlint: disable-next-line=encoding -->\n" + PAGE
    )
    async with lsp(tmp_path) as client:
        shown = await published(client, open_document(client, tmp_path / "page.txt", text), 1)
    assert _codes(shown) == ["directive", "html-comment/comment", "links/shortener"]
    directive = shown[0]
    assert directive.message == (
        "unknown rule 'links/shortner' in contentlint directive (did you mean 'links/shortener'?)"
    )
    assert (directive.range.start.line, directive.range.start.character) == (0, 0)
    assert (directive.range.end.line, directive.range.end.character) == (0, 44)
    assert directive.severity == types.DiagnosticSeverity.Warning


@pytest.mark.asyncio
async def test_a_change_that_removes_the_problem_clears_its_diagnostic(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    async with lsp(tmp_path) as client:
        uri = open_document(client, page, PAGE)
        shown = await published(client, uri, 1)
        link = next(d for d in shown if d.code == "links/shortener")
        change_document(
            client,
            uri,
            2,
            PAGE,
            [types.TextEdit(range=link.range, new_text="https://example.org/schedule")],
        )
        after = await published(client, uri, 2)
    assert _codes(after) == ["encoding/mojibake", "html-comment/comment"]
    assert after[0].range == shown[0].range


@pytest.mark.asyncio
async def test_newer_versions_supersede_older_runs(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    async with lsp(tmp_path) as client:
        uri = open_document(client, page, PAGE)
        await published(client, uri, 1)
        text = PAGE
        # Twenty quick edits, typed faster than a run: each adds a word at the end.
        for version in range(2, 22):
            end = types.Position(line=text.count("\n"), character=0)
            text = change_document(
                client,
                uri,
                version,
                text,
                [types.TextEdit(range=types.Range(start=end, end=end), new_text="word\n")],
            )
        final = await published(client, uri, 21)
        versions = [p.version or 0 for p in client.published if p.uri == uri]
    assert _codes(final) == ["encoding/mojibake", "html-comment/comment", "links/shortener"]
    assert versions == sorted(versions)  # never an older version after a newer one


@pytest.mark.asyncio
async def test_malformed_request_gets_an_error_and_the_server_keeps_serving(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    async with lsp(tmp_path) as client:
        uri = open_document(client, page, PAGE)
        shown = await published(client, uri, 1)
        # The client library cannot send a request it cannot structure: write it raw.
        bad = Future[Any]()
        client.protocol._request_futures["malformed-1"] = bad
        client.protocol._send_data(
            {
                "jsonrpc": "2.0",
                "id": "malformed-1",
                "method": types.TEXT_DOCUMENT_HOVER,
                "params": {"textDocument": 5, "position": "here"},
            }
        )
        with pytest.raises(JsonRpcException) as bad_params:
            await asyncio.wait_for(asyncio.wrap_future(bad), TIMEOUT)
        with pytest.raises(JsonRpcException) as unknown:
            unknown_method = client.protocol.send_request_async("contentlint/nonsense", {})  # type: ignore[no-untyped-call]
            await asyncio.wait_for(unknown_method, TIMEOUT)
        hover = await client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri), position=shown[2].range.start
            )
        )
    assert bad_params.value.code == -32602  # InvalidParams
    assert unknown.value.code == -32601  # MethodNotFound
    assert hover is not None


@pytest.mark.asyncio
async def test_hover_explains_the_rule_with_its_example(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    async with lsp(tmp_path) as client:
        uri = open_document(client, page, PAGE)
        shown = await published(client, uri, 1)
        link = shown[2]
        inside = types.Position(
            line=link.range.start.line, character=link.range.start.character + 5
        )
        hover = await client.text_document_hover_async(
            types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=inside)
        )
        outside = await client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=types.Position(line=1, character=0),
            )
        )
    rules = json.loads(run_cli(["rules", "links/shortener", "--format", "json"]).out)[0]
    assert hover is not None
    assert isinstance(hover.contents, types.MarkupContent)
    value = hover.contents.value
    assert value.startswith("**links/shortener**: Shortened link (bit.ly is a URL shortener)")
    assert rules["summary"] in value
    assert rules["example"].strip().splitlines()[0] in value
    assert hover.range == link.range
    assert outside is None


@pytest.mark.asyncio
async def test_disable_this_rule_on_this_line(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    text = PAGE.replace("\n<!-- Hero Mobile -->\n", "\n")
    async with lsp(tmp_path) as client:
        uri = open_document(client, page, text, language="markdown")
        shown = await published(client, uri, 1)
        link = next(d for d in shown if d.code == "links/shortener")
        actions = await code_actions(client, uri, link.range, [link])
        disable = next(a for a in actions if a.title == "Disable links/shortener on this line")
        changed = change_document(client, uri, 2, text, edits_of(disable, uri))
        after = await published(client, uri, 2)
    assert changed == text.replace(
        "The full", "<!-- contentlint: disable-next-line=links/shortener -->\nThe full"
    )
    assert _codes(after) == ["encoding/mojibake"]
    page.write_text(changed, encoding="utf-8")
    assert [r["rule"] for r in cli_findings(tmp_path, "page.md")] == ["mojibake"]


@pytest.mark.asyncio
async def test_configuration_reloads_when_the_file_changes(tmp_path: Path) -> None:
    page = tmp_path / "docs" / "page.txt"
    page.parent.mkdir()
    async with lsp(tmp_path) as client:
        await asyncio.wait_for(_until(lambda: bool(client.registrations)), TIMEOUT)
        assert [r.method for r in client.registrations] == [
            types.WORKSPACE_DID_CHANGE_WATCHED_FILES
        ]
        uri = open_document(client, page, PAGE)
        shown = await published(client, uri, 1)
        assert "links/shortener" in _codes(shown)
        config = tmp_path / ".contentlint.yaml"
        config.write_text("checks:\n  links:\n    enabled: false\n", encoding="utf-8")
        client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Created)]
            )
        )
        after = await published(client, uri, 1, until=lambda d: "links/shortener" not in _codes(d))
        config.write_text("checks:\n  links: [nonsense\n", encoding="utf-8")
        client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)]
            )
        )
        broken = await published(client, uri, 1, until=lambda d: not d)
        await asyncio.sleep(0.2)
        shown_messages = [m.message for m in client.messages]
    assert _codes(after) == ["encoding/mojibake", "html-comment/comment"]
    assert list(broken) == []
    assert len(shown_messages) == 1
    assert shown_messages[0].startswith("contentlint: ")
    assert ".contentlint.yaml" in shown_messages[0]


@pytest.mark.asyncio
async def test_pyproject_configuration_and_per_file_ignores(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.contentlint.per-file-ignores]\n"press/*.txt" = ["links"]\n', encoding="utf-8"
    )
    press = tmp_path / "press" / "release.txt"
    other = tmp_path / "blog" / "post.txt"
    async with lsp(tmp_path) as client:
        press_uri = open_document(client, press, PAGE)
        other_uri = open_document(client, other, PAGE)
        ignored = await published(client, press_uri, 1)
        kept = await published(client, other_uri, 1)
    assert "links/shortener" not in _codes(ignored)
    assert "links/shortener" in _codes(kept)


@pytest.mark.asyncio
async def test_each_workspace_folder_has_its_own_configuration(tmp_path: Path) -> None:
    quiet, plain = tmp_path / "quiet", tmp_path / "plain"
    quiet.mkdir()
    plain.mkdir()
    (quiet / ".contentlint.yaml").write_text(
        "checks:\n  encoding:\n    rules:\n      mojibake: error\n  links:\n    enabled: false\n",
        encoding="utf-8",
    )
    async with lsp([quiet, plain]) as client:
        in_quiet = await published(client, open_document(client, quiet / "a.txt", PAGE), 1)
        in_plain = await published(client, open_document(client, plain / "a.txt", PAGE), 1)
    assert _codes(in_quiet) == ["encoding/mojibake", "html-comment/comment"]
    assert in_quiet[0].severity == types.DiagnosticSeverity.Error
    assert _codes(in_plain) == ["encoding/mojibake", "html-comment/comment", "links/shortener"]
    assert in_plain[0].severity == types.DiagnosticSeverity.Warning


@pytest.mark.asyncio
async def test_baseline_in_the_workspace_hides_known_findings(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    run = run_cli(
        ["check", "page.txt", "--write-baseline", ".contentlint-baseline.json"], cwd=tmp_path
    )
    assert run.code == 0, run.err
    text = PAGE + "Another one: https://bit.ly/4NewLink\n"
    async with lsp(tmp_path) as client:
        uri = open_document(client, page, text)
        shown = await published(client, uri, 1)
    assert _codes(shown) == ["links/shortener"]
    assert shown[0].range.start.line == 4


@pytest.mark.asyncio
async def test_baseline_named_in_initialization_options(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    run = run_cli(["check", "page.txt", "--write-baseline", "known.json"], cwd=tmp_path)
    assert run.code == 0, run.err
    async with lsp(tmp_path, options={"baseline": "known.json"}) as client:
        uri = open_document(client, page, PAGE)
        shown = await published(client, uri, 1)
    assert list(shown) == []


@pytest.mark.asyncio
async def test_a_crashing_check_is_one_logged_error_not_a_dead_server(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    async with lsp(tmp_path, command=("-c", CRASHING_LINKS)) as client:
        uri = open_document(client, page, PAGE)
        shown = await published(client, uri, 1)
        change_document(
            client, uri, 2, PAGE, [types.TextEdit(range=whole_document(0), new_text="")]
        )
        again = await published(client, uri, 2)
        errors = [m.message for m in client.log_messages if m.type == types.MessageType.Error]
    assert _codes(shown) == ["encoding/mojibake", "html-comment/comment"]
    assert _codes(again) == ["encoding/mojibake", "html-comment/comment"]
    assert errors == [
        "contentlint: check 'links' failed on page.txt: RuntimeError: links check exploded; "
        "its findings are left out (please report this)"
    ]


@pytest.mark.asyncio
async def test_closing_a_document_clears_its_diagnostics_and_other_languages_are_left_alone(
    tmp_path: Path,
) -> None:
    page = tmp_path / "page.txt"
    script = tmp_path / "tool.py"
    async with lsp(tmp_path) as client:
        uri = open_document(client, page, PAGE)
        await published(client, uri, 1)
        open_document(client, script, "# https://bit.ly/3xYzAbc\n", language="python")
        client.text_document_did_close(
            types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
        )
        cleared = await published(client, uri, 1, until=lambda d: not d)
        await asyncio.sleep(0.3)
    assert list(cleared) == []
    assert all(p.uri != script.as_uri() for p in client.published)


def test_lsp_without_the_extra_says_so_with_exit_2(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "sys.modules['pygls'] = None\n"
        "from lint.cli import main\n"
        "sys.exit(main(['lsp']))\n"
    )
    completed = run_python(code, tmp_path)
    assert completed.returncode == 2
    assert completed.stderr == (
        "contentlint: error: the language server needs the lsp extra (pygls is not installed): "
        "pip install 'contentlint[lsp]'\n"
    )


def test_check_and_fix_never_import_the_language_server(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text(PAGE, encoding="utf-8")
    code = (
        "import sys\n"
        "from lint.cli import main\n"
        "main(['check', '-q', 'page.txt'])\n"
        "main(['fix', '-q', 'page.txt'])\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol') or m.startswith('lint.lsp'))\n"
        "print(loaded)\n"
    )
    completed = run_python(code, tmp_path)
    assert completed.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.asyncio
async def test_tcp_for_debugging(tmp_path: Path) -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "lint",
        "lsp",
        "--tcp",
        str(port),
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    client = _make_client()
    try:
        for _ in range(int(TIMEOUT / 0.1)):
            try:
                await client.start_tcp("127.0.0.1", port)
                break
            except OSError:
                await asyncio.sleep(0.1)
        await client.initialize_session(
            types.InitializeParams(
                capabilities=_capabilities(None),
                workspace_folders=[types.WorkspaceFolder(uri=tmp_path.as_uri(), name="work")],
            )
        )
        uri = open_document(client, tmp_path / "page.txt", PAGE)
        shown = await published(client, uri, 1)
        await client.shutdown_async(None)
        client.exit(None)
        assert await asyncio.wait_for(server.wait(), TIMEOUT) == 0
    finally:
        if server.returncode is None:
            server.kill()
        await client.stop()  # type: ignore[no-untyped-call]
    assert _codes(shown) == ["encoding/mojibake", "html-comment/comment", "links/shortener"]


@pytest.mark.asyncio
async def test_a_quick_fix_the_guard_refuses_is_shown_disabled_with_the_reason(
    tmp_path: Path,
) -> None:
    text = (ROOT / "tests" / "fixtures" / "safety" / "paragraph-comment-paragraph.md").read_text(
        encoding="utf-8"
    )
    page = tmp_path / "post.md"
    async with lsp(tmp_path) as client:
        uri = open_document(client, page, text, language="markdown")
        shown = await published(client, uri, 1)
        [comment] = [d for d in shown if d.code == "html-comment/comment"]
        assert comment.range.start.line == 3
        actions = await code_actions(client, uri, comment.range, [comment])
    fix = actions[0]
    assert fix.title.startswith("Fix html-comment/comment")
    assert fix.edit is None
    assert fix.disabled is not None
    assert fix.disabled.reason == "not safe to fix: it would join two paragraphs into one"
    assert actions[1].title == "Disable html-comment/comment on this line"
