"""Where the time goes: one in-process pass over a corpus, timed stage by stage and check by
check (CPU time of this process, best of several passes).

    python benchmarks/stages.py FOLDER [--passes N]      # prints one JSON object

The stages are a ``check`` run's own: walking the folder, reading and decoding the files,
the document indexes every check shares (lines, code, comments), the one scan of the
checks' declared patterns, each check, the inline directives, the engine around them
(severities, selection, order) and turning findings into report records. Then each check
alone: a linter with only that check (its own scan included). It imports only what every
version of contentlint has, so ``PYTHONPATH=OTHER_CHECKOUT python benchmarks/stages.py``
measures another version the same way (benchmarks/run.py does, for the "before" column).
"""

from __future__ import annotations

import argparse
import json
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


def one_pass(
    folder: Path, config: Any, checks: dict[str, Any], select: tuple[str, ...] = ()
) -> dict[str, float]:
    timer = Timer()
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
    findings = sum(len(result.records()) for result in results)
    timer.spent["report records"] += clock() - start
    timer.spent["findings"] = findings
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
    one_pass(args.folder, config, checks)  # warm-up: imports, caches, compiled patterns
    passes = [one_pass(args.folder, config, checks) for _ in range(args.passes)]
    stages = {key: min(p[key] for p in passes) for key in passes[0] if key != "findings"}
    alone = {}
    for check_id in checks:
        if check_id not in config.checks:
            continue
        runs = [
            one_pass(args.folder, config, checks, (check_id,))
            for _ in range(max(1, args.passes - 1))
        ]
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
