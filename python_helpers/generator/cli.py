"""``python -m python_helpers generate``: write the synthetic raw sources and truth files."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from .config import DEFAULT_END, DEFAULT_START, RATE_DOCS, GenConfig, parse_rates


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD date: {text!r}") from exc


def _positive(text: str) -> int:
    v = int(text)
    if v < 1:
        raise argparse.ArgumentTypeError("must be >= 1")
    return v


def register(subparsers: argparse._SubParsersAction) -> None:
    rates = "\n".join(f"  {k:<24} {v[0]:<6} {v[1]}" for k, v in RATE_DOCS.items())
    p = subparsers.add_parser(
        "generate",
        help="generate synthetic messy raw source CSVs plus truth files",
        description=(
            "Generate N synthetic persons and what 13 source systems recorded about them "
            "(one <source>.csv each in --out), plus truth_records.csv and truth_persons.csv "
            "in --truth-dir. Same seed + options => byte-identical files."),
        epilog=f"messiness rates (name, default, share of what):\n{rates}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--customers", type=_positive, required=True, metavar="N",
                   help="number of persons to simulate (e.g. 3000 for the demo)")
    p.add_argument("--seed", type=int, required=True, metavar="S", help="random seed")
    p.add_argument("--out", type=Path, required=True, metavar="DIR",
                   help="directory for the raw source CSVs")
    p.add_argument("--truth-dir", type=Path, default=None, metavar="DIR",
                   help="directory for truth files (default: <out>/../truth; never inside --out)")
    p.add_argument("--rate", action="append", default=[], metavar="NAME=VALUE",
                   help="override a messiness rate (repeatable); see the list below")
    p.add_argument("--start-date", type=_date, default=DEFAULT_START, metavar="YYYY-MM-DD",
                   help=f"first day of the simulated period (default {DEFAULT_START})")
    p.add_argument("--end-date", type=_date, default=DEFAULT_END, metavar="YYYY-MM-DD",
                   help=f"last day of the simulated period (default {DEFAULT_END})")
    p.add_argument("--increments", type=int, default=0, metavar="K",
                   help="deliver the last K days as daily files: <out>/<source>/<YYYY-MM-DD>.csv, an initial "
                        "load up to end-date minus K days plus one file per day (default 0: one file per source)")
    p.add_argument("--redelivery-rate", type=float, default=None, metavar="R",
                   help="with --increments: share of already delivered web/app/email events re-delivered "
                        "identically in each day file (default 0.002)")
    p.add_argument("--crm-change-rate", type=float, default=None, metavar="R",
                   help="with --increments: share of already delivered CRM contacts re-exported with changed "
                        "occupation and education in each day file (default 0.01)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    p.add_argument("--quiet", action="store_true", help="do not print the run summary")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from .core import generate, resolve_truth_dir

    try:
        rates = parse_rates(args.rate)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.end_date < args.start_date:
        print("error: --end-date is before --start-date", file=sys.stderr)
        return 2
    cfg = GenConfig(customers=args.customers, seed=args.seed, start=args.start_date,
                    end=args.end_date, rates=rates, progress=not args.no_progress)
    try:
        truth_dir = resolve_truth_dir(args.out, args.truth_dir)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.increments < 0 or args.start_date + dt.timedelta(days=args.increments) > args.end_date:
        print("error: --increments must be >= 0 and leave at least one day for the initial load", file=sys.stderr)
        return 2
    day_rows: dict[str, int] = {}
    if args.increments:
        from .increments import DEFAULT_CRM_CHANGE, DEFAULT_REDELIVERY, generate_increments

        redelivery = DEFAULT_REDELIVERY if args.redelivery_rate is None else args.redelivery_rate
        crm_change = DEFAULT_CRM_CHANGE if args.crm_change_rate is None else args.crm_change_rate
        if not (0 <= redelivery <= 1 and 0 <= crm_change <= 1):
            print("error: --redelivery-rate and --crm-change-rate must be within 0..1", file=sys.stderr)
            return 2
        stats, day_rows = generate_increments(cfg, args.out, truth_dir, args.increments, redelivery, crm_change)
    else:
        stats = generate(cfg, args.out, truth_dir)
    if not args.quiet:
        print(f"persons: {stats.persons}")
        for name, n in stats.rows.items():
            print(f"  {name + '.csv':<26} {n:>10} rows")
        print(f"total rows: {sum(stats.rows.values())}")
        if day_rows:
            days = sorted({key.split("/")[1] for key in day_rows})
            print("delivered as day files: " + ", ".join(
                f"{d[:-4]} {sum(n for k, n in day_rows.items() if k.endswith(d)):,} rows" for d in days))
        print(f"seconds: {stats.seconds:.2f}")
        print(f"customers per minute: {stats.customers_per_minute:,.0f}")
    return 0
