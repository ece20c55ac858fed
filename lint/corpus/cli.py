"""The ``contentlint corpus`` subcommand: its arguments and its entry point."""

from __future__ import annotations

import argparse
from typing import Any


def add_parser(commands: Any) -> None:
    parser: argparse.ArgumentParser = commands.add_parser("corpus", help="clean JSONL or Parquet records")
    parser.add_argument("inputs", nargs="+", metavar="IN", help="JSONL, JSONL.gz or Parquet files")


def run(args: argparse.Namespace) -> int:
    raise NotImplementedError("corpus mode")
