"""Record what contentlint reports and fixes on the seeds and every test fixture, or compare with a record.

    python benchmarks/behaviour.py save before.json      # before a change meant to keep behaviour
    python benchmarks/behaviour.py compare before.json   # after it: exit 1 and list what differs

For every file: the JSON report of ``check`` and the bytes ``fix`` writes (and its exit code),
each run through the command line exactly as a user runs it, with the defaults (``--isolated``).
Then, through the library (``lint_text`` and ``fix_text``, the defaults): every case of ftfy's
own test suite and every document of the real blog corpus, and of any folder given with
``--corpus`` (the generated benchmark corpus, say). Run it with ``PYTHONPATH`` pointing at
another checkout to record that version.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("seeds", "tests/fixtures")
FTFY_CASES = ROOT / "tests" / "external" / "ftfy-test-cases"
CORPORA = (ROOT / "benchmarks" / "corpora" / "blogs",)
SUFFIXES = {".md", ".markdown", ".mdx", ".txt", ".html", ".htm"}


def _files() -> list[Path]:
    return sorted(
        path
        for folder in FOLDERS
        for path in (ROOT / folder).rglob("*")
        if path.is_file() and path.suffix != ".labels"
    )


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "lint", *args, "--isolated", "--jobs", "1"],
        cwd=cwd,
        capture_output=True,
        check=False,
    )


def record_file(path: Path, scratch: Path) -> dict[str, object]:
    """The check report and the fixed bytes of one file, run from a scratch copy."""
    copy = scratch / path.name
    shutil.copyfile(path, copy)
    checked = _run(["check", "--format", "json", copy.name], scratch)
    fixed = _run(["fix", "--format", "json", copy.name], scratch)
    entry = {
        "check_exit": checked.returncode,
        "check": checked.stdout.decode("utf-8", "replace"),
        "fix_exit": fixed.returncode,
        "fixed": copy.read_bytes().decode("utf-8", "surrogateescape"),
    }
    copy.unlink()
    return entry


def record_text(text: str, path: str) -> dict[str, object]:
    """Findings and fixed text of one document, through the library with the defaults."""
    from lint import fix_text, lint_text

    result = lint_text(text, path=path)
    return {
        "findings": [
            [f.check, f.rule, f.start, f.end, f.message, str(f.severity), f.fix is not None]
            for f in result.findings
        ],
        "fixed": fix_text(text, path=path).text,
        "fixed-unsafe": fix_text(text, path=path, unsafe=True).text,
    }


def _library_inputs(corpora: list[Path]) -> dict[str, tuple[str, str]]:
    inputs: dict[str, tuple[str, str]] = {}
    for cases in sorted(FTFY_CASES.glob("*.json")):
        for index, case in enumerate(json.loads(cases.read_text(encoding="utf-8"))):
            inputs[f"ftfy:{cases.stem}:{index}"] = (case["original"], "case.txt")
    for folder in corpora:
        for path in sorted(p for p in folder.rglob("*") if p.suffix in SUFFIXES and p.is_file()):
            name = os.path.relpath(path, ROOT)
            inputs[name] = (path.read_text(encoding="utf-8", errors="replace"), path.name)
    return inputs


def record_all(corpora: list[Path]) -> dict[str, dict[str, object]]:
    with tempfile.TemporaryDirectory() as scratch:
        found = {str(p.relative_to(ROOT)): record_file(p, Path(scratch)) for p in _files()}
    for name, (text, path) in _library_inputs(corpora).items():
        found[name] = record_text(text, path)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["save", "compare"])
    parser.add_argument("record", type=Path)
    parser.add_argument(
        "--corpus", type=Path, action="append", default=[], help="another folder to record"
    )
    args = parser.parse_args(argv)
    now = record_all([*CORPORA, *args.corpus])
    if args.action == "save":
        args.record.write_text(json.dumps(now, indent=1, ensure_ascii=False), encoding="utf-8")
        print(f"recorded {len(now)} files in {args.record}")
        return 0
    before = json.loads(args.record.read_text(encoding="utf-8"))
    differ = [
        f"{name}: {key} differs"
        for name in sorted(set(before) | set(now))
        for key in ("check_exit", "check", "fix_exit", "fixed", "findings", "fixed-unsafe")
        if before.get(name, {}).get(key) != now.get(name, {}).get(key)
    ]
    for line in differ:
        print(line)
    print(
        f"{len(now)} files compared: {'identical' if not differ else f'{len(differ)} differences'}"
    )
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
