"""``--jobs N``: lint files in worker processes, reports in the same order as one job.

Worker processes cost start-up time, so a small run (a pre-commit call with a handful of
files) stays in this process; workers are used only when there are enough files and
bytes for each to pay for itself. On Linux workers are forked from a parent that has
already built every check's lazy state, so none of them builds it again; elsewhere each
builds its Linter once. A file that makes a check crash becomes an error report for that
file, never a lost run; a worker that dies leaves the rest of the files to this process.

Stopping: Ctrl-C (SIGINT) or SIGTERM ends the workers, not just this process. A worker holds
both signals back while it replaces a file (lint/files/textfile.py), so every file is either
untouched or fully fixed. After the first signal a second one ends the run at once.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import sys
import time
from collections.abc import Collection, Generator, Sequence
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from lint import scan
from lint.cli.options import Terminated
from lint.cli.runner import FileTask
from lint.config import Config
from lint.document import Document, markup_for_path
from lint.linter import Linter
from lint.result import Result

if TYPE_CHECKING:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing.context import BaseContext

MIN_FILES = 8  # a handful of files (a typical pre-commit call) never starts workers
FILES_PER_WORKER = 4
BYTES_PER_WORKER = 256 * 1024  # linting this much takes far longer than forking a worker (~10 ms)
# Work goes out in batches that shrink as the run nears its end (each a share of what is
# left), so the workers finish within a few ms of each other; no batch is smaller than this
# (a few ms of linting, well above what sending it costs) nor holds more files than that.
BATCH_SHARE = 4  # a batch is 1/(workers * BATCH_SHARE) of the bytes still to go
MIN_BATCH_BYTES = 16 * 1024
MAX_BATCH_FILES = 64
# The longest warm-up text: past the size at which the checks switch to their fast paths
# (claims scans with hyperscan from 8 KB).
WARM_UP_CHARS = 9 * 1024
# How long stopped workers get to finish a write before they are killed: a write is a few ms.
STOP_GRACE = 0.5


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


def plan_batches(sizes: Sequence[int], workers: int) -> list[list[int]]:
    """The files' indexes in the batches the workers take, in the order they take them.

    A file larger than a first batch would be goes first, largest first: started last, it
    would keep one worker busy while the others idle. The rest follow in their order (so
    reports can be written while the run goes on) in batches of a shrinking share of the
    bytes left, so the last batches, and the wait for the slowest worker, are short.
    """
    total = sum(sizes)
    first = max(MIN_BATCH_BYTES, total // (workers * BATCH_SHARE))
    large = sorted((i for i, size in enumerate(sizes) if size > first), key=lambda i: -sizes[i])
    taken = set(large)
    order = large + [i for i in range(len(sizes)) if i not in taken]
    batches: list[list[int]] = []
    left = total
    batch: list[int] = []
    batch_bytes = 0
    for index in order:
        if not batch:
            target = max(MIN_BATCH_BYTES, left // (workers * BATCH_SHARE))
        batch.append(index)
        batch_bytes += sizes[index]
        if batch_bytes >= target or len(batch) >= MAX_BATCH_FILES:
            batches.append(batch)
            left -= batch_bytes
            batch, batch_bytes = [], 0
    if batch:
        batches.append(batch)
    return batches


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
    # Ctrl-C is the parent's to handle (a terminal sends it to the whole group); SIGTERM,
    # which the parent sends when it stops, ends a worker (never in the middle of a write).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if "state" not in _WORKER:
        _WORKER["state"] = (Linter(config, select=select, ignore=ignore), task)


def _run_in_worker(paths: Sequence[Path]) -> list[Result]:
    linter, task = _WORKER["state"]
    reports = []
    for path in paths:
        report = task(path, linter)
        if report.document is not None:  # the text and its line starts, not the other indexes
            report.document = report.document.for_transfer()
        reports.append(report)
    return reports


# --- the parent side ------------------------------------------------------------------


# A little of everything the checks build lazily (patterns, word lists, ftfy, the HTML
# parser, the suffix list), linted once in the parent before forking so that every worker
# inherits it instead of building it again.
_WARM_UP = (
    "Intro \u00e2\u20ac\u201d text &amp; more. See https://bit.ly/x?utm_source=a and "
    '<a href="https://amzn.to/y">the best deal</a>. Experts agree it is the world\'s leading, '
    "guaranteed choice.\nShare on Facebook\n<!-- note -->\n"
)


def _warm_up(linter: Linter, paths: Sequence[Path], sizes: Sequence[int]) -> None:
    """The warm-up in each markup the run's files have: HTML's alone costs ~0.1 s, spent
    before any worker starts, and a run of Markdown files never needs it. The text is as
    long as the run's largest file, up to ``WARM_UP_CHARS``, so that what the checks load
    only for a long document (hyperscan and its databases, ~10-30 ms) is loaded here once
    rather than by every worker, and never for a run of short files. That state does not
    depend on the markup: only the first warm-up is long (linting it is serial time)."""
    markups = {markup_for_path(str(path)) for path in paths}
    chars = min(max(sizes, default=0), WARM_UP_CHARS)
    text = _WARM_UP * (chars // len(_WARM_UP) + 1)
    for name in ("warm-up.md", "warm-up.html", "warm-up.txt"):
        if markup_for_path(name) not in markups:
            continue
        try:
            linter.lint(Document.for_path(text, name))
        except Exception:  # a crash here shows up again, per file, in the workers
            return
        text = _WARM_UP


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
) -> Generator[Result, None, None]:
    """Reports for ``paths`` in their order, linted here or by up to ``jobs`` workers."""
    sizes = [_size(p) for p in paths]
    scan.expect(sum(sizes))
    workers = plan_workers(jobs, sizes) if jobs > 1 else 1
    if workers <= 1:
        for path in paths:
            yield task(path, linter)
        return
    # Imported here: a small run never pays for the process machinery.
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    batches = plan_batches(sizes, workers)
    context = _context()
    forked = context.get_start_method() == "fork"
    if forked:
        _warm_up(linter, paths, sizes)
        _WORKER["state"] = (linter, task)
    # What the run has built lives as long as the run: out of the collector's reach, a forked
    # worker's collections never walk (and so never copy) the parent's objects, which cost
    # the workers ~10% more time than linting here. (A caller's own freeze is left alone.)
    frozen = forked and gc.get_freeze_count() == 0
    if frozen:
        gc.freeze()
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_start_worker,
        initargs=(linter.config, tuple(select), tuple(ignore), task),
    )
    # Reports wait here until every earlier file's has come: they leave in the files' order.
    waiting: dict[int, Result] = {}
    yielded = 0
    finished = False  # set only when every report was yielded
    previous = _on_signals(pool)
    try:
        sent = [[paths[i] for i in batch] for batch in batches]
        for batch, reports in zip(batches, pool.map(_run_in_worker, sent), strict=True):
            waiting.update(zip(batch, reports, strict=True))
            while yielded in waiting:
                yield waiting.pop(yielded)
                yielded += 1
        finished = True
    except BrokenProcessPool:
        # A worker died (out of memory, killed): finish the rest here, in the same order.
        for index in range(yielded, len(paths)):
            report = waiting.pop(index, None)
            yield task(paths[index], linter) if report is None else report
        finished = True
    finally:
        if not finished:
            # Interrupted or abandoned: from now on a second signal ends the run at once.
            # (The process table is taken first: shutting the pool down forgets it.)
            running = worker_processes(pool)
            _on_second_signal(running)
            pool.shutdown(wait=False, cancel_futures=True)
            _quiet_cancelled_futures()
            stop_workers(running)
        pool.shutdown(wait=finished, cancel_futures=True)
        _WORKER.pop("state", None)
        if frozen:
            gc.unfreeze()
        if finished:
            _restore(previous)


def _quiet_cancelled_futures() -> None:
    """The executor's own thread, finding its workers stopped, marks every pending future
    broken, and on Python before 3.12 fails with InvalidStateError on the ones the stop
    already cancelled: nothing is lost, so that traceback is not shown."""
    import threading
    from concurrent.futures import InvalidStateError

    previous = threading.excepthook

    def hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_type is not InvalidStateError:
            previous(args)

    threading.excepthook = hook


def worker_processes(pool: ProcessPoolExecutor) -> list[multiprocessing.Process]:
    """The pool's live worker processes (the executor keeps them in a private table)."""
    table = getattr(pool, "_processes", None) or {}
    return [process for process in list(table.values()) if process.is_alive()]


def stop_workers(workers: Sequence[multiprocessing.Process], grace: float = STOP_GRACE) -> None:
    """End the workers: SIGTERM (a worker finishes the file it is writing), then SIGKILL."""
    for process in workers:
        with contextlib.suppress(OSError, ValueError):
            process.terminate()
    deadline = time.monotonic() + grace
    for process in workers:
        process.join(max(0.0, deadline - time.monotonic()))
    for process in workers:
        if process.is_alive():
            with contextlib.suppress(OSError, ValueError):
                process.kill()
            process.join(1.0)


_Handler = signal.Handlers | int | None | object


def _on_signals(pool: ProcessPoolExecutor) -> tuple[_Handler, ...] | None:
    """Ctrl-C and SIGTERM stop the run (the cleanup in ``run_files`` ends the workers; exit
    130 or 143); from the first signal on, another ends it at once. Installed before the
    first signal, so a second one that comes while the first is still being handled never
    meets Python's default handler (which would cut the cleanup short and leave the run
    waiting for its workers)."""
    stopping = False

    def stop(signum: int, frame: FrameType | None) -> None:
        nonlocal stopping
        if stopping:
            _end_now(worker_processes(pool), signum)
        stopping = True
        raise KeyboardInterrupt if signum == signal.SIGINT else Terminated

    try:
        return (signal.signal(signal.SIGINT, stop), signal.signal(signal.SIGTERM, stop))
    except ValueError:  # not the main thread: leave signals to the caller
        return None


def _restore(previous: tuple[_Handler, ...] | None) -> None:
    if previous is not None:
        with contextlib.suppress(ValueError, TypeError):
            signal.signal(signal.SIGINT, previous[0])  # type: ignore[arg-type]
            signal.signal(signal.SIGTERM, previous[1])  # type: ignore[arg-type]


def _on_second_signal(workers: Sequence[multiprocessing.Process]) -> None:
    """While the run stops, another Ctrl-C or SIGTERM ends it now: workers killed, no cleanup
    that could wait on them (the files are safe: each write is whole or not at all)."""

    def at_once(signum: int, frame: FrameType | None) -> None:
        _end_now(workers, signum)

    with contextlib.suppress(ValueError):
        signal.signal(signal.SIGINT, at_once)
        signal.signal(signal.SIGTERM, at_once)


def _end_now(workers: Sequence[multiprocessing.Process], signum: int) -> None:
    for process in workers:
        with contextlib.suppress(OSError, ValueError):
            process.terminate()
    time.sleep(0.05)
    for process in workers:
        with contextlib.suppress(OSError, ValueError):
            if process.is_alive():
                process.kill()
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write("\ncontentlint: interrupted\n")
        sys.stderr.flush()
    os._exit(128 + signum)
