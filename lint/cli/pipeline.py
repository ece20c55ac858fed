"""``check`` and ``fix``: files (or stdin) through the runner, past the baseline and the
progress bar, into a reporter; and the exit code the results call for."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import MappingProxyType
from typing import IO, TYPE_CHECKING

from lint import __version__
from lint.cli.options import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, RunOptions, UsageError
from lint.cli.runner import STDIN, FileTask, read_stdin
from lint.config import Config, load_config
from lint.finding import Severity
from lint.linter import Linter, SelectorError
from lint.result import Result, severity_of

if TYPE_CHECKING:
    from lint.cli.baseline import Baseline, BaselineWriter
    from lint.cli.progress import Progress
    from lint.report import ReportOptions


def run(options: RunOptions) -> int:
    _validate(options)
    if options.isolated and options.config:
        raise UsageError("--isolated and --config cannot be used together")
    config, linter = _load(options)
    if STDIN in options.paths and len(options.paths) > 1:
        raise UsageError("'-' (stdin) cannot be combined with other paths")
    fail_on = Severity.parse(options.fail_on) if options.fail_on else config.fail_on
    if options.stdin:
        stdin_results, out = _lint_stdin(options, linter)
        pipeline = _pipeline(options, _report_options(options, linter, out, 1), fail_on)
        return _finish(options, pipeline, stdin_results, out)
    files, walk_errors = _collect(options, config)
    pipeline = _pipeline(options, _report_options(options, linter, sys.stdout, len(files)), fail_on)
    pipeline.outcome.errors = walk_errors
    pipeline.options.tally.errors += int(walk_errors)
    if not options.quiet:
        from lint.cli.progress import Progress, wanted

        pipeline.progress = Progress(sys.stderr, len(files), enabled=wanted(sys.stderr))
    from lint.cli.parallel import available_cores, run_files

    results = run_files(
        files,
        _task(options),
        linter,
        jobs=options.jobs or available_cores(),
        select=options.select,
        ignore=options.ignore,
    )
    try:
        return _finish(options, pipeline, results, sys.stdout)
    finally:
        # Stopped early (Ctrl-C while a report was being written): the workers stop now.
        results.close()
        if pipeline.progress is not None:
            pipeline.progress.close()


def _task(options: RunOptions, *, write: bool = True) -> FileTask:
    return FileTask(
        command=options.command,
        unsafe=options.unsafe_fixes,
        write=write and not options.diff,
        diff=options.diff,
    )


def _with_option(config: Config, check: str, key: str, value: object) -> Config:
    """``config`` with one check option set, as a flag such as --resolve-links asks."""
    section = config.checks.get(check)
    if section is None:
        return config
    check_options = MappingProxyType({**section.options, key: value})
    checks = MappingProxyType({**config.checks, check: section._replace(options=check_options)})
    return config._replace(checks=checks)


def _load(options: RunOptions) -> tuple[Config, Linter]:
    config = load_config(options.config, discover=not options.isolated)
    if options.max_file_size is not None:
        config = config._replace(max_file_size=options.max_file_size)
    if options.resolve_links:
        config = _with_option(config, "links", "resolve-links", True)
    try:
        linter = Linter(config, select=options.select, ignore=options.ignore)
    except SelectorError as error:
        raise UsageError(str(error)) from None
    return config, linter


def _validate(options: RunOptions) -> None:
    from lint.report import FORMATS, STATISTICS_FORMATS

    if options.format not in FORMATS:
        raise UsageError(f"unknown format '{options.format}' (choose from {', '.join(FORMATS)})")
    if options.statistics and options.format not in STATISTICS_FORMATS:
        raise UsageError(
            f"--statistics works with --format {', '.join(STATISTICS_FORMATS)}, not {options.format}"
        )
    if options.write_baseline and options.baseline:
        raise UsageError("--baseline and --write-baseline cannot be used together")
    if options.diff and options.format != "text":
        raise UsageError("--diff prints a unified diff; it cannot be combined with --format")


def use_color(choice: str, stream: IO[str]) -> bool:
    """--color: always and never win; auto follows NO_COLOR, FORCE_COLOR and the terminal."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    try:
        return stream.isatty() and os.environ.get("TERM", "") != "dumb"
    except (AttributeError, ValueError):
        return False


def _report_options(
    options: RunOptions, linter: Linter, stream: IO[str], files: int
) -> ReportOptions:
    from lint.report import ReportOptions

    color = options.color
    return ReportOptions(
        command=options.command,
        quiet=options.quiet,
        statistics=options.statistics,
        show_source=options.show_source,
        color=options.format == "text"
        and use_color("never" if options.output_file and color == "auto" else color, stream),
        unsafe_fixes=options.unsafe_fixes,
        files_checked=files,
        diff=options.diff,
        rules=linter.rule_table(),
        tool_version=__version__,
    )


class _Outcome:
    """What the exit code depends on, gathered while the results stream past."""

    def __init__(self, fail_on: Severity) -> None:
        self.fail_on = fail_on
        self.failing = False
        self.errors = False
        self.changed = False
        self.diff_pending = False

    def add(self, result: Result) -> None:
        self.errors = self.errors or result.error is not None
        self.changed = self.changed or result.changed
        self.diff_pending = self.diff_pending or bool(result.diff)
        self.failing = self.failing or any(
            severity_of(finding) >= self.fail_on for finding in result.findings
        )

    def exit_code(self, options: RunOptions) -> int:
        if self.errors:
            return EXIT_ERROR
        # A change is reported even with --exit-zero: `fix --exit-zero --exit-non-zero-on-fix`
        # fails only when it changed a file (the pre-commit fix hook).
        if options.exit_non_zero_on_fix and self.changed:
            return EXIT_FINDINGS
        if options.exit_zero:
            return EXIT_OK
        if options.diff and self.diff_pending:
            return EXIT_FINDINGS
        return EXIT_FINDINGS if self.failing else EXIT_OK


class _Pipeline:
    """Between the linter and the reporter: stderr notes, baseline, progress, exit code."""

    def __init__(self, outcome: _Outcome, options: ReportOptions) -> None:
        self.outcome = outcome
        self.options = options
        self.baseline: Baseline | None = None
        self.writer: BaselineWriter | None = None
        self.progress: Progress | None = None
        self.diff_stream: IO[str] | None = None

    def stream(self, results: Iterable[Result]) -> Iterator[Result]:
        for result in results:
            if result.document is not None and self.baseline is not None:
                result.findings, hidden = self.baseline.filter(
                    result.path, result.document, result.findings
                )
                self.options.tally.baselined += hidden
            if result.document is not None and self.writer is not None:
                self.writer.add(result.path, result.document, result.findings)
            if self.progress is not None and (
                result.findings or result.notes or result.error or result.diff
            ):
                self.progress.clear()
            for note in result.notes:
                print(note, file=sys.stderr)
            if result.error:
                print(f"contentlint: error: {result.error}", file=sys.stderr)
                self.options.tally.errors += 1
            if result.diff and self.diff_stream is not None:
                self.diff_stream.write(result.diff)
            self.outcome.add(result)
            yield result
            if self.progress is not None:
                self.progress.advance(findings=len(result.findings))
        if self.progress is not None:
            self.progress.close()  # before the reporter's summary


def _pipeline(options: RunOptions, report_options: ReportOptions, fail_on: Severity) -> _Pipeline:
    pipeline = _Pipeline(_Outcome(fail_on), report_options)
    if options.baseline:
        from lint.cli.baseline import Baseline

        pipeline.baseline = Baseline.load(options.baseline)
    if options.write_baseline:
        from lint.cli.baseline import BaselineWriter

        pipeline.writer = BaselineWriter(options.write_baseline)
    return pipeline


def _finish(
    options: RunOptions, pipeline: _Pipeline, results: Iterable[Result], out: IO[str]
) -> int:
    from lint import report as reporting

    stream = pipeline.stream(results)
    if pipeline.writer is not None:
        files = sum(1 for result in stream if result.document is not None)
        pipeline.writer.write()
        print(
            f"contentlint: wrote {pipeline.writer.count} findings in {files} files"
            f" to {pipeline.writer.path}",
            file=sys.stderr,
        )
        return EXIT_ERROR if pipeline.outcome.errors else EXIT_OK
    write = reporting.reporter(options.format)
    if pipeline.options.diff:
        # The diffs go to stdout first, then the report: nothing interleaves.
        pipeline.diff_stream = sys.stdout
        stream = iter(list(stream))
    if options.output_file:
        try:
            with Path(options.output_file).open("w", encoding="utf-8") as file:
                write(stream, file, pipeline.options)
        except OSError as error:
            raise UsageError(
                f"cannot write {options.output_file}: {error.strerror or error}"
            ) from None
    else:
        write(stream, out, pipeline.options)
        out.flush()
    return pipeline.outcome.exit_code(options)


def _collect(options: RunOptions, config: Config) -> tuple[list[Path], bool]:
    from lint.files.walk import WalkProblem, iter_files

    files: list[Path] = []
    walk_errors = False
    for item in iter_files(
        list(options.paths), config, respect_gitignore=options.respect_gitignore
    ):
        if isinstance(item, WalkProblem):
            print(f"contentlint: error: {item.message}", file=sys.stderr)
            walk_errors = walk_errors or item.error
            continue
        files.append(item)
    return files, walk_errors


def _lint_stdin(options: RunOptions, linter: Linter) -> tuple[list[Result], IO[str]]:
    """The one result for stdin, and where the report goes (stderr when stdout carries the
    fixed text). Stdin is decoded and linted exactly as a file of its name would be."""
    from lint.files.textfile import SkippedFile

    name = options.stdin_filename or STDIN
    data = sys.stdin.buffer.read()
    try:
        text_file = read_stdin(data, name)
    except SkippedFile as skipped:
        raise UsageError(str(skipped).replace(f"{name}: skipped: ", "stdin: ")) from None
    result = _task(options, write=False).run(text_file, name, linter)
    if options.command != "fix" or options.diff:
        return [result], sys.stdout
    unchanged = text_file.decode_error is not None or result.error is not None
    sys.stdout.flush()
    # Bytes out as bytes in: the same encoding and BOM; text that was not fixed goes through as it came.
    sys.stdout.buffer.write(data if unchanged else text_file.encode(result.text))
    sys.stdout.buffer.flush()
    return [result], sys.stderr  # stdout carries the fixed text
