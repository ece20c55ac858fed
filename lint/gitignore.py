""".gitignore, .ignore and .git/info/exclude, applied while walking folders.

Git's rules: the last matching pattern wins, ``!`` re-includes, a trailing ``/`` matches
folders only, a ``/`` at the start or in the middle anchors the pattern to its file's
folder, ``**`` as a whole segment crosses folders, and a backslash escapes the next
character (``\\#``, ``\\!``, ``\\*``, a trailing ``\\ ``). Files inside an ignored folder
stay ignored, because the walk never enters it. Matching costs one regex per pattern,
checked from the last pattern back, so the first hit decides.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

IGNORE_FILES = (".gitignore", ".ignore")


@dataclass(frozen=True)
class _Pattern:
    regex: re.Pattern[str]
    negate: bool
    folders_only: bool


@dataclass(frozen=True)
class _Group:
    """The patterns of one ignore file, matched against paths relative to its folder."""

    prefix: str  # the folder, as a posix path ending in "/"
    patterns: tuple[_Pattern, ...]


def translate(pattern: str) -> str | None:
    """A regex for one gitignore pattern (without ``!`` and trailing ``/``), or None if empty."""
    anchored = "/" in pattern.rstrip("/")
    pattern = pattern.lstrip("/")
    if not pattern:
        return None
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        char = pattern[i]
        if char == "\\" and i + 1 < n:
            out.append(re.escape(pattern[i + 1]))
            i += 2
            continue
        if char == "*" and pattern.startswith("**", i):
            whole_segment = (i == 0 or pattern[i - 1] == "/") and (
                i + 2 == n or pattern[i + 2] == "/"
            )
            if whole_segment and i + 2 < n:  # "**/": any folders, or none
                out.append("(?:[^/]*/)*")
                i += 3
                continue
            if whole_segment:  # a trailing "/**": everything inside
                out.append(".*")
                i += 2
                continue
            out.append("[^/]*")  # "a**b" is just a star
            i += 2
            continue
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[":
            close = pattern.find("]", i + 2)
            if close < 0:
                out.append(re.escape(char))
            else:
                body = pattern[i + 1 : close]
                negate = body[:1] in ("!", "^")
                body = re.sub(r"([\\\]\[^])", r"\\\1", body[1:] if negate else body)
                out.append(f"[{'^' if negate else ''}{body}]")
                i = close
        else:
            out.append(re.escape(char))
        i += 1
    return ("" if anchored else "(?:[^/]*/)*") + "".join(out)


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
        body = translate(line.rstrip("/") if folders_only else line)
        if body is None:
            continue
        try:
            regex = re.compile(body)
        except re.error:
            continue  # git ignores a pattern it cannot read; so do we
        patterns.append(_Pattern(regex, negate, folders_only))
    return tuple(patterns)


def _group(file: Path, folder: Path) -> _Group | None:
    try:
        text = file.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    patterns = parse_lines(text.splitlines())
    return _Group(folder.as_posix().rstrip("/") + "/", patterns) if patterns else None


def _repository_top(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None


def ignore_function(root: Path) -> Callable[[Path, bool], bool]:
    """A predicate ``(path, is_dir) -> ignored`` for paths found below ``root``."""
    cwd = Path.cwd()
    root = cwd / root
    top = _repository_top(root)
    inherited: list[_Group] = []
    if top is not None:
        exclude = _group(top / ".git" / "info" / "exclude", top)
        inherited += [exclude] if exclude else []
        folder = top
        for part in root.relative_to(top).parts:  # the folders above root, from the top down
            inherited += [g for name in IGNORE_FILES if (g := _group(folder / name, folder))]
            folder = folder / part
    by_folder: dict[Path, tuple[_Group, ...]] = {}

    def groups_for(folder: Path) -> tuple[_Group, ...]:
        cached = by_folder.get(folder)
        if cached is not None:
            return cached
        parent = tuple(inherited) if folder == root else groups_for(folder.parent)
        own = tuple(g for name in IGNORE_FILES if (g := _group(folder / name, folder)))
        result = parent + own
        by_folder[folder] = result
        return result

    def ignored(path: Path, is_dir: bool) -> bool:
        absolute = cwd / path  # unchanged when path is absolute
        target = absolute.as_posix()
        for group in reversed(groups_for(absolute.parent)):
            if not target.startswith(group.prefix):
                continue
            relative = target[len(group.prefix) :]
            for pattern in reversed(group.patterns):
                if pattern.folders_only and not is_dir:
                    continue
                if pattern.regex.fullmatch(relative):
                    return not pattern.negate
        return False

    return ignored
