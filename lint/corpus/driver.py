"""Run a corpus job: read the inputs, hand batches to an engine, write results in order.

Every output is written to a temporary file and renamed into place only when the whole
job has succeeded, so a failed or interrupted run never leaves a half-written output.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from lint.corpus.job import BatchResult, Job
from lint.corpus.records import count_records, input_kind, read_batches
from lint.corpus.sinks import OutputError, Sink
from lint.corpus.summary import Stats

MAX_BATCH_BYTES = 8 << 20  # caps a batch of very long records: bounded memory per worker


@dataclass(frozen=True)
class Plan:
    """Where a job reads and writes, and which engine runs it."""

    inputs: tuple[str, ...]
    output: str
    errors: str | None = None  # None: error lines go to stderr
    dropped: str | None = None  # None: dropped records are only counted
    engine: str = "local"
    workers: int | None = None
    scheduler: str | None = None
    batch_size: int = 1000


def default_errors_path(output: str) -> str | None:
    """``out.jsonl.gz`` -> ``out.errors.jsonl``; None for stdout."""
    if output == "-":
        return None
    path = Path(output)
    name = path.name.removesuffix(".gz")
    for suffix in (".jsonl", ".ndjson", ".json"):
        if name.endswith(suffix):
            name = name.removesuffix(suffix)
            break
    return str(path.with_name(f"{name}.errors.jsonl"))


def check_paths(plan: Plan) -> None:
    """Fail before any work: unreadable inputs, or an output that would overwrite an input."""
    for path in plan.inputs:
        input_kind(path)  # raises InputError with the reason
    written = [p for p in (plan.output, plan.errors, plan.dropped) if p and p != "-"]
    resolved = {Path(p).resolve() for p in plan.inputs if p != "-"}
    for path in written:
        if Path(path).resolve() in resolved:
            raise OutputError(f"{path} is also an input; write the output elsewhere")
    if len({Path(p).resolve() for p in written}) != len(written):
        raise OutputError("the output, error and dropped-record files must be different files")


class ProgressBar(Protocol):
    """What the run tells a progress display: records done; clear before other output."""

    def advance(self, done: int = 1, *, findings: int = 0) -> None: ...
    def clear(self) -> None: ...
    def close(self) -> None: ...


class _NoBar:
    def advance(self, done: int = 1, *, findings: int = 0) -> None:
        pass

    def clear(self) -> None:
        pass

    def close(self) -> None:
        pass


def run_job(
    job: Job, plan: Plan, *, progress: Callable[[int | None], ProgressBar] | None = None
) -> tuple[Stats, float]:
    """Run the job; return its counts and the seconds it took.

    ``progress`` makes the display for a run of that many records (counted first).
    """
    check_paths(plan)
    started = time.perf_counter()
    bar = progress(count_records(list(plan.inputs))) if progress is not None else _NoBar()
    sinks: dict[str, Sink] = {}
    stats = Stats()

    def deliver(result: BatchResult) -> None:
        sinks["output"].write(result.output)
        if result.errors:
            if "errors" in sinks:
                sinks["errors"].write_lines(result.errors)
            else:
                bar.clear()
                sys.stderr.write(result.errors.decode("utf-8", "replace"))
        if result.dropped and "dropped" in sinks:
            sinks["dropped"].write_lines(result.dropped)
        stats.merge(result.stats)
        bar.advance(result.lines)

    try:
        for name, path in (
            ("output", plan.output),
            ("errors", plan.errors),
            ("dropped", plan.dropped),
        ):
            if path:
                sinks[name] = Sink(path)
        batches = read_batches(list(plan.inputs), plan.batch_size, MAX_BATCH_BYTES)
        if plan.engine == "dask":
            from lint.corpus.dask_engine import run_dask

            run_dask(job, batches, deliver, workers=plan.workers, scheduler=plan.scheduler)
        else:
            from lint.corpus.local import run_local

            run_local(job, batches, plan.workers or 1, deliver)
        for sink in sinks.values():
            sink.commit()
    except BaseException:
        for sink in sinks.values():
            sink.abort()
        raise
    finally:
        bar.close()
    return stats, time.perf_counter() - started
