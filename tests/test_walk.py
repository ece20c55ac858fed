"""Which files a folder walk lints: .gitignore, include/exclude, per-file-ignores."""

from __future__ import annotations

from pathlib import Path

import pytest

from lint.files.gitignore import ignore_function
from tests.clirun import run_cli


def make(root: Path, *paths: str) -> None:
    for path in paths:
        file = root / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text("<!-- leftover template note -->\n", encoding="utf-8")


def linted(capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    """The paths with a finding, in report order."""
    _, out, _ = run_cli(capsys, ["check", "--select", "html-comment", "-q", *args])
    return [line.split(":", 1)[0] for line in out.splitlines()]


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git" / "info").mkdir(parents=True)
    return tmp_path


def test_gitignore_rules(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make(
        repo,
        "a.md",
        "build/b.md",
        "notes.draft.md",
        "docs/c.md",
        "docs/private/d.md",
        "docs/keep.draft.md",
        "docs/sub/build.md",
        "deep/x/y/z.md",
        "#literal.md",
        "local.md",
    )
    (repo / ".gitignore").write_text(
        "# comment\n"
        "build/\n"  # folders only: docs/sub/build.md stays
        "*.draft.md\n"
        "!docs/keep.draft.md\n"  # re-included
        "/docs/private\n"  # anchored to this folder
        "deep/**/z.md\n"
        "\\#literal.md\n",
        encoding="utf-8",
    )
    (repo / ".git" / "info" / "exclude").write_text("local.md\n", encoding="utf-8")
    assert linted(capsys, ".") == ["a.md", "docs/c.md", "docs/keep.draft.md", "docs/sub/build.md"]


def test_nested_gitignore_is_relative_to_its_folder(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make(repo, "a.txt", "sub/b.txt", "sub/inner/c.txt", "sub/inner/keep.txt")
    (repo / "sub" / ".gitignore").write_text("/inner/*.txt\n!keep.txt\n", encoding="utf-8")
    assert linted(capsys, ".") == ["a.txt", "sub/b.txt", "sub/inner/keep.txt"]


def test_parent_gitignore_applies_when_walking_a_subfolder(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make(repo, "docs/a.md", "docs/generated/b.md")
    (repo / ".gitignore").write_text("docs/generated/\n", encoding="utf-8")
    assert linted(capsys, "docs") == ["docs/a.md"]


def test_no_respect_gitignore_and_explicit_files(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make(repo, "a.md", "build/b.md")
    (repo / ".gitignore").write_text("build/\n", encoding="utf-8")
    assert linted(capsys, ".", "--no-respect-gitignore") == ["a.md", "build/b.md"]
    # A file named on the command line (as pre-commit does) is always linted.
    assert linted(capsys, "build/b.md") == ["build/b.md"]


def test_respect_gitignore_false_in_config(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make(repo, "a.md", "build/b.md")
    (repo / ".gitignore").write_text("build/\n", encoding="utf-8")
    (repo / ".contentlint.yaml").write_text("respect-gitignore: false\n", encoding="utf-8")
    assert linted(capsys, ".") == ["a.md", "build/b.md"]


def test_include_and_exclude(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make(repo, "a.md", "b.rst", "c.txt", "vendor/d.md", "node_modules/e.md", "docs/old/f.md")
    (repo / ".contentlint.yaml").write_text(
        'extend-include: ["*.rst"]\nextend-exclude: ["vendor", "docs/old"]\n', encoding="utf-8"
    )
    assert linted(capsys, ".") == ["a.md", "b.rst", "c.txt"]


def test_excluded_file_named_explicitly_is_skipped(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make(repo, "vendor/d.md", "a.md")
    (repo / ".contentlint.yaml").write_text('extend-exclude: ["vendor"]\n', encoding="utf-8")
    assert linted(capsys, "vendor/d.md", "a.md") == ["a.md"]


def test_per_file_ignores(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make(repo, "a.md", "templates/b.md", "templates/deep/c.md")
    mojibake = "\u00e2\u20ac\u201d"
    (repo / "templates" / "b.md").write_text(f"<!-- x -->\n{mojibake}\n", encoding="utf-8")
    (repo / ".contentlint.yaml").write_text(
        'per-file-ignores:\n  "templates/**": [html-comment/comment]\n', encoding="utf-8"
    )
    _, out, _ = run_cli(capsys, ["check", "--select", "encoding,html-comment", "-q", "."])
    assert [line.split(" ")[:2] for line in out.splitlines()] == [
        ["a.md:1:1:", "html-comment/comment"],
        ["templates/b.md:2:1:", "encoding/mojibake"],
    ]


def test_walk_order_is_sorted_and_stable(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make(repo, "b/z.md", "a.md", "b/a.md", "B.md")
    assert linted(capsys, ".") == ["B.md", "a.md", "b/a.md", "b/z.md"]


def test_ignore_function_unit(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text(
        "*.log\n!important.log\nlogs/\ntrailing\\ \n[!a]x.md\n**/tmp/**\na**b\n", encoding="utf-8"
    )
    ignored = ignore_function(tmp_path)
    assert ignored(tmp_path / "x.log", False)
    assert ignored(tmp_path / "sub" / "y.log", False)
    assert not ignored(tmp_path / "important.log", False)
    assert ignored(tmp_path / "logs", True)
    assert not ignored(tmp_path / "logs", False)  # a file named logs
    assert ignored(tmp_path / "trailing ", False)
    assert ignored(tmp_path / "bx.md", False) and not ignored(tmp_path / "ax.md", False)
    assert ignored(tmp_path / "a" / "tmp" / "f.md", False)
    assert ignored(tmp_path / "aXYb", False) and not ignored(tmp_path / "a/b", False)


def test_gitignore_outside_a_repository_still_applies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    make(tmp_path, "a.md", "b.md")
    (tmp_path / ".gitignore").write_text("b.md\n", encoding="utf-8")
    assert linted(capsys, ".") == ["a.md"]
