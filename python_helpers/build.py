"""Build the warehouse with erasure carried out in the same run, and print how long
each step took:

1. resolve pass: `dbt build --resource-type model --resource-type seed --select
   +int_privacy__...` (staging, identity, the privacy models; no tests): who is to
   be erased (erasure requests, suppressed people seen again);
2. `dbt run-operation apply_erasure`: erasure log, suppression hashes, raw rows
   deleted;
3. `dbt build` (every model, seed, snapshot and test) on the erased raw data.

Extra arguments after `--` go to the final `dbt build` (e.g. `-- --select marts`).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from python_helpers.pipeline import REPO_ROOT, Warehouse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("build", help="dbt build with erasure carried out in the same run", description=__doc__,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--db", type=Path, default=Path(os.environ.get("DBT_DUCKDB_PATH", "warehouse/customer360.duckdb")),
                   help="DuckDB warehouse file (dev target)")
    p.add_argument("--target-path", type=Path, default=REPO_ROOT / "target")
    p.add_argument("dbt_args", nargs="*", help="extra arguments of the final dbt build (after --)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    warehouse = Warehouse(args.db, args.target_path)
    result = warehouse.privacy_build(*args.dbt_args)
    steps = [("1 resolve pass (staging, identity, privacy)", result.resolve),
             ("2 apply_erasure", result.erase), ("3 dbt build", result.build)]
    for label, step in steps:
        if step is None:
            continue
        if step.returncode != 0 or label.startswith("3"):
            sys.stdout.write(step.stdout[-4000:] if step.returncode != 0 else _tail(step.stdout))
        if step.returncode != 0:
            sys.stderr.write(step.stderr[-2000:])
            print(f"build: step '{label}' failed")
            return step.returncode
    print(f"records erased in this run: {result.records_erased}")
    for label, step in steps:
        print(f"  {label:<45}{step.seconds:>8.1f} s")
    print(f"  {'erasure overhead (steps 1 + 2)':<45}{result.resolve.seconds + result.erase.seconds:>8.1f} s")
    return 0


def _tail(stdout: str) -> str:
    lines = stdout.rstrip().splitlines()
    done = [i for i, line in enumerate(lines) if "Finished running" in line]
    return "\n".join(lines[done[-1]:] if done else lines[-5:]) + "\n"
