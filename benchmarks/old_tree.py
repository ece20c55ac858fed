"""A past version's ``lint/`` and ``config.yaml``, exported from git into a folder, for the
benchmarks that score it beside the current tree (run with that folder on ``PYTHONPATH``)."""

from __future__ import annotations

import subprocess
import tarfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def export_tree(revision: str, folder: Path | str) -> Path:
    """Write ``revision``'s ``lint/`` and ``config.yaml`` into ``folder``; return it."""
    archive = subprocess.run(
        ["git", "archive", revision, "lint", "config.yaml"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return Path(folder)
