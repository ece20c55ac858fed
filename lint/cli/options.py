"""The command line's words: the usage error, the flags every command shares, and a run's
options parsed once into a frozen object that the rest of the command reads."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable
from typing import Any, NamedTuple, NoReturn

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UsageError(Exception):
    """A bad command line; the message is the one line the user sees."""


class Terminated(KeyboardInterrupt):
    """SIGTERM during a parallel run: stopped like Ctrl-C, with exit code 143."""


class Parser(argparse.ArgumentParser):
    """argparse that raises UsageError (one line, exit 2) instead of printing usage and exiting."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message)

    def _get_formatter(self) -> argparse.HelpFormatter:
        # argparse asks shutil for the terminal's width on every parser it builds, and
        # importing shutil (with bz2 and lzma) is ~3 ms of every run; os gives the width.
        formatter_class: Any = self.formatter_class  # a HelpFormatter: it takes a width
        formatter: argparse.HelpFormatter = formatter_class(self.prog, width=_terminal_width() - 2)
        return formatter


def _terminal_width() -> int:
    """``shutil.get_terminal_size().columns``: $COLUMNS, else the terminal, else 80."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


def codes(values: Iterable[str] | None) -> tuple[str, ...]:
    """``--select a,b --select c`` as ("a", "b", "c")."""
    return tuple(
        code.strip() for value in values or () for code in value.split(",") if code.strip()
    )


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


def check_config_flags(args: argparse.Namespace) -> None:
    if args.isolated and args.config:
        raise UsageError("--isolated and --config cannot be used together")


class RunOptions(NamedTuple):
    """``check`` and ``fix`` as the user asked for them."""

    command: str
    paths: tuple[str, ...]
    config: str | None
    isolated: bool
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    format: str
    output_file: str | None
    fail_on: str | None
    exit_zero: bool
    resolve_links: bool
    stdin_filename: str | None
    respect_gitignore: bool | None  # None: as the configuration says
    quiet: bool
    color: str
    statistics: bool
    show_source: bool
    jobs: int
    baseline: str | None
    max_file_size: int | None = None  # None: as the configuration says; 0: no limit
    write_baseline: str | None = None
    diff: bool = False
    unsafe_fixes: bool = False
    exit_non_zero_on_fix: bool = False

    @classmethod
    def parse(cls, args: argparse.Namespace) -> RunOptions:
        fix = args.command == "fix"
        return cls(
            command=args.command,
            paths=tuple(args.paths or ["."]),
            config=args.config,
            isolated=args.isolated,
            select=codes(args.select),
            ignore=codes(args.ignore),
            format=args.format,
            output_file=args.output_file,
            fail_on=args.fail_on,
            exit_zero=args.exit_zero,
            resolve_links=args.resolve_links,
            stdin_filename=args.stdin_filename,
            respect_gitignore=False if args.no_respect_gitignore else None,
            quiet=args.quiet,
            color=args.color,
            statistics=args.statistics,
            show_source=args.show_source,
            jobs=args.jobs,
            baseline=args.baseline,
            max_file_size=args.max_file_size,
            write_baseline=None if fix else args.write_baseline,
            diff=fix and args.diff,
            unsafe_fixes=fix and args.unsafe_fixes,
            exit_non_zero_on_fix=fix and args.exit_non_zero_on_fix,
        )

    @property
    def stdin(self) -> bool:
        return self.paths == ("-",)
