"""Run the ``contentlint`` command in this process and capture what it prints."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from lint.cli import main

ROOT = Path(__file__).resolve().parent.parent

# Checks with stable output while the others evolve; every test here is about the
# command, not about what a check finds.
STABLE = "--select=encoding,html-comment"
MOJIBAKE = "\u00e2\u20ac\u201d"  # "—" read as Windows-1252
POST = f"# Title\n\nIntro text {MOJIBAKE} with mojibake.\n<!-- leftover note -->\nPlain line.\n"


def run_cli(capsys: pytest.CaptureFixture[str], args: Sequence[str]) -> tuple[int, str, str]:
    """(exit code, stdout, stderr without plugin-loading warnings)."""
    code = main(list(args))
    out, err = capsys.readouterr()
    err = "".join(line for line in err.splitlines(True) if "check plugin" not in line)
    return code, out, err


def run_python(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``python -c code`` in a fresh interpreter on this tree: what a new process imports."""
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )


def run_cli_steps(steps: list[tuple[list[str], str]], cwd: Path) -> tuple[list[str], str]:
    """In a fresh interpreter, each ``lint.cli.main(args)`` and then ``expression`` (over
    ``sys``): the lines "exit N" and "loaded <expression's value>" in turn, and all output."""
    code = "import sys\nfrom lint.cli import main\n" + "".join(
        f"print('exit', main({args!r}))\nprint('loaded', {expression})\n"
        for args, expression in steps
    )
    completed = run_python(code, cwd)
    lines = [line for line in completed.stdout.splitlines() if line.startswith(("exit", "loaded"))]
    return lines, completed.stdout + completed.stderr
