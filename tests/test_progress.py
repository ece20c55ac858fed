"""The progress bar: on a terminal for long runs, never in pipes, CI logs or pre-commit."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lint.cli.progress import MIN_FILES, Progress

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo terminal")


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def make_files(folder: Path, count: int) -> None:
    for index in range(count):
        (folder / f"page{index:03}.txt").write_text(
            f"Page {index}.\n<!-- note -->\n", encoding="utf-8"
        )


def run_with_stderr_on_a_pty(args: list[str], cwd: Path) -> tuple[int, str, str]:
    """Run the command with stderr on a pseudo terminal and stdout on a pipe."""
    master, slave = os.openpty()
    env = {**os.environ, "TERM": "xterm", "NO_COLOR": "1", "COLUMNS": "100"}
    process = subprocess.Popen(
        [sys.executable, "-m", "lint", *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=slave,
        env=env,
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    out, _ = process.communicate(timeout=60)
    os.close(master)
    return process.returncode, out.decode(), b"".join(chunks).decode(errors="replace")


def test_progress_is_drawn_on_a_terminal(tmp_path: Path) -> None:
    make_files(tmp_path, MIN_FILES + 4)
    code, out, err = run_with_stderr_on_a_pty(
        ["check", "--isolated", "--select", "html-comment", "--jobs", "1", "."], tmp_path
    )
    assert code == 1
    assert f"{MIN_FILES + 4}/{MIN_FILES + 4} files" in err
    assert f"0/{MIN_FILES + 4} files" in err and "findings" in err
    assert err.rstrip("\n").endswith("\x1b[K")  # cleared at the end, nothing left behind
    # The report itself is untouched by the bar.
    assert out.count("\n") == MIN_FILES + 4 + 1
    assert "\x1b" not in out


def test_no_progress_when_stderr_is_a_pipe(tmp_path: Path) -> None:
    make_files(tmp_path, MIN_FILES + 4)
    completed = subprocess.run(
        [sys.executable, "-m", "lint", "check", "--isolated", "--select", "html-comment", "."],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "TERM": "xterm"},
        check=False,
    )
    assert completed.returncode == 1
    assert "files" not in completed.stderr
    assert "\r" not in completed.stderr and "\x1b" not in completed.stderr


def test_no_progress_for_a_few_quick_files(tmp_path: Path) -> None:
    make_files(tmp_path, 3)
    _, _, err = run_with_stderr_on_a_pty(
        ["check", "--isolated", "--select", "html-comment", "."], tmp_path
    )
    assert "files" not in err


def test_quiet_turns_progress_off(tmp_path: Path) -> None:
    make_files(tmp_path, MIN_FILES + 4)
    _, _, err = run_with_stderr_on_a_pty(
        ["check", "-q", "--isolated", "--select", "html-comment", "."], tmp_path
    )
    assert "files" not in err


def test_a_slow_small_run_shows_progress_after_a_second() -> None:
    now = [0.0]
    terminal = FakeTerminal()
    progress = Progress(terminal, 5, enabled=True, clock=lambda: now[0])
    now[0] = 0.5
    progress.advance(findings=2)
    assert terminal.getvalue() == ""
    now[0] = 1.2
    progress.advance(findings=1)
    assert "2/5 files  3 findings  1.2s" in terminal.getvalue()


def test_redraws_are_throttled_and_clear_removes_the_line() -> None:
    now = [0.0]
    terminal = FakeTerminal()
    progress = Progress(terminal, 100, enabled=True, clock=lambda: now[0])
    assert terminal.getvalue().count("files") == 1  # drawn at once: a long run
    for _ in range(10):
        progress.advance()  # no time passes: no redraw
    assert terminal.getvalue().count("files") == 1
    now[0] = 0.2
    progress.advance()
    assert "11/100 files" in terminal.getvalue()
    progress.clear()
    assert terminal.getvalue().endswith("\r\x1b[K")
    progress.advance()  # after a clear the bar comes straight back
    assert "12/100 files" in terminal.getvalue()


def test_disabled_progress_writes_nothing() -> None:
    terminal = FakeTerminal()
    progress = Progress(terminal, 1000, enabled=False)
    progress.advance(findings=5)
    progress.close()
    assert terminal.getvalue() == ""
