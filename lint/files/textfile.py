"""Reading and writing the user's files without losing a byte.

A file is decoded exactly (BOM and UTF-16 recognised, line endings untouched) and written
back in the same encoding, with the same BOM and mode, through a temporary file in the
same folder and an atomic rename, and only if nobody changed it since it was read.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import signal
import stat
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from lint.document import DecodeError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SNIFF = 8192


class FileError(Exception):
    """A file that cannot be read or written; the message is the one line the user sees."""


class SkippedFile(Exception):
    """A file deliberately not linted (binary, not a regular file); the message says why."""


class TextFile(NamedTuple):
    path: Path
    # Not the bytes read: the file is not held twice while it is linted. Decoding is exact,
    # so ``encode(text)`` gives them back when they are needed, before a write.
    text: str
    encoding: str
    bom: bytes
    mode: int
    mtime_ns: int
    # Set when the file is not UTF-8; ``text`` then has U+FFFD for bad bytes and is never written.
    decode_error: DecodeError | None = None

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.encoding)


def _describe(error: OSError) -> str:
    return error.strerror or str(error)


def read_text_file(path: Path, max_size: int | None = None) -> TextFile:
    """Read and decode one file; raises FileError or SkippedFile with a one-line reason."""
    try:
        info = path.stat()
    except OSError as error:
        raise FileError(f"{path}: {_describe(error)}") from None
    if stat.S_ISDIR(info.st_mode):
        raise FileError(f"{path}: is a directory")
    if not stat.S_ISREG(info.st_mode):
        raise SkippedFile(f"{path}: skipped: not a regular file")
    if max_size is not None and info.st_size > max_size:
        raise FileError(
            f"{path}: {info.st_size:,} bytes is over max-file-size ({max_size:,}); not checked"
            " (raise the limit with --max-file-size or max-file-size in the configuration)"
        )
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise FileError(f"{path}: {_describe(error)}") from None
    return decode(path, raw, info.st_mode, info.st_mtime_ns)


def decode(path: Path, raw: bytes, mode: int = 0o644, mtime_ns: int = 0) -> TextFile:
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw[len(bom) :].decode(encoding)
            except UnicodeDecodeError as error:
                if encoding == "utf-8":  # a BOM on legacy text: report it like any other
                    return _not_utf8(path, raw, bom, error, mode, mtime_ns)
                raise SkippedFile(
                    f"{path}: skipped: invalid {encoding.upper()} at byte {error.start + len(bom)}"
                ) from None
            return TextFile(path, text, encoding, bom, mode, mtime_ns)
    if b"\x00" in raw[:_SNIFF]:
        raise SkippedFile(f"{path}: skipped: binary file (NUL bytes)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return _not_utf8(path, raw, b"", error, mode, mtime_ns)
    return TextFile(path, text, "utf-8", b"", mode, mtime_ns)


def _not_utf8(
    path: Path, raw: bytes, bom: bytes, error: UnicodeDecodeError, mode: int, mtime_ns: int
) -> TextFile:
    """Text decoded with U+FFFD for bad bytes, for positions only; it is never written."""
    body = raw[len(bom) :]
    lossy = body.decode("utf-8", errors="replace")
    char_offset = len(body[: error.start].decode("utf-8", errors="replace"))
    problem = DecodeError(
        len(bom) + error.start, body[error.start], guess_encoding(body), char_offset
    )
    return TextFile(path, lossy, "utf-8", bom, mode, mtime_ns, problem)


def guess_encoding(raw: bytes) -> str:
    """The legacy encoding whose decoding looks most like real text (a hint, not a verdict)."""
    best, best_score = "an unknown 8-bit encoding", 0.0
    for encoding, label in (
        ("shift_jis", "Shift-JIS"),
        ("gb18030", "GB18030"),
        ("cp1252", "cp1252 (Windows-1252)"),
    ):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = _plausibility(text, encoding)
        if score > best_score:
            best, best_score = label, score
    if best_score == 0.0:
        return "latin-1 (ISO-8859-1)"
    return best


def _plausibility(text: str, encoding: str) -> float:
    """Share of non-ASCII characters that belong to the scripts the encoding is for."""
    wide = [c for c in text if ord(c) > 127]
    if not wide:
        return 0.0
    if encoding == "cp1252":
        good = sum(1 for c in wide if ord(c) < 0x250 or c in "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ")
        letters = sum(1 for c in wide if c.isalpha())
        return good / len(wide) * (0.9 if letters * 2 >= len(wide) else 0.5)
    cjk = sum(
        1
        for c in wide
        if unicodedata.name(c, "").startswith(("CJK", "HIRAGANA", "KATAKANA", "FULLWIDTH"))
    )
    score = cjk / len(wide)
    # Japanese text nearly always has kana; without it GB18030 is the better guess.
    if encoding == "shift_jis" and not any("\u3040" <= c <= "\u30ff" for c in wide):
        score *= 0.5
    return score


def write_text_file(original: TextFile, text: str) -> None:
    """Write ``text`` over ``original.path`` atomically, keeping encoding, BOM and mode.

    Refuses when the file on disk is no longer the bytes that were read.
    """
    path = original.path
    data = original.encode(text)
    try:
        current = path.stat()
        changed = current.st_mtime_ns != original.mtime_ns
        if not changed:  # the same time: compare the bytes with those decoded
            changed = path.read_bytes() != original.encode(original.text)
        if changed:
            raise FileError(f"{path}: changed on disk since it was read; not overwritten")
    except FileNotFoundError:
        raise FileError(f"{path}: removed since it was read; not written") from None
    except OSError as error:
        raise FileError(f"{path}: {_describe(error)}") from None
    # The rename below would replace a read-only file; an in-place write would be refused.
    if not os.access(path, os.W_OK):
        raise FileError(f"{path}: cannot write: Permission denied")
    target = path.resolve()
    import tempfile  # only writes need it (it brings shutil and random along)

    with _signals_held():
        try:
            fd, temp_name = tempfile.mkstemp(
                prefix=f".{target.name}.", suffix=".contentlint-tmp", dir=target.parent
            )
        except OSError as error:
            raise FileError(f"{path}: cannot write: {_describe(error)}") from None
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            temp = Path(temp_name)
            temp.chmod(stat.S_IMODE(original.mode))
            temp.replace(target)
        except BaseException as error:
            with contextlib.suppress(OSError):
                Path(temp_name).unlink()
            if isinstance(error, OSError):
                raise FileError(f"{path}: cannot write: {_describe(error)}") from None
            raise


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait until the temporary file is renamed over the original (or
    removed): a stopped run never leaves a file half-replaced or a temporary file behind."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no signal masks
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
