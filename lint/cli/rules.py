"""``contentlint rules [RULE]``: every check and rule, or one rule explained."""

from __future__ import annotations

import json
from typing import IO

from lint.cli.options import UsageError
from lint.config import load_config
from lint.linter import Linter


def _fix_label(fix: str) -> str:
    return {"safe": "fix", "unsafe": "unsafe fix", "sometimes": "fix (some)", "none": "-"}.get(
        fix, fix
    )


def run_rules(selector: str | None, output_format: str, stream: IO[str]) -> int:
    linter = Linter(load_config())
    rows = [
        (linter.checks[info.check], info.rule, info.code, str(info.severity))
        for info in linter.rule_table()
        if not selector or selector in {info.check, info.code}
    ]
    if selector and not rows:
        raise UsageError(
            f"unknown check or rule '{selector}' (run `contentlint rules` for the list)"
        )
    if output_format == "json":
        data = [
            {
                "code": code,
                "check": check.id,
                "rule": rule.id,
                "severity": severity,
                "fix": rule.fix,
                "summary": rule.summary,
                "explanation": rule.explanation,
                "example": rule.example,
            }
            for check, rule, code, severity in rows
        ]
        json.dump(data, stream, indent=2, ensure_ascii=False)
        stream.write("\n")
        return 0
    if selector:
        for check, rule, code, severity in rows:
            stream.write(f"{code}  ({severity}, {_fix_label(rule.fix)})\n\n{rule.summary}\n\n")
            stream.write(rule.explanation.strip() + "\n")
            if rule.example:
                stream.write("\nExample:\n\n")
                stream.write(
                    "".join(f"    {line}\n" for line in rule.example.strip("\n").splitlines())
                )
            stream.write("\n")
            del check
        return 0
    width = max(len(code) for _, _, code, _ in rows)
    for _check, rule, code, severity in rows:
        stream.write(
            f"{code:<{width}}  {severity:<7}  {_fix_label(rule.fix):<10}  {rule.summary}\n"
        )
    return 0
