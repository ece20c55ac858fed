"""Records per second of ``contentlint corpus``: 1 and 2 local workers, and Dask, on one input.

The input is built from the sample documents (seeds/): each record is a few of their
paragraphs, some with mojibake or a leftover comment added, deterministic for a seed.
Every configuration runs as a separate ``python -m lint corpus`` process, so the times
include start-up (and, for Dask, starting the local cluster); each is also run on the first
10 records, and the difference gives the steady rate a long job sees. "CPU s" is the user
and system time of the command and its workers: on a busy machine, where wall-clock
scaling is hidden, it still shows what parallelism costs. The outputs must be
byte-identical, and the script says so.

    python benchmarks/corpus_bench.py                        # 4,000 records, all configurations
    python benchmarks/corpus_bench.py --records 20000 --runs local1,dask2
    python benchmarks/corpus_bench.py --input corpus.jsonl.gz --scheduler tcp://host:8786
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
NOISE = (
    "CafÃ© owners say itâ€™s been a good year.",  # mojibake (fixed)
    "<!-- editor: check the figures below -->",  # leftover comment (fixed)
    "Read more at https://bit.ly/3xYzAbC today.",  # shortened link (reported)
)
RUNS = {
    "local1": ("local", 1),
    "local2": ("local", 2),
    "dask2": ("dask", 2),
}


@dataclass(frozen=True)
class Measure:
    name: str
    records: int
    seconds: float
    input_bytes: int
    digest: str
    start_seconds: float  # the same command on 10 records: start-up and fixed costs
    cpu_seconds: float  # user + system time of the command and all its worker processes

    def row(self) -> str:
        rate = self.records / self.seconds
        megabytes = self.input_bytes / 1e6 / self.seconds
        steady = self.seconds - self.start_seconds
        steady_rate = f"{self.records / steady:>12,.0f}" if steady > 0 else f"{'-':>12}"
        return (
            f"{self.name:<10} {self.records:>9,} {self.seconds:>8.2f} {rate:>12,.0f} "
            f"{megabytes:>8.2f} {self.start_seconds:>8.2f} {steady_rate} "
            f"{self.cpu_seconds:>7.2f}  {self.digest[:12]}"
        )


def paragraphs() -> list[str]:
    found: list[str] = []
    for path in sorted(SEEDS.iterdir()):
        text = path.read_text(encoding="utf-8", errors="replace")
        found += [p.strip() for p in text.split("\n\n") if len(p.strip()) > 40]
    if not found:
        raise SystemExit(f"no paragraphs found in {SEEDS}")
    return found


def build_input(path: Path, records: int, seed: int) -> None:
    rng = random.Random(seed)
    source = paragraphs()
    with path.open("w", encoding="utf-8") as stream:
        for number in range(records):
            parts = rng.sample(source, k=min(len(source), rng.randint(2, 8)))
            if rng.random() < 0.3:
                parts.insert(rng.randint(0, len(parts)), rng.choice(NOISE))
            record = {
                "id": number,
                "url": f"https://example.org/{number}",
                "text": "\n\n".join(parts),
            }
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")


def run_once(
    name: str, engine: str, workers: int | None, source: Path, work: Path, extra: list[str]
) -> Measure:
    head = work / "head.jsonl"
    if not head.exists():
        with source.open("rb") as stream:
            head.write_bytes(b"".join(stream.readline() for _ in range(10)))
    start = _timed(name, engine, workers, head, work, extra)[0]
    before = _children_cpu()
    seconds, data, digest = _timed(name, engine, workers, source, work, extra)
    cpu = _children_cpu() - before
    return Measure(name, data["records"], seconds, data["input_bytes"], digest, start, cpu)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(
    name: str, engine: str, workers: int | None, source: Path, work: Path, extra: list[str]
) -> tuple[float, dict[str, Any], str]:
    out = work / f"{name}.jsonl.gz"
    summary = work / f"{name}.summary.json"
    command = [
        sys.executable,
        "-m",
        "lint",
        "corpus",
        str(source),
        "-o",
        str(out),
        "--engine",
        engine,
        "--summary-json",
        str(summary),
        "--no-progress",
        "--quiet",
        "--exit-zero",
        "--isolated",
        *(["--workers", str(workers)] if workers else []),
        *extra,
    ]
    started = time.perf_counter()
    completed = subprocess.run(command, check=False, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if completed.returncode != 0:
        raise SystemExit(f"{name} failed ({completed.returncode}): {completed.stderr.strip()}")
    data: dict[str, Any] = json.loads(summary.read_text())
    return seconds, data, hashlib.sha256(out.read_bytes()).hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=4000, help="records to generate")
    parser.add_argument("--seed", type=int, default=9, help="random seed for the generated input")
    parser.add_argument("--input", type=Path, help="benchmark this JSONL/JSONL.gz/Parquet instead")
    parser.add_argument(
        "--runs", default=",".join(RUNS), help=f"comma-separated, from {list(RUNS)}"
    )
    parser.add_argument("--scheduler", help="also run on this Dask cluster (tcp://host:8786)")
    parser.add_argument("--batch-size", type=int, default=1000, help="records per batch")
    parser.add_argument("--select", help="only these checks (default: all)")
    args = parser.parse_args()

    extra = ["--batch-size", str(args.batch_size)]
    if args.select:
        extra += ["--select", args.select]
    extra_cluster: list[str] = []
    plans: list[tuple[str, str, int | None]] = []
    for name in filter(None, args.runs.split(",")):
        if name not in RUNS:
            parser.error(f"unknown run {name!r} (choose from {', '.join(RUNS)})")
        plans.append((name, *RUNS[name]))
    if args.scheduler:
        plans.append(("cluster", "dask", None))
        extra_cluster = ["--scheduler", args.scheduler]
    with tempfile.TemporaryDirectory(prefix="contentlint-bench-") as folder:
        work = Path(folder)
        source = args.input
        if source is None:
            source = work / "input.jsonl"
            build_input(source, args.records, args.seed)
        size = source.stat().st_size
        print(f"input: {source.name}, {size / 1e6:.1f} MB")
        print(
            f"{'run':<10} {'records':>9} {'seconds':>8} {'records/s':>12} {'MB/s':>8} "
            f"{'start s':>8} {'steady r/s':>12} {'CPU s':>7}  output"
        )
        results = []
        for name, engine, workers in plans:
            more = extra + (extra_cluster if name == "cluster" else [])
            result = run_once(name, engine, workers, source, work, more)
            print(result.row(), flush=True)
            results.append(result)
    digests = {r.digest for r in results}
    print("outputs identical" if len(digests) == 1 else "OUTPUTS DIFFER")
    return 0 if len(digests) <= 1 else 1


if __name__ == "__main__":
    raise SystemExit(main())
