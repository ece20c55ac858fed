"""``--jobs N``: lint files in worker processes, reports in the same order as one job.

Worker processes cost start-up time, so a small run (a pre-commit call with a handful of
files) stays in this process; workers are used only when there are enough files and
bytes for each to pay for itself. On Linux workers are forked from a parent that has
already built every check's lazy state, so none of them builds it again; elsewhere each
builds its Linter once. A file that makes a check crash becomes an error report for that
file, never a lost run; a worker that dies leaves the rest of the files to this process.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Collection, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from lint.cli.runner import FileTask
from lint.config import Config
from lint.document import Document
from lint.linter import Linter
from lint.result import Result

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

MIN_FILES = 8  # a handful of files (a typical pre-commit call) never starts workers
FILES_PER_WORKER = 4
BYTES_PER_WORKER = 256 * 1024  # linting this much takes far longer than forking a worker (~10 ms)


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def plan_workers(jobs: int, sizes: Sequence[int]) -> int:
    """How many worker processes the run deserves (1 means: lint here, no workers)."""
    if jobs <= 1 or len(sizes) < MIN_FILES:
        return 1
    by_files = len(sizes) // FILES_PER_WORKER
    by_bytes = sum(sizes) // BYTES_PER_WORKER
    return max(1, min(jobs, by_files, by_bytes))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


# --- the worker side ------------------------------------------------------------------

# The Linter and task of the run. A forked worker inherits the parent's (with its checks,
# even ones passed in by a library caller, and the state they built); a spawned worker
# builds its own from the configuration, once.
_WORKER: dict[str, tuple[Linter, FileTask]] = {}


def _start_worker(
    config: Config, select: tuple[str, ...], ignore: tuple[str, ...], task: FileTask
) -> None:
    import signal

    # Ctrl-C is the parent's to handle: workers stop when it shuts the pool down.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if "state" not in _WORKER:
        _WORKER["state"] = (Linter(config, select=select, ignore=ignore), task)


def _run_in_worker(path: Path) -> Result:
    linter, task = _WORKER["state"]
    report = task(path, linter)
    if report.document is not None:  # send the text back, not the indexes built on it
        old = report.document
        report.document = Document(old.text, old.path, old.markup, old.decode_error)
    return report


# --- the parent side ------------------------------------------------------------------


# A little of everything the checks build lazily (patterns, word lists, ftfy, the HTML
# parser, the suffix list), linted once in the parent before forking so that every worker
# inherits it instead of building it again.
_WARM_UP = (
    "Intro \u00e2\u20ac\u201d text &amp; more. See https://bit.ly/x?utm_source=a and "
    '<a href="https://amzn.to/y">the best deal</a>. Experts agree it is the world\'s leading, '
    "guaranteed choice.\nShare on Facebook\n<!-- note -->\n"
)


def _warm_up(linter: Linter) -> None:
    for name in ("warm-up.md", "warm-up.html", "warm-up.txt"):
        try:
            linter.lint(Document.for_path(_WARM_UP, name))
        except Exception:  # a crash here shows up again, per file, in the workers
            return


def _context() -> BaseContext:
    # fork is cheap and inherits the loaded checks; elsewhere the platform default is safe.
    import multiprocessing

    method = "fork" if sys.platform.startswith("linux") else None
    return multiprocessing.get_context(method)


def run_files(
    paths: Sequence[Path],
    task: FileTask,
    linter: Linter,
    *,
    jobs: int,
    select: Collection[str] = (),
    ignore: Collection[str] = (),
) -> Iterator[Result]:
    """Reports for ``paths`` in their order, linted here or by up to ``jobs`` workers."""
    workers = plan_workers(jobs, [_size(p) for p in paths]) if jobs > 1 else 1
    if workers <= 1:
        for path in paths:
            yield task(path, linter)
        return
    # Imported here: a small run never pays for the process machinery.
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    chunk = max(1, min(8, len(paths) // (workers * 8)))  # small: quick to stop
    context = _context()
    if context.get_start_method() == "fork":
        _warm_up(linter)
        _WORKER["state"] = (linter, task)
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_start_worker,
        initargs=(linter.config, tuple(select), tuple(ignore), task),
    )
    yielded = 0
    finished = False  # set only when every report was yielded
    try:
        for report in pool.map(_run_in_worker, paths, chunksize=chunk):
            yield report
            yielded += 1
        finished = True
    except BrokenProcessPool:
        # A worker died (out of memory, killed): finish the rest here, in the same order.
        for path in paths[yielded:]:
            yield task(path, linter)
        finished = True
    finally:
        # Interrupted or abandoned: drop the queued files; workers finish their chunk and exit.
        pool.shutdown(wait=finished, cancel_futures=True)
        _WORKER.pop("state", None)
