"""Shared helpers: run the real CLI in-process or as a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Run:
    code: int
    out: str
    err: str


def run_cli(
    args: Sequence[str],
    cwd: Path | None = None,
    stdin: str | None = None,
    env: dict[str, str] | None = None,
) -> Run:
    """``python -m lint ARGS`` in a subprocess, as a user would run it."""
    completed = subprocess.run(
        [sys.executable, "-m", "lint", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "NO_COLOR": "1", **(env or {})},
        check=False,
    )
    return Run(completed.returncode, completed.stdout, completed.stderr)


@pytest.fixture
def cli(tmp_path: Path) -> object:
    """Run the CLI from inside ``tmp_path``, so no project configuration is found."""

    def run(*args: str, stdin: str | None = None, env: dict[str, str] | None = None) -> Run:
        return run_cli(args, cwd=tmp_path, stdin=stdin, env=env)

    return run
