"""Read JSONL, gzipped JSONL and Parquet into batches of JSON lines, in order.

The format is taken from the file's first bytes, not its name (``.json.gz`` corpora are
JSONL too). Parquet rows become JSON lines here, so every engine sees one format.
"""

from __future__ import annotations

import base64
import datetime
import decimal
import gzip
import json
import sys
import zlib
from bisect import bisect_right
from collections.abc import Callable, Iterator
from itertools import accumulate, count
from pathlib import Path
from typing import IO, Any, Literal, cast

from lint.corpus.job import Batch

Kind = Literal["jsonl", "gzip", "parquet"]
BOM = b"\xef\xbb\xbf"
BLOCK_SIZE = 1 << 20  # read size; batches do not depend on it
_MAGIC: dict[bytes, Kind] = {b"\x1f\x8b": "gzip", b"PAR1": "parquet"}
_UNSUPPORTED = {
    b"\x28\xb5\x2f\xfd": "zstd-compressed input is not supported: decompress it first (zstd -d)",
    b"BZh": "bzip2-compressed input is not supported: decompress it first (bunzip2)",
}
PARQUET_MISSING = "reading Parquet needs pyarrow: pip install 'contentlint[parquet]'"


class InputError(Exception):
    """An input that cannot be read at all; the message is the one line the user sees."""


def input_kind(path: str) -> Kind:
    if path == "-":
        return "jsonl"
    try:
        with Path(path).open("rb") as stream:
            head = stream.read(4)
    except OSError as error:
        raise InputError(f"{path}: {error.strerror or error}") from None
    for magic, kind in _MAGIC.items():
        if head.startswith(magic):
            return kind
    for magic, reason in _UNSUPPORTED.items():
        if head.startswith(magic):
            raise InputError(f"{path}: {reason}")
    return "jsonl"


def _open(path: str, kind: Kind) -> IO[bytes]:
    if path == "-":
        return sys.stdin.buffer
    if kind == "gzip":
        return cast(IO[bytes], gzip.open(path, "rb"))
    return Path(path).open("rb", buffering=1 << 20)


def read_batches(paths: list[str], batch_size: int, max_bytes: int) -> Iterator[Batch]:
    """Batches of at most ``batch_size`` records or about ``max_bytes``, numbered in order."""
    counter = count()
    for path in paths:
        kind = input_kind(path)
        if kind == "parquet":
            yield from _parquet_batches(path, batch_size, counter)
        else:
            yield from _jsonl_batches(path, kind, batch_size, max_bytes, counter)


def _jsonl_batches(
    path: str, kind: Kind, batch_size: int, max_bytes: int, counter: Iterator[int]
) -> Iterator[Batch]:
    """Read in blocks and split lines in C; batches depend only on the lines, not on reads."""
    lines: list[bytes] = []  # complete lines, without their newline
    carry: list[bytes] = []  # the start of a line that goes on in the next block
    number = 0  # lines already in batches
    stream = _open(path, kind)
    # read1: at most one underlying read, so a corrupt gzip loses no complete line before it.
    read: Callable[[int], bytes] = getattr(stream, "read1", stream.read)
    try:
        block = read(BLOCK_SIZE)
        if block.startswith(BOM):
            block = block[len(BOM) :]
        while block:
            cut = block.rfind(b"\n")
            if cut < 0:
                carry.append(block)
                block = read(BLOCK_SIZE)
                continue
            head = b"".join([*carry, block[:cut]]) if carry else block[:cut]
            carry = [block[cut + 1 :]] if cut + 1 < len(block) else []
            lines += head.split(b"\n")
            while take := _take(lines, batch_size, max_bytes, final=False):
                yield _batch(counter, path, number, lines, take)
                number += take
            block = read(BLOCK_SIZE)
    except (OSError, EOFError, zlib.error) as error:
        # A truncated or corrupt file: keep the complete lines read, report the rest, go on.
        while take := _take(lines, batch_size, max_bytes, final=True):
            yield _batch(counter, path, number, lines, take)
            number += take
        reason = f"cannot read further: {getattr(error, 'strerror', None) or error}"
        yield Batch(next(counter), path, number + 1, b"", 0, error=reason)
        return
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()
    if carry:
        lines.append(b"".join(carry))  # a last line without a newline
    while take := _take(lines, batch_size, max_bytes, final=True):
        yield _batch(counter, path, number, lines, take)
        number += take


def _take(lines: list[bytes], batch_size: int, max_bytes: int, *, final: bool) -> int:
    """How many lines make the next batch: up to ``batch_size`` and ``max_bytes`` (at least
    one line); 0 while more input could still change the answer."""
    window = lines[:batch_size]
    fits = bisect_right(list(accumulate(map(len, window))), max_bytes)
    if fits < len(window):
        return max(fits, 1)
    if len(window) == batch_size or final:
        return len(window)
    return 0


def _batch(counter: Iterator[int], path: str, number: int, lines: list[bytes], take: int) -> Batch:
    data = b"\n".join(lines[:take]) + b"\n"
    del lines[:take]
    return Batch(next(counter), path, number + 1, data, take)


def _parquet_batches(path: str, batch_size: int, counter: Iterator[int]) -> Iterator[Batch]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError(PARQUET_MISSING) from None
    try:
        table = pq.ParquetFile(path)
    except Exception as error:  # pyarrow raises its own ArrowException family
        raise InputError(f"{path}: not a readable Parquet file: {error}") from None
    first = 1
    for record_batch in table.iter_batches(batch_size=batch_size):
        rows = record_batch.to_pylist()
        data = "".join(
            json.dumps(row, ensure_ascii=False, default=_jsonable) + "\n" for row in rows
        ).encode("utf-8", "backslashreplace")
        yield Batch(next(counter), path, first, data, len(rows))
        first += len(rows)


def _jsonable(value: Any) -> Any:
    """JSON for the Parquet types JSON lacks: dates as ISO 8601, decimals as strings."""
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            return base64.b64encode(value).decode("ascii")
    return str(value)


def count_records(paths: list[str]) -> int | None:
    """Lines (JSONL) or rows (Parquet) in all inputs, for a progress bar.

    None when a count would cost too much: stdin, and gzip (as slow to count as to read).
    """
    total = 0
    for path in paths:
        if path == "-" or (kind := input_kind(path)) == "gzip":
            return None
        if kind == "parquet":
            try:
                import pyarrow.parquet as pq

                total += pq.ParquetFile(path).metadata.num_rows
            except Exception:  # unreadable here: reading it will report why
                return None
            continue
        try:
            total += _count_lines(path)
        except OSError:
            return None
    return total


def _count_lines(path: str) -> int:
    lines = 0
    last = b"\n"
    with Path(path).open("rb") as stream:
        while block := stream.read(1 << 22):
            lines += block.count(b"\n")
            last = block[-1:]
    return lines + (last != b"\n")
