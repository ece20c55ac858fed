"""The ``contentlint`` command: check, fix, rules.

Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it (for ``fix``, the
ones that remain, or a change with --exit-non-zero-on-fix, or a pending diff); 2 usage,
configuration or I/O error, always as one line on stderr.

The report goes to stdout (or --output-file); notes, errors and the progress bar go to
stderr. Files are linted in order, by worker processes when the run is large enough, and
the report streams as they finish.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, NoReturn

from lint import __version__
from lint.config import Config, ConfigError, load_config
from lint.engine import Linter, SelectorError
from lint.finding import Severity
from lint.runner import FileReport

if TYPE_CHECKING:
    from lint.baseline import Baseline, BaselineWriter
    from lint.progress import Progress
    from lint.report import ReportOptions

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UsageError(Exception):
    """A bad command line; the message is the one line the user sees."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def _codes(values: Iterable[str] | None) -> list[str]:
    return [code.strip() for value in values or () for code in value.split(",") if code.strip()]


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {value!r}") from None
    if jobs < 0:
        raise argparse.ArgumentTypeError("must be 0 (all cores) or more")
    return jobs


def add_config_options(parser: argparse.ArgumentParser) -> None:
    """--config, --isolated, --select, --ignore: shared by check, fix and corpus."""
    parser.add_argument(
        "--config", metavar="FILE", help="configuration file (default: nearest .contentlint.yaml)"
    )
    parser.add_argument(
        "--isolated", action="store_true", help="ignore configuration files; use the defaults"
    )
    parser.add_argument(
        "--select", action="append", metavar="RULES", help="only these checks or check/rule codes"
    )
    parser.add_argument(
        "--ignore", action="append", metavar="RULES", help="never these checks or check/rule codes"
    )


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="*", metavar="PATH", help="files and folders; '-' reads stdin"
    )
    add_config_options(parser)
    parser.add_argument(
        "--format",
        default="text",
        metavar="FORMAT",
        help="text (default), json, jsonl, sarif or github",
    )
    parser.add_argument("--output-file", "-o", metavar="FILE", help="write the report to FILE")
    parser.add_argument(
        "--fail-on", choices=["error", "warning", "info"], help="lowest severity that fails"
    )
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings remain")
    parser.add_argument(
        "--resolve-links",
        action="store_true",
        help="follow shortened links over the network to report where they lead",
    )
    parser.add_argument(
        "--stdin-filename", metavar="NAME", help="the name (and so the markup) of stdin"
    )
    parser.add_argument(
        "--no-respect-gitignore", action="store_true", help="walk files that .gitignore excludes"
    )
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="print findings only, no summary or progress"
    )
    parser.add_argument(
        "--color",
        choices=["auto", "always", "never"],
        default="auto",
        help="colour the text report (auto: when stdout is a terminal and NO_COLOR is unset)",
    )
    parser.add_argument(
        "--statistics", action="store_true", help="print the number of findings per rule"
    )
    parser.add_argument(
        "--show-source", action="store_true", help="print each finding's line with a caret under it"
    )
    parser.add_argument(
        "--jobs",
        "-j",
        type=_jobs,
        default=0,
        metavar="N",
        help="lint files in N processes (default 0: all cores; small runs use one)",
    )
    parser.add_argument(
        "--baseline", metavar="FILE", help="report only findings not recorded in FILE"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="contentlint",
        description="Lint text about to be published: broken encoding, leftover comments and site chrome, "
        "affiliate and shortened links, unverifiable promotional claims.",
    )
    parser.add_argument("--version", action="version", version=f"contentlint {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    check = commands.add_parser("check", help="report findings")
    _add_common(check)
    check.add_argument(
        "--write-baseline",
        metavar="FILE",
        help="record today's findings in FILE (for --baseline) and exit 0",
    )
    fix = commands.add_parser("fix", help="apply safe fixes and report what is left")
    _add_common(fix)
    fix.add_argument("--diff", action="store_true", help="print a unified diff; write nothing")
    fix.add_argument(
        "--unsafe-fixes", action="store_true", help="also apply fixes that may change meaning"
    )
    fix.add_argument(
        "--exit-non-zero-on-fix", action="store_true", help="exit 1 when a file was changed"
    )
    rules = commands.add_parser("rules", help="list checks and rules, or explain one")
    rules.add_argument("rule", nargs="?", metavar="RULE", help="a check id or check/rule code")
    rules.add_argument("--format", default="text", choices=["text", "json"])
    from lint.corpus.cli import add_parser as add_corpus_parser

    add_corpus_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        args = build_parser().parse_args(args_list)
        if args.command is None:
            raise UsageError("a command is required: check, fix or rules (see contentlint --help)")
        if args.command == "rules":
            from lint.rules_command import run_rules

            return run_rules(args.rule, args.format, sys.stdout)
        if args.command == "corpus":
            from lint.corpus.cli import run as run_corpus

            return run_corpus(args)
        return _run(args)
    except (UsageError, ConfigError) as error:  # includes BaselineError
        _error(str(error))
    except KeyboardInterrupt:
        print("\ncontentlint: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        _quiet_broken_pipe()
    return EXIT_ERROR


def _quiet_broken_pipe() -> None:
    # `contentlint check . | head`: stop quietly, and keep Python from complaining at exit.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _error(message: str) -> None:
    print(f"contentlint: error: {message}", file=sys.stderr)


def _with_option(config: Config, check: str, key: str, value: object) -> Config:
    """``config`` with one check option set, as a flag such as --resolve-links asks."""
    from dataclasses import replace
    from types import MappingProxyType

    section = config.checks.get(check)
    if section is None:
        return config
    options = MappingProxyType({**section.options, key: value})
    checks = MappingProxyType({**config.checks, check: replace(section, options=options)})
    return replace(config, checks=checks)


def _load(args: argparse.Namespace) -> tuple[Config, Linter]:
    if args.isolated and args.config:
        raise UsageError("--isolated and --config cannot be used together")
    config = load_config(args.config, discover=not args.isolated)
    if getattr(args, "resolve_links", False):
        config = _with_option(config, "links", "resolve-links", True)
    try:
        linter = Linter(config, select=_codes(args.select), ignore=_codes(args.ignore))
    except SelectorError as error:
        raise UsageError(str(error)) from None
    return config, linter


def _validate(args: argparse.Namespace) -> None:
    from lint.report import FORMATS, STATISTICS_FORMATS

    if args.format not in FORMATS:
        raise UsageError(f"unknown format '{args.format}' (choose from {', '.join(FORMATS)})")
    if args.statistics and args.format not in STATISTICS_FORMATS:
        raise UsageError(
            f"--statistics works with --format {', '.join(STATISTICS_FORMATS)}, not {args.format}"
        )
    write_baseline = getattr(args, "write_baseline", None)
    if write_baseline and args.baseline:
        raise UsageError("--baseline and --write-baseline cannot be used together")
    if getattr(args, "diff", False) and args.format != "text":
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
    args: argparse.Namespace, linter: Linter, stream: IO[str], files: int
) -> ReportOptions:
    from lint.report import ReportOptions, RuleInfo

    rules = []
    for check_id, check in linter.checks.items():
        section = linter.config.checks.get(check_id)
        for rule in check.rules:
            severity = section.rules[rule.id].severity if section else rule.severity
            rules.append(RuleInfo(f"{check_id}/{rule.id}", check_id, rule, severity))
    return ReportOptions(
        command=args.command,
        quiet=args.quiet,
        statistics=args.statistics,
        show_source=args.show_source,
        color=args.format == "text"
        and use_color("never" if args.output_file and args.color == "auto" else args.color, stream),
        unsafe_fixes=getattr(args, "unsafe_fixes", False),
        files_checked=files,
        diff=getattr(args, "diff", False),
        rules=tuple(rules),
        tool_version=__version__,
    )


@dataclass
class _Outcome:
    """What the exit code depends on, gathered while the reports stream past."""

    fail_on: Severity
    failing: bool = False
    errors: bool = False
    changed: bool = False
    diff_pending: bool = False

    def add(self, report: FileReport) -> None:
        self.errors = self.errors or report.error is not None
        self.changed = self.changed or report.fixed_text is not None
        self.diff_pending = self.diff_pending or bool(report.diff)
        self.failing = self.failing or any(
            (finding.severity or Severity.WARNING) >= self.fail_on for finding in report.findings
        )

    def exit_code(self, args: argparse.Namespace) -> int:
        if self.errors:
            return EXIT_ERROR
        if args.exit_zero:
            return EXIT_OK
        if args.command == "fix":
            if getattr(args, "diff", False) and self.diff_pending:
                return EXIT_FINDINGS
            if getattr(args, "exit_non_zero_on_fix", False) and self.changed:
                return EXIT_FINDINGS
        return EXIT_FINDINGS if self.failing else EXIT_OK


@dataclass
class _Pipeline:
    """Between the linter and the reporter: stderr notes, baseline, progress, exit code."""

    outcome: _Outcome
    options: ReportOptions
    baseline: Baseline | None = None
    writer: BaselineWriter | None = None
    progress: Progress | None = None
    diff_stream: IO[str] | None = None

    def stream(self, reports: Iterable[FileReport]) -> Iterator[FileReport]:
        for report in reports:
            if report.document is not None and self.baseline is not None:
                report.findings, hidden = self.baseline.filter(
                    report.path, report.document, report.findings
                )
                self.options.tally.baselined += hidden
            if report.document is not None and self.writer is not None:
                self.writer.add(report.path, report.document, report.findings)
            if self.progress is not None and (
                report.findings or report.notes or report.error or report.diff
            ):
                self.progress.clear()
            for note in report.notes:
                print(note, file=sys.stderr)
            if report.error:
                print(f"contentlint: error: {report.error}", file=sys.stderr)
                self.options.tally.errors += 1
            if report.diff and self.diff_stream is not None:
                self.diff_stream.write(report.diff)
            self.outcome.add(report)
            yield report
            if self.progress is not None:
                self.progress.advance(len(report.findings))
        if self.progress is not None:
            self.progress.close()  # before the reporter's summary


def _run(args: argparse.Namespace) -> int:
    _validate(args)
    config, linter = _load(args)
    paths = args.paths or ["."]
    if "-" in paths and len(paths) > 1:
        raise UsageError("'-' (stdin) cannot be combined with other paths")
    fail_on = Severity.parse(args.fail_on) if args.fail_on else config.fail_on
    if paths == ["-"]:
        stdin_reports, out = _lint_stdin(args, linter)
        pipeline = _pipeline(args, _report_options(args, linter, out, 1), fail_on)
        return _finish(args, pipeline, stdin_reports, out)
    files, walk_errors = _collect(args, paths, config)
    pipeline = _pipeline(args, _report_options(args, linter, sys.stdout, len(files)), fail_on)
    pipeline.outcome.errors = walk_errors
    pipeline.options.tally.errors += int(walk_errors)
    if not args.quiet:
        from lint.progress import Progress, wanted

        pipeline.progress = Progress(sys.stderr, len(files), enabled=wanted(sys.stderr))
    from lint.parallel import FileTask, available_cores, run_files

    task = FileTask(
        command=args.command,
        unsafe=getattr(args, "unsafe_fixes", False),
        write=not getattr(args, "diff", False),
        diff=getattr(args, "diff", False),
    )
    reports = run_files(
        files,
        task,
        linter,
        jobs=args.jobs or available_cores(),
        select=_codes(args.select),
        ignore=_codes(args.ignore),
    )
    try:
        return _finish(args, pipeline, reports, sys.stdout)
    finally:
        if pipeline.progress is not None:
            pipeline.progress.close()


def _pipeline(args: argparse.Namespace, options: ReportOptions, fail_on: Severity) -> _Pipeline:
    pipeline = _Pipeline(_Outcome(fail_on), options)
    if args.baseline:
        from lint.baseline import Baseline

        pipeline.baseline = Baseline.load(args.baseline)
    if getattr(args, "write_baseline", None):
        from lint.baseline import BaselineWriter

        pipeline.writer = BaselineWriter(args.write_baseline)
    return pipeline


def _finish(
    args: argparse.Namespace, pipeline: _Pipeline, reports: Iterable[FileReport], out: IO[str]
) -> int:
    from lint import report as reporting

    stream = pipeline.stream(reports)
    if pipeline.writer is not None:
        files = sum(1 for report in stream if report.document is not None)
        pipeline.writer.write()
        print(
            f"contentlint: wrote {pipeline.writer.count} findings in {files} files"
            f" to {pipeline.writer.path}",
            file=sys.stderr,
        )
        return EXIT_ERROR if pipeline.outcome.errors else EXIT_OK
    write = reporting.reporter(args.format)
    if pipeline.options.diff:
        # The diffs go to stdout first, then the report: nothing interleaves.
        pipeline.diff_stream = sys.stdout
        stream = iter(list(stream))
    if args.output_file:
        try:
            with Path(args.output_file).open("w", encoding="utf-8") as file:
                write(stream, file, pipeline.options)
        except OSError as error:
            raise UsageError(
                f"cannot write {args.output_file}: {error.strerror or error}"
            ) from None
    else:
        write(stream, out, pipeline.options)
        out.flush()
    return pipeline.outcome.exit_code(args)


def _collect(args: argparse.Namespace, paths: list[str], config: Config) -> tuple[list[Path], bool]:
    from lint.walk import WalkProblem, iter_files

    files: list[Path] = []
    walk_errors = False
    for item in iter_files(
        paths, config, respect_gitignore=False if args.no_respect_gitignore else None
    ):
        if isinstance(item, WalkProblem):
            print(f"contentlint: error: {item.message}", file=sys.stderr)
            walk_errors = walk_errors or item.error
            continue
        files.append(item)
    return files, walk_errors


def _read_stdin() -> str:
    data = sys.stdin.buffer.read()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UsageError(f"stdin is not valid UTF-8 (byte {error.start})") from None


def _lint_stdin(args: argparse.Namespace, linter: Linter) -> tuple[list[FileReport], IO[str]]:
    """The one report for stdin, and where it goes (stderr when stdout carries fixed text)."""
    from lint.document import Document
    from lint.fixer import ConvergenceError, fix_document

    name = args.stdin_filename or "-"
    document = Document.for_path(_read_stdin(), name)
    if args.command != "fix":
        result = linter.lint(document)
        return [FileReport(name, document, result.findings)], sys.stdout
    try:
        outcome = fix_document(document, linter, unsafe=args.unsafe_fixes)
    except ConvergenceError as error:
        raise UsageError(f"{name}: {error}") from None
    report = FileReport(name, outcome.result.document, outcome.result.findings, fixed=outcome.fixed)
    if outcome.text != document.text:
        report.fixed_text = outcome.text
    if args.diff:
        from lint.runner import unified_diff

        report.diff = unified_diff(name, document.text, outcome.text)
        return [report], sys.stdout
    sys.stdout.write(outcome.text)
    sys.stdout.flush()
    return [report], sys.stderr  # stdout carries the fixed text
