"""Where the time goes: one in-process pass over a corpus, timed stage by stage and check by
check (CPU time of this process, best of several passes).

    python benchmarks/stages.py FOLDER [--passes N]      # prints one JSON object

The stages are a ``check`` run's own: walking the folder, reading and decoding the files,
the document indexes every check shares (lines, code, comments), the one scan of the
checks' declared patterns, each check, the inline directives, the engine around them
(severities, selection, order) and writing the text report. Then each check alone: a
linter with only that check (its own scan included). It imports only what every version
of contentlint has, so ``PYTHONPATH=OTHER_CHECKOUT python benchmarks/stages.py`` measures
another version the same way (benchmarks/run.py does, for the "before" column).

Every pass is a first look at the corpus, as a ``check`` run's is: fresh check objects
(their memos empty) and contentlint's bounded caches cleared; the lazy imports, compiled
patterns and models are warmed up beforehand on the seeds, and what that first warm-up
costs a process is its own row ("first documents"). Without that, a pass after the first
found every sentence already judged in a memo, and the table read ~0.4 s less than a
``check`` run spends.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from lint import directives, scan
from lint.cli.runner import document_for
from lint.config import load_config
from lint.files.textfile import read_text_file
from lint.files.walk import iter_files
from lint.linter import Linter
from lint.registry import load_checks

ROOT = Path(__file__).resolve().parent.parent
WARM_UP = ROOT / "seeds"
clock = time.process_time


class Timer:
    def __init__(self) -> None:
        self.spent: dict[str, float] = defaultdict(float)

    def wrap(self, label: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = clock()
            try:
                return function(*args, **kwargs)
            finally:
                self.spent[label] += clock() - start

        return timed


class TimedCheck:
    """A check whose findings are produced (and timed) in full when it is called."""

    def __init__(self, check: Any, timer: Timer) -> None:
        self._check, self._timer = check, timer
        self.id, self.rules = check.id, check.rules
        self.summary = getattr(check, "summary", "")
        self.default_options = getattr(check, "default_options", {})
        if hasattr(check, "patterns"):
            self.patterns = check.patterns

    def check(self, document: Any, options: Any) -> Iterator[Any]:
        start = clock()
        found = list(self._check.check(document, options))
        self._timer.spent[f"check: {self.id}"] += clock() - start
        return iter(found)


def _paths(folder: Path, config: Any) -> list[Path]:
    found = iter_files([str(folder)], config, respect_gitignore=False)
    return [item for item in found if isinstance(item, Path)]


def fresh_checks() -> dict[str, Any]:
    """New check objects (empty memos) and contentlint's bounded caches (per host, per
    text) cleared: what a process that has not seen the corpus yet holds."""
    for name, module in list(sys.modules.items()):
        if name != "lint" and not name.startswith("lint."):
            continue
        for value in list(vars(module).values()):
            info = getattr(value, "cache_info", None)
            if callable(info) and info().maxsize is not None:
                value.cache_clear()
    return {check_id: type(check)() for check_id, check in load_checks().items()}


def warm_up(config: Any, checks: dict[str, Any], select: tuple[str, ...] = ()) -> float:
    """Lint the seeds (every check's lazy imports, patterns and models); its CPU time."""
    start = clock()
    linter = Linter(config, checks, select=select)
    for path in _paths(WARM_UP, config):
        linter.lint(document_for(read_text_file(path, config.max_file_size), str(path)))
    return clock() - start


def _text_report(results: list[Any], linter: Linter) -> None:
    """The text report of the results (the benchmark's ``check -q``), written to memory."""
    from lint.report import ReportOptions
    from lint.report.text import report

    options = ReportOptions(quiet=True, files_checked=len(results), rules=linter.rule_table())
    report(results, io.StringIO(), options)


def one_pass(
    folder: Path, config: Any, select: tuple[str, ...] = (), warm: float = 0.0
) -> dict[str, float]:
    checks = fresh_checks()
    warm_up(config, checks, select)
    timer = Timer()
    if warm:
        timer.spent["first documents (imports, patterns, models)"] = warm
    timed: dict[str, Any] = {cid: TimedCheck(check, timer) for cid, check in checks.items()}
    linter = Linter(config, timed, select=select)
    start = clock()
    paths = _paths(folder, config)
    timer.spent["walk"] += clock() - start
    start = clock()
    files = [read_text_file(path, config.max_file_size) for path in paths]
    timer.spent["read and decode"] += clock() - start
    start = clock()
    documents = [document_for(f, str(p)) for f, p in zip(files, paths, strict=True)]
    for document in documents:
        _ = document.line_starts, document.code, document.comments
    timer.spent["document indexes"] += clock() - start
    # The scan and the directives, timed where the linter calls them (either version).
    saved = {name: getattr(scan, name) for name in ("prescan",) if hasattr(scan, name)}
    plan = getattr(scan, "Plan", None)
    saved_plan = getattr(plan, "prescan", None) if plan is not None else None
    saved_parse = directives.parse
    for name, function in saved.items():
        setattr(scan, name, timer.wrap("one scan", function))
    if plan is not None and saved_plan is not None:
        plan.prescan = timer.wrap("one scan", saved_plan)
    directives.parse = timer.wrap("directives", saved_parse)
    try:
        start = clock()
        results = [linter.lint(document) for document in documents]
        total = clock() - start
    finally:
        for name, function in saved.items():
            setattr(scan, name, function)
        if plan is not None and saved_plan is not None:
            plan.prescan = saved_plan
        directives.parse = saved_parse
    inside = sum(
        v
        for k, v in timer.spent.items()
        if k.startswith("check: ") or k in ("one scan", "directives")
    )
    timer.spent["engine (severity, selection, order)"] += max(0.0, total - inside)
    start = clock()
    _text_report(results, linter)
    timer.spent["report (text)"] += clock() - start
    timer.spent["findings"] = sum(len(result.findings) for result in results)
    return dict(timer.spent)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--config", default=None)
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args(argv)
    config = load_config(args.config, discover=False)
    checks = load_checks()
    size = sum(p.stat().st_size for p in _paths(args.folder, config))
    # The first look at any documents pays for lazy imports, patterns and models; the
    # seeds again, once all is loaded, cost only their linting.
    first = warm_up(config, fresh_checks())
    again = min(warm_up(config, fresh_checks()) for _ in range(2))
    warm = max(0.0, first - again)
    passes = [one_pass(args.folder, config, warm=warm) for _ in range(args.passes)]
    stages = {key: min(p[key] for p in passes) for key in passes[0] if key != "findings"}
    alone = {}
    for check_id in checks:
        if check_id not in config.checks:
            continue
        runs = [one_pass(args.folder, config, (check_id,)) for _ in range(max(1, args.passes - 1))]
        alone[check_id] = min(
            r.get(f"check: {check_id}", 0.0) + r.get("one scan", 0.0) for r in runs
        )
    print(
        json.dumps(
            {"bytes": size, "stages": stages, "alone": alone, "findings": passes[0]["findings"]}
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
