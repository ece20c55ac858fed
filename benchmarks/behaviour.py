"""Record what contentlint reports and fixes on the seeds and every test fixture, or compare with a record.

    python benchmarks/behaviour.py save before.json      # before a change meant to keep behaviour
    python benchmarks/behaviour.py compare before.json   # after it: exit 1 and list what differs

For every file: the JSON report of ``check`` and the bytes ``fix`` writes (and its exit code),
each run through the command line exactly as a user runs it, with the defaults (``--isolated``).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("seeds", "tests/fixtures")


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


def record_all() -> dict[str, dict[str, object]]:
    with tempfile.TemporaryDirectory() as scratch:
        return {str(p.relative_to(ROOT)): record_file(p, Path(scratch)) for p in _files()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["save", "compare"])
    parser.add_argument("record", type=Path)
    args = parser.parse_args(argv)
    now = record_all()
    if args.action == "save":
        args.record.write_text(json.dumps(now, indent=1, ensure_ascii=False), encoding="utf-8")
        print(f"recorded {len(now)} files in {args.record}")
        return 0
    before = json.loads(args.record.read_text(encoding="utf-8"))
    differ = [
        f"{name}: {key} differs"
        for name in sorted(set(before) | set(now))
        for key in ("check_exit", "check", "fix_exit", "fixed")
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
