"""Entry points of one group, read straight from the installed distributions' metadata.

``importlib.metadata`` imports the ``email`` package and more (30-60 ms), a large share of
a pre-commit run's start-up. The metadata needed here is small: every ``*.dist-info`` and
``*.egg-info`` folder on ``sys.path`` holds an INI-style ``entry_points.txt``. This reads
those with the same rules (``sys.path`` order, the first distribution of a name wins) and
falls back to ``importlib.metadata`` whenever a path entry is not a plain folder (a zip or
an egg file), so the answer is always the same.
"""

from __future__ import annotations

import os
import re
import sys
from functools import reduce
from importlib import import_module
from typing import Any, NamedTuple

_SUFFIXES = (".dist-info", ".egg-info")
_SEPARATORS = re.compile(r"[-_.]+")
_VALUE = re.compile(r"(?P<module>[\w.]+)\s*(?::\s*(?P<attr>[\w.]+)\s*)?(?:\[.*\]\s*)?$")


class Entry(NamedTuple):
    """One entry point: ``name = module:attr``, loaded on demand."""

    name: str
    value: str

    def load(self) -> Any:
        match = _VALUE.match(self.value)
        if match is None:
            raise ValueError(f"malformed entry point {self.value!r}")
        module = import_module(match.group("module"))
        attrs = (match.group("attr") or "").split(".")
        return reduce(getattr, (a for a in attrs if a), module)


def entry_points(group: str) -> list[Entry]:
    """Every entry point in ``group`` of every installed distribution, in ``sys.path`` order."""
    folders = [entry or "." for entry in sys.path]
    if any(os.path.isfile(folder) for folder in folders):  # noqa: PTH113
        return _from_importlib(group)
    found: list[Entry] = []
    seen: set[str] = set()
    for folder in folders:
        try:
            # Names and plain strings only: a Path for each of a large environment's
            # hundreds of entries cost several milliseconds of every run.
            names = os.listdir(folder)  # noqa: PTH208
        except OSError:
            continue
        for name in names:
            if not name.lower().endswith(_SUFFIXES):
                continue
            distribution = _normalize(name.rpartition(".")[0].partition("-")[0])
            if distribution in seen:
                continue
            seen.add(distribution)
            found.extend(_read(os.path.join(folder, name, "entry_points.txt"), group))  # noqa: PTH118
    return found


def _normalize(name: str) -> str:
    return _SEPARATORS.sub("_", name).lower()


def _read(path: str, group: str) -> list[Entry]:
    try:
        with open(path, encoding="utf-8") as file:  # noqa: PTH123
            text = file.read()
    except (OSError, UnicodeDecodeError):
        return []
    if group not in text:  # nearly every distribution: nothing of this group
        return []
    entries: list[Entry] = []
    section = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip()
            continue
        if section == group:
            name, _, value = line.partition("=")
            entries.append(Entry(name.strip(), value.strip()))
    return entries


def _from_importlib(group: str) -> list[Entry]:
    from importlib.metadata import entry_points as metadata_entry_points

    return [Entry(e.name, e.value) for e in metadata_entry_points(group=group)]
