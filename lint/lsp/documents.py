"""The documents the editor has open: their text as the client edits it, and their markup.

The server keeps its own copy rather than pygls's, so a change's range is read with the
line breaks LSP and contentlint both use (CRLF, CR, LF) and in the negotiated encoding.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from lint.document import MARKUP_BY_SUFFIX, Document, Markup
from lint.lsp.positions import UTF16, LineIndex

# Language ids (as editors name them) of the documents contentlint reads, when the file's
# extension does not say: an untitled buffer, a README without one.
LANGUAGE_MARKUP: dict[str, Markup] = {
    "markdown": "markdown",
    "mdx": "markdown",
    "html": "html",
    "plaintext": "text",
    "text": "text",
}
TEXT_SUFFIXES = frozenset({".txt", ".text"})

# (start line, start column, end line, end column) in the client's units; None: the whole text.
Range = tuple[int, int, int, int]


@dataclass(frozen=True)
class OpenDocument:
    uri: str
    language_id: str
    version: int
    text: str
    path: Path | None  # None unless the URI is a file: URI

    def markup(self) -> Markup | None:
        """By extension when the file has one contentlint knows, else by language id;
        None for a document that is not Markdown, HTML or plain text."""
        suffix = self.path.suffix.lower() if self.path is not None else ""
        if suffix in MARKUP_BY_SUFFIX:
            return MARKUP_BY_SUFFIX[suffix]
        if suffix in TEXT_SUFFIXES:
            return "text"
        return LANGUAGE_MARKUP.get(self.language_id.lower())


def apply_changes(
    text: str, changes: Iterable[tuple[Range | None, str]], encoding: str = UTF16
) -> str:
    """``text`` after the client's content changes, applied in order."""
    for change_range, new_text in changes:
        if change_range is None:
            text = new_text
            continue
        index = LineIndex(text, Document(text=text).line_starts, encoding)
        start_line, start_column, end_line, end_column = change_range
        start = index.offset(start_line, start_column)
        end = max(start, index.offset(end_line, end_column))
        text = text[:start] + new_text + text[end:]
    return text
