"""Per workspace folder: the configuration and the baseline, found as the command line finds
them when it runs in that folder.

The configuration is ``load_config(start=FOLDER)``: the nearest ``.contentlint.yaml`` in the
folder or a parent, else ``[tool.contentlint]`` in the nearest ``pyproject.toml``, over the
defaults. A document outside every workspace folder is read as if the command ran in the
document's own folder. Paths are shown to the linter relative to the folder, so
``per-file-ignores`` match as they do for ``contentlint check`` run there.

The baseline is the ``baseline`` initialization option (a path, relative to each folder),
else ``.contentlint-baseline.json`` in the folder when that file exists; a folder without
either has none. Everything here is reloaded when a configuration or baseline file changes.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lint.cli.baseline import Baseline
from lint.config import USER_CONFIG_NAME, ConfigError, load_config
from lint.linter import Linter, SelectorError

BASELINE_NAME = ".contentlint-baseline.json"
# The file names whose change reloads a folder's settings (watched with these globs).
CONFIG_NAMES = (USER_CONFIG_NAME, "pyproject.toml")


@dataclass
class Settings:
    """What linting a document in one folder needs; ``error`` when the configuration is bad."""

    root: Path
    linter: Linter | None = None
    baseline: Baseline | None = None
    error: str | None = None
    notes: list[str] = field(default_factory=list)
    # One-check linters, built when a check crashes (``analysis.lint``).
    singles: dict[str, Linter] = field(default_factory=dict)


def _normal(path: Path) -> Path:
    return Path(os.path.normpath(path.absolute()))


class Folders:
    """The workspace folders and their settings, loaded on first use."""

    def __init__(self, roots: Iterable[Path] = (), baseline: str | None = None) -> None:
        self._roots = [_normal(root) for root in roots]
        self._baseline = baseline
        self._settings: dict[Path, Settings] = {}
        self._lock = threading.Lock()

    @property
    def roots(self) -> list[Path]:
        return list(self._roots)

    def add(self, root: Path) -> None:
        with self._lock:
            if _normal(root) not in self._roots:
                self._roots.append(_normal(root))

    def remove(self, root: Path) -> None:
        with self._lock:
            normal = _normal(root)
            self._roots = [r for r in self._roots if r != normal]
            self._settings.pop(normal, None)

    def root_for(self, path: Path | None) -> Path:
        """The innermost workspace folder holding ``path``; else the file's own folder."""
        if path is None:
            return self._roots[0] if self._roots else _normal(Path.cwd())
        path = _normal(path)
        holders = [root for root in self._roots if root == path or root in path.parents]
        if holders:
            return max(holders, key=lambda root: len(root.parts))
        return path.parent

    def settings(self, root: Path) -> Settings:
        with self._lock:
            found = self._settings.get(root)
            if found is None:
                found = self._settings[root] = self._load(root)
            return found

    def reload(self) -> None:
        """Forget every folder's settings; the next lint loads them again."""
        with self._lock:
            self._settings.clear()

    def _load(self, root: Path) -> Settings:
        settings = Settings(root)
        try:
            config = load_config(start=root)
            settings.linter = Linter(config)
        except (ConfigError, SelectorError) as error:
            settings.error = str(error)
            return settings
        baseline = self._baseline_path(root)
        if baseline is not None:
            try:
                settings.baseline = Baseline.load(baseline)
            except ConfigError as error:  # BaselineError: linted without it, and said so
                settings.notes.append(str(error))
        return settings

    def _baseline_path(self, root: Path) -> Path | None:
        if self._baseline:
            return root / self._baseline  # an absolute setting stays absolute
        default = root / BASELINE_NAME
        return default if default.is_file() else None

    @property
    def watched_names(self) -> tuple[str, ...]:
        """The file names whose change can change some folder's settings."""
        baseline = Path(self._baseline).name if self._baseline else BASELINE_NAME
        return (*CONFIG_NAMES, baseline)
