"""Output files written whole or not at all, gzipped when their name ends in ``.gz``.

Compressed output is a series of gzip members, one per batch, with a fixed header: any
gzip reader reads it as one stream, and the same batches give the same bytes on every engine.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import IO

from lint.corpus.process import compress


class OutputError(Exception):
    """An output that cannot be written; the message is the one line the user sees."""


def is_gzip_path(path: str) -> bool:
    return path.endswith(".gz")


class Sink:
    """A temporary file beside ``path``, renamed over it by ``commit`` ("-" is stdout)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.compressed = is_gzip_path(path)
        self.written = False
        self._temp: Path | None = None
        self._stream: IO[bytes]
        if path == "-":
            self._stream = sys.stdout.buffer
            self.compressed = False
            return
        target = Path(path)
        self._temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        try:
            descriptor = os.open(self._temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
        except OSError as error:
            raise OutputError(f"cannot write {path}: {error.strerror or error}") from None
        self._stream = os.fdopen(descriptor, "wb", buffering=1 << 20)

    def write(self, data: bytes) -> None:
        """Bytes exactly as they go to disk (already compressed for a ``.gz`` sink)."""
        if data:
            self.written = True
            try:
                self._stream.write(data)
            except OSError as error:
                raise OutputError(f"cannot write {self.path}: {error.strerror or error}") from None

    def write_lines(self, data: bytes) -> None:
        """Uncompressed JSON lines; compressed here when the sink is gzipped."""
        self.write(compress(data) if self.compressed else data)

    def commit(self) -> None:
        if self.compressed and not self.written:
            self.write(compress_empty())
        try:
            self._stream.flush()
            if self._temp is not None:
                self._stream.close()
                self._temp.replace(self.path)
        except OSError as error:
            self.abort()
            raise OutputError(f"cannot write {self.path}: {error.strerror or error}") from None

    def abort(self) -> None:
        if self._temp is None:
            return
        with contextlib.suppress(OSError):
            self._stream.close()
        self._temp.unlink(missing_ok=True)


def compress_empty() -> bytes:
    """A valid gzip file holding nothing (an empty file is not one)."""
    import gzip

    return gzip.compress(b"", mtime=0)
