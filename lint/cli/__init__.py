"""The ``contentlint`` command: check, fix, rules, corpus and lsp.

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
from collections.abc import Sequence

from lint import __version__
from lint.cli.options import EXIT_ERROR, Parser, UsageError, add_config_options
from lint.config import ConfigError


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {value!r}") from None
    if jobs < 0:
        raise argparse.ArgumentTypeError("must be 0 (all cores) or more")
    return jobs


_SIZE_UNITS = {"": 1, "k": 10**3, "m": 10**6, "g": 10**9}


def _size(value: str) -> int:
    """A byte count: 5000000, 5MB, 5M, 1.5G; 0 means no limit."""
    number = value.strip().lower().rstrip("ib")  # 5MiB, 5MB and 5M read alike
    digits = number.rstrip("kmg")
    unit = number[len(digits) :]
    try:
        size = float(digits) * _SIZE_UNITS[unit]
    except (ValueError, KeyError):
        size = -1.0
    if not 0 <= size < 2**63:  # also NaN and infinity
        raise argparse.ArgumentTypeError(
            f"expected a size such as 50000000, 50MB or 0 (no limit), got {value!r}"
        )
    return int(size)


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
    parser.add_argument(
        "--max-file-size",
        type=_size,
        metavar="SIZE",
        help="check files up to SIZE (bytes, or 50MB; 0: no limit); a larger file is an error."
        " Default: max-file-size in the configuration (20MB)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="contentlint",
        description="Lint text about to be published: broken encoding, leftover comments and site chrome, "
        "affiliate and shortened links, unverifiable promotional claims.",
    )
    parser.add_argument("--version", action="version", version=f"contentlint {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
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
        "--exit-non-zero-on-fix",
        action="store_true",
        help="exit 1 when a file was changed (even with --exit-zero)",
    )
    rules = commands.add_parser("rules", help="list checks and rules, or explain one")
    rules.add_argument("rule", nargs="?", metavar="RULE", help="a check id or check/rule code")
    rules.add_argument("--format", default="text", choices=["text", "json"])
    from lint.cli.corpus import add_parser as add_corpus_parser

    add_corpus_parser(commands)
    lsp = commands.add_parser(
        "lsp", help="run the language server for editors (needs the lsp extra)"
    )
    lsp.add_argument(
        "--tcp", type=int, metavar="PORT", help="listen on PORT instead of stdio (for debugging)"
    )
    lsp.add_argument("--host", default="127.0.0.1", help="the address --tcp listens on")
    return parser


def _run_lsp(args: argparse.Namespace) -> int:
    try:
        from lint.lsp.server import serve
    except ImportError as error:  # the lsp extra is not installed
        missing = (error.name or "").partition(".")[0]
        if missing not in {"pygls", "lsprotocol", "cattrs", "attrs"}:
            raise
        raise UsageError(
            f"the language server needs the lsp extra ({missing} is not installed): "
            "pip install 'contentlint[lsp]'"
        ) from None
    return serve(tcp=args.tcp, host=args.host)


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        args = build_parser().parse_args(args_list)
        if args.command is None:
            raise UsageError(
                "a command is required: check, fix, rules, corpus or lsp (see contentlint --help)"
            )
        if args.command == "rules":
            from lint.cli.rules import run_rules

            return run_rules(args.rule, args.format, sys.stdout)
        if args.command == "lsp":
            return _run_lsp(args)
        if args.command == "corpus":
            from lint.cli.corpus import run as run_corpus

            return run_corpus(args)
        from lint.cli.options import RunOptions
        from lint.cli.pipeline import run

        return run(RunOptions.parse(args))
    except (UsageError, ConfigError) as error:  # includes BaselineError
        _error(str(error))
    except KeyboardInterrupt as stop:
        from lint.cli.options import Terminated

        if isinstance(stop, Terminated):
            print("\ncontentlint: terminated", file=sys.stderr)
            return 143
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
