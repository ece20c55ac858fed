"""--jobs: the same report, byte for byte, with one process or several."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any, ClassVar

import pytest

from lint.cli.parallel import (
    FILES_PER_WORKER,
    MIN_BATCH_BYTES,
    MIN_FILES,
    plan_batches,
    plan_workers,
    run_files,
)
from lint.cli.runner import FileTask
from lint.config import load_config
from lint.document import Document
from lint.finding import Finding, Rule, Severity
from lint.linter import Linter

MOJIBAKE = "\u00e2\u20ac\u201d"
FILES = 40


def make_corpus(folder: Path) -> list[int]:
    sizes = []
    for index in range(FILES):
        filler = f"Paragraph {index} with plain words.\n\n" * (300 + index * 7)
        text = f"# Page {index}\n\n{filler}<!-- note {index} -->\nText {MOJIBAKE} {index}.\n"
        if index % 5 == 0:
            text += "<!-- contentlint: disable-next-line=nonsense -->\n"
        path = folder / f"{index % 3}" / f"page-{index:02}.md"
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        sizes.append(len(text.encode()))
    (folder / "1" / "binary.md").write_bytes(b"\x00\x01binary")
    return sizes


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )


@pytest.mark.parametrize("output", ["text", "json", "sarif", "github"])
def test_jobs_1_and_2_print_the_same_report(tmp_path: Path, output: str) -> None:
    sizes = make_corpus(tmp_path)
    assert plan_workers(2, sizes) == 2  # this corpus really runs in two workers
    args = ["check", "--isolated", "--select", "encoding,html-comment", "--format", output, "."]
    one = run([*args, "--jobs", "1"], tmp_path)
    two = run([*args, "--jobs", "2"], tmp_path)
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout
    assert one.stderr == two.stderr  # notes, in the same order
    assert one.stdout.count("comment") >= FILES  # the findings are really there


def test_fix_with_two_jobs_writes_the_same_files(tmp_path: Path) -> None:
    results = {}
    for jobs in ("1", "2"):
        folder = tmp_path / jobs
        folder.mkdir()
        make_corpus(folder)
        completed = run(
            ["fix", "--isolated", "--select", "encoding,html-comment", "--jobs", jobs, "."], folder
        )
        assert completed.returncode == 0, completed.stderr
        results[jobs] = (
            completed.stdout,
            {
                p.relative_to(folder).as_posix(): p.read_bytes()
                for p in sorted(folder.rglob("*.md"))
            },
        )
    assert results["1"] == results["2"]
    assert b"<!-- note" not in results["2"][1]["0/page-00.md"]


def test_small_runs_stay_in_one_process() -> None:
    assert plan_workers(8, [10_000_000] * (MIN_FILES - 1)) == 1  # a pre-commit call
    assert plan_workers(8, [100] * 1000) == 1  # many tiny files: start-up would dominate
    assert plan_workers(1, [10_000_000] * 100) == 1
    assert plan_workers(8, [1_000_000] * 100) == 8
    assert plan_workers(8, [1_000_000] * (FILES_PER_WORKER * 3)) == 3


class CrashingCheck:
    id: ClassVar[str] = "crash"
    summary: ClassVar[str] = "always crashes"
    rules: ClassVar[tuple[Rule, ...]] = (Rule("boom", Severity.ERROR, "boom", "boom"),)
    default_options: ClassVar[dict[str, Any]] = {}

    def check(self, document: Document, options: Any) -> list[Finding]:
        raise ValueError("bad state")


def test_a_crashing_check_costs_one_file_not_the_run(tmp_path: Path) -> None:
    checks: dict[str, Any] = {"crash": CrashingCheck()}
    linter = Linter(load_config(discover=False, checks=checks), checks=checks)
    (tmp_path / "a.md").write_text("text\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("text\n", encoding="utf-8")
    reports = list(run_files([tmp_path / "a.md", tmp_path / "b.md"], FileTask(), linter, jobs=1))
    assert [r.path for r in reports] == [str(tmp_path / "a.md"), str(tmp_path / "b.md")]
    for report in reports:
        assert report.error is not None
        assert report.error.startswith(f"{report.path}: internal error: ValueError: bad state")


def test_negative_jobs_is_a_usage_error(tmp_path: Path) -> None:
    completed = run(["check", "--isolated", "--jobs", "-1", "."], tmp_path)
    assert completed.returncode == 2
    assert completed.stderr.endswith(
        "contentlint: error: argument --jobs/-j: must be 0 (all cores) or more\n"
    )


def test_workers_use_the_callers_checks_and_report_crashes_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import lint.cli.parallel

    monkeypatch.setattr(lint.cli.parallel, "BYTES_PER_WORKER", 1)
    checks: dict[str, Any] = {"crash": CrashingCheck()}
    linter = Linter(load_config(discover=False, checks=checks), checks=checks)
    paths = []
    for index in range(MIN_FILES * 2):
        path = tmp_path / f"{index:02}.md"
        path.write_text("text\n", encoding="utf-8")
        paths.append(path)
    assert plan_workers(2, [5] * len(paths)) == 2
    reports = list(run_files(paths, FileTask(), linter, jobs=2))
    assert [r.path for r in reports] == [str(p) for p in paths]
    assert all("internal error: ValueError: bad state" in (r.error or "") for r in reports)


def test_worker_reports_keep_positions_and_leave_the_collector_as_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    import lint.cli.parallel

    monkeypatch.setattr(lint.cli.parallel, "BYTES_PER_WORKER", 1)
    linter = Linter(load_config(discover=False), select=("html-comment",))
    paths = []
    for index in range(MIN_FILES * 2):
        path = tmp_path / f"{index:02}.md"
        path.write_text("line\r\n" * index + f"text <!-- note {index} -->\n", encoding="utf-8")
        paths.append(path)
    before = gc.get_freeze_count()
    reports = list(run_files(paths, FileTask(), linter, jobs=2))
    assert gc.get_freeze_count() == before  # a library caller's objects are collectable again
    for index, report in enumerate(reports):
        assert report.document is not None
        assert "line_starts" in vars(report.document)  # sent back, not rebuilt here
        finding = report.findings[0]
        assert report.document.position(finding.start) == (index + 1, 6)


def test_batches_take_large_files_first_then_the_rest_in_order_shrinking() -> None:
    sizes = [10_000] * 200
    sizes[150] = 900_000  # larger than a first batch: it must not start last
    sizes[40] = 600_000
    batches = plan_batches(sizes, 2)
    order = [index for batch in batches for index in batch]
    assert sorted(order) == list(range(len(sizes)))  # every file once
    assert order[:2] == [150, 40]  # largest first
    rest = order[2:]
    assert rest == sorted(rest)  # then the files' own order, so reports stream
    weights = [sum(sizes[i] for i in batch) for batch in batches]
    assert weights[2] > weights[-2]  # batches shrink toward the end ...
    assert all(weight >= MIN_BATCH_BYTES for weight in weights[:-1])  # ... to a floor


def _reports(paths: list[Path], linter: Linter, jobs: int) -> list[tuple[str, list[Any]]]:
    return [
        (r.path, [(f.code, f.start, f.end, f.message) for f in r.findings])
        for r in run_files(paths, FileTask(), linter, jobs=jobs)
    ]


def _uneven_corpus(folder: Path) -> list[Path]:
    """Small files and, late in the order, one large one (which workers take first)."""
    paths = []
    for index in range(MIN_FILES * 3):
        repeat = 4000 if index == MIN_FILES * 2 else 40
        path = folder / f"{index:02}.md"
        path.write_text(f"Text {MOJIBAKE} {index}.\n" * repeat + "<!-- a note -->\n", "utf-8")
        paths.append(path)
    return paths


def test_reports_come_in_the_files_order_when_a_large_file_goes_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import lint.cli.parallel

    monkeypatch.setattr(lint.cli.parallel, "BYTES_PER_WORKER", 1)
    paths = _uneven_corpus(tmp_path)
    sizes = [p.stat().st_size for p in paths]
    assert plan_batches(sizes, 2)[0] == [MIN_FILES * 2]
    linter = Linter(load_config(discover=False), select=("encoding", "html-comment"))
    one = _reports(paths, linter, jobs=1)
    assert [path for path, _ in one] == [str(p) for p in paths]
    assert all(findings for _, findings in one)
    assert _reports(paths, linter, jobs=2) == one


def test_spawned_workers_give_the_same_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where there is no fork, each worker builds its own linter from the configuration."""
    import multiprocessing

    import lint.cli.parallel

    monkeypatch.setattr(lint.cli.parallel, "BYTES_PER_WORKER", 1)
    monkeypatch.setattr(lint.cli.parallel, "_context", lambda: multiprocessing.get_context("spawn"))
    paths = _uneven_corpus(tmp_path)
    linter = Linter(load_config(discover=False), select=("encoding", "html-comment"))
    one = _reports(paths, linter, jobs=1)
    assert _reports(paths, linter, jobs=2) == one


class DyingCheck:
    """Ends the worker process it runs in on one file, as the out-of-memory killer would."""

    id: ClassVar[str] = "die"
    summary: ClassVar[str] = "ends a worker"
    rules: ClassVar[tuple[Rule, ...]] = (Rule("seen", Severity.ERROR, "seen", "seen"),)
    default_options: ClassVar[dict[str, Any]] = {}
    parent = os.getpid()

    def check(self, document: Document, options: Any) -> list[Finding]:
        if (document.path or "").endswith("05.md") and os.getpid() != self.parent:
            os._exit(9)
        return [Finding("die", "seen", 0, 1, f"seen {document.path}")]


def test_a_dead_worker_leaves_the_rest_to_this_process_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import lint.cli.parallel

    monkeypatch.setattr(lint.cli.parallel, "BYTES_PER_WORKER", 1)
    monkeypatch.setattr(lint.cli.parallel, "MIN_BATCH_BYTES", 1)
    checks: dict[str, Any] = {"die": DyingCheck()}
    linter = Linter(load_config(discover=False, checks=checks), checks=checks)
    paths = _uneven_corpus(tmp_path)
    reports = list(run_files(paths, FileTask(), linter, jobs=2))
    assert [r.path for r in reports] == [str(p) for p in paths]
    assert [r.findings[0].message for r in reports] == [f"seen {p}" for p in paths]
