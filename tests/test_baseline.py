"""Baselines: adopt the tool on an archive, then hear only about new problems."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.clirun import MOJIBAKE, STABLE, run_cli

PAGE = f"# Archive page\n\nOld text {MOJIBAKE} here.\n<!-- old note -->\nEnd.\n"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "page.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "docs" / "other.txt").write_text("<!-- other -->\n", encoding="utf-8")
    return tmp_path


def check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    return run_cli(capsys, ["check", "--isolated", STABLE, *args])


def test_write_baseline_records_every_finding(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = check(capsys, "docs", "--write-baseline", "baseline.json")
    assert (code, out) == (0, "")
    assert err == "contentlint: wrote 3 findings in 2 files to baseline.json\n"
    data = json.loads((site / "baseline.json").read_text(encoding="utf-8"))
    assert data["contentlint-baseline"] == 1
    assert sorted(data["files"]) == ["docs/other.txt", "docs/page.txt"]
    page = data["files"]["docs/page.txt"]
    assert [(e["rule"], e["count"], e["text"]) for e in page] == [
        ("encoding/mojibake", 1, MOJIBAKE),
        ("html-comment/comment", 1, "<!-- old note -->"),
    ]


def test_round_trip_edits_elsewhere_stay_suppressed(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    check(capsys, "docs", "--write-baseline", "baseline.json")
    page = site / "docs" / "page.txt"
    # Lines added above, text changed around the findings, line endings changed.
    edited = "New intro.\n\nMore text.\n" + PAGE.replace("Old text", "Reworded old text")
    page.write_bytes(edited.replace("\n", "\r\n").encode("utf-8"))
    code, out, _ = check(capsys, "docs", "--baseline", "baseline.json")
    assert code == 0
    assert out == "All checks passed: 2 files checked. 3 more in the baseline.\n"


def test_round_trip_a_new_problem_is_reported(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    check(capsys, "docs", "--write-baseline", "baseline.json")
    page = site / "docs" / "page.txt"
    page.write_text(PAGE + "<!-- new note -->\n", encoding="utf-8")
    code, out, _ = check(capsys, "docs", "--baseline", "baseline.json")
    assert code == 1
    assert out.splitlines() == [
        "docs/page.txt:6:1: html-comment/comment [*] leftover HTML comment <!-- new note -->",
        "1 finding (1 fixable) in 1 file (2 files checked). Run `contentlint fix` to fix the ones marked [*]."
        " 3 more in the baseline.",
    ]


def test_a_second_copy_of_a_baselined_problem_is_new(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    check(capsys, "docs", "--write-baseline", "baseline.json")
    other = site / "docs" / "other.txt"
    other.write_text("<!-- other -->\ntext\n<!-- other -->\n", encoding="utf-8")
    code, out, _ = check(capsys, "docs/other.txt", "--baseline", "baseline.json", "-q")
    assert code == 1
    assert (
        out == "docs/other.txt:3:1: html-comment/comment [*] leftover HTML comment <!-- other -->\n"
    )


def test_baseline_paths_work_from_another_folder(
    site: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    check(capsys, "docs", "--write-baseline", "baseline.json")
    monkeypatch.chdir(site / "docs")
    code, out, _ = check(capsys, "page.txt", "--baseline", "../baseline.json", "-q")
    assert (code, out) == (0, "")


def test_baseline_filters_machine_formats_too(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    check(capsys, "docs", "--write-baseline", "baseline.json")
    (site / "docs" / "new.txt").write_text(f"x {MOJIBAKE}\n", encoding="utf-8")
    _, out, _ = check(capsys, "docs", "--baseline", "baseline.json", "--format", "json")
    assert [(r["path"], r["rule"]) for r in json.loads(out)] == [("docs/new.txt", "mojibake")]


def test_fix_respects_the_baseline_in_its_report(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    check(capsys, "docs", "--write-baseline", "baseline.json")
    code, out, _ = run_cli(
        capsys, ["fix", "--isolated", STABLE, "docs", "--baseline", "baseline.json", "--diff"]
    )
    assert code == 1  # the diff is pending
    assert "-<!-- old note -->" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            None,
            "contentlint: error: baseline missing.json not found (create it with --write-baseline)",
        ),
        ("{", "contentlint: error: baseline missing.json is not valid JSON"),
        (
            '{"files": {}}',
            "contentlint: error: missing.json is not a contentlint baseline (version 1)",
        ),
    ],
)
def test_bad_baselines_are_one_line_errors(
    site: Path, capsys: pytest.CaptureFixture[str], content: str | None, message: str
) -> None:
    if content is not None:
        (site / "missing.json").write_text(content, encoding="utf-8")
    code, out, err = check(capsys, "docs", "--baseline", "missing.json")
    assert (code, out) == (2, "")
    assert err.startswith(message)
    assert len(err.splitlines()) == 1


def test_baseline_and_write_baseline_together_is_a_usage_error(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = check(capsys, "docs", "--baseline", "a.json", "--write-baseline", "b.json")
    assert code == 2
    assert err == "contentlint: error: --baseline and --write-baseline cannot be used together\n"


def test_fingerprint_ignores_whitespace_but_not_words() -> None:
    from lint.document import Document
    from lint.finding import Finding
    from lint.result import fingerprint

    def print_of(text: str, start: int, end: int) -> str:
        return fingerprint(Document(text), Finding("links", "shortener", start, end, "m"))

    assert print_of("a  bit.ly/x", 3, 11) == print_of("zz\nbit.ly/x", 3, 11)
    assert print_of("see <!--\n x -->", 4, 15) == print_of("<!-- x -->", 0, 10)
    assert print_of("bit.ly/x", 0, 8) != print_of("bit.ly/y", 0, 8)
    # An empty span is known by its line.
    assert print_of("one\ntwo\n", 4, 4) == print_of("zero\n\ntwo", 6, 6)
