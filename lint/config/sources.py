"""Reading configuration: YAML and ``[tool.contentlint]`` with the line of every key, the
shipped defaults, and finding the user's file."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from lint.config.model import ConfigError

USER_CONFIG_NAME = ".contentlint.yaml"


class Source(NamedTuple):
    """A parsed config file and the line of every key path in it."""

    name: str
    data: dict[str, Any]
    lines: dict[tuple[str, ...], int]

    def where(self, path: tuple[str, ...]) -> str:
        line = None
        for depth in range(len(path), 0, -1):
            line = self.lines.get(path[:depth])
            if line is not None:
                break
        return f"{self.name}:{line}" if line is not None else self.name


def _yaml_loader() -> Any:
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str, name: str) -> Source:
    """Parse YAML keeping the line of every mapping key; errors become ConfigError.

    The result is kept in the user's cache (``lint.speed.yamlcache``): the same file is
    not parsed again, nor PyYAML imported, until its text changes.
    """
    from lint.speed.yamlcache import derived

    data, lines = derived("config", text, lambda: _parse_yaml(text, name), sys.modules[__name__])
    return Source(name, data, lines)


def _parse_yaml(text: str, name: str) -> tuple[dict[str, Any], dict[tuple[str, ...], int]]:
    import yaml

    loader_class = _yaml_loader()
    try:
        node = yaml.compose(text, Loader=loader_class)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{name}:{mark.line + 1}" if mark is not None else name
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise ConfigError(f"{where}: invalid YAML: {problem}") from None
    if node is None:
        return {}, {}
    lines: dict[tuple[str, ...], int] = {}
    constructor = loader_class("")
    data = _construct(node, (), lines, constructor, name)
    if not isinstance(data, dict):
        raise ConfigError(f"{name}:{node.start_mark.line + 1}: the configuration must be a mapping")
    return data, lines


def _construct(
    node: Any, path: tuple[str, ...], lines: dict[tuple[str, ...], int], loader: Any, name: str
) -> Any:
    import yaml

    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                raise ConfigError(
                    f"{name}:{key_node.start_mark.line + 1}: keys must be strings, got {key!r}"
                )
            lines[(*path, key)] = key_node.start_mark.line + 1
            result[key] = _construct(value_node, (*path, key), lines, loader, name)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, path, lines, loader, name) for item in node.value]
    return loader.construct_object(node, deep=True)


def parse_pyproject(path: Path) -> Source | None:
    """The ``[tool.contentlint]`` table of a pyproject.toml, or None when there is none."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib
    text = read_config_text(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    table = data.get("tool", {}).get("contentlint")
    if table is None:
        return None
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.contentlint] must be a table")
    # TOML gives no positions; find each key's first line as a best effort.
    lines: dict[tuple[str, ...], int] = {}
    text_lines = text.splitlines()
    for key in _key_paths(table, ()):
        needle = key[-1]
        for number, line in enumerate(text_lines, 1):
            stripped = line.strip()
            if stripped.startswith((needle, f'"{needle}"', f"[tool.contentlint.{needle}")) or (
                f".{needle}]" in stripped
            ):
                lines[key] = number
                break
    return Source(str(path), table, lines)


def _key_paths(data: Mapping[str, Any], path: tuple[str, ...]) -> Iterable[tuple[str, ...]]:
    for key, value in data.items():
        yield (*path, key)
        if isinstance(value, Mapping):
            yield from _key_paths(value, (*path, key))


def read_config_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read config file: {_reason(error)}") from None


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error)


def default_config_text() -> str:
    """The shipped defaults: ``lint/config.yaml`` in the wheel, else the repository's top-level file."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "config.yaml", package.parent / "config.yaml"):
        if candidate.is_file():  # a plain folder: no importlib.resources (and its imports) needed
            return candidate.read_text(encoding="utf-8")
    from importlib.resources import files

    return files("lint").joinpath("config.yaml").read_text(encoding="utf-8")


def default_source() -> Source:
    """The parsed defaults (cached: they are the same on every run until the file changes)."""
    from lint.speed.yamlcache import load_yaml

    name = "config.yaml (defaults)"
    data = load_yaml(default_config_text(), "defaults")
    if not isinstance(data, dict):
        return parse_yaml(default_config_text(), name)  # let the parser phrase the problem
    return Source(name, data, {})


def find_user_config(start: Path) -> Path | None:
    """The nearest ``.contentlint.yaml``, else the nearest pyproject.toml with [tool.contentlint]."""
    folders = [start, *start.parents]
    for folder in folders:
        candidate = folder / USER_CONFIG_NAME
        if candidate.is_file():
            return candidate
    for folder in folders:
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and "[tool.contentlint" in read_config_text(candidate):
            return candidate
    return None
