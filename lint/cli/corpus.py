"""The ``contentlint corpus`` subcommand: its arguments and its entry point.

Exit codes: 0 the job finished; 1 it finished but some records failed (they are in the
error file; ``--exit-zero`` makes this 0); 2 usage, configuration, input or output error.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from lint.cli.options import UsageError, add_config_options, check_config_flags, codes

EXIT_OK, EXIT_RECORD_ERRORS = 0, 1


def add_parser(commands: Any) -> None:
    parser: argparse.ArgumentParser = commands.add_parser(
        "corpus",
        help="clean JSONL or Parquet records",
        description="Lint and fix the text field of every record of JSONL, JSONL.gz or Parquet "
        "files, keeping every other field and the record order; write JSONL with a 'contentlint' "
        "field holding each record's findings.",
    )
    parser.add_argument(
        "inputs", nargs="+", metavar="IN", help="JSONL, JSONL.gz or Parquet files; '-' reads stdin"
    )
    parser.add_argument(
        "--output",
        "-o",
        required=True,
        metavar="OUT",
        help="OUT.jsonl or OUT.jsonl.gz; '-' writes stdout",
    )
    parser.add_argument(
        "--text-field",
        default="text",
        metavar="NAME",
        help="the field holding the text (default: text)",
    )
    parser.add_argument(
        "--markup",
        choices=["text", "markdown", "html"],
        default="text",
        help="how to read the text (default: text)",
    )
    parser.add_argument(
        "--findings-only", action="store_true", help="add findings; leave the text as it was"
    )
    parser.add_argument(
        "--unsafe-fixes", action="store_true", help="also apply fixes that may change meaning"
    )
    parser.add_argument(
        "--drop-if",
        action="append",
        metavar="RULES",
        help="drop records with findings of these checks or check/rule codes",
    )
    parser.add_argument(
        "--dropped-output", metavar="FILE", help="write dropped records here, unchanged"
    )
    parser.add_argument(
        "--errors",
        metavar="FILE",
        help="records that failed, with the reason (default: OUT's name with .errors.jsonl)",
    )
    parser.add_argument(
        "--engine", choices=["local", "dask"], help="local processes (default) or Dask"
    )
    parser.add_argument(
        "--workers",
        type=_positive,
        metavar="N",
        help="worker processes (local default 1; Dask local cluster default: CPU count)",
    )
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="an existing Dask scheduler, e.g. tcp://host:8786 (implies --engine dask)",
    )
    parser.add_argument(
        "--batch-size",
        type=_positive,
        default=1000,
        metavar="N",
        help="records per batch sent to a worker (default 1000)",
    )
    add_config_options(parser)
    parser.add_argument("--summary-json", metavar="FILE", help="also write the summary as JSON")
    parser.add_argument(
        "--no-progress",
        action="store_true",
        help="no progress bar (it is shown only on a terminal)",
    )
    parser.add_argument(
        "--exit-zero", action="store_true", help="exit 0 even when some records failed"
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="no summary")


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, got '{value}'")
    return number


def run(args: argparse.Namespace) -> int:
    from lint.corpus.dask_engine import EngineError
    from lint.corpus.records import InputError
    from lint.corpus.sinks import OutputError

    try:
        return _run(args)
    except (InputError, OutputError, EngineError) as error:
        raise UsageError(str(error)) from None


def _check_args(args: argparse.Namespace) -> str:
    """Reject contradictory flags; return the engine to use."""
    check_config_flags(args)
    engine = args.engine or ("dask" if args.scheduler else "local")
    if args.scheduler and engine != "dask":
        raise UsageError("--scheduler needs --engine dask")
    if args.scheduler and args.workers:
        raise UsageError(
            "--workers starts a local cluster; an existing one (--scheduler) has its own"
        )
    if args.output.endswith(".parquet"):
        raise UsageError("the output is JSONL: name it OUT.jsonl or OUT.jsonl.gz")
    if "-" in args.inputs and len(args.inputs) > 1:
        raise UsageError("'-' (stdin) cannot be combined with other inputs")
    return engine


def _run(args: argparse.Namespace) -> int:
    import json
    import uuid
    from pathlib import Path

    from lint.cli.progress import Progress, wanted
    from lint.config import load_config
    from lint.corpus.driver import Plan, default_errors_path, run_job
    from lint.corpus.job import Job
    from lint.corpus.sinks import is_gzip_path
    from lint.corpus.summary import write_summary
    from lint.linter import Linter, SelectorError

    engine = _check_args(args)
    config = load_config(args.config, discover=not args.isolated)
    select, ignore, drop_if = codes(args.select), codes(args.ignore), codes(args.drop_if)
    try:
        linter = Linter(config, select=select, ignore=ignore)
    except SelectorError as error:
        raise UsageError(str(error)) from None
    unknown = [code for code in drop_if if code not in linter.known]
    if unknown:
        raise UsageError(f"--drop-if: unknown check or rule '{unknown[0]}'")
    if args.dropped_output and not drop_if:
        raise UsageError("--dropped-output needs --drop-if")
    job = Job(
        config=config,
        token=uuid.uuid4().hex,
        text_field=args.text_field,
        markup=args.markup,
        select=select,
        ignore=ignore,
        findings_only=args.findings_only,
        unsafe_fixes=args.unsafe_fixes,
        drop_if=drop_if,
        compress_output=args.output != "-" and is_gzip_path(args.output),
    )
    plan = Plan(
        inputs=tuple(args.inputs),
        output=args.output,
        errors=args.errors or default_errors_path(args.output),
        dropped=args.dropped_output,
        engine=engine,
        workers=args.workers,
        scheduler=args.scheduler,
        batch_size=args.batch_size,
    )

    def progress(total: int | None) -> Progress:
        return Progress(sys.stderr, total, enabled=True, unit="record")

    show_progress = not args.no_progress and wanted(sys.stderr)
    stats, seconds = run_job(job, plan, progress=progress if show_progress else None)
    if not args.quiet:
        write_summary(stats, seconds, sys.stderr, errors_path=plan.errors)
    if args.summary_json:
        try:
            Path(args.summary_json).write_text(
                json.dumps(stats.as_dict(seconds), indent=2) + "\n", encoding="utf-8"
            )
        except OSError as error:
            raise UsageError(
                f"cannot write {args.summary_json}: {error.strerror or error}"
            ) from None
    if stats.errors and not args.exit_zero:
        return EXIT_RECORD_ERRORS
    return EXIT_OK
