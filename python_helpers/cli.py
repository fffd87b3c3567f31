"""One CLI for every helper: ``python -m python_helpers <command> --help``.

Each command lives in its own module that exposes ``register(subparsers)``: it
adds a sub-parser and sets ``func`` (called with the parsed args, returning an
exit code). Only the module of the command being run is imported.
"""

from __future__ import annotations

import argparse
import importlib
import sys

# command name -> (module that implements it, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "generate": ("python_helpers.generator.cli", "write deterministic demo raw data and a truth file"),
    "contract": ("python_helpers.contract", "print the raw-data contract as markdown"),
    "load": ("python_helpers.loader", "load raw export files into the warehouse (checks the contract)"),
    "build": ("python_helpers.build", "dbt build with erasure carried out in the same run (timed steps)"),
    "access": ("python_helpers.access", "subject access request: everything held about one person, to JSON"),
    "export": ("python_helpers.export", "export a BI mart to CSV (cells safe against formula injection)"),
    "summary": ("python_helpers.summary", "print the summary of a built warehouse"),
    "score": ("python_helpers.scoring", "score identity resolution and profiles against the truth file"),
    "quality": ("python_helpers.quality.runner", "run the great-expectations suites on a built warehouse"),
    "quality-report": ("python_helpers.quality.report", "write the HTML quality report of a built warehouse"),
    "benchmark": ("python_helpers.benchmark", "benchmarks that print figures (identity stitching vs scipy, ...)"),
}

PROG = "python -m python_helpers"


def _usage() -> str:
    width = max(len(n) for n in COMMANDS)
    lines = [f"usage: {PROG} COMMAND [options]   ({PROG} COMMAND --help for its options)", "", "commands:"]
    lines += [f"  {name.ljust(width)}  {helptext}" for name, (_, helptext) in COMMANDS.items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help"):
        print(_usage())
        return 0 if argv else 2
    name = argv[0]
    if name not in COMMANDS:
        print(f"unknown command {name!r}\n\n{_usage()}", file=sys.stderr)
        return 2
    module = importlib.import_module(COMMANDS[name][0])
    parser = argparse.ArgumentParser(prog=PROG)
    module.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return int(args.func(args) or 0)
