"""A third-party check, installed for real, is listed, configured, reported and fixed."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import run_cli

PLUGIN = """
from __future__ import annotations

import re
from lint.finding import Edit, Finding, Fix, Rule, Severity


class NoLorem:
    id = "no-lorem"
    summary = "Placeholder text left in a page."
    rules = (Rule("lorem", Severity.WARNING, "Lorem ipsum left in.", "Placeholder text.", "Lorem ipsum dolor.", "safe"),)
    default_options = {"words": ["lorem ipsum"]}

    def check(self, document, options):
        pattern = re.compile("|".join(re.escape(w) for w in options["words"]), re.IGNORECASE)
        for match in pattern.finditer(document.text):
            yield Finding(self.id, "lorem", match.start(), match.end(), f"placeholder text {match.group()!r}",
                          fix=Fix((Edit(match.start(), match.end(), "TODO"),)))


class Broken:
    id = "broken"
"""


@pytest.fixture(scope="module")
def plugin_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = tmp_path_factory.mktemp("plugin-src")
    (source / "lorem_check.py").write_text(PLUGIN, encoding="utf-8")
    (source / "exploding_check.py").write_text(
        "raise ImportError('missing dependency: numpy')\n", encoding="utf-8"
    )
    (source / "pyproject.toml").write_text(
        textwrap.dedent(
            """
            [build-system]
            requires = ["setuptools>=61"]
            build-backend = "setuptools.build_meta"

            [project]
            name = "contentlint-lorem"
            version = "0.1"

            [tool.setuptools]
            py-modules = ["lorem_check", "exploding_check"]

            [project.entry-points."contentlint.checks"]
            no-lorem = "lorem_check:NoLorem"
            broken = "lorem_check:Broken"
            exploding = "exploding_check:Check"
            """
        ),
        encoding="utf-8",
    )
    site = tmp_path_factory.mktemp("plugin-site")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(site),
            str(source),
        ],
        check=True,
        capture_output=True,
    )
    return site


def _run(site: Path, cwd: Path, *args: str) -> tuple[int, str, str]:
    env = {"PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")])}
    result = run_cli(args, cwd=cwd, env=env)
    return result.code, result.out, result.err


def test_plugin_rule_is_listed(plugin_site: Path, tmp_path: Path) -> None:
    code, out, err = _run(plugin_site, tmp_path, "rules")
    assert code == 0
    assert any(line.startswith("no-lorem/lorem") and "warning" in line for line in out.splitlines())
    assert "check plugin 'broken' (lorem_check:Broken) skipped: it declares no rules" in err
    assert (
        "check plugin 'exploding' (exploding_check:Check) failed to load: ImportError: missing dependency: numpy"
        in err
    )


def test_plugin_is_configured_reported_and_fixed(plugin_site: Path, tmp_path: Path) -> None:
    (tmp_path / ".contentlint.yaml").write_text(
        "checks:\n  no-lorem:\n    rules:\n      lorem: error\n    extend-words: [dolor sit]\n",
        encoding="utf-8",
    )
    page = tmp_path / "page.md"
    page.write_text("Intro. Lorem ipsum here, dolor sit there.\n", encoding="utf-8")
    code, out, _ = _run(plugin_site, tmp_path, "check", "--select", "no-lorem", "page.md")
    assert code == 1
    assert "page.md:1:8: no-lorem/lorem [*] placeholder text 'Lorem ipsum'" in out
    assert "page.md:1:26: no-lorem/lorem [*] placeholder text 'dolor sit'" in out
    code, out, _ = _run(
        plugin_site, tmp_path, "check", "--select", "no-lorem", "--format", "json", "page.md"
    )
    assert '"severity": "error"' in out
    code, _, _ = _run(plugin_site, tmp_path, "fix", "--select", "no-lorem", "page.md")
    assert code == 0
    assert page.read_text(encoding="utf-8") == "Intro. TODO here, TODO there.\n"
