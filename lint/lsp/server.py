"""The language server: pygls handlers over a ``Session``; stdio, or TCP for debugging.

Document notifications are handled on the protocol thread and only record the change;
linting runs on the session's lint thread and diagnostics are sent back through the event
loop. Requests that need findings (code actions, hover) run on a thread of their own and
wait for the current version's analysis, never the protocol thread.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.capabilities import ServerCapabilitiesBuilder
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method
from pygls.uris import to_fs_path

from lint import __version__
from lint.document import Document
from lint.lsp import protocol
from lint.lsp.analysis import Analysis
from lint.lsp.documents import Range
from lint.lsp.folders import Folders
from lint.lsp.positions import ENCODINGS, UTF16, LineIndex
from lint.lsp.session import Session
from lint.result import fixable

_LEVEL = {
    "error": types.MessageType.Error,
    "warning": types.MessageType.Warning,
    "info": types.MessageType.Info,
}


class _Malformed:
    """A request whose parameters do not parse: already answered with an error."""


class ContentlintProtocol(LanguageServerProtocol):
    """pygls's protocol, with two changes.

    The open documents are the session's (pygls's own copy splits lines with
    ``str.splitlines``, which LSP does not), so the document notifications only reach the
    handlers. A request whose parameters do not parse gets an InvalidParams error response
    (pygls would log it and leave the client waiting) and the server goes on.
    """

    def _forward(self, method: str, params: Any) -> None:
        # Called directly, not yielded to as pygls's own handlers do: pygls keeps a future
        # for each generator-handled notification and never drops it (memory grew with
        # every change).
        if (handler := self.fm.features.get(method)) is not None:
            handler(params)

    @lsp_method(types.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: types.DidOpenTextDocumentParams) -> None:
        self._forward(types.TEXT_DOCUMENT_DID_OPEN, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: types.DidChangeTextDocumentParams) -> None:
        self._forward(types.TEXT_DOCUMENT_DID_CHANGE, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: types.DidCloseTextDocumentParams) -> None:
        self._forward(types.TEXT_DOCUMENT_DID_CLOSE, params)

    def structure_message(self, data: dict[str, Any]) -> Any:
        try:
            return super().structure_message(data)
        except JsonRpcException as error:
            msg_id = data.get("id")
            if "method" not in data or not isinstance(msg_id, int | str):
                raise
            self._send_response(msg_id, None, error.to_response_error())
            return _Malformed()

    def handle_message(self, message: Any) -> None:
        if isinstance(message, _Malformed):
            return
        super().handle_message(message)


class ContentlintServer(LanguageServer):
    session: Session
    client: protocol.Client
    loop: asyncio.AbstractEventLoop

    def call_soon(self, function: Any, *args: Any) -> None:
        """Run ``function(*args)`` on the event loop: the only thread that writes to the client."""
        self.loop.call_soon_threadsafe(function, *args)

    def publish(self, uri: str, version: int, analysis: Analysis | None) -> None:
        shown = [] if analysis is None else protocol.diagnostics(analysis, self.client.encoding)
        params = types.PublishDiagnosticsParams(uri=uri, diagnostics=shown, version=version)
        self.call_soon(self.text_document_publish_diagnostics, params)

    def log(self, level: str, message: str) -> None:
        params = types.LogMessageParams(type=_LEVEL[level], message=f"contentlint: {message}")
        self.call_soon(self.window_log_message, params)

    def show(self, level: str, message: str) -> None:
        self.log(level, message)
        params = types.ShowMessageParams(type=_LEVEL[level], message=f"contentlint: {message}")
        self.call_soon(self.window_show_message, params)


def _path(uri: str) -> Path | None:
    if not uri.startswith("file:"):
        return None
    path = to_fs_path(uri)
    return Path(path) if path else None


def _roots(params: types.InitializeParams) -> list[Path]:
    roots = [_path(folder.uri) for folder in params.workspace_folders or ()]
    if not roots and params.root_uri:
        roots = [_path(params.root_uri)]
    if not roots and params.root_path:
        roots = [Path(params.root_path)]
    return [root for root in roots if root is not None]


def _client(params: types.InitializeParams) -> protocol.Client:
    capabilities = params.capabilities
    encoding = ServerCapabilitiesBuilder.choose_position_encoding(capabilities)
    chosen = str(getattr(encoding, "value", encoding))
    workspace_edit = capabilities.workspace.workspace_edit if capabilities.workspace else None
    code_action = capabilities.text_document.code_action if capabilities.text_document else None
    resolve = code_action.resolve_support if code_action else None
    return protocol.Client(
        encoding=chosen if chosen in ENCODINGS else UTF16,
        document_changes=bool(workspace_edit and workspace_edit.document_changes),
        resolve_edit=bool(resolve and "edit" in resolve.properties),
    )


def _changes(params: types.DidChangeTextDocumentParams) -> list[tuple[Range | None, str]]:
    changes: list[tuple[Range | None, str]] = []
    for change in params.content_changes:
        if isinstance(change, types.TextDocumentContentChangePartial):
            r = change.range
            changes.append(
                ((r.start.line, r.start.character, r.end.line, r.end.character), change.text)
            )
        else:
            changes.append((None, change.text))
    return changes


def initialize(ls: ContentlintServer, params: types.InitializeParams) -> None:
    ls.loop = asyncio.get_running_loop()
    ls.client = _client(params)
    options = params.initialization_options
    baseline = options.get("baseline") if isinstance(options, dict) else None
    folders = Folders(_roots(params), baseline if isinstance(baseline, str) else None)
    ls.session = Session(folders, ls.publish, ls.log, ls.show, ls.client.encoding)


def initialized(ls: ContentlintServer, params: types.InitializedParams) -> None:
    """Warm up, and ask the client to say when a configuration or baseline file changes."""
    ls.session.warm_up()
    workspace = ls.client_capabilities.workspace
    watch = workspace.did_change_watched_files if workspace else None
    if not (watch and watch.dynamic_registration):
        return  # the client cannot be asked; saving the file in the editor reloads too
    watchers = [
        types.FileSystemWatcher(glob_pattern=f"**/{name}")
        for name in ls.session.folders.watched_names
    ]
    registration = types.Registration(
        id="contentlint-configuration",
        method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
        register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers),
    )
    ls.client_register_capability(types.RegistrationParams(registrations=[registration]))


def watched_files(ls: ContentlintServer, params: types.DidChangeWatchedFilesParams) -> None:
    names = ls.session.folders.watched_names
    if any(change.uri.rsplit("/", 1)[-1] in names for change in params.changes):
        ls.session.reload()


def folders_changed(ls: ContentlintServer, params: types.DidChangeWorkspaceFoldersParams) -> None:
    for folder in params.event.removed:
        if (path := _path(folder.uri)) is not None:
            ls.session.folders.remove(path)
    for folder in params.event.added:
        if (path := _path(folder.uri)) is not None:
            ls.session.folders.add(path)
    ls.session.reload()


def did_open(ls: ContentlintServer, params: types.DidOpenTextDocumentParams) -> None:
    doc = params.text_document
    ls.session.open(doc.uri, doc.language_id, doc.version, doc.text, _path(doc.uri))


def did_change(ls: ContentlintServer, params: types.DidChangeTextDocumentParams) -> None:
    doc = params.text_document
    ls.session.change(doc.uri, doc.version, _changes(params))


def did_save(ls: ContentlintServer, params: types.DidSaveTextDocumentParams) -> None:
    ls.session.save(params.text_document.uri, params.text)


def did_close(ls: ContentlintServer, params: types.DidCloseTextDocumentParams) -> None:
    ls.session.close(params.text_document.uri)


def shutdown(ls: ContentlintServer, params: None) -> None:
    ls.session.stop()


async def code_action(
    ls: ContentlintServer, params: types.CodeActionParams
) -> list[types.CodeAction] | None:
    return await asyncio.to_thread(_code_actions, ls, params)


async def code_action_resolve(ls: ContentlintServer, action: types.CodeAction) -> types.CodeAction:
    return await asyncio.to_thread(_resolve, ls, action)


async def hover(ls: ContentlintServer, params: types.HoverParams) -> types.Hover | None:
    return await asyncio.to_thread(_hover, ls, params)


_CODE_ACTIONS = types.CodeActionOptions(
    code_action_kinds=[types.CodeActionKind.QuickFix, protocol.FIX_ALL_KIND],
    resolve_provider=True,
)
_HANDLERS: tuple[tuple[str, Any, Any], ...] = (
    (types.INITIALIZE, initialize, None),
    (types.INITIALIZED, initialized, None),
    (types.WORKSPACE_DID_CHANGE_WATCHED_FILES, watched_files, None),
    (types.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS, folders_changed, None),
    (types.TEXT_DOCUMENT_DID_OPEN, did_open, None),
    (types.TEXT_DOCUMENT_DID_CHANGE, did_change, None),
    (types.TEXT_DOCUMENT_DID_SAVE, did_save, None),
    (types.TEXT_DOCUMENT_DID_CLOSE, did_close, None),
    (types.SHUTDOWN, shutdown, None),
    (types.TEXT_DOCUMENT_CODE_ACTION, code_action, _CODE_ACTIONS),
    (types.CODE_ACTION_RESOLVE, code_action_resolve, None),
    (types.TEXT_DOCUMENT_HOVER, hover, None),
)


def build_server() -> ContentlintServer:
    server = ContentlintServer(
        "contentlint",
        __version__,
        text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
        protocol_cls=ContentlintProtocol,
    )
    for method, handler, options in _HANDLERS:
        server.feature(method, options)(handler)
    return server


def _code_actions(
    ls: ContentlintServer, params: types.CodeActionParams
) -> list[types.CodeAction] | None:
    uri = params.text_document.uri
    analysis = ls.session.analysis(uri)
    if analysis is None:
        return None
    index = protocol.index_of(analysis, ls.client.encoding)
    r = params.range
    start = index.offset(r.start.line, r.start.character)
    end = index.offset(r.end.line, r.end.character)
    only = params.context.only
    actions: list[types.CodeAction] = []
    if protocol.kind_wanted(types.CodeActionKind.QuickFix, only):
        actions.extend(protocol.quick_fixes(analysis, start, end, ls.client))
    if protocol.kind_wanted(protocol.FIX_ALL_KIND, only) and any(
        fixable(finding) for finding in analysis.findings
    ):
        if ls.client.resolve_edit:
            actions.append(protocol.fix_all_action(uri, analysis.version, None))
        else:
            edit = _fix_all_edit(ls, uri)
            if edit is not None:
                actions.append(protocol.fix_all_action(uri, edit[0], edit[1]))
    return actions


def _fix_all_edit(ls: ContentlintServer, uri: str) -> tuple[int, types.WorkspaceEdit] | None:
    document, edits, error = ls.session.fix_all(uri)
    if document is None:
        return None
    if error is not None:
        ls.call_soon(
            ls.window_log_message,
            types.LogMessageParams(type=types.MessageType.Warning, message=f"contentlint: {error}"),
        )
    index = LineIndex(document.text, Document(text=document.text).line_starts, ls.client.encoding)
    return document.version, protocol.workspace_edit(uri, document.version, edits, index, ls.client)


def _resolve(ls: ContentlintServer, action: types.CodeAction) -> types.CodeAction:
    target = protocol.resolve_target(action)
    if target is None:
        return action
    edit = _fix_all_edit(ls, target[0])
    if edit is not None:
        action.edit = edit[1]
    return action


def _hover(ls: ContentlintServer, params: types.HoverParams) -> types.Hover | None:
    analysis = ls.session.analysis(params.text_document.uri)
    if analysis is None:
        return None
    index = protocol.index_of(analysis, ls.client.encoding)
    offset = index.offset(params.position.line, params.position.character)
    return protocol.hover(analysis, offset, ls.client.encoding)


def serve(tcp: int | None = None, host: str = "127.0.0.1") -> int:
    """Serve one client on stdio (or on ``host:tcp``) until it says exit; 0 after a shutdown
    request, 1 when the client went away without one."""
    server = build_server()
    if tcp is None:
        server.start_io()
    else:
        server.start_tcp(host, tcp)
    if hasattr(server, "session"):
        server.session.stop()
    return 0 if server.protocol._shutdown else 1
