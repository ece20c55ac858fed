"""What the server's handlers share: the open documents, their latest analyses, the folders'
settings and the lint thread. No LSP types here: the server turns what this gives into
diagnostics, code actions and hovers.

Two locks: a short one around the documents (the protocol thread takes it to apply a
change) and one around linting and fixing (only the lint thread and request threads take
it), so the protocol thread never waits for a check.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from lint.document import Document, Markup
from lint.files import globs
from lint.finding import Edit
from lint.lsp.analysis import Analysis, analyse, display_path, fix_all, text_edits
from lint.lsp.documents import OpenDocument, Range, apply_changes
from lint.lsp.folders import Folders, Settings
from lint.lsp.positions import UTF16
from lint.lsp.worker import Worker

# Linted once at start-up, so every check's code is loaded before the first real document.
WARM_UP = "# Title\n\nCafÃ© 🎉 text https://bit.ly/x <!-- note --> the best tool.\n"

# (uri, version, analysis): the diagnostics to show; analysis None clears them.
Publish = Callable[[str, int, Analysis | None], None]
# (level, message): level "error", "warning" or "info"; ``show`` also puts it in front of the user.
Log = Callable[[str, str], None]


class Session:
    def __init__(
        self,
        folders: Folders,
        publish: Publish,
        log: Log,
        show: Log,
        encoding: str = UTF16,
    ) -> None:
        self.folders = folders
        self.encoding = encoding
        self._publish = publish
        self._log = log
        self._show = show
        self._documents: dict[str, OpenDocument] = {}
        self._analyses: dict[str, Analysis] = {}
        self._fixed: dict[str, tuple[int, str | None, str | None]] = {}
        self._reported: set[tuple[str, ...]] = set()
        self._documents_lock = threading.Lock()
        self._lint_lock = threading.Lock()
        self.worker = Worker(self._lint_and_publish, self._worker_error)

    # -- the protocol thread: quick, never lints

    def open(self, uri: str, language_id: str, version: int, text: str, path: Path | None) -> None:
        with self._documents_lock:
            self._documents[uri] = OpenDocument(uri, language_id, version, text, path)
            self._forget(uri)
        self.worker.submit(uri)

    def change(self, uri: str, version: int, changes: Iterable[tuple[Range | None, str]]) -> None:
        with self._documents_lock:
            current = self._documents.get(uri)
            if current is None:
                return
            text = apply_changes(current.text, changes, self.encoding)
            self._documents[uri] = OpenDocument(
                uri, current.language_id, version, text, current.path
            )
        self.worker.submit(uri)

    def save(self, uri: str, text: str | None) -> None:
        """A save lints again (the text too, when the client sends it)."""
        with self._documents_lock:
            current = self._documents.get(uri)
            if current is None:
                return
            if text is not None and text != current.text:
                self._documents[uri] = OpenDocument(
                    uri, current.language_id, current.version, text, current.path
                )
            self._forget(uri)
        if current.path is not None and current.path.name in self.folders.watched_names:
            self.reload()
        else:
            self.worker.submit(uri)

    def close(self, uri: str) -> None:
        with self._documents_lock:
            closed = self._documents.pop(uri, None)
            self._forget(uri)
            self.worker.discard(uri)
            if closed is not None:
                self._publish(uri, closed.version, None)

    def reload(self) -> None:
        """Configuration or baseline changed: read them again and lint every open document."""
        self.folders.reload()
        self._reported = {key for key in self._reported if key[0] == "crash"}
        with self._documents_lock:
            uris = list(self._documents)
            for uri in uris:
                self._forget(uri)
        for uri in uris:
            self.worker.submit(uri)

    def warm_up(self) -> None:
        """Load the folders' settings and the checks' code before the first document
        arrives, so its diagnostics come as fast as the next ones."""
        threading.Thread(target=self._warm, name="contentlint-warm-up", daemon=True).start()

    def _warm(self) -> None:
        with self._lint_lock:
            for root in self.folders.roots or [Path.cwd()]:
                linter = self.folders.settings(root).linter
                if linter is None:
                    continue
                with contextlib.suppress(Exception):  # a failing check is reported on real text
                    linter.lint(Document(text=WARM_UP, path="warm-up.md", markup="markdown"))

    def stop(self) -> None:
        self.worker.stop()

    def _forget(self, uri: str) -> None:
        self._analyses.pop(uri, None)
        self._fixed.pop(uri, None)

    # -- any thread

    def document(self, uri: str) -> OpenDocument | None:
        with self._documents_lock:
            return self._documents.get(uri)

    def analysis(self, uri: str) -> Analysis | None:
        """The analysis of the document's current version (linted now if it is not yet);
        None for a closed document or one contentlint does not read."""
        with self._lint_lock:
            document = self.document(uri)
            if document is None:
                return None
            cached = self._analyses.get(uri)
            if cached is not None and cached.version == document.version:
                return cached
            target = self._target(document)
            if target is None:
                return None
            settings, markup = target
            analysis = analyse(document, settings, markup)
            self._report(analysis)
            with self._documents_lock:
                current = self._documents.get(uri)
                if current is not None and current.version == document.version:
                    self._analyses[uri] = analysis
            return analysis

    def fix_all(self, uri: str) -> tuple[OpenDocument | None, list[Edit], str | None]:
        """The edits that turn the document into what ``contentlint fix`` writes, or why
        there are none."""
        with self._lint_lock:
            document = self.document(uri)
            if document is None:
                return None, [], None
            target = self._target(document)
            if target is None:
                return document, [], None
            settings, markup = target
            cached = self._fixed.get(uri)
            if cached is not None and cached[0] == document.version:
                _, fixed, error = cached
            else:
                display = display_path(document, settings.root, markup)
                fixed, error = fix_all(settings, document.text, display)
                self._fixed[uri] = (document.version, fixed, error)
        if fixed is None:
            return document, [], error
        return document, text_edits(document.text, fixed), None

    def _target(self, document: OpenDocument) -> tuple[Settings, Markup] | None:
        settings = self.folders.settings(self.folders.root_for(document.path))
        if settings.error is not None:
            self._once(("config", str(settings.root), settings.error), settings.error, show=True)
        for note in settings.notes:
            self._once(("note", str(settings.root), note), note, show=True)
        markup = document.markup()
        linter = settings.linter
        if markup is None and linter is not None and document.path is not None:
            relative = display_path(document, settings.root, "text")
            if globs.matches(relative, linter.config.include):
                markup = "text"
        if markup is None:
            return None
        if linter is not None and len(document.text) > linter.config.max_file_size:
            self._once(
                ("size", document.uri),
                f"{document.uri}: not linted: {len(document.text):,} characters is over "
                f"max-file-size ({linter.config.max_file_size:,})",
            )
            return None
        return settings, markup

    def _report(self, analysis: Analysis) -> None:
        crashed = {check for check, _ in analysis.crashes}
        self._reported = {
            key
            for key in self._reported
            if not (key[0] == "crash" and key[1] == analysis.uri and key[2] not in crashed)
        }
        for check, error in analysis.crashes:
            self._once(
                ("crash", analysis.uri, check, error),
                f"check '{check}' failed on {analysis.display}: {error}; "
                "its findings are left out (please report this)",
            )

    def _once(self, key: tuple[str, ...], message: str, *, show: bool = False) -> None:
        if key in self._reported:
            return
        self._reported.add(key)
        (self._show if show else self._log)("error", message)

    def _lint_and_publish(self, uri: str) -> None:
        analysis = self.analysis(uri)
        with self._documents_lock:
            current = self._documents.get(uri)
            if current is None or (analysis is None and current.markup() is None):
                return
            if analysis is not None and analysis.version != current.version:
                return  # superseded: the newer version is queued
            self._publish(uri, current.version, analysis)

    def _worker_error(self, uri: str, error: BaseException) -> None:
        detail = " ".join(str(error).split())[:200]
        self._log("error", f"internal error on {uri}: {type(error).__name__}: {detail}")
