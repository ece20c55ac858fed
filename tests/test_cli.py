"""The command line as a user meets it: exit codes, one-line errors, stdin, diff, rules."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from tests.clirun import run_cli_steps

MOJIBAKE = "It was 2020â€”a revolutionary move.\n"


def _page(tmp_path: Path, name: str = "page.md", text: str = MOJIBAKE) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_clean_file_exits_0_with_a_summary(cli: Any, tmp_path: Path) -> None:
    _page(tmp_path, text="Nothing to see here.\n")
    result = cli("check", "--select", "encoding,html-comment", "page.md")
    assert result.code == 0
    assert result.out == "All checks passed: 1 file checked.\n"
    assert result.err == ""


def test_findings_exit_1_with_path_line_column(cli: Any, tmp_path: Path) -> None:
    _page(tmp_path)
    result = cli("check", "--select", "encoding", "page.md")
    assert result.code == 1
    assert result.out.splitlines() == [
        'page.md:1:12: encoding/mojibake [*] mojibake "â€”" → "—" (UTF-8 read as Windows-1252)',
        "1 finding (1 fixable) in 1 file. Run `contentlint fix` to fix the ones marked [*].",
    ]


def test_exit_zero_and_fail_on(cli: Any, tmp_path: Path) -> None:
    _page(tmp_path)
    assert cli("check", "--select", "encoding", "--exit-zero", "page.md").code == 0
    assert cli("check", "--select", "encoding", "--fail-on", "error", "page.md").code == 0
    assert cli("check", "--select", "encoding", "--fail-on", "info", "page.md").code == 1


def test_json_format_follows_the_contract(cli: Any, tmp_path: Path) -> None:
    _page(tmp_path)
    result = cli("check", "--select", "encoding", "--format", "json", "page.md")
    rows = json.loads(result.out)
    assert rows == [
        {
            "path": "page.md",
            "line": 1,
            "column": 12,
            "end_line": 1,
            "end_column": 15,
            "check": "encoding",
            "rule": "mojibake",
            "severity": "warning",
            "message": 'mojibake "â€”" → "—" (UTF-8 read as Windows-1252)',
            "fixable": True,
            "fix": {
                "applicability": "safe",
                "edits": [
                    {"line": 1, "column": 12, "end_line": 1, "end_column": 15, "replacement": "—"}
                ],
            },
        }
    ]


def test_fix_writes_the_file_and_reports_what_is_left(cli: Any, tmp_path: Path) -> None:
    page = _page(tmp_path, text="Itâ€™s here.\n<!-- TODO: ask legal -->\n")
    result = cli("fix", "--select", "encoding,html-comment", "page.md")
    assert page.read_text(encoding="utf-8") == "It’s here.\n<!-- TODO: ask legal -->\n"
    assert result.code == 1  # the author note is left for --unsafe-fixes
    assert (
        "page.md:2:1: html-comment/comment leftover HTML comment <!-- TODO: ask legal -->"
        in result.out
    )
    assert (
        result.out.splitlines()[-1]
        == "Fixed 1 finding in 1 file; 1 remaining in 1 file (1 fixable with --unsafe-fixes)."
    )
    result = cli("fix", "--select", "encoding,html-comment", "--unsafe-fixes", "page.md")
    assert result.code == 0
    assert page.read_text(encoding="utf-8") == "It’s here.\n"


def test_fix_diff_writes_nothing_and_exits_1(cli: Any, tmp_path: Path) -> None:
    page = _page(tmp_path)
    result = cli("fix", "--diff", "--select", "encoding", "page.md")
    assert result.code == 1
    assert page.read_text(encoding="utf-8") == MOJIBAKE
    assert result.out.startswith("--- a/page.md\n+++ b/page.md\n@@ -1 +1 @@\n-It was 2020â€”a")
    assert "+It was 2020—a revolutionary move.\n" in result.out


def test_fix_exit_non_zero_on_fix(cli: Any, tmp_path: Path) -> None:
    _page(tmp_path)
    assert cli("fix", "--select", "encoding", "--exit-non-zero-on-fix", "page.md").code == 1
    assert cli("fix", "--select", "encoding", "--exit-non-zero-on-fix", "page.md").code == 0


def test_stdin_check_uses_the_stdin_filename_for_markup(cli: Any) -> None:
    text = "Use `<!-- x -->` in code.\n<!-- leftover template note -->\n"
    args = ("check", "-", "--select", "html-comment", "--fail-on", "info")
    result = cli(*args, "--stdin-filename", "post.md", stdin=text)
    assert result.code == 1
    # In Markdown a comment that leaks nothing is info; the one in inline code is content.
    assert result.out.splitlines()[0] == (
        "post.md:2:1: html-comment/comment [*] leftover HTML comment"
        " <!-- leftover template note -->"
    )
    as_text = cli(*args, "--stdin-filename", "post.txt", stdin=text)
    assert [line.split(": ")[0] for line in as_text.out.splitlines()[:2]] == [
        "post.txt:1:6",
        "post.txt:2:1",
    ]


def test_stdin_fix_prints_the_fixed_text(cli: Any) -> None:
    result = cli("fix", "-", "--select", "encoding", stdin=MOJIBAKE)
    assert result.code == 0
    assert result.out == "It was 2020—a revolutionary move.\n"
    assert "Fixed 1 finding" in result.err


def test_select_and_ignore_take_check_ids_and_codes(cli: Any, tmp_path: Path) -> None:
    _page(tmp_path, text="Itâ€™s &amp; more.\n", name="page.txt")
    both = cli("check", "--select", "encoding", "page.txt").out
    assert "encoding/mojibake" in both and "encoding/html-entity" in both
    only = cli("check", "--select", "encoding", "--ignore", "encoding/mojibake", "page.txt").out
    assert "encoding/mojibake" not in only and "encoding/html-entity" in only


def test_user_errors_are_one_line_and_exit_2(cli: Any, tmp_path: Path) -> None:
    _page(tmp_path)
    cases = {
        ("check", "missing.md"): "contentlint: error: missing.md: no such file or directory",
        (
            "check",
            "--select",
            "nope",
            "page.md",
        ): "contentlint: error: unknown check or rule 'nope'",
        ("check", "--bogus"): "contentlint: error: unrecognized arguments: --bogus",
        ("check", "--format", "xml", "page.md"): "contentlint: error: unknown format 'xml'",
        ("rules", "encoding/nope"): "contentlint: error: unknown check or rule 'encoding/nope'",
        (
            "check",
            "--config",
            "none.yaml",
            "page.md",
        ): "contentlint: error: none.yaml: config file not found",
        (): "contentlint: error: a command is required",
    }
    for args, message in cases.items():
        result = cli(*args)
        assert result.code == 2, args
        assert result.err.startswith(message), (args, result.err)
        assert result.err.count("\n") == 1, (args, result.err)
        assert "Traceback" not in result.err


def test_missing_path_does_not_stop_the_other_files(cli: Any, tmp_path: Path) -> None:
    _page(tmp_path)
    result = cli("check", "--select", "encoding", "missing.md", "page.md")
    assert result.code == 2
    assert "page.md:1:12: encoding/mojibake" in result.out


def test_folders_are_walked_with_include_patterns(cli: Any, tmp_path: Path) -> None:
    (tmp_path / "docs" / "deep").mkdir(parents=True)
    _page(tmp_path / "docs" / "deep", "a.md")
    _page(tmp_path / "docs", "b.txt")
    _page(tmp_path / "docs", "c.py")
    result = cli("check", "--select", "encoding", "docs")
    paths = sorted(line.split(":")[0] for line in result.out.splitlines()[:-1])
    assert paths == [str(Path("docs/b.txt")), str(Path("docs/deep/a.md"))]


def test_rules_lists_every_rule_and_explains_one(cli: Any) -> None:
    listing = cli("rules")
    assert listing.code == 0
    codes = [line.split()[0] for line in listing.out.splitlines()]
    for code in (
        "encoding/mojibake",
        "encoding/invalid-utf8",
        "html-comment/comment",
        "html-comment/stray-tag",
    ):
        assert code in codes
    assert re.search(
        r"^encoding/mojibake +warning +fix +Text decoded with the wrong encoding", listing.out, re.M
    )
    one = cli("rules", "encoding/mojibake")
    assert one.code == 0
    assert one.out.startswith(
        "encoding/mojibake  (warning, fix)\n\nText decoded with the wrong encoding"
    )
    assert "Example:" in one.out


def test_version(cli: Any) -> None:
    from lint import __version__

    assert cli("--version").out.strip() == f"contentlint {__version__}"


def test_check_never_loads_the_fixer_and_fix_does(tmp_path: Path) -> None:
    # Start-up is a product requirement (a pre-commit hook): the fixer loads only to fix.
    (tmp_path / "post.md").write_text("# Title\n\nThe Caf\u00c3\u00a9 opens at nine.\n", "utf-8")
    fixer = "'lint.fixer' in sys.modules"
    args = ["-q", "--isolated", "post.md"]
    lines, output = run_cli_steps([(["check", *args], fixer), (["fix", *args], fixer)], tmp_path)
    assert lines == ["exit 1", "loaded False", "exit 0", "loaded True"], output
    assert (tmp_path / "post.md").read_text("utf-8") == "# Title\n\nThe Café opens at nine.\n"


def test_check_reads_its_data_files_without_importlib_resources(tmp_path: Path) -> None:
    # importlib.resources brings in tempfile, zipfile and shutil: a tenth of a small run's
    # start-up. Every check reads its shipped data through its package's loader instead.
    (tmp_path / "post.md").write_text(
        "# Title\n\nThe best tool in the world. See [docs](https://bit.ly/x1) now.\n", "utf-8"
    )
    loaded = "sorted({'importlib.resources', 'tempfile'} & set(sys.modules))"
    lines, output = run_cli_steps([(["check", "-q", "--isolated", "post.md"], loaded)], tmp_path)
    assert lines == ["exit 1", "loaded []"], output


def test_a_document_without_links_never_builds_the_link_lexicon(tmp_path: Path) -> None:
    # Nothing in the file can be a link ("//", "www.", a ".tld/"): the links check returns
    # before it loads its finder or its lexicon; one link loads both and is reported.
    (tmp_path / "plain.md").write_text("# Title\n\nNo address here, e.g. none.\n", "utf-8")
    (tmp_path / "short.md").write_text("# Title\n\nSee bit.ly/x1abc for more.\n", "utf-8")
    loaded = "[n in sys.modules for n in ('lint.checks.links.finder', 'lint.checks.links.lexicon')]"
    steps = [
        (["check", "-q", "--isolated", "plain.md"], loaded),
        (["check", "-q", "--isolated", "--select", "links", "short.md"], loaded),
    ]
    lines, output = run_cli_steps(steps, tmp_path)
    assert lines == ["exit 0", "loaded [False, False]", "exit 1", "loaded [True, True]"], output
    assert "links/shortener" in output
