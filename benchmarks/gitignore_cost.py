"""What ``pathspec`` would cost in place of ``lint/files/gitignore.py``: start-up and walk time.

    python benchmarks/gitignore_cost.py

Prints, measured in one run: the import time each adds to a process that has already loaded
the linter (median of 7 fresh processes, ``-X importtime``), the time to judge every path of
a 3,000-file tree against a 30-pattern .gitignore, and whether the two agree on every path.
pathspec is optional here: without it only our figures are printed.
"""

from __future__ import annotations

import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PATTERNS = [
    "*.pyc", "__pycache__/", "build/", "dist/", "/node_modules", "*.log", "!keep.log",
    ".env", "*.tmp", "docs/_build/", "coverage/", "*.egg-info/", ".venv/", "out/**/*.html",
    "secret*", "**/cache/", "*.swp", "*~", ".DS_Store", "Thumbs.db", "tmp/", "/drafts/",
    "*.bak", "vendor/", "site/", "public/", ".cache/", "*.min.js", "logs/", "notes/*.txt",
]  # fmt: skip
LOADED = "import lint.cli.pipeline, lint.files.walk, lint.linter"


def _import_ms(module: str) -> float:
    """Median milliseconds ``import module`` adds after the linter's own imports."""
    times = []
    for _ in range(7):
        code = f"{LOADED}; import {module}"
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        run = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", code],
            check=True,
            capture_output=True,
            text=True,
            env=env,
        )
        rows = [row.split("|") for row in run.stderr.splitlines() if row.count("|") == 2]
        cumulative = next(int(row[1]) for row in rows if row[2].strip() == module)
        times.append(cumulative / 1000)
    return statistics.median(times)


def _tree(top: Path) -> list[tuple[Path, bool]]:
    (top / ".git").mkdir()
    (top / ".gitignore").write_text("\n".join(PATTERNS) + "\n", encoding="utf-8")
    paths: list[tuple[Path, bool]] = []
    folders = ["", "docs", "docs/_build", "src/app", "src/app/cache", "build", "notes", "out/a/b"]
    names = ["a.md", "b.pyc", "c.log", "keep.log", "d.tmp", "secret.md", "e.html", "f.txt"]
    for index in range(3000):
        folder = top / folders[index % len(folders)] / f"f{index % 40}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{index}-{names[index % len(names)]}"
        path.write_text("x", encoding="utf-8")
        paths.append((path, False))
        paths.extend((parent, True) for parent in path.parents if top in parent.parents)
    return list(dict.fromkeys(paths))


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from lint.files.gitignore import ignore_function

    print(
        f"import after the linter: lint.files.gitignore {_import_ms('lint.files.gitignore'):.1f} ms"
    )
    has_pathspec = importlib.util.find_spec("pathspec") is not None
    if has_pathspec:
        print(f"import after the linter: pathspec {_import_ms('pathspec'):.1f} ms")
    with tempfile.TemporaryDirectory() as scratch:
        top = Path(scratch)
        paths = _tree(top)
        started = time.perf_counter()
        ignored = ignore_function(top)
        ours = [ignored(path, is_dir) for path, is_dir in paths]
        print(f"judge {len(paths):,} paths: ours {1000 * (time.perf_counter() - started):.1f} ms")
        if not has_pathspec:
            return 0
        import pathspec

        started = time.perf_counter()
        spec = pathspec.GitIgnoreSpec.from_lines(PATTERNS)
        theirs = [
            spec.match_file(path.relative_to(top).as_posix() + ("/" if is_dir else ""))
            for path, is_dir in paths
        ]
        print(
            f"judge {len(paths):,} paths: pathspec {1000 * (time.perf_counter() - started):.1f} ms"
        )
        # The walk never enters an ignored folder: compare the paths it asks about.
        folders = {
            path for (path, is_dir), verdict in zip(paths, ours, strict=True) if is_dir and verdict
        }
        asked = [not any(parent in folders for parent in path.parents) for path, _ in paths]
        differ = [
            p for p, a, b, seen in zip(paths, ours, theirs, asked, strict=True) if seen and a != b
        ]
        print(f"verdicts that differ: {len(differ)} of {len(paths):,}")
        for path, is_dir in differ[:5]:
            print("  e.g.", path.relative_to(top).as_posix() + ("/" if is_dir else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
