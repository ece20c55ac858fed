"""The ``contentlint`` command: check, fix, rules.

Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it (for ``fix``, the
ones that remain, or a change with --exit-non-zero-on-fix, or a pending diff); 2 usage,
configuration or I/O error, always as one line on stderr.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, NoReturn

from lint import __version__
from lint.config import Config, ConfigError, load_config
from lint.engine import Linter, SelectorError
from lint.finding import Severity
from lint.runner import FileReport

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UsageError(Exception):
    """A bad command line; the message is the one line the user sees."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def _codes(values: Iterable[str] | None) -> list[str]:
    return [code.strip() for value in values or () for code in value.split(",") if code.strip()]


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="*", metavar="PATH", help="files and folders; '-' reads stdin"
    )
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
    parser.add_argument("--format", default="text", metavar="FORMAT", help="text (default) or json")
    parser.add_argument("--output-file", "-o", metavar="FILE", help="write the report to FILE")
    parser.add_argument(
        "--fail-on", choices=["error", "warning", "info"], help="lowest severity that fails"
    )
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings remain")
    parser.add_argument(
        "--stdin-filename", metavar="NAME", help="the name (and so the markup) of stdin"
    )
    parser.add_argument(
        "--no-respect-gitignore", action="store_true", help="walk files that .gitignore excludes"
    )
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="print findings only, no summary"
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
    except UsageError as error:
        _error(str(error))
    except ConfigError as error:
        _error(str(error))
    except KeyboardInterrupt:
        print("contentlint: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_ERROR
    return EXIT_ERROR


def _error(message: str) -> None:
    print(f"contentlint: error: {message}", file=sys.stderr)


def _load(args: argparse.Namespace) -> tuple[Config, Linter]:
    if args.isolated and args.config:
        raise UsageError("--isolated and --config cannot be used together")
    config = load_config(args.config, discover=not args.isolated)
    try:
        linter = Linter(config, select=_codes(args.select), ignore=_codes(args.ignore))
    except SelectorError as error:
        raise UsageError(str(error)) from None
    return config, linter


def _run(args: argparse.Namespace) -> int:
    from lint import report as reporting

    if args.format not in reporting.FORMATS:
        raise UsageError(
            f"unknown format '{args.format}' (choose from {', '.join(reporting.FORMATS)})"
        )
    config, linter = _load(args)
    paths = args.paths or ["."]
    if "-" in paths:
        if len(paths) > 1:
            raise UsageError("'-' (stdin) cannot be combined with other paths")
        return _run_stdin(args, linter)
    reports, walk_errors = _lint_paths(args, paths, config, linter)
    fail_on = Severity.parse(args.fail_on) if args.fail_on else config.fail_on
    options = reporting.ReportOptions(
        command=args.command,
        quiet=args.quiet,
        unsafe_fixes=getattr(args, "unsafe_fixes", False),
        files_checked=sum(1 for r in reports if r.document is not None),
        diff=getattr(args, "diff", False),
    )
    for file_report in reports:
        for note in file_report.notes:
            print(note, file=sys.stderr)
        if file_report.error:
            print(f"contentlint: error: {file_report.error}", file=sys.stderr)
    if options.diff:
        _write_diffs(reports)
    _write_report(reports, args, options)
    errors = walk_errors or any(r.error for r in reports)
    if errors:
        return EXIT_ERROR
    return _exit_code(args, reports, fail_on)


def _lint_paths(
    args: argparse.Namespace, paths: list[str], config: Config, linter: Linter
) -> tuple[list[FileReport], bool]:
    from lint.runner import check_file, fix_file
    from lint.walk import WalkProblem, iter_files

    reports: list[FileReport] = []
    walk_errors = False
    for item in iter_files(
        paths, config, respect_gitignore=False if args.no_respect_gitignore else None
    ):
        if isinstance(item, WalkProblem):
            print(f"contentlint: error: {item.message}", file=sys.stderr)
            walk_errors = walk_errors or item.error
            continue
        if args.command == "fix":
            reports.append(
                fix_file(
                    item, linter, unsafe=args.unsafe_fixes, write=not args.diff, diff=args.diff
                )
            )
        else:
            reports.append(check_file(item, linter))
    return reports, walk_errors


def _exit_code(args: argparse.Namespace, reports: list[FileReport], fail_on: Severity) -> int:
    if args.exit_zero:
        return EXIT_OK
    if args.command == "fix":
        if args.diff and any(r.diff for r in reports):
            return EXIT_FINDINGS
        if args.exit_non_zero_on_fix and any(r.fixed_text is not None for r in reports):
            return EXIT_FINDINGS
    failing = any(
        (finding.severity or Severity.WARNING) >= fail_on for r in reports for finding in r.findings
    )
    return EXIT_FINDINGS if failing else EXIT_OK


def _write_diffs(reports: list[FileReport]) -> None:
    for file_report in reports:
        if file_report.diff:
            sys.stdout.write(file_report.diff)


def _write_report(reports: list[FileReport], args: argparse.Namespace, options: object) -> None:
    from lint import report as reporting

    assert isinstance(options, reporting.ReportOptions)
    write = reporting.reporter(args.format)
    if args.output_file:
        try:
            with Path(args.output_file).open("w", encoding="utf-8") as stream:
                write(reports, stream, options)
        except OSError as error:
            raise UsageError(
                f"cannot write {args.output_file}: {error.strerror or error}"
            ) from None
    else:
        write(reports, sys.stdout, options)


def _read_stdin() -> str:
    data = sys.stdin.buffer.read()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UsageError(f"stdin is not valid UTF-8 (byte {error.start})") from None


def _run_stdin(args: argparse.Namespace, linter: Linter) -> int:
    from lint import report as reporting
    from lint.document import Document
    from lint.fixer import ConvergenceError, fix_document

    name = args.stdin_filename or "-"
    document = Document.for_path(_read_stdin(), name)
    fail_on = Severity.parse(args.fail_on) if args.fail_on else linter.config.fail_on
    options = reporting.ReportOptions(
        command=args.command,
        quiet=args.quiet,
        files_checked=1,
        unsafe_fixes=getattr(args, "unsafe_fixes", False),
    )
    report = FileReport(name, document)
    out: IO[str] = sys.stdout
    if args.command == "fix":
        try:
            outcome = fix_document(document, linter, unsafe=args.unsafe_fixes)
        except ConvergenceError as error:
            raise UsageError(f"{name}: {error}") from None
        report = FileReport(
            name, outcome.result.document, outcome.result.findings, fixed=outcome.fixed
        )
        if args.diff:
            from lint.runner import unified_diff

            report.diff = unified_diff(name, document.text, outcome.text)
            sys.stdout.write(report.diff)
        else:
            sys.stdout.write(outcome.text)
            sys.stdout.flush()
            out = sys.stderr  # stdout carries the fixed text
        options = reporting.ReportOptions(
            command="fix",
            quiet=args.quiet,
            files_checked=1,
            unsafe_fixes=args.unsafe_fixes,
            diff=args.diff,
        )
    else:
        result = linter.lint(document)
        report = FileReport(name, document, result.findings)
    if args.output_file:
        _write_report([report], args, options)
    else:
        reporting.reporter(args.format)([report], out, options)
    return _exit_code(args, [report], fail_on)
