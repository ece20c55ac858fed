"""The local engine: in this process (one worker) or a pool of worker processes.

Batches are submitted a bounded window ahead and collected in order, so memory stays flat
and the output keeps the input's order. A worker process that dies (a crash in native
code, the OOM killer) costs only the batch it was on: the batches in flight are re-run one
at a time to find it, and its records go to the error file.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from lint.corpus.job import Batch, BatchResult, Job
from lint.corpus.process import failed_batch, process_batch, processor_for

Deliver = Callable[[BatchResult], None]
WINDOW_PER_WORKER = 4  # batches in flight per worker: keeps workers busy, memory bounded
DIED = "a worker process died while processing this batch"

_WORKER_JOB: list[Job] = []


def _init_worker(job: Job) -> None:
    _WORKER_JOB[:] = [job]
    processor_for(job)  # build the Linter before the first batch arrives


def _work(batch: Batch) -> BatchResult:
    return process_batch(batch, _WORKER_JOB[0])


def run_local(job: Job, batches: Iterable[Batch], workers: int, deliver: Deliver) -> None:
    """Process ``batches`` with ``workers`` processes; ``deliver`` gets results in order."""
    if workers <= 1:
        for batch in batches:
            deliver(process_batch(batch, job))
        return
    _Pool(job, workers).run(iter(batches), deliver)


class _Pool:
    def __init__(self, job: Job, workers: int) -> None:
        self.job = job
        self.workers = workers
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.workers, initializer=_init_worker, initargs=(self.job,)
        )

    def _restart(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._start()

    def run(self, batches: Iterable[Batch], deliver: Deliver) -> None:
        source = iter(batches)
        pending: deque[tuple[Batch, Future[BatchResult]]] = deque()
        suspects: deque[Batch] = deque()
        window = self.workers * WINDOW_PER_WORKER
        try:
            while True:
                if suspects:
                    deliver(self._isolated(suspects.popleft()))
                    continue
                unsent = None
                try:
                    while len(pending) < window and (batch := next(source, None)) is not None:
                        # A worker that died since the last look breaks the pool here already.
                        unsent = batch
                        pending.append((batch, self.executor.submit(_work, batch)))
                        unsent = None
                    if not pending:
                        return
                    batch, future = pending[0]
                    result = future.result()
                except BrokenProcessPool:
                    suspects.extend(b for b, _ in pending)
                    if unsent is not None:
                        suspects.append(unsent)
                    pending.clear()
                    self._restart()
                    continue
                pending.popleft()
                deliver(result)
        finally:
            self.executor.shutdown(wait=False, cancel_futures=True)

    def _isolated(self, batch: Batch) -> BatchResult:
        """Run one batch alone, so that a dying worker names the batch that killed it."""
        try:
            return self.executor.submit(_work, batch).result()
        except BrokenProcessPool:
            self._restart()
            return failed_batch(batch, DIED)
