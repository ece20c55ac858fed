"""The checks a run can use: the built-ins of ``lint.checks.BUILTIN``, then plugins.

Plugins come from entry points in the group ``contentlint.checks``. A plugin that fails to
import or does not follow the check protocol is reported by name on stderr and skipped; it
never stops a run. An entry point that repeats a built-in (the installed package registers
its own checks there too, for tools that read entry points) is the built-in.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

from lint.checks import BUILTIN, Check
from lint.speed.entrypoints import Entry, entry_points

GROUP = "contentlint.checks"
_ID = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")

Warn = Callable[[str], None]


def _warn_stderr(message: str) -> None:
    print(f"contentlint: warning: {message}", file=sys.stderr)


def _problem(check: Any, name: str) -> str | None:
    """Why ``check`` does not follow the protocol, or None when it does."""
    check_id = getattr(check, "id", None)
    if check_id != name:
        return f"its id {check_id!r} does not match the entry-point name {name!r}"
    if not _ID.fullmatch(name):
        return "its id must be kebab-case (a-z, 0-9 and '-')"
    rules = getattr(check, "rules", None)
    if not isinstance(rules, tuple) or not rules:
        return "it declares no rules (a tuple of lint.finding.Rule)"
    for rule in rules:
        if not isinstance(getattr(rule, "id", None), str) or not _ID.fullmatch(rule.id):
            return f"rule id {getattr(rule, 'id', None)!r} is not kebab-case"
    if not callable(getattr(check, "check", None)):
        return "it has no check(document, options) method"
    if not isinstance(getattr(check, "summary", ""), str):
        return "its summary is not a string"
    return None


def _load(entry: Entry, warn: Warn) -> Check | None:
    try:
        factory = entry.load()
        check = factory()
    except Exception as error:  # a broken plugin must not stop the run
        warn(
            f"check plugin '{entry.name}' ({entry.value}) failed to load: {type(error).__name__}: {error}"
        )
        return None
    problem = _problem(check, entry.name)
    if problem:
        warn(f"check plugin '{entry.name}' ({entry.value}) skipped: {problem}")
        return None
    if not hasattr(check, "default_options"):
        check.default_options = {}
    return check  # type: ignore[no-any-return]


@cache
def load_checks() -> dict[str, Check]:
    """Every usable check by id: the built-ins in their order, then plugins by name."""
    return _discover(entry_points(GROUP), _warn_stderr)


def _builtin(check_id: str) -> Check:
    check: Check = Entry(check_id, BUILTIN[check_id]).load()()
    return check


def _discover(plugins: Iterable[Entry], warn: Warn) -> dict[str, Check]:
    found: dict[str, Check] = {check_id: _builtin(check_id) for check_id in BUILTIN}
    seen: dict[str, str] = dict(BUILTIN)
    for entry in sorted(plugins, key=lambda entry: entry.name):
        if entry.name in seen:
            if seen[entry.name] != entry.value:
                warn(
                    f"check plugin '{entry.name}' ({entry.value}) skipped: the id is taken by {seen[entry.name]}"
                )
            continue
        seen[entry.name] = entry.value
        check = _load(entry, warn)
        if check is not None:
            found[entry.name] = check
    return found


def rule_codes(checks: dict[str, Check]) -> set[str]:
    """Every selector a user may write: check ids and ``check/rule`` codes."""
    codes = set(checks)
    for check_id, check in checks.items():
        codes.update(f"{check_id}/{rule.id}" for rule in check.rules)
    return codes
