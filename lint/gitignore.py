""".gitignore, .ignore and .git/info/exclude, applied while walking folders.

Git's rules: the last matching pattern wins, ``!`` re-includes, a trailing ``/`` matches
folders only, a ``/`` elsewhere anchors the pattern to its file's folder. Files inside an
ignored folder stay ignored, because the walk never enters it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lint.globs import compile_glob

IGNORE_FILES = (".gitignore", ".ignore")


@dataclass(frozen=True)
class _Pattern:
    base: Path
    regex: re.Pattern[str]
    negate: bool
    folders_only: bool


def _parse(file: Path, base: Path) -> list[_Pattern]:
    try:
        text = file.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    patterns = []
    for raw in text.splitlines():
        line = raw.rstrip() if not raw.endswith("\\ ") else raw
        if not line or line.startswith("#"):
            continue
        negate = line.startswith("!")
        if negate:
            line = line[1:]
        if line.startswith(("\\#", "\\!")):
            line = line[1:]
        folders_only = line.endswith("/")
        patterns.append(_Pattern(base, compile_glob(line.rstrip("/"), subtree=False), negate, folders_only))
    return patterns


def _repository_top(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None


def ignore_function(root: Path) -> Callable[[Path, bool], bool]:
    """A predicate ``(path, is_dir) -> ignored`` for paths found below ``root``."""
    root = root.absolute()
    top = _repository_top(root)
    inherited: list[_Pattern] = []
    if top is not None:
        inherited += _parse(top / ".git" / "info" / "exclude", top)
        folder = top
        for part in root.relative_to(top).parts:  # the folders above root, from the top down
            for name in IGNORE_FILES:
                inherited += _parse(folder / name, folder)
            folder = folder / part
    by_folder: dict[Path, list[_Pattern]] = {}

    def patterns_for(folder: Path) -> list[_Pattern]:
        cached = by_folder.get(folder)
        if cached is not None:
            return cached
        parent = inherited if folder == root else patterns_for(folder.parent)
        own = [p for name in IGNORE_FILES for p in _parse(folder / name, folder)]
        result = parent + own if own else parent
        by_folder[folder] = result
        return result

    def ignored(path: Path, is_dir: bool) -> bool:
        absolute = path if path.is_absolute() else Path.cwd() / path
        verdict = False
        for pattern in patterns_for(absolute.parent):
            if pattern.folders_only and not is_dir:
                continue
            try:
                relative = absolute.relative_to(pattern.base).as_posix()
            except ValueError:
                continue
            if pattern.regex.fullmatch(relative):
                verdict = not pattern.negate
        return verdict

    return ignored
