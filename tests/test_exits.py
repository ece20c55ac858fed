"""Exits that tell the truth: what ``fix`` says it did is what it did, every way it stops."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from lint import fix_text
from lint.files.textfile import FileError
from tests.clirun import run_cli
from tests.conftest import ROOT

ONLY_COMMENTS = "--select=html-comment"


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    return tmp_path


# --- a write that fails ---------------------------------------------------------------------


def test_fix_that_cannot_write_says_so_and_counts_nothing_fixed(
    work: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    original = "Text here.\n\n<!-- leftover -->\n\nMore text.\n"
    (work / "doc.txt").write_text(original, encoding="utf-8")

    def refuse(*_args: object) -> None:
        raise FileError("doc.txt: cannot write: Read-only file system")

    monkeypatch.setattr("lint.cli.runner.write_text_file", refuse)
    code, out, err = run_cli(capsys, ["fix", ONLY_COMMENTS, "doc.txt"])
    assert code == 2
    assert err.splitlines() == ["contentlint: error: doc.txt: cannot write: Read-only file system"]
    assert out.splitlines() == [
        "doc.txt:3:1: html-comment/comment [*] leftover HTML comment <!-- leftover -->",
        "Fixed 0 findings in 0 files; 1 remaining in 1 file."
        " Some paths could not be checked: see the errors above.",
    ]
    assert (work / "doc.txt").read_text(encoding="utf-8") == original


# --- summaries that count files with findings --------------------------------------------


def test_summary_counts_the_files_that_have_findings(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (work / "a.txt").write_text("One <!-- x -->\nTwo <!-- y -->\n", encoding="utf-8")
    (work / "b.txt").write_text("Clean.\n", encoding="utf-8")
    (work / "c.txt").write_text("Clean too.\n", encoding="utf-8")
    _, out, _ = run_cli(capsys, ["check", ONLY_COMMENTS, "."])
    assert out.splitlines()[-1] == (
        "2 findings (2 fixable) in 1 file (3 files checked)."
        " Run `contentlint fix` to fix the ones marked [*]."
    )
    _, out, _ = run_cli(capsys, ["fix", ONLY_COMMENTS, "."])
    assert out.splitlines()[-1] == "Fixed 2 findings in 1 file; 0 remaining; 3 files checked."
    _, out, _ = run_cli(capsys, ["check", ONLY_COMMENTS, "."])
    assert out.splitlines()[-1] == "All checks passed: 3 files checked."


# --- the pre-commit fix hook --------------------------------------------------------------


def _fix_hook_args() -> list[str]:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    [hook] = [h for h in hooks if h["id"] == "contentlint-fix"]
    command, subcommand, *args = str(hook["entry"]).split()
    assert (command, subcommand) == ("contentlint", "fix")
    return [subcommand, *args]


def test_fix_hook_fails_only_when_it_changed_a_file(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hook = _fix_hook_args()
    note = "Intro.\n\n<!-- TODO: ask legal -->\n\nThe end.\n"  # report-only without --unsafe-fixes
    (work / "note.md").write_text(note, encoding="utf-8")
    code, out, _ = run_cli(capsys, [*hook, "note.md"])
    assert code == 0, out
    assert "note.md:3:1: html-comment/comment" in out  # still shown, just not a failure
    assert (work / "note.md").read_text(encoding="utf-8") == note

    (work / "page.txt").write_text("Text <!-- Hero Mobile -->\n", encoding="utf-8")
    code, _, _ = run_cli(capsys, [*hook, "note.md", "page.txt"])
    assert code == 1
    assert (work / "page.txt").read_text(encoding="utf-8") == "Text\n"
    code, _, _ = run_cli(capsys, [*hook, "note.md", "page.txt"])
    assert code == 0


def test_exit_non_zero_on_fix_wins_over_exit_zero_but_errors_win_over_both(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (work / "page.txt").write_text("Text <!-- x -->\n", encoding="utf-8")
    flags = ["fix", ONLY_COMMENTS, "--exit-zero", "--exit-non-zero-on-fix"]
    assert run_cli(capsys, [*flags, "page.txt"])[0] == 1
    assert run_cli(capsys, [*flags, "page.txt"])[0] == 0
    assert run_cli(capsys, [*flags, "page.txt", "missing.txt"])[0] == 2


# --- stopping a parallel run ------------------------------------------------------------------

_ORIGINAL = "".join(
    f"Paragraph {n} of a long scraped page, with enough words to be prose.\n"
    f"<!-- Hero Mobile {n} -->\n\n"
    for n in range(3000)
)


def _children(pid: int) -> set[int]:
    """Every live descendant of ``pid`` (from /proc)."""
    found: set[int] = set()
    parents = {pid}
    changed = True
    while changed:
        changed = False
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit() or int(entry.name) in found:
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if int(fields[1]) in parents and fields[0] != "Z":
                found.add(int(entry.name))
                parents.add(int(entry.name))
                changed = True
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _start_parallel_fix(folder: Path) -> tuple[subprocess.Popen[bytes], set[int]]:
    """``contentlint fix --jobs 2`` on 40 files, returned once its workers are fixing."""
    for n in range(40):
        (folder / f"page-{n:02}.txt").write_text(_ORIGINAL, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "lint", "fix", "--isolated", "--jobs", "2", str(folder)],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    workers: set[int] = set()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        workers |= _children(process.pid)
        fixed = any(
            p.read_text(encoding="utf-8") != _ORIGINAL for p in sorted(folder.glob("*.txt"))[:4]
        )
        if len(workers) >= 2 and fixed:
            return process, workers
        time.sleep(0.02)
    process.kill()
    pytest.fail("the parallel run never started fixing files")


def _assert_files_whole(folder: Path) -> None:
    fixed = fix_text(_ORIGINAL, path="page.txt").text
    assert fixed != _ORIGINAL
    states = {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir()}
    assert all(name.endswith(".txt") for name in states), sorted(states)  # no temporary file
    assert all(text in {_ORIGINAL, fixed} for text in states.values())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="signals and /proc")
@pytest.mark.parametrize("pause", [0.03, 0.0])
def test_a_second_ctrl_c_ends_a_parallel_run_at_once(tmp_path: Path, pause: float) -> None:
    # No pause: the second signal comes while the first is still being handled.
    process, workers = _start_parallel_fix(tmp_path)
    os.kill(process.pid, signal.SIGINT)
    time.sleep(pause)
    os.kill(process.pid, signal.SIGINT)
    try:
        # Generous: the test is for a run that hangs on its workers, not for a busy machine
        # (under a loaded CI the exit once took more than 2 seconds).
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        pytest.fail("two Ctrl-C did not end the run")
    assert process.stderr is not None
    assert "contentlint: interrupted" in process.stderr.read().decode()
    assert process.returncode in {130, -signal.SIGINT}
    assert [pid for pid in workers if _alive(pid)] == []
    _assert_files_whole(tmp_path)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="signals and /proc")
def test_sigterm_ends_the_workers_too(tmp_path: Path) -> None:
    process, workers = _start_parallel_fix(tmp_path)
    os.kill(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        pytest.fail("SIGTERM did not end the run")
    assert process.returncode == 143
    assert [pid for pid in workers if _alive(pid)] == []
    _assert_files_whole(tmp_path)
