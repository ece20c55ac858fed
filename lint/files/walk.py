"""Turn the paths on the command line into the files to lint, in a stable order.

Folders are walked without following symlinked folders (no loops); FIFOs, sockets and
devices are skipped; include, exclude and (optionally) .gitignore rules decide the rest.
Files named explicitly are always linted, unless excluded.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

from lint.config import Config
from lint.files import globs


class WalkProblem(NamedTuple):
    """A path that could not be walked; ``error`` problems make the exit code 2."""

    message: str
    error: bool = True


Ignore = Callable[[Path, bool], bool]


def iter_files(
    paths: list[str], config: Config, *, respect_gitignore: bool | None = None
) -> Iterator[Path | WalkProblem]:
    use_gitignore = config.respect_gitignore if respect_gitignore is None else respect_gitignore
    for raw in paths:
        path = Path(raw)
        try:
            info = path.stat()
        except FileNotFoundError:
            yield WalkProblem(f"{raw}: no such file or directory")
            continue
        except OSError as error:
            yield WalkProblem(f"{raw}: {error.strerror or error}")
            continue
        if stat.S_ISDIR(info.st_mode):
            ignore = _gitignore_for(path) if use_gitignore else None
            yield from _walk(path, path, config, ignore)
        elif globs.matches(raw, config.exclude):
            continue
        else:
            yield path


def _gitignore_for(root: Path) -> Ignore:
    from lint.files.gitignore import ignore_function

    return ignore_function(root)


def _walk(
    root: Path, folder: Path, config: Config, ignore: Ignore | None
) -> Iterator[Path | WalkProblem]:
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except OSError as error:
        yield WalkProblem(f"{folder}: {error.strerror or error}")
        return
    for entry in entries:
        path = Path(entry.path)
        relative = path.relative_to(root).as_posix()
        if globs.matches(relative, config.exclude):
            continue
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
            is_file = entry.is_file(follow_symlinks=True) and not is_dir
        except OSError:
            continue
        if ignore is not None and ignore(path, is_dir):
            continue
        if is_dir:
            yield from _walk(root, path, config, ignore)
        elif is_file and globs.matches(entry.name, config.include):
            try:
                if not stat.S_ISREG(path.stat().st_mode):
                    continue
            except OSError:
                continue  # a dangling or looping symlink
            yield path
