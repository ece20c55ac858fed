"""Baselines: record today's findings so later runs report only new ones.

A finding is remembered by its file, its rule and a fingerprint of the text it flags
(whitespace collapsed), never by its line: edits elsewhere in the file keep it matched.
The same text flagged twice is remembered with a count, and a later run reports only the
occurrences beyond it. Paths are stored relative to the baseline file's folder, so the
file works from any working directory and on any machine.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lint.config import ConfigError
from lint.document import Document
from lint.finding import Finding
from lint.result import fingerprint, flagged_text

FORMAT_KEY = "contentlint-baseline"
FORMAT_VERSION = 1
EXCERPT = 80  # characters of flagged text kept for people reading the baseline


class BaselineError(ConfigError):
    """A baseline file that cannot be read or written; the message is one line (exit 2)."""


def _key_path(path: str, root: Path) -> str:
    if path == "-":
        return path
    absolute = os.path.normpath(Path(path).absolute())
    try:
        relative = os.path.relpath(absolute, root)
    except ValueError:  # another drive on Windows
        return Path(absolute).as_posix()
    return Path(relative).as_posix()


def _root(baseline: Path) -> Path:
    return Path(os.path.normpath(baseline.absolute())).parent


@dataclass
class Baseline:
    """Findings recorded earlier: per path, a count for each (rule, fingerprint)."""

    root: Path
    files: dict[str, Counter[tuple[str, str]]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: str | Path) -> Baseline:
        file = Path(path)
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise BaselineError(
                f"baseline {file} not found (create it with --write-baseline)"
            ) from None
        except OSError as error:
            raise BaselineError(f"cannot read baseline {file}: {error.strerror or error}") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise BaselineError(f"baseline {file} is not valid JSON: {error}") from None
        return cls(_root(file), _parse(data, file))

    def filter(
        self, path: str, document: Document, findings: Iterable[Finding]
    ) -> tuple[list[Finding], int]:
        """The findings not in the baseline, and how many were."""
        known = self.files.get(_key_path(path, self.root))
        findings = list(findings)
        if not known:
            return findings, 0
        remaining = Counter(known)
        kept = []
        for finding in findings:
            key = (finding.code, fingerprint(document, finding))
            if remaining[key] > 0:
                remaining[key] -= 1
            else:
                kept.append(finding)
        return kept, len(findings) - len(kept)


def _parse(data: Any, file: Path) -> dict[str, Counter[tuple[str, str]]]:
    if not isinstance(data, dict) or data.get(FORMAT_KEY) != FORMAT_VERSION:
        raise BaselineError(f"{file} is not a contentlint baseline (version {FORMAT_VERSION})")
    files: dict[str, Counter[tuple[str, str]]] = {}
    entries = data.get("files")
    if not isinstance(entries, dict):
        raise BaselineError(f"{file}: 'files' must be a mapping of path to findings")
    for path, items in entries.items():
        counter: Counter[tuple[str, str]] = Counter()
        if not isinstance(items, list):
            raise BaselineError(f"{file}: the findings of {path!r} must be a list")
        for item in items:
            try:
                counter[(str(item["rule"]), str(item["fingerprint"]))] += int(item.get("count", 1))
            except (TypeError, KeyError, ValueError):
                raise BaselineError(
                    f"{file}: each finding of {path!r} needs 'rule' and 'fingerprint'"
                ) from None
        files[str(path)] = counter
    return files


class BaselineWriter:
    """Collects findings while the run streams past, then writes them in a stable order."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.root = _root(self.path)
        self.entries: dict[str, dict[tuple[str, str], list[Any]]] = {}
        self.count = 0

    def add(self, path: str, document: Document, findings: Iterable[Finding]) -> None:
        entries = self.entries.setdefault(_key_path(path, self.root), {})
        for finding in findings:
            key = (finding.code, fingerprint(document, finding))
            entry = entries.get(key)
            if entry is None:
                entries[key] = [1, flagged_text(document, finding)[:EXCERPT]]
            else:
                entry[0] += 1
            self.count += 1

    def write(self) -> None:
        files = {
            path: [
                {"rule": rule, "fingerprint": print_, "count": count, "text": text}
                for (rule, print_), (count, text) in sorted(entries.items())
            ]
            for path, entries in sorted(self.entries.items())
            if entries
        }
        data = {FORMAT_KEY: FORMAT_VERSION, "files": files}
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        temp = self.path.with_name(f".{self.path.name}.contentlint-tmp")
        try:
            temp.write_text(text, encoding="utf-8")
            temp.replace(self.path)
        except OSError as error:
            raise BaselineError(
                f"cannot write baseline {self.path}: {error.strerror or error}"
            ) from None
