"""What a corpus run does, and the units of work that travel to workers: plain, picklable data."""

from __future__ import annotations

from dataclasses import dataclass, field

from lint.config import Config
from lint.corpus.summary import Stats
from lint.document import Markup


@dataclass(frozen=True)
class Job:
    """Everything a worker needs; built once, pickled once per worker process.

    ``token`` names the job so that a worker builds its Linter once, not once per batch.
    """

    config: Config
    token: str
    text_field: str = "text"
    markup: Markup = "text"
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    findings_only: bool = False
    unsafe_fixes: bool = False
    drop_if: tuple[str, ...] = ()
    compress_output: bool = False


@dataclass(frozen=True)
class Batch:
    """Consecutive records of one source: whole lines of JSON, each ending in a newline.

    ``index`` is the batch's place in the output; ``first_line`` the 1-based line (JSONL) or
    row (Parquet) of its first record, for the error file. ``error`` says why a source
    could not be read past ``first_line``; such a batch holds no records.
    """

    index: int
    source: str
    first_line: int
    data: bytes
    lines: int
    error: str | None = None


@dataclass
class BatchResult:
    """A batch's output lines (gzip member when the output is compressed), error lines and
    dropped records (both JSONL, uncompressed), and its counts."""

    index: int
    lines: int
    output: bytes = b""
    errors: bytes = b""
    dropped: bytes = b""
    stats: Stats = field(default_factory=Stats)
