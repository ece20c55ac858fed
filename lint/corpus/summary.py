"""Counts for a corpus run, mergeable across batches and workers, and the closing summary."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import IO, Any


@dataclass
class Stats:
    """What a run did. Findings are counted on the input text, before any fix."""

    records: int = 0
    changed: int = 0
    fixes: int = 0
    dropped: int = 0
    errors: int = 0
    input_bytes: int = 0
    findings: Counter[str] = field(default_factory=Counter)
    dropped_by: Counter[str] = field(default_factory=Counter)

    def merge(self, other: Stats) -> None:
        self.records += other.records
        self.changed += other.changed
        self.fixes += other.fixes
        self.dropped += other.dropped
        self.errors += other.errors
        self.input_bytes += other.input_bytes
        self.findings.update(other.findings)
        self.dropped_by.update(other.dropped_by)

    def as_dict(self, seconds: float) -> dict[str, Any]:
        """The summary as data (``--summary-json``)."""
        return {
            "records": self.records,
            "changed": self.changed,
            "fixes": self.fixes,
            "dropped": self.dropped,
            "errors": self.errors,
            "input_bytes": self.input_bytes,
            "findings": dict(sorted(self.findings.items())),
            "dropped_by_rule": dict(sorted(self.dropped_by.items())),
            "seconds": round(seconds, 3),
            "records_per_second": round(self.records / seconds, 1) if seconds > 0 else None,
        }


def write_summary(
    stats: Stats, seconds: float, stream: IO[str], *, errors_path: str | None = None
) -> None:
    """A few lines for a person: totals, findings per rule, throughput."""
    parts = [f"{stats.records:,} records", f"{stats.changed:,} changed"]
    if stats.fixes:
        parts[-1] += f" ({stats.fixes:,} {'fix' if stats.fixes == 1 else 'fixes'})"
    parts.append(f"{stats.dropped:,} dropped")
    errors = f"{stats.errors:,} failed"
    if stats.errors and errors_path:
        errors += f" (see {errors_path})"
    parts.append(errors)
    print("contentlint corpus: " + ", ".join(parts), file=stream)
    if stats.findings:
        print("findings per rule (input text):", file=stream)
        width = max(len(code) for code in stats.findings)
        for code, count in sorted(stats.findings.items(), key=lambda item: (-item[1], item[0])):
            print(f"  {code:<{width}}  {count:>10,}", file=stream)
    if stats.dropped_by:
        dropped = ", ".join(f"{code} {count:,}" for code, count in sorted(stats.dropped_by.items()))
        print(f"dropped by rule: {dropped}", file=stream)
    if seconds > 0:
        print(
            f"{seconds:.1f} s: {stats.records / seconds:,.0f} records/s, "
            f"{stats.input_bytes / 1e6 / seconds:.2f} MB/s of input",
            file=stream,
        )
