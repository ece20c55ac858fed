"""Every output format, as a user or a CI system reads it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from lint.document import Document
from lint.report.github import escape_data, escape_property
from lint.report.source import excerpt
from tests.clirun import MOJIBAKE, POST, STABLE, run_cli

SCHEMA = Path(__file__).with_name("sarif-schema-2.1.0.json")


@pytest.fixture
def post(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    path = tmp_path / "post.txt"
    path.write_text(POST, encoding="utf-8")
    return path


def check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    return run_cli(capsys, ["check", "--isolated", STABLE, *args])


# --- text ---------------------------------------------------------------------------


def test_text_lines_marks_and_summary(post: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = check(capsys, "post.txt")
    assert code == 1
    assert out.splitlines() == [
        f'post.txt:3:12: encoding/mojibake [*] mojibake "{MOJIBAKE}" → "—" (UTF-8 read as Windows-1252)',
        "post.txt:4:1: html-comment/comment [*] leftover HTML comment <!-- leftover note -->",
        "2 findings (2 fixable) in 1 file. Run `contentlint fix` to fix the ones marked [*].",
    ]


def test_text_clean_file_summary(post: Path, capsys: pytest.CaptureFixture[str]) -> None:
    post.write_text("Nothing to see.\n", encoding="utf-8")
    code, out, _ = check(capsys, "post.txt")
    assert (code, out) == (0, "All checks passed: 1 file checked.\n")


def test_quiet_prints_findings_only(post: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, err = check(capsys, "-q", "post.txt")
    assert len(out.splitlines()) == 2
    assert "findings" not in out
    assert err == ""


def test_show_source_puts_carets_under_the_span(
    post: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = check(capsys, "-q", "--show-source", "post.txt")
    lines = out.splitlines()
    assert lines[1:3] == [f"3 | Intro text {MOJIBAKE} with mojibake.", "  |            ^^^"]
    assert lines[4:6] == ["4 | <!-- leftover note -->", "  | " + "^" * 22]


def test_show_source_makes_invisible_characters_visible() -> None:
    document = Document("ab\tc\u200bd\n", "x.txt")
    assert excerpt(document, 4, 5) == (1, "ab    c<U+200B>d", "       ^^^^^^^^")


def test_show_source_cuts_a_long_line_around_the_span() -> None:
    text = "x" * 5000 + "HERE" + "y" * 5000
    number, shown, carets = excerpt(Document(text, "x.txt"), 5000, 5004)
    assert number == 1
    assert shown.startswith("…x") and shown.endswith("y…")
    assert len(shown) <= 125
    assert shown[carets.index("^") : carets.index("^") + 4] == "HERE"


def test_show_source_points_past_the_text_at_a_line_break() -> None:
    assert excerpt(Document("abc\ndef\n", "x.txt"), 3, 4) == (1, "abc", "   ^")


def test_color_always_paints_the_code_by_severity(
    post: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = check(capsys, "--color", "always", "post.txt")
    assert "\x1b[33mencoding/mojibake\x1b[0m" in out  # warning: yellow
    assert "\x1b[1mpost.txt\x1b[0m:3:12:" in out


@pytest.mark.parametrize(
    ("flag", "env"),
    [(["--color", "never"], {}), ([], {}), (["--color", "auto"], {"NO_COLOR": "1"})],
)
def test_no_color_unless_asked_or_a_terminal(
    post: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    flag: list[str],
    env: dict[str, str],
) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    _, out, _ = check(capsys, *flag, "post.txt")
    assert "\x1b[" not in out


def test_no_color_environment_loses_to_color_always(
    post: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    _, out, _ = check(capsys, "--color", "always", "post.txt")
    assert "\x1b[33m" in out


def test_statistics_counts_per_rule(post: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (post.parent / "two.txt").write_text("<!-- a -->\n\n<!-- b -->\n", encoding="utf-8")
    code, out, _ = check(capsys, "--statistics", ".")
    assert code == 1
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["3", "html-comment/comment", "[*]"]
    assert lines[0].endswith("A leftover HTML comment in the text.")
    assert lines[1].split()[:3] == ["1", "encoding/mojibake", "[*]"]
    assert lines[2].startswith("4 findings (4 fixable) in 2 files.")


def test_statistics_as_json(post: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = check(capsys, "--statistics", "--format", "json", "post.txt")
    rows = json.loads(out)
    assert [(r["code"], r["count"], r["fixable"]) for r in rows] == [
        ("encoding/mojibake", 1, 1),
        ("html-comment/comment", 1, 1),
    ]


def test_statistics_refused_for_sarif(post: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = check(capsys, "--statistics", "--format", "sarif", "post.txt")
    assert (code, out) == (2, "")
    assert err.startswith("contentlint: error: --statistics works with --format text")


# --- json and jsonl -------------------------------------------------------------------

CONTRACT = [
    "path",
    "line",
    "column",
    "end_line",
    "end_column",
    "check",
    "rule",
    "severity",
    "message",
    "fixable",
]


def test_json_keeps_the_contract_and_adds_the_fix(
    post: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = check(capsys, "--format", "json", "post.txt")
    assert code == 1
    rows = json.loads(out)
    assert [list(row)[: len(CONTRACT)] for row in rows] == [CONTRACT, CONTRACT]
    first = rows[0]
    assert {k: first[k] for k in CONTRACT} == {
        "path": "post.txt",
        "line": 3,
        "column": 12,
        "end_line": 3,
        "end_column": 15,
        "check": "encoding",
        "rule": "mojibake",
        "severity": "warning",
        "message": f'mojibake "{MOJIBAKE}" → "—" (UTF-8 read as Windows-1252)',
        "fixable": True,
    }
    assert first["fix"] == {
        "applicability": "safe",
        "edits": [{"line": 3, "column": 12, "end_line": 3, "end_column": 15, "replacement": "—"}],
    }
    # The comment's fix deletes its whole line, line break included.
    assert rows[1]["fix"]["edits"] == [
        {"line": 4, "column": 1, "end_line": 5, "end_column": 1, "replacement": ""}
    ]


def test_json_edits_rebuild_the_fixed_text(post: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = check(capsys, "--format", "json", "post.txt")
    lines = post.read_text(encoding="utf-8").splitlines(keepends=True)
    starts = [sum(len(x) for x in lines[:i]) for i in range(len(lines) + 1)]
    text = post.read_text(encoding="utf-8")
    edits = [e for row in json.loads(out) for e in row["fix"]["edits"]]
    for edit in sorted(edits, key=lambda e: (e["line"], e["column"]), reverse=True):
        start = starts[edit["line"] - 1] + edit["column"] - 1
        end = starts[edit["end_line"] - 1] + edit["end_column"] - 1
        text = text[:start] + edit["replacement"] + text[end:]
    code, _, _ = run_cli(capsys, ["fix", "--isolated", STABLE, "post.txt"])
    assert code == 0
    assert (
        post.read_text(encoding="utf-8")
        == text
        == "# Title\n\nIntro text — with mojibake.\nPlain line.\n"
    )


def test_jsonl_one_finding_a_line(post: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, array, _ = check(capsys, "--format", "json", "post.txt")
    _, out, _ = check(capsys, "--format", "jsonl", "post.txt")
    lines = out.splitlines()
    assert len(lines) == 2
    assert [json.loads(line) for line in lines] == json.loads(array)


def test_empty_json_and_jsonl(post: Path, capsys: pytest.CaptureFixture[str]) -> None:
    post.write_text("Clean.\n", encoding="utf-8")
    assert check(capsys, "--format", "json", "post.txt")[:2] == (0, "[]\n")
    assert check(capsys, "--format", "jsonl", "post.txt")[:2] == (0, "")


# --- sarif ----------------------------------------------------------------------------


def _validate_sarif(document: dict[str, Any]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(document), key=str)
    assert errors == []


def test_sarif_validates_and_describes_rules(
    post: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = check(capsys, "--format", "sarif", "post.txt")
    assert code == 1
    sarif = json.loads(out)
    _validate_sarif(sarif)
    run = sarif["runs"][0]
    assert sarif["version"] == "2.1.0"
    assert run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    ids = [rule["id"] for rule in rules]
    assert "encoding/mojibake" in ids and "html-comment/comment" in ids
    mojibake = rules[ids.index("encoding/mojibake")]
    assert mojibake["shortDescription"]["text"].startswith("Text decoded with the wrong encoding")
    assert mojibake["help"]["text"]
    assert mojibake["defaultConfiguration"] == {"level": "warning"}
    first, second = run["results"]
    assert first["ruleId"] == "encoding/mojibake"
    assert ids[first["ruleIndex"]] == "encoding/mojibake"
    assert first["level"] == "warning"
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "post.txt"}
    assert location["region"] == {"startLine": 3, "startColumn": 12, "endLine": 3, "endColumn": 15}
    replacement = first["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert replacement["insertedContent"] == {"text": "—"}
    assert second["ruleId"] == "html-comment/comment"


def test_sarif_with_no_findings_and_odd_paths_validates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "my docs"
    folder.mkdir()
    (folder / "clean.md").write_text("Clean.\n", encoding="utf-8")
    (folder / "ünï.txt").write_text("<!-- x -->\n", encoding="utf-8")
    _, out, _ = check(capsys, "--format", "sarif", "my docs")
    sarif = json.loads(out)
    _validate_sarif(sarif)
    [result] = sarif["runs"][0]["results"]
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "my%20docs/%C3%BCn%C3%AF.txt"


def test_sarif_info_becomes_note(post: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = post.parent / "info.yaml"
    config.write_text(
        "checks:\n  html-comment:\n    rules:\n      comment: info\n", encoding="utf-8"
    )
    _, out, _ = run_cli(
        capsys, ["check", "--config", str(config), STABLE, "--format", "sarif", "post.txt"]
    )
    sarif = json.loads(out)
    _validate_sarif(sarif)
    levels = {r["ruleId"]: r["level"] for r in sarif["runs"][0]["results"]}
    assert levels == {"encoding/mojibake": "warning", "html-comment/comment": "note"}


# --- github ---------------------------------------------------------------------------


def test_github_annotations(post: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = check(capsys, "--format", "github", "post.txt")
    assert out.splitlines() == [
        "::warning file=post.txt,line=3,col=12,endLine=3,endColumn=15,title=encoding/mojibake"
        f'::mojibake "{MOJIBAKE}" → "—" (UTF-8 read as Windows-1252) (fix available: contentlint fix)',
        "::warning file=post.txt,line=4,col=1,endLine=4,endColumn=23,title=html-comment/comment"
        "::leftover HTML comment <!-- leftover note --> (fix available: contentlint fix)",
    ]


def test_github_escapes_properties_and_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a,b:c.txt").write_text("<!-- 100%\nsure -->\n", encoding="utf-8")
    _, out, _ = check(capsys, "--format", "github", "a,b:c.txt")
    assert out == (
        "::warning file=a%2Cb%3Ac.txt,line=1,col=1,endLine=2,title=html-comment/comment"
        "::leftover HTML comment <!-- 100%25 sure --> (fix available: contentlint fix)\n"
    )
    assert escape_data("a\r\nb%") == "a%0D%0Ab%25"
    assert escape_property("x:y,z") == "x%3Ay%2Cz"


# --- where the report goes -------------------------------------------------------------


def test_output_file_gets_the_report_and_stdout_stays_empty(
    post: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = check(capsys, "--format", "json", "--output-file", "report.json", "post.txt")
    assert (code, out, err) == (1, "", "")
    assert len(json.loads((post.parent / "report.json").read_text(encoding="utf-8"))) == 2


def test_unwritable_output_file_is_a_usage_error(
    post: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = check(capsys, "--output-file", "missing/dir/report.txt", "post.txt")
    assert code == 2
    assert err.startswith("contentlint: error: cannot write missing/dir/report.txt")


def test_unknown_format_is_a_usage_error(post: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = check(capsys, "--format", "xml", "post.txt")
    assert (code, out) == (2, "")
    assert err.startswith("contentlint: error: unknown format 'xml' (choose from text, json")


def test_stdin_reports_under_its_filename(
    post: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"<!-- x -->\n")))
    _, out, _ = check(capsys, "--format", "github", "--stdin-filename", "docs/a.txt", "-")
    assert out.startswith("::warning file=docs/a.txt,line=1,col=1,")


def test_show_source_cuts_a_long_span_at_the_window() -> None:
    text = "a" * 50 + "B" * 500 + "\n"
    _, shown, carets = excerpt(Document(text, "x.txt"), 50, 550)
    assert shown == "…" + "a" * 40 + "B" * 80 + "…"
    assert carets == " " * 41 + "^" * 80


def test_force_color_colours_a_pipe(
    post: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    _, out, _ = check(capsys, "post.txt")
    assert "\x1b[33mencoding/mojibake\x1b[0m" in out


def test_output_file_is_never_coloured_by_auto(
    post: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    check(capsys, "--output-file", "report.txt", "post.txt")
    assert "\x1b[" not in (post.parent / "report.txt").read_text(encoding="utf-8")
