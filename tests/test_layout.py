"""The layout's promises: built-in checks without install, and the same findings either way."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lint.checks import BUILTIN
from lint.registry import _discover

ROOT = Path(__file__).resolve().parent.parent


def test_builtin_checks_load_with_no_entry_points_at_all() -> None:
    warnings: list[str] = []
    checks = _discover([], warnings.append)
    assert list(checks) == ["encoding", "html-comment", "chrome", "links", "claims"]
    assert list(checks) == list(BUILTIN)
    assert warnings == []


def test_every_builtin_is_a_package_or_module_under_lint_checks() -> None:
    for check_id, target in BUILTIN.items():
        module, _, name = target.partition(":")
        assert module == f"lint.checks.{check_id.replace('-', '_')}"
        assert name.endswith("Check")


def _json(args: list[str], cwd: Path) -> list[dict[str, object]]:
    run = subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=False)
    assert run.returncode == 1, run.stderr
    assert run.stderr == ""
    rows: list[dict[str, object]] = json.loads(run.stdout)
    return rows


def test_a_plain_checkout_finds_what_the_installed_tool_finds(tmp_path: Path) -> None:
    """`python -m lint` from a copy of the source tree (nothing installed from it) and the
    installed `contentlint` command give the same JSON on the seeds."""
    installed = shutil.which("contentlint")
    if installed is None:
        pytest.skip("contentlint is not installed here (run `pip install -e .` first)")
    checkout = tmp_path / "checkout"
    shutil.copytree(ROOT / "lint", checkout / "lint", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "config.yaml", checkout / "config.yaml")
    shutil.copytree(ROOT / "seeds", checkout / "seeds")
    plain = _json([sys.executable, "-m", "lint", "check", "--format", "json", "seeds/"], checkout)
    tool = _json([installed, "check", "--format", "json", "seeds/"], checkout)
    assert plain == tool
    assert {row["check"] for row in plain} == set(BUILTIN)
