""".gitignore, .ignore and .git/info/exclude, applied while walking folders.

Git's rules: the last matching pattern wins, ``!`` re-includes, a trailing ``/`` matches
folders only, a ``/`` at the start or in the middle anchors the pattern to its file's
folder, ``**`` as a whole segment crosses folders, and a backslash escapes the next
character (``\\#``, ``\\!``, ``\\*``, a trailing ``\\ ``). Files inside an ignored folder
stay ignored, because the walk never enters it. Each ignore file's patterns are joined
into one regex, so a path that matches none (nearly all) costs one search per file; a
hit is resolved pattern by pattern from the last one back.

Why not ``pathspec`` (the library black and yamllint use): measured by
``benchmarks/gitignore_cost.py`` (2026-12-02, one run, 2 cores), it gives the same verdict on
all 3,050 paths of its test tree, but importing it adds about 21 ms to a run that walks a
folder, against about 5 ms for this module, and it judges those paths in 19 ms against 12 ms.
Start-up is a product requirement here (a pre-commit hook on every commit), so this module
stays; the benchmark says when that stops being true.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lint.files.globs import translate

IGNORE_FILES = (".gitignore", ".ignore")


@dataclass(frozen=True)
class _Pattern:
    regex: re.Pattern[str]
    negate: bool
    folders_only: bool
    on_name: bool  # no "/" in the pattern: it matches a name at any depth


def _union(patterns: list[_Pattern]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p.regex.pattern})" for p in patterns) or "(?!)")


@dataclass(frozen=True)
class _Group:
    """The patterns of one ignore file, matched against paths relative to its folder.

    Most paths match no pattern; one regex per kind (names or paths, files or folders)
    answers that at once, and only a hit is looked up pattern by pattern.
    """

    prefix: str  # the folder, as a posix path ending in "/"
    patterns: tuple[_Pattern, ...]
    names: tuple[re.Pattern[str], re.Pattern[str]]  # (files, folders)
    paths: tuple[re.Pattern[str], re.Pattern[str]]

    @classmethod
    def build(cls, prefix: str, patterns: tuple[_Pattern, ...]) -> _Group:
        def pair(on_name: bool) -> tuple[re.Pattern[str], re.Pattern[str]]:
            kind = [p for p in patterns if p.on_name is on_name]
            return _union([p for p in kind if not p.folders_only]), _union(kind)

        return cls(prefix, patterns, pair(True), pair(False))

    def verdict(self, relative: str, name: str, is_dir: bool) -> bool | None:
        """True (ignored), False (re-included) or None (no pattern here matches)."""
        if not (self.names[is_dir].fullmatch(name) or self.paths[is_dir].fullmatch(relative)):
            return None
        for pattern in reversed(self.patterns):
            if pattern.folders_only and not is_dir:
                continue
            if pattern.regex.fullmatch(name if pattern.on_name else relative):
                return not pattern.negate
        return None


def _unescape_trailing_spaces(line: str) -> str:
    stripped = line.rstrip(" \t")
    if stripped.endswith("\\") and len(stripped) < len(line):
        return stripped[:-1] + " "  # "foo\ " keeps one escaped space
    return stripped


def parse_lines(lines: list[str]) -> tuple[_Pattern, ...]:
    patterns = []
    for raw in lines:
        line = _unescape_trailing_spaces(raw.rstrip("\r\n"))
        if not line or line.startswith("#"):
            continue
        negate = line.startswith("!")
        if negate:
            line = line[1:]
        folders_only = line.endswith("/") and not line.endswith("\\/")
        translated = translate(line.rstrip("/") if folders_only else line)
        if translated is None:
            continue
        try:
            regex = re.compile(translated[0])
        except re.error:
            continue  # git ignores a pattern it cannot read; so do we
        patterns.append(_Pattern(regex, negate, folders_only, translated[1]))
    return tuple(patterns)


def _group(file: Path, folder: Path) -> _Group | None:
    try:
        text = file.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    patterns = parse_lines(text.splitlines())
    return _Group.build(_posix(str(folder)).rstrip("/") + "/", patterns) if patterns else None


def _posix(path: str) -> str:
    return path if os.sep == "/" else path.replace(os.sep, "/")


def _repository_top(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None


class _Matcher:
    """The ignore files that apply below one root, read once per folder."""

    def __init__(self, root: Path) -> None:
        self.cwd = str(Path.cwd())
        self.root = self.absolute(root)
        top = _repository_top(Path(self.root))
        self.inherited: tuple[_Group, ...] = ()
        if top is not None:
            groups = [_group(top / ".git" / "info" / "exclude", top)]
            folder = top
            for part in Path(self.root).relative_to(top).parts:  # the folders above root
                groups += [_group(folder / name, folder) for name in IGNORE_FILES]
                folder = folder / part
            self.inherited = tuple(g for g in groups if g)
        self.by_folder: dict[str, tuple[_Group, ...]] = {}

    def absolute(self, path: Path) -> str:
        name = str(path)
        return os.path.normpath(name if path.is_absolute() else f"{self.cwd}{os.sep}{name}")

    def groups_for(self, folder: str) -> tuple[_Group, ...]:
        cached = self.by_folder.get(folder)
        if cached is not None:
            return cached
        if len(folder) <= len(self.root):
            parent = self.inherited
        else:
            parent = self.groups_for(folder.rpartition(os.sep)[0] or os.sep)
        here = Path(folder)
        own = tuple(g for name in IGNORE_FILES if (g := _group(here / name, here)))
        self.by_folder[folder] = result = parent + own
        return result

    def ignored(self, path: Path, is_dir: bool) -> bool:
        absolute = self.absolute(path)
        folder, _, name = absolute.rpartition(os.sep)
        target = _posix(absolute)
        for group in reversed(self.groups_for(folder or os.sep)):
            if target.startswith(group.prefix):
                verdict = group.verdict(target[len(group.prefix) :], name, is_dir)
                if verdict is not None:
                    return verdict
        return False


def ignore_function(root: Path) -> Callable[[Path, bool], bool]:
    """A predicate ``(path, is_dir) -> ignored`` for paths found below ``root``."""
    return _Matcher(root).ignored
