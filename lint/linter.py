"""The Linter: the enabled checks run on a document, with severities, rule selection and
suppressions applied; every finding it returns has its effective severity."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import NamedTuple

from lint import directives, scan
from lint.checks import Check
from lint.config import CheckConfig, Config, RuleConfig
from lint.document import Document
from lint.files import globs
from lint.finding import Finding
from lint.result import Result, RuleInfo
from lint.scan import Pattern


class SelectorError(ValueError):
    """An unknown check or rule named in --select, --ignore or per-file-ignores."""


class _Active(NamedTuple):
    check: Check
    options: Mapping[str, object]
    rules: Mapping[str, RuleConfig]
    # The patterns the check declares (``patterns(options)``), found in one scan per document.
    patterns: tuple[Pattern, ...] = ()


def _selected(code: str, check_id: str, selectors: Collection[str]) -> bool:
    return check_id in selectors or code in selectors


class Linter:
    """The configured checks, ready to run on any number of documents."""

    def __init__(
        self,
        config: Config,
        checks: Mapping[str, Check] | None = None,
        *,
        select: Collection[str] = (),
        ignore: Collection[str] = (),
    ) -> None:
        if checks is None:
            from lint.registry import load_checks

            checks = load_checks()
        from lint.registry import rule_codes

        self.config = config
        self.checks = checks
        self.known = rule_codes(dict(checks))
        for selector in (
            *select,
            *ignore,
            *(s for v in config.per_file_ignores.values() for s in v),
        ):
            if selector not in self.known:
                raise SelectorError(f"unknown check or rule '{selector}'")
        self._active = [
            active
            for check_id, check in checks.items()
            if (active := self._activate(check_id, check, select, ignore))
        ]
        self._order = {check_id: index for index, check_id in enumerate(checks)}
        # The patterns every active check declares, scanned for at once per document.
        self._plans = {
            readable: scan.Plan(
                active.patterns
                for active in self._active
                if readable or active.check.id == "encoding"
            )
            for readable in (True, False)
        }

    def _activate(
        self, check_id: str, check: Check, select: Collection[str], ignore: Collection[str]
    ) -> _Active | None:
        section: CheckConfig | None = self.config.checks.get(check_id)
        if section is None:
            return None
        rules: dict[str, RuleConfig] = {}
        for rule in check.rules:
            code = f"{check_id}/{rule.id}"
            rule_config = section.rules[rule.id]
            if select:
                on = _selected(code, check_id, select)
            else:
                on = section.enabled and rule_config.enabled
            if on and not _selected(code, check_id, ignore):
                rules[rule.id] = rule_config
        if not rules:
            return None
        declare = getattr(check, "patterns", None)
        patterns = tuple(declare(section.options)) if callable(declare) else ()
        return _Active(check, section.options, rules, patterns)

    @property
    def active_checks(self) -> list[str]:
        return [active.check.id for active in self._active]

    def rule_table(self) -> tuple[RuleInfo, ...]:
        """Every rule of every check, with its configured severity, in registry order."""
        rules = []
        for check_id, check in self.checks.items():
            section = self.config.checks.get(check_id)
            for rule in check.rules:
                severity = section.rules[rule.id].severity if section else rule.severity
                rules.append(RuleInfo(f"{check_id}/{rule.id}", check_id, rule, severity))
        return tuple(rules)

    def lint(self, document: Document) -> Result:
        ignored = self._ignored_for(document.path)
        findings: list[Finding] = []
        # Text that is not UTF-8 is only decoded for positions: only the encoding check speaks.
        actives = (
            self._active
            if document.decode_error is None
            else [a for a in self._active if a.check.id == "encoding"]
        )
        self._plans[document.decode_error is None].prescan(document)
        for active in actives:
            for finding in active.check.check(document, active.options):
                rule = active.rules.get(finding.rule)
                if rule is None or _selected(finding.code, finding.check, ignored):
                    continue
                severity = (
                    rule.severity
                    if finding.severity is None
                    else min(finding.severity, rule.severity)
                )
                fix = finding.fix if rule.fix else None
                if severity is not finding.severity or fix is not finding.fix:
                    findings.append(finding._replace(severity=severity, fix=fix))
                else:
                    findings.append(finding)
        suppressions = directives.parse(document, self.known)
        if suppressions:
            findings = [
                f for f in findings if not suppressions.suppresses(f, document.line_of(f.start))
            ]
        findings.sort(key=lambda f: (f.start, f.end, self._order.get(f.check, 99), f.rule))
        shown = document.path or "-"
        notes = [
            "{}:{}:{}: {}".format(shown, *document.position(offset), message)
            for offset, message in suppressions.problems
        ]
        return Result(document.path or "", document, findings, notes)

    def _ignored_for(self, path: str | None) -> set[str]:
        if not path or not self.config.per_file_ignores:
            return set()
        ignored: set[str] = set()
        for pattern, codes in self.config.per_file_ignores.items():
            if globs.matches(path, (pattern,)):
                ignored.update(codes)
        return ignored
