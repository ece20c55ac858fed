"""The Dask engine writes exactly what the local engine writes."""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

import pytest

from lint.cli import main

pytest.importorskip(
    "distributed", reason="the dask extra is not installed (pip install 'contentlint[dask]')"
)

pytestmark = pytest.mark.slow

WORDS = [
    "the",
    "market",
    "report",
    "said",
    "prices",
    "rose",
    "while",
    "analysts",
    "and",
    "editors",
    "kept",
    "reading",
]
PROBLEMS = [
    "CafÃ© owners said itâ€™s fine.",  # mojibake, fixed
    "Draft<!-- check this figure -->",  # leftover comment, fixed
    "<!-- TODO: rewrite -->",  # author note: reported, fixed only with --unsafe-fixes
    "a lost character \ufffd here",  # reported only
    "zero\u200bwidth",  # reported only
]


def make_corpus(path: Path, count: int = 2000) -> list[int]:
    """``count`` records of mixed prose and problems; returns the lines that must fail."""
    rng = random.Random(9)
    failing: list[int] = []
    with path.open("w", encoding="utf-8") as stream:
        for number in range(1, count + 1):
            if number % 397 == 0:
                stream.write(f'{{"id": {number}, "text": "cut off\n')
                failing.append(number)
                continue
            if number % 499 == 0:
                stream.write(json.dumps({"id": number, "body": "no text"}) + "\n")
                failing.append(number)
                continue
            sentences = [
                " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 14))).capitalize() + "."
                for _ in range(rng.randint(1, 6))
            ]
            for _ in range(rng.randint(0, 2)):
                sentences.insert(rng.randint(0, len(sentences)), rng.choice(PROBLEMS))
            record = {
                "id": number,
                "url": f"https://example.org/{number}",
                "text": "\n".join(sentences),
                "score": rng.random(),
                "lang": rng.choice(["en", "fr", None]),
            }
            stream.write(json.dumps(record, ensure_ascii=number % 2 == 0) + "\n")
    return failing


def run(*args: str) -> int:
    return main(["corpus", *args, "--select", "encoding,html-comment", "--batch-size", "128"])


@pytest.mark.parametrize("suffix", [".jsonl", ".jsonl.gz"])
def test_dask_and_local_outputs_are_byte_identical(tmp_path, capsys, suffix):
    source = tmp_path / "corpus.jsonl"
    failing = make_corpus(source)
    local, dask = tmp_path / f"local{suffix}", tmp_path / f"dask{suffix}"
    assert run(str(source), "-o", str(local), "--engine", "local") == 1
    assert run(str(source), "-o", str(dask), "--engine", "dask", "--workers", "2") == 1
    stderr = capsys.readouterr().err

    assert dask.read_bytes() == local.read_bytes()
    assert (tmp_path / "dask.errors.jsonl").read_bytes() == (
        tmp_path / "local.errors.jsonl"
    ).read_bytes()

    text = local.read_bytes()
    lines = (gzip.decompress(text) if suffix.endswith(".gz") else text).decode().splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["id"] for r in records] == [n for n in range(1, 2001) if n not in failing]
    assert sum(r["contentlint"]["fixed"] > 0 for r in records) > 100
    errors = [
        json.loads(line) for line in (tmp_path / "dask.errors.jsonl").read_text().splitlines()
    ]
    assert [e["line"] for e in errors] == failing
    summaries = [
        line.partition(" (see")[0]
        for line in stderr.splitlines()
        if line.startswith("contentlint corpus:")
    ]
    assert len(summaries) == 2
    assert summaries[0] == summaries[1]
    assert summaries[0].startswith("contentlint corpus: 2,000 records,")
    assert summaries[0].endswith(f"0 dropped, {len(failing)} failed")


def test_existing_cluster_via_scheduler_address(tmp_path, capsys):
    import logging

    from distributed import LocalCluster

    source = tmp_path / "corpus.jsonl"
    make_corpus(source, count=300)
    local, remote = tmp_path / "local.jsonl", tmp_path / "remote.jsonl"
    assert run(str(source), "-o", str(local), "--workers", "2") == 0
    with LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=2, threads_per_worker=1, dashboard_address=None, silence_logs=logging.ERROR
    ) as cluster:
        assert run(str(source), "-o", str(remote), "--scheduler", cluster.scheduler_address) == 0
        assert len(cluster.scheduler.workers) == 2  # the job left the cluster running
    assert remote.read_bytes() == local.read_bytes()
    assert "300 records" in capsys.readouterr().err


def test_unreachable_scheduler_is_one_line(tmp_path, capsys):
    source = tmp_path / "corpus.jsonl"
    make_corpus(source, count=3)
    code = main(
        ["corpus", str(source), "-o", str(tmp_path / "o.jsonl"), "--scheduler", "tcp://127.0.0.1:9"]
    )
    stderr = capsys.readouterr().err
    assert code == 2
    assert (
        "contentlint: error: cannot start or reach the Dask scheduler at tcp://127.0.0.1:9:"
        in stderr
    )
    assert not (tmp_path / "o.jsonl").exists()
