"""Inline control comments: every directive, in Markdown, HTML and plain text."""

from __future__ import annotations

from pathlib import Path

import pytest

from lint.config import load_config
from lint.document import Document
from lint.linter import Linter

M = "\u00e2\u20ac\u201d"  # mojibake: encoding/mojibake on every line that has it


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(load_config(discover=False), select=["encoding", "html-comment"])


def lint(
    linter: Linter, text: str, path: str = "post.md"
) -> tuple[list[tuple[int, str]], list[str]]:
    """(line, code) of every finding, and the directive problems as 'line:col: message'."""
    document = Document.for_path(text, path)
    result = linter.lint(document)
    found = [(document.position(f.start)[0], f.code) for f in result.findings]
    notes = [note.removeprefix(f"{path}:") for note in result.notes]
    return found, notes


def test_without_directives_everything_is_reported(linter: Linter) -> None:
    assert lint(linter, f"a {M}\n<!-- a leftover -->\n")[0] == [
        (1, "encoding/mojibake"),
        (2, "html-comment/comment"),
    ]


def test_disable_and_enable_a_region(linter: Linter) -> None:
    text = f"a {M}\n<!-- contentlint: disable -->\nb {M}\n<!-- a leftover -->\n<!-- contentlint: enable -->\nc {M}\n"
    found, notes = lint(linter, text)
    assert found == [(1, "encoding/mojibake"), (6, "encoding/mojibake")]
    assert notes == []


def test_disable_one_check_leaves_the_others(linter: Linter) -> None:
    text = f"<!-- contentlint: disable=encoding -->\nb {M}\n<!-- a leftover -->\n"
    assert lint(linter, text)[0] == [(3, "html-comment/comment")]


def test_disable_one_rule_by_code(linter: Linter) -> None:
    text = f"<!-- contentlint: disable=html-comment/comment -->\n<!-- a leftover -->\nb {M}\n"
    assert lint(linter, text)[0] == [(3, "encoding/mojibake")]


def test_comma_separated_rules_with_spaces(linter: Linter) -> None:
    text = f"<!-- contentlint: disable = encoding/mojibake, html-comment -->\n<!-- a leftover -->\nb {M}\n"
    assert lint(linter, text) == ([], [])


def test_enable_one_rule_inside_a_disabled_check(linter: Linter) -> None:
    text = (
        "<!-- contentlint: disable=html-comment -->\n"
        "<!-- note a -->\n"
        "<!-- contentlint: enable=html-comment/comment -->\n"
        "<!-- note b -->\n"
    )
    assert lint(linter, text)[0] == [(4, "html-comment/comment")]


def test_enable_one_check_inside_disable_all(linter: Linter) -> None:
    text = f"<!-- contentlint: disable -->\n<!-- contentlint: enable=encoding -->\nb {M}\n<!-- a leftover -->\n"
    assert lint(linter, text)[0] == [(3, "encoding/mojibake")]


def test_disable_without_enable_runs_to_the_end(linter: Linter) -> None:
    text = f"a {M}\n<!-- contentlint: disable=encoding -->\n\n\nb {M}\n\nc {M}"
    assert lint(linter, text)[0] == [(1, "encoding/mojibake")]


def test_disable_next_line_covers_only_the_next_line(linter: Linter) -> None:
    text = f"<!-- contentlint: disable-next-line -->\nb {M}\nc {M}\n"
    assert lint(linter, text)[0] == [(3, "encoding/mojibake")]


def test_disable_next_line_after_text_on_the_same_line(linter: Linter) -> None:
    text = f"Intro. <!-- contentlint: disable-next-line=encoding/mojibake -->\nb {M} <!-- a leftover -->\n"
    assert lint(linter, text)[0] == [(2, "html-comment/comment")]


def test_disable_next_line_spanning_lines(linter: Linter) -> None:
    text = f"<!--\n  contentlint: disable-next-line=encoding\n-->\nb {M}\nc {M}\n"
    assert lint(linter, text)[0] == [(5, "encoding/mojibake")]


def test_disable_file_anywhere_in_the_file(linter: Linter) -> None:
    text = f"a {M}\n<!-- a leftover -->\n\n<!-- contentlint: disable-file=encoding -->\n"
    assert lint(linter, text)[0] == [(2, "html-comment/comment")]


def test_disable_file_for_everything(linter: Linter) -> None:
    assert lint(linter, f"a {M}\n<!-- a leftover -->\n<!-- contentlint: disable-file -->\n") == (
        [],
        [],
    )


@pytest.mark.parametrize("path", ["post.md", "page.html", "notes.txt"])
def test_directives_work_in_every_markup(linter: Linter, path: str) -> None:
    text = f"<!-- contentlint: disable-next-line=encoding -->\nb {M}\nc {M}\n"
    assert lint(linter, text, path)[0] == [(3, "encoding/mojibake")]


def test_directives_are_never_reported_as_leftover_comments(linter: Linter) -> None:
    text = "<!-- contentlint: disable=links -->\n<!-- contentlint: enable=links -->\n"
    assert lint(linter, text) == ([], [])


def test_a_directive_in_code_is_content(linter: Linter) -> None:
    text = f"```\n<!-- contentlint: disable-file -->\n```\n\nb {M}\n"
    assert lint(linter, text)[0] == [(5, "encoding/mojibake")]


def test_unknown_rule_is_reported_with_a_suggestion(linter: Linter) -> None:
    text = f"Text.\n<!-- contentlint: disable-next-line=encoding/mojibak, html-comment -->\nb {M} <!-- a leftover -->\n"
    found, notes = lint(linter, text)
    assert found == [(3, "encoding/mojibake")]  # the valid name still applies
    assert notes == [
        "2:1: unknown rule 'encoding/mojibak' in contentlint directive (did you mean 'encoding/mojibake'?)"
    ]


def test_only_unknown_rules_disable_nothing(linter: Linter) -> None:
    found, notes = lint(linter, f"<!-- contentlint: disable=nonsense -->\nb {M}\n")
    assert found == [(2, "encoding/mojibake")]
    assert notes == ["1:1: unknown rule 'nonsense' in contentlint directive"]


def test_unknown_action_is_reported(linter: Linter) -> None:
    found, notes = lint(linter, f"<!-- contentlint: disable-line=encoding -->\nb {M}\n")
    assert found == [(2, "encoding/mojibake")]
    assert notes == [
        "1:1: unknown contentlint directive 'disable-line' (did you mean 'disable-file'?)"
    ]


def test_space_separated_rules_are_accepted(linter: Linter) -> None:
    assert lint(linter, f"<!-- contentlint: disable-next-line encoding -->\nb {M}\n") == ([], [])


def test_a_long_directive_is_parsed_in_linear_time(linter: Linter) -> None:
    from tests.timing import BOUND, K, settled_growth

    def directive(spaces: int) -> str:
        return "<!-- contentlint: disable=" + " " * spaces + "x" + " " * spaces + "-->\n"

    _, notes = lint(linter, directive(200_000))
    assert notes == ["1:1: unknown rule 'x' in contentlint directive"]
    ratio = settled_growth(lambda text: lint(linter, text), directive, 50_000, K, BOUND)
    assert ratio < BOUND, f"{K}x the input took {ratio:.1f}x the time"


def test_cli_prints_directive_problems_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.clirun import STABLE, run_cli

    monkeypatch.chdir(tmp_path)
    (tmp_path / "post.md").write_text(
        "Text.\n<!-- contentlint: disable=encodng -->\n", encoding="utf-8"
    )
    code, out, err = run_cli(capsys, ["check", "--isolated", STABLE, "post.md"])
    assert code == 0
    assert out == "All checks passed: 1 file checked.\n"
    assert (
        err
        == "post.md:2:1: unknown rule 'encodng' in contentlint directive (did you mean 'encoding'?)\n"
    )


def test_an_unterminated_directive_switches_nothing_off(linter: Linter) -> None:
    found, notes = lint(linter, f"b {M}\n<!-- contentlint: disable-file\n")
    assert found == [(1, "encoding/mojibake"), (2, "html-comment/unterminated")]
    assert notes == []
