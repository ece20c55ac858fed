"""Configuration: defaults, discovery, merging, and errors that name file, key and line."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
import yaml

from lint.config import ConfigError, load_config
from lint.finding import Severity
from lint.registry import load_checks
from tests.conftest import ROOT


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_the_default_configuration_names_every_check_and_rule() -> None:
    data = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    for check_id, check in load_checks().items():
        section = data["checks"][check_id]
        assert section["enabled"] is True
        assert set(section["rules"]) == {rule.id for rule in check.rules}, check_id
        for rule in check.rules:
            assert section["rules"][rule.id]["severity"] == str(rule.severity), (
                f"{check_id}/{rule.id}"
            )


def test_defaults_load_without_a_user_file(tmp_path: Path) -> None:
    config = load_config(start=tmp_path)
    assert config.sources == ()
    assert config.fail_on is Severity.WARNING
    assert config.checks["encoding"].rules["invalid-utf8"].severity is Severity.ERROR
    assert "*.md" in config.include


def test_user_file_overrides_key_by_key_and_extends_lists(tmp_path: Path) -> None:
    _write(
        tmp_path / ".contentlint.yaml",
        "fail-on: error\n"
        "extend-exclude: [drafts]\n"
        "checks:\n"
        "  encoding:\n"
        "    rules:\n"
        "      mojibake: error\n"
        "      control-char: false\n"
        "      html-entity: {fix: false}\n"
        "    extend-allow-control-chars: ['U+200C']\n",
    )
    (tmp_path / "sub").mkdir()
    config = load_config(start=tmp_path / "sub")  # found in a parent folder
    encoding = config.checks["encoding"]
    assert config.fail_on is Severity.ERROR
    assert config.exclude[-1] == "drafts" and ".git" in config.exclude
    assert encoding.rules["mojibake"].severity is Severity.ERROR
    assert encoding.rules["control-char"].enabled is False
    assert encoding.rules["html-entity"].fix is False
    assert encoding.rules["html-entity"].severity is Severity.WARNING
    assert tuple(encoding.options["allow-control-chars"]) == ("U+200D", "U+200C")
    assert config.sources == (str(tmp_path / ".contentlint.yaml"),)


def test_a_list_option_is_replaced(tmp_path: Path) -> None:
    _write(tmp_path / "c.yaml", "include: ['*.rst']\n")
    assert load_config(tmp_path / "c.yaml").include == ("*.rst",)


def test_pyproject_table_is_used_when_there_is_no_yaml(tmp_path: Path) -> None:
    _write(
        tmp_path / "pyproject.toml",
        '[project]\nname = "x"\n\n[tool.contentlint]\nfail-on = "info"\n',
    )
    assert load_config(start=tmp_path).fail_on is Severity.INFO


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("fail-on: warning\nbogus: 1\n", 2, "unknown key 'bogus'"),
        ("max-file-size: big\n", 1, "'max-file-size' must be an integer, got 'big'"),
        ("checks:\n  encodng: {}\n", 2, "unknown check 'encodng' (did you mean 'encoding'?)"),
        (
            "checks:\n  encoding:\n    rules:\n      mojibak: error\n",
            4,
            "unknown rule 'encoding/mojibak'",
        ),
        ("checks:\n  encoding:\n    rules:\n      mojibake: loud\n", 4, "unknown severity 'loud'"),
        ("checks:\n  encoding:\n    rules:\n      mojibake: {level: error}\n", 4, "unknown key"),
        (
            "checks:\n  encoding:\n    entities-in-markdown: 'yes'\n",
            3,
            "'checks.encoding.entities-in-markdown' must be true or false",
        ),
        ("include: [\n", 2, "invalid YAML"),
        ("- just\n- a list\n", 1, "the configuration must be a mapping"),
        ("fail-on: sometimes\n", 1, "unknown severity 'sometimes'"),
    ],
)
def test_bad_configuration_names_file_key_and_line(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    path = _write(tmp_path / "c.yaml", text)
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert str(error.value).startswith(f"{path}:{line}: {message}")
    assert "\n" not in str(error.value)


def test_missing_config_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="config file not found"):
        load_config(tmp_path / "nope.yaml")


def test_config_pickles_for_worker_processes(tmp_path: Path) -> None:
    config = load_config(start=tmp_path)
    clone = pickle.loads(pickle.dumps(config))
    assert clone.checks["encoding"].options["allow-control-chars"] == ("U+200D",)
    assert clone.fail_on is config.fail_on
    assert clone.checks.keys() == config.checks.keys()
