"""Bad input gets a clear answer and a fix never loses a byte: every case through the command.

Each test feeds one kind of hostile input to ``contentlint`` (in this process, or as a real
process where the kernel has to be involved: permissions, FIFOs, sockets, symlink loops) and
asserts the exit code, the line on stderr and the bytes on disk afterwards.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from lint.fixer import fix_document
from tests.clirun import run_cli

SELECT = "--select=encoding,html-comment"
BASE = ["--isolated", SELECT]
ROOT = Path(__file__).resolve().parent.parent

# Root ignores file modes; dropping the two override capabilities makes the kernel check them.
_DROP_CAPS = "-dac_override,-dac_read_search"


def _unprivileged() -> list[str]:
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: file modes cannot be enforced")
    return [setpriv, f"--inh-caps={_DROP_CAPS}", f"--bounding-set={_DROP_CAPS}"]


def run_process(
    args: list[str], cwd: Path, *, unprivileged: bool = False
) -> subprocess.CompletedProcess[str]:
    prefix = _unprivileged() if unprivileged else []
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [*prefix, sys.executable, "-m", "lint", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def errors(stderr: str) -> list[str]:
    """The stderr lines that are not plugin-loading warnings."""
    return [line for line in stderr.splitlines() if line and "check plugin" not in line]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every regular file under ``folder`` and its bytes (temp files included, on purpose)."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def findings_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[Any], str]:
    code, out, err = run_cli(capsys, ["check", *BASE, "--format=json", *args])
    return code, json.loads(out), err


# --- missing, unreadable --------------------------------------------------------------------


def test_missing_path_is_one_line_exit_2_and_other_files_are_still_checked(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (work / "good.txt").write_text("Text <!-- note -->\n", encoding="utf-8")
    code, out, err = run_cli(capsys, ["check", *BASE, "missing.txt", "good.txt"])
    assert code == 2
    assert err.splitlines() == ["contentlint: error: missing.txt: no such file or directory"]
    assert "good.txt:1:6: html-comment/comment" in out


def test_unreadable_file_is_one_line_exit_2_and_other_files_are_still_checked(
    work: Path,
) -> None:
    secret = work / "secret.txt"
    secret.write_bytes(b"Hidden <!-- note -->\n")
    (work / "good.txt").write_text("Text <!-- note -->\n", encoding="utf-8")
    secret.chmod(0)
    try:
        result = run_process(["fix", *BASE, "secret.txt", "good.txt"], work, unprivileged=True)
    finally:
        secret.chmod(0o644)
    assert result.returncode == 2
    assert errors(result.stderr) == ["contentlint: error: secret.txt: Permission denied"]
    assert secret.read_bytes() == b"Hidden <!-- note -->\n"
    assert (work / "good.txt").read_bytes() == b"Text\n"


def test_folder_without_permission_is_one_line_exit_2_and_the_rest_is_walked(
    work: Path,
) -> None:
    locked = work / "docs" / "locked"
    locked.mkdir(parents=True)
    (locked / "inside.txt").write_text("<!-- hidden -->\n", encoding="utf-8")
    (work / "docs" / "open.txt").write_text("Text <!-- note -->\n", encoding="utf-8")
    locked.chmod(0)
    try:
        result = run_process(["check", *BASE, "docs"], work, unprivileged=True)
    finally:
        locked.chmod(0o755)
    assert result.returncode == 2
    assert errors(result.stderr) == ["contentlint: error: docs/locked: Permission denied"]
    assert "docs/open.txt:1:6: html-comment/comment" in result.stdout
    assert "inside.txt" not in result.stdout


# --- binary and undecodable files --------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01<!-- x -->"


def test_binary_files_are_skipped_with_a_note_and_never_rewritten(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (work / "logo.png").write_bytes(PNG)
    (work / "notes.txt").write_bytes(b"Some text\x00with a NUL <!-- x -->\n")
    (work / "clean.txt").write_text("Clean text.\n", encoding="utf-8")
    before = snapshot(work)
    code, _out, err = run_cli(capsys, ["fix", *BASE, "logo.png", "notes.txt", "clean.txt"])
    assert code == 0
    assert err.splitlines() == [
        "logo.png: skipped: binary file (NUL bytes)",
        "notes.txt: skipped: binary file (NUL bytes)",
    ]
    assert snapshot(work) == before


@pytest.mark.parametrize(
    ("name", "data", "byte", "offset", "column", "likely"),
    [
        ("latin1.txt", "Grüße aus Köln <!-- x -->\n".encode("latin-1"), 0xFC, 2, 3, "cp1252"),
        ("cp1252.txt", "He said “yes” <!-- x -->\n".encode("cp1252"), 0x93, 8, 9, "cp1252"),
        (
            "sjis.txt",
            "これは日本語の文章です <!-- x -->\n".encode("shift_jis"),
            0x82,
            0,
            1,
            "Shift-JIS",
        ),
    ],
)
def test_text_that_is_not_utf8_is_reported_with_offset_and_encoding_and_never_rewritten(
    work: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    data: bytes,
    byte: int,
    offset: int,
    column: int,
    likely: str,
) -> None:
    (work / name).write_bytes(data)
    code, records, _ = findings_json(capsys, name)
    assert code == 1
    assert [(r["rule"], r["line"], r["column"]) for r in records] == [("invalid-utf8", 1, column)]
    message = records[0]["message"]
    assert f"byte 0x{byte:02X} at offset {offset}" in message
    assert f"it looks like {likely}" in message
    code, _out, _err = run_cli(capsys, ["fix", *BASE, name])
    assert code == 1
    assert (work / name).read_bytes() == data


# --- BOMs and line endings -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")],
)
def test_bom_files_are_read_and_written_back_with_bom_and_encoding(
    work: Path, capsys: pytest.CaptureFixture[str], encoding: str, bom: bytes
) -> None:
    path = work / "bom.txt"
    path.write_bytes(bom + "Título <!-- note -->\r\nSegunda línea\r\n".encode(encoding))
    code, records, _ = findings_json(capsys, "bom.txt")
    assert [(r["rule"], r["line"], r["column"]) for r in records] == [("comment", 1, 8)]
    code, _out, _err = run_cli(capsys, ["fix", *BASE, "bom.txt"])
    assert code == 0
    assert path.read_bytes() == bom + "Título\r\nSegunda línea\r\n".encode(encoding)


@pytest.mark.parametrize(
    ("before", "line", "column", "after"),
    [
        (b"One\r\nTwo <!-- x -->\r\nThree\r\n", 2, 5, b"One\r\nTwo\r\nThree\r\n"),
        (b"One\rTwo <!-- x -->\rThree\r", 2, 5, b"One\rTwo\rThree\r"),
        (b"One\r\nTwo\rThree <!-- x -->\nFour\r\n", 3, 7, b"One\r\nTwo\rThree\nFour\r\n"),
        (b"One\nTwo <!-- x -->", 2, 5, b"One\nTwo"),
        (b"One\r\n\r\n<!-- x -->\r\n\r\nTwo\r\n", 3, 1, b"One\r\n\r\nTwo\r\n"),
        (b"One\n<!-- x -->", 2, 1, b"One"),
    ],
    ids=["crlf", "cr", "mixed", "no-final-newline", "crlf-own-line", "last-line-removed"],
)
def test_line_endings_give_right_positions_and_survive_a_fix(
    work: Path,
    capsys: pytest.CaptureFixture[str],
    before: bytes,
    line: int,
    column: int,
    after: bytes,
) -> None:
    path = work / "doc.txt"
    path.write_bytes(before)
    _code, records, _ = findings_json(capsys, "doc.txt")
    assert [(r["rule"], r["line"], r["column"]) for r in records] == [("comment", line, column)]
    code, _out, _err = run_cli(capsys, ["fix", *BASE, "doc.txt"])
    assert code == 0
    assert path.read_bytes() == after
    code, _out, _err = run_cli(capsys, ["fix", *BASE, "doc.txt"])
    assert path.read_bytes() == after


def test_empty_file_is_clean_and_untouched(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "empty.md").write_bytes(b"")
    code, out, err = run_cli(capsys, ["fix", *BASE, "empty.md"])
    assert (code, err) == (0, "")
    assert "0 remaining" in out
    assert (work / "empty.md").read_bytes() == b""


# --- size ----------------------------------------------------------------------------------


def test_file_over_default_max_size_is_an_error_and_untouched(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    big = work / "dump.txt"
    with big.open("wb") as handle:  # sparse: 200 MB on paper, nothing on disk
        handle.truncate(200_000_000)
    before = big.stat()
    code, out, err = run_cli(capsys, ["fix", *BASE, "dump.txt"])
    assert code == 2
    assert errors(err) == [
        "contentlint: error: dump.txt: 200,000,000 bytes is over max-file-size (20,000,000);"
        " not checked (raise the limit with --max-file-size or max-file-size in the configuration)"
    ]
    assert "Some paths could not be checked" in out
    after = big.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)


def test_max_file_size_is_configurable(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / ".contentlint.yaml").write_text("max-file-size: 100\n", encoding="utf-8")
    large = b"x" * 120 + b" <!-- note -->\n"
    (work / "large.txt").write_bytes(large)
    (work / "small.txt").write_bytes(b"Small <!-- note -->\n")
    code, _out, err = run_cli(capsys, ["fix", SELECT, "large.txt", "small.txt"])
    assert code == 2
    assert [line.split(";")[0] for line in errors(err)] == [
        "contentlint: error: large.txt: 135 bytes is over max-file-size (100)"
    ]
    assert (work / "large.txt").read_bytes() == large
    assert (work / "small.txt").read_bytes() == b"Small\n"


@pytest.mark.parametrize(
    ("flag", "fixed"), [("200", True), ("1k", True), ("0", True), ("100", False), ("134", False)]
)
def test_max_file_size_flag_overrides_the_configuration(
    work: Path, capsys: pytest.CaptureFixture[str], flag: str, fixed: bool
) -> None:
    (work / ".contentlint.yaml").write_text("max-file-size: 100\n", encoding="utf-8")
    large = b"x" * 120 + b" <!-- note -->\n"  # 135 bytes
    (work / "large.txt").write_bytes(large)
    code, _out, err = run_cli(capsys, ["fix", SELECT, "--max-file-size", flag, "large.txt"])
    assert (code, (work / "large.txt").read_bytes() != large) == (
        (0, True) if fixed else (2, False)
    )
    assert ("over max-file-size" in err) is not fixed


def test_max_file_size_flag_takes_sizes_only(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (work / "a.txt").write_bytes(b"text\n")
    code, _out, err = run_cli(capsys, ["check", "--max-file-size", "lots", "a.txt"])
    assert code == 2
    assert errors(err) == [
        "contentlint: error: argument --max-file-size: expected a size such as 50000000, 50MB"
        " or 0 (no limit), got 'lots'"
    ]


def test_five_megabyte_single_line_is_linted_and_fixed_exactly(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = b"word " * 1_000_000
    (work / "line.txt").write_bytes(body + b"<!-- end -->")
    _code, records, _ = findings_json(capsys, "line.txt")
    assert [(r["rule"], r["line"], r["column"]) for r in records] == [("comment", 1, 5_000_001)]
    code, _out, _err = run_cli(capsys, ["fix", *BASE, "line.txt"])
    assert code == 0
    assert (work / "line.txt").read_bytes() == body.rstrip(b" ")


@pytest.mark.parametrize(
    ("name", "text", "rule"),
    [
        ("comments.html", "<!--" * 200_000, "unterminated"),
        ("links.md", "http://" * 200_000, None),
        ("nested.html", "<div>" * 100_000 + "text" + "</div>" * 100_000, None),
        ("dots.txt", "." * 1_000_000, None),
    ],
)
def test_adversarial_text_finishes_and_is_never_damaged(
    work: Path, capsys: pytest.CaptureFixture[str], name: str, text: str, rule: str | None
) -> None:
    (work / name).write_text(text, encoding="utf-8")
    code, records, err = findings_json(capsys, name)
    assert err == ""
    assert code == (1 if rule else 0)
    assert [r["rule"] for r in records][:1] == ([rule] if rule else [])
    run_cli(capsys, ["fix", *BASE, name])
    assert (work / name).read_text(encoding="utf-8") == text


# A parent that runs only the one command: RUSAGE_CHILDREN is the peak over every child
# a process ever waited for, so it must be measured in a process of its own.
_PEAK_RSS = """
import resource, subprocess, sys
run = subprocess.run([sys.executable, "-m", "lint", *sys.argv[1:]], stdout=subprocess.DEVNULL)
print(run.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def peak_rss_kb(args: list[str], cwd: Path) -> int:
    """Peak resident memory, in KB (Linux), of one ``contentlint`` run that finds something."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", _PEAK_RSS, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    code, peak = map(int, result.stdout.split())
    assert code == 1, result.stderr
    return peak


# Shapes that once cost many times their size: an object per line, per code span or per
# URL; copies of a line megabytes long. Each ends in a comment so that the run finds
# something; none has findings in bulk (each finding costs its own few hundred bytes).
_SHAPES = {
    "tiny-lines.txt": "a\n",
    "list.md": "- a\n",
    "inline-code.md": "Use `x` here\n",
    "url-lines.txt": "see https://example.com/a\n",
    "paragraphs.html": "<p>Some text</p>\n",
    "one-line.txt": "The meeting notes are at https://example.com/notes and the agenda follows. ",
    "prose.md": "The meeting notes are at the usual place; the agenda follows below it.\n\n",
    # Python keeps a text with a character beyond U+FFFF at 4 bytes a character.
    "emoji.md": "Thanks for coming \U0001f44b the agenda follows below, with the notes.\n",
}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ru_maxrss is in KB on Linux")
@pytest.mark.parametrize("name", sorted(_SHAPES))
def test_memory_grows_at_most_about_four_times_the_file(work: Path, name: str) -> None:
    # The growth from a 1 MB to a 4 MB file, all checks: what the interpreter, the
    # checks' data and the first file cost is the same in both runs.
    unit = _SHAPES[name]
    sizes: list[int] = []
    peaks: list[int] = []
    for megabytes in (1, 4):
        text = unit * (megabytes * 1_000_000 // len(unit.encode())) + "<!-- TODO: note -->\n"
        (work / f"{megabytes}-{name}").write_text(text, encoding="utf-8")
        # The text as held in memory: 1 byte a character here, 4 with the emoji.
        sizes.append(sys.getsizeof(text))
        peaks.append(peak_rss_kb(["check", "--isolated", f"{megabytes}-{name}"], work) * 1024)
    grown = (peaks[1] - peaks[0]) / (sizes[1] - sizes[0])
    # Measured 1-3.7 (the text, 4-byte line starts, 8-byte code spans, a lowercase copy):
    # the bound leaves room for the allocator's rounding; the object per line, span or URL
    # these shapes once had cost 20 to 60.
    limit = 5 if name != "emoji.md" else 2.5
    assert grown < limit, f"memory grew {grown:.1f} times as much as the text ({peaks} bytes)"


# --- configuration -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("max-file-size: big\n", ".contentlint.yaml:1: 'max-file-size' must be an integer"),
        ("include: ['*.md']\nbogus: 1\n", ".contentlint.yaml:2: unknown key 'bogus'"),
        ("checks:\n  encoding: [1\n", ".contentlint.yaml:3: invalid YAML"),
        ("checks:\n  nope: {}\n", ".contentlint.yaml:2: unknown check 'nope'"),
        ("- a list\n", ".contentlint.yaml:1: the configuration must be a mapping"),
        (
            "checks:\n  links:\n    rules:\n      shortener:\n        enabled: maybe\n",
            ".contentlint.yaml:5: 'checks.links.rules.shortener.enabled' must be true or false",
        ),
    ],
    ids=["wrong-type", "unknown-key", "malformed", "unknown-check", "not-a-mapping", "rule-type"],
)
def test_bad_config_is_one_line_with_file_and_line_and_exit_2(
    work: Path, capsys: pytest.CaptureFixture[str], config: str, message: str
) -> None:
    (work / ".contentlint.yaml").write_text(config, encoding="utf-8")
    (work / "doc.txt").write_bytes(b"Text <!-- note -->\n")
    code, out, err = run_cli(capsys, ["fix", SELECT, "doc.txt"])
    assert code == 2
    assert out == ""
    lines = errors(err)
    assert len(lines) == 1
    assert lines[0].startswith(f"contentlint: error: {work}/{message}")
    assert (work / "doc.txt").read_bytes() == b"Text <!-- note -->\n"


def test_missing_config_file_is_one_line_exit_2(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = run_cli(capsys, ["check", "--config", "nope.yaml", "."])
    assert code == 2
    assert errors(err) == ["contentlint: error: nope.yaml: config file not found"]


# --- special files in a walked folder ------------------------------------------------------


@pytest.fixture
def special_folder(work: Path) -> Iterator[Path]:
    folder = work / "site"
    (folder / "sub").mkdir(parents=True)
    (folder / "page.txt").write_bytes(b"Page <!-- note -->\n")
    os.mkfifo(folder / "pipe.md")
    (folder / "loop-a.md").symlink_to("loop-b.md")
    (folder / "loop-b.md").symlink_to("loop-a.md")
    (folder / "sub" / "up").symlink_to("..")  # a folder loop
    (folder / "dangling.md").symlink_to("nowhere.md")
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(folder / "socket.md"))
        yield folder
    finally:
        server.close()


def test_symlink_loops_fifos_and_sockets_in_a_folder_are_skipped_without_hanging(
    special_folder: Path,
) -> None:
    result = run_process(["fix", *BASE, "site"], special_folder.parent)
    assert result.returncode == 0
    assert errors(result.stderr) == []
    assert (special_folder / "page.txt").read_bytes() == b"Page\n"
    assert "Fixed 1 finding in 1 file" in result.stdout


def test_a_fifo_or_a_symlink_loop_named_on_the_command_line_gets_one_line(
    special_folder: Path,
) -> None:
    result = run_process(
        ["check", *BASE, "site/pipe.md", "site/loop-a.md", "site/page.txt"],
        special_folder.parent,
    )
    assert result.returncode == 2
    assert errors(result.stderr) == [
        "contentlint: error: site/loop-a.md: Too many levels of symbolic links",
        "site/pipe.md: skipped: not a regular file",
    ]
    assert "site/page.txt:1:6: html-comment/comment" in result.stdout


# --- writes ------------------------------------------------------------------------------------

ORIGINAL = b"Keep this.\r\nDrop <!-- this -->\r\nAnd this.\r\n"


@pytest.mark.parametrize("keep_time", [False, True], ids=["new-mtime", "same-mtime"])
def test_fix_refuses_to_overwrite_a_file_changed_since_it_was_read(
    work: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, keep_time: bool
) -> None:
    path = work / "doc.txt"
    path.write_bytes(ORIGINAL)
    read_at = path.stat().st_mtime_ns
    theirs = b"Someone else's edit <!-- this -->\n"

    def edit_meanwhile(*args: Any, **kwargs: Any) -> Any:
        outcome = fix_document(*args, **kwargs)
        path.write_bytes(theirs)
        if keep_time:  # a tool that restores the time: only the bytes tell
            os.utime(path, ns=(read_at, read_at))
        return outcome

    monkeypatch.setattr("lint.fixer.fix_document", edit_meanwhile)
    code, _out, err = run_cli(capsys, ["fix", *BASE, "doc.txt"])
    assert code == 2
    assert errors(err) == [
        "contentlint: error: doc.txt: changed on disk since it was read; not overwritten"
    ]
    assert path.read_bytes() == theirs
    assert snapshot(work) == {"doc.txt": theirs}


def _failing_fsync(error: BaseException) -> Callable[[int], None]:
    def fsync(fd: int) -> None:
        raise error

    return fsync


@pytest.mark.parametrize(
    ("error", "code", "message"),
    [
        (
            OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)),
            2,
            f"contentlint: error: doc.txt: cannot write: {os.strerror(errno.ENOSPC)}",
        ),
        (
            OSError(errno.EIO, os.strerror(errno.EIO)),
            2,
            f"contentlint: error: doc.txt: cannot write: {os.strerror(errno.EIO)}",
        ),
        (KeyboardInterrupt(), 130, "contentlint: interrupted"),
    ],
    ids=["disk-full", "io-error", "interrupt"],
)
def test_a_failed_write_leaves_the_original_intact_and_no_temp_file(
    work: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    error: BaseException,
    code: int,
    message: str,
) -> None:
    path = work / "doc.txt"
    path.write_bytes(ORIGINAL)
    path.chmod(0o640)
    monkeypatch.setattr(os, "fsync", _failing_fsync(error))
    result, _out, err = run_cli(capsys, ["fix", *BASE, "doc.txt"])
    assert result == code
    assert errors(err) == [message]
    assert snapshot(work) == {"doc.txt": ORIGINAL}
    assert path.stat().st_mode & 0o777 == 0o640


def test_a_read_only_folder_leaves_the_original_intact(work: Path) -> None:
    folder = work / "docs"
    folder.mkdir()
    (folder / "doc.txt").write_bytes(ORIGINAL)
    folder.chmod(0o555)
    try:
        result = run_process(["fix", *BASE, "docs/doc.txt"], work, unprivileged=True)
    finally:
        folder.chmod(0o755)
    assert result.returncode == 2
    assert errors(result.stderr) == [
        "contentlint: error: docs/doc.txt: cannot write: Permission denied"
    ]
    assert snapshot(folder) == {"doc.txt": ORIGINAL}


def test_a_read_only_file_is_not_replaced(work: Path) -> None:
    path = work / "doc.txt"
    path.write_bytes(ORIGINAL)
    path.chmod(0o444)
    result = run_process(["fix", *BASE, "doc.txt"], work, unprivileged=True)
    assert result.returncode == 2
    assert errors(result.stderr) == ["contentlint: error: doc.txt: cannot write: Permission denied"]
    assert snapshot(work) == {"doc.txt": ORIGINAL}
    assert path.stat().st_mode & 0o777 == 0o444


def test_fix_keeps_mode_and_writes_through_a_symlink(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real = work / "real.txt"
    real.write_bytes(ORIGINAL)
    real.chmod(0o600)
    (work / "link.txt").symlink_to("real.txt")
    code, _out, _err = run_cli(capsys, ["fix", *BASE, "link.txt"])
    assert code == 0
    assert (work / "link.txt").is_symlink()
    assert real.read_bytes() == b"Keep this.\r\nDrop\r\nAnd this.\r\n"
    assert real.stat().st_mode & 0o777 == 0o600
