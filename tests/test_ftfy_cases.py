"""ftfy's own public test cases, run through the encoding check: an external measure.

Expected repairs are ``fixed-encoding`` where given, else ``fixed`` with ftfy's usual
quote uncurling undone (contentlint never uncurls quotes). Cases ftfy itself marks as
failing are counted, not asserted.
"""

from __future__ import annotations

import json
from pathlib import Path

from lint import fix_text, lint_text
from lint.finding import Edit

CASES = Path(__file__).parent / "external" / "ftfy-test-cases"


def _cases(name: str) -> list[dict[str, str]]:
    data: list[dict[str, str]] = json.loads((CASES / f"{name}.json").read_text(encoding="utf-8"))
    return data


def _repair(text: str) -> str:
    return fix_text(text, select=["encoding/mojibake"]).text


def _expected(case: dict[str, str]) -> str:
    return case.get("fixed-encoding", case["fixed"])


def test_ftfy_positive_cases_are_repaired(capsys: object) -> None:
    results: dict[str, tuple[int, int]] = {}
    for name in ("in-the-wild", "synthetic"):
        cases = [c for c in _cases(name) if c["expect"] == "pass" and c["original"] != _expected(c)]
        right = sum(1 for c in cases if _repair(c["original"]) == _expected(c))
        detected = sum(1 for c in cases if lint_text(c["original"], select=["encoding"]).findings)
        results[name] = (right, len(cases))
        print(
            f"ftfy {name}: {right}/{len(cases)} repaired exactly, {detected}/{len(cases)} reported"
        )
    right = sum(r for r, _ in results.values())
    total = sum(t for _, t in results.values())
    # Quote-uncurling differences aside, ftfy's encoding repair gets nearly all of these.
    assert right / total >= 0.9, results


def test_ftfy_negative_cases_are_left_as_ftfy_leaves_them() -> None:
    # One "mostly negative" case expects its C1 control to become the character it stands for.
    wrong = [c["label"] for c in _cases("negative") if _repair(c["original"]) != _expected(c)]
    assert wrong == []


def test_ftfy_negative_cases_get_no_mojibake_finding() -> None:
    flagged = [
        c["label"]
        for c in _cases("negative")
        if _expected(c) == c["original"]
        and lint_text(c["original"], select=["encoding/mojibake"]).findings
    ]
    assert flagged == []


def test_ftfy_known_failures_are_counted(capsys: object) -> None:
    cases = _cases("known-failures")
    right = sum(1 for c in cases if _repair(c["original"]) == _expected(c))
    print(f"ftfy known failures: {right}/{len(cases)} repaired anyway")


def test_a_repair_sharing_a_character_with_the_mojibake_is_one_replacement() -> None:
    # "\x99\x91â€™" repairs to "™‘’": both hold "™", which a character diff keeps, reporting a
    # deletion of "\x99\x91â€" and an empty finding inserting "‘’" after it.
    text = "Experts agree\x99\x91â€™\n"
    findings = lint_text(text, select=["encoding"]).findings
    found = [(f.start, f.end, f.fix.edits if f.fix else None) for f in findings]
    assert found == [(13, 18, (Edit(13, 18, "™‘’"),))]
    assert fix_text(text).text == "Experts agree™‘’\n"
