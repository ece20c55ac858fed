"""A bounded run of the fuzz target in tests/fuzz/fuzz_lint.py (see tests/fuzz/README.md).

Always: a seeded, mutated corpus built from the seed documents and the fixtures goes
through the target's invariants. When atheris is installed: the coverage-guided fuzzer
runs the same target for a fixed number of inputs.
"""

from __future__ import annotations

import importlib.util
import os
import random
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fuzz.fuzz_lint import check_bytes

ROOT = Path(__file__).resolve().parent.parent
RUNS = int(os.environ.get("FUZZ_RUNS", "400"))
TOKENS = [
    b"<!--",
    b"-->",
    b"\r\n",
    b"\r",
    b"\n",
    b"```",
    b"`",
    b"<pre>",
    b"</pre>",
    b'<a href="https://bit.ly/x">',
    b"</a>",
    b"https://amzn.to/x?tag=a-20&utm_source=y",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xc3\xa2\xe2\x82\xac\xe2\x80\x9d",  # mojibake of an em dash
    b"\xe9",
    b"\x00",
    b"\xe2\x80\x8b",
    b"<!-- contentlint: disable-next-line -->",
    b"    ",
    b"---\n",
]
# Inputs that once broke an invariant: each stays here so it stays fixed.
REGRESSIONS = [
    b"\x06\n\xe2\x80\x8b",  # an invisible last line removed: the final break may become the end
    b"\x02<![0",  # HTML that the standard parser rejects
    b"\x00\xef\xbb\xbfcaf\xe9 <!-- x -->\n",  # BOM on legacy text: reported, never rewritten
]


def corpus() -> list[bytes]:
    files = sorted((ROOT / "seeds").glob("*")) + sorted((ROOT / "tests" / "fixtures").rglob("*"))
    return [path.read_bytes()[:20_000] for path in files if path.is_file()]


def mutate(data: bytes, rng: random.Random) -> bytes:
    """A few byte-level edits: splice a token, flip, delete or duplicate a slice."""
    buffer = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        at = rng.randint(0, len(buffer))
        action = rng.randrange(4)
        if action == 0:
            buffer[at:at] = rng.choice(TOKENS)
        elif action == 1 and buffer:
            buffer[min(at, len(buffer) - 1)] = rng.randrange(256)
        elif action == 2:
            del buffer[at : at + rng.randint(1, 64)]
        else:
            buffer[at:at] = buffer[at : at + rng.randint(1, 64)]
    return bytes(buffer)


def mutated_inputs(runs: int, seed: int = 20261122) -> Iterator[bytes]:
    rng = random.Random(seed)
    documents = corpus()
    for _ in range(runs):
        yield bytes([rng.randrange(8)]) + mutate(rng.choice(documents), rng)


@pytest.mark.parametrize("data", REGRESSIONS)
def test_regressions(data: bytes) -> None:
    check_bytes(data)


def test_seeded_mutations_hold_every_invariant() -> None:
    for data in mutated_inputs(RUNS):
        try:
            check_bytes(data)
        except Exception as error:
            raise AssertionError(f"fuzz input {data[:200]!r}... failed: {error!r}") from error


@pytest.mark.skipif(importlib.util.find_spec("atheris") is None, reason="atheris is not installed")
def test_atheris_bounded_run(tmp_path: Path) -> None:
    seeds = tmp_path / "corpus"
    seeds.mkdir()
    for path in sorted((ROOT / "seeds").glob("*")):
        shutil.copy(path, seeds / path.name)
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "tests" / "fuzz" / "fuzz_lint.py"),
            str(seeds),
            f"-runs={RUNS * 2}",
            "-seed=1",
            "-max_len=8192",
            "-timeout=60",
        ],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Done" in result.stderr
