"""The Dask engine: the same batches, processed on a local cluster or an existing one.

This process reads the input and writes the output; workers only lint. So the workers need
contentlint installed but no access to the files, and the output is the local engine's,
byte for byte. Batches are scattered to workers a bounded window ahead; results that
arrive early wait until every earlier batch is written.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator
from importlib import import_module
from typing import Any

from lint.corpus.job import Batch, BatchResult, Job
from lint.corpus.process import failed_batch, process_batch

Deliver = Callable[[BatchResult], None]
DASK_MISSING = "the dask engine needs the dask extra: pip install 'contentlint[dask]'"
WINDOW_PER_THREAD = 4  # batches in flight or waiting per worker thread
CONNECT_TIMEOUT = "10s"


class EngineError(Exception):
    """The cluster cannot be used; the message is the one line the user sees."""


def run_dask(
    job: Job,
    batches: Iterable[Batch],
    deliver: Deliver,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
) -> None:
    """Process ``batches`` on Dask; ``deliver`` gets results in input order."""
    try:
        distributed: Any = import_module("distributed")
    except ImportError:
        raise EngineError(DASK_MISSING) from None
    cluster: Any = None
    try:
        if scheduler:
            client = distributed.Client(scheduler, timeout=CONNECT_TIMEOUT)
        else:
            cluster = distributed.LocalCluster(
                n_workers=workers or os.cpu_count() or 1,
                threads_per_worker=1,  # the checks are pure Python: processes, not threads
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            client = distributed.Client(cluster)
    except (OSError, TimeoutError) as error:
        where = f"the Dask scheduler at {scheduler}" if scheduler else "a local Dask cluster"
        raise EngineError(f"cannot start or reach {where}: {error}") from None
    try:
        _Run(client, job).run(iter(batches), deliver)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


class _Run:
    def __init__(self, client: Any, job: Job) -> None:
        self.client = client
        # One copy of the configuration per worker, shared by every batch.
        self.job_future = client.scatter(job, broadcast=True, hash=False)
        threads = sum(client.nthreads().values()) or 1
        self.window = threads * WINDOW_PER_THREAD

    def run(self, source: Iterator[Batch], deliver: Deliver) -> None:
        in_flight: dict[Any, tuple[Batch, Any]] = {}  # result future -> (batch, its data future)
        ready: dict[int, BatchResult] = {}
        completed = import_module("distributed").as_completed()
        next_index: int | None = None

        def refill() -> None:
            while len(in_flight) + len(ready) < self.window:
                batch = next(source, None)
                if batch is None:
                    return
                data = self.client.scatter(batch, hash=False)
                future = self.client.submit(process_batch, data, self.job_future, pure=False)
                completed.add(future)
                in_flight[future] = (batch, data)

        refill()
        if in_flight:
            next_index = min(batch.index for batch, _ in in_flight.values())
        for future in completed:
            batch, data = in_flight.pop(future)
            data.release()
            ready[batch.index] = self._result(future, batch)
            future.release()
            while next_index in ready:
                assert next_index is not None
                deliver(ready.pop(next_index))
                next_index += 1
            refill()

    @staticmethod
    def _result(future: Any, batch: Batch) -> BatchResult:
        if future.status == "finished":
            result: BatchResult = future.result()
            return result
        if future.status == "error":
            error = future.exception()
            return failed_batch(
                batch, f"the batch failed on the cluster: {type(error).__name__}: {error}"
            )
        raise EngineError(
            f"the Dask cluster dropped the work ({future.status}); nothing was written"
        )
