"""Benchmarks that print figures (never asserts on time).

``benchmark identity``: generate N customers, load them, build the project up to
the identity graph's edges, then time identity stitching alone (the dbt model
int_identity__components: string-to-integer encoding, contraction to the fixed
point, label resolution) and, on the very same edge list, the reference
``scipy.sparse.csgraph.connected_components`` with its string-to-integer
encoding (pandas.factorize) included. Prints both wall times (the dbt process,
and the model's own execution time without dbt's start-up), the ratio, the
stitching's peak memory (max RSS of the dbt process) and checks that both give
the same partition, node for node.


``benchmark incremental``: generate N customers with the last day(s) delivered as
day files (``generate --increments``), load the initial files and build; then
deliver the day files (``load --append``) and time the incremental ``dbt build``;
then time ``dbt build --full-refresh`` over the same data on the same warehouse.
Prints both wall times, their ratio, the share of new raw rows, the slowest
models of the incremental run, and whether the marts of both builds are
identical (order-independent hash per table).

``benchmark churn`` (module benchmark_churn): what one delivery changed per table
between a warehouse copied before it and the same warehouse after the incremental
build.

``benchmark identity-scope`` (module benchmark_identity_scope): the identity records
one delivery reaches (changed records, the records sharing their identifiers, their
probabilistic partners, and every record of those customers), and whether that
scope holds every record whose customer changed.

``benchmark scoped-identity`` (module benchmark_scoped_identity): the identity
models' queries restricted to that scope on a warehouse after an incremental
build: their cost against the full queries, and that they give the same rows.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import numpy as np

from python_helpers.pipeline import BIN_DIR, REPO_ROOT


def _run_measured(args: list[str], env: dict[str, str], check: bool = True) -> tuple[float, int, str]:
    """Run a command; return (seconds, peak RSS in MB of the process, output).

    check=False lets a command that exits non-zero return too (a dbt build whose
    tests fail still has a wall time worth publishing; the caller reports the failures)."""
    started = time.perf_counter()
    proc = subprocess.Popen(args, cwd=REPO_ROOT, env={**os.environ, **env}, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    output = proc.stdout.read() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    if proc.returncode != 0 and check:
        raise RuntimeError(f"command failed: {' '.join(args)}\n{output[-5000:]}")
    return seconds, usage.ru_maxrss // 1024, output


def _dbt(args: list[str], db: Path, target: Path) -> list[str]:
    return [str(BIN_DIR / "dbt"), *args, "--project-dir", str(REPO_ROOT), "--profiles-dir", str(REPO_ROOT),
            "--target-path", str(target), "--log-path", str(target / "logs")]


def scipy_components(db: Path) -> tuple[float, int, object]:
    """Connected components with scipy on the stitching's own edge list (self-loops dropped).

    Returns (seconds incl. encoding, number of components, DataFrame node_key -> label)."""
    import pandas as pd
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    con = duckdb.connect(str(db), read_only=True)
    try:
        edges = con.execute(
            "select src_node_key, dst_node_key from intermediate.int_identity__edges"
            " where src_node_key <> dst_node_key"
        ).fetch_df()
    finally:
        con.close()
    started = time.perf_counter()
    codes, uniques = pd.factorize(pd.concat([edges["src_node_key"], edges["dst_node_key"]], ignore_index=True))
    n_edges = len(edges)
    src, dst = codes[:n_edges], codes[n_edges:]
    graph = coo_matrix((np.ones(n_edges, dtype=np.int8), (src, dst)), shape=(len(uniques), len(uniques)))
    n_components, labels = connected_components(graph, directed=False)
    seconds = time.perf_counter() - started
    return seconds, n_components, pd.DataFrame({"node_key": uniques, "scipy_label": labels})


def _same_partition(db: Path, scipy_labels) -> tuple[int, int, int, int]:
    """(nodes SQL, nodes scipy, components SQL, distinct (SQL, scipy) label pairs): equal partitions
    have as many label pairs as components and the same nodes."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        con.register("scipy_labels", scipy_labels)
        return con.execute(
            "select (select count(*) from intermediate.int_identity__components),"
            " (select count(*) from scipy_labels),"
            " (select count(distinct component_id) from intermediate.int_identity__components),"
            " (select count(*) from (select distinct c.component_id, s.scipy_label from scipy_labels as s"
            "   inner join intermediate.int_identity__components as c on hash(s.node_key) = c.node_id))"
        ).fetchone()
    finally:
        con.close()


def run_identity(args: argparse.Namespace) -> int:
    work = args.workdir.resolve()
    raw, truth = work / "raw", work / "truth"
    db, target = work / "warehouse.duckdb", work / "target"
    env = {"DBT_DUCKDB_PATH": str(db), "DBT_PROFILES_DIR": str(REPO_ROOT),
           "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    py = sys.executable
    figures: list[tuple[str, str]] = []
    if not (raw / "web_events.csv").exists():
        s, mem, _ = _run_measured([py, "-m", "python_helpers", "generate", "--customers", str(args.customers),
                                   "--seed", str(args.seed), "--out", str(raw), "--truth-dir", str(truth),
                                   "--no-progress", "--quiet"], env)
        figures.append(("generate", f"{s:,.1f} s"))
    if not args.reuse_warehouse or not db.exists():
        if not (args.skip_load and db.exists()):
            s, mem, _ = _run_measured([py, "-m", "python_helpers", "load", "--raw-dir", str(raw), "--db", str(db)],
                                      env)
            figures.append(("load raw files", f"{s:,.1f} s (peak {mem:,} MB)"))
        _run_measured(_dbt(["seed"], db, target), env)
        s, mem, _ = _run_measured(_dbt(["run", "--select", "+int_identity__edges", "+int_identity__anchors"],
                                       db, target), env)
        figures.append(("dbt run up to the identity edges", f"{s:,.1f} s (peak {mem:,} MB)"))
    con = duckdb.connect(str(db), read_only=True)
    n_edges, n_records = con.execute(
        "select (select count(*) from intermediate.int_identity__edges),"
        " (select count(*) from intermediate.int_identity__anchors)"
    ).fetchone()
    con.close()
    sql_s, sql_mem, _ = _run_measured(_dbt(["run", "--select", "int_identity__components"], db, target), env)
    model_s = _model_seconds(target, ("int_identity__components",))
    sci_s, sci_n, scipy_labels = scipy_components(db)
    sql_nodes, sci_nodes, sql_n, pairs = _same_partition(db, scipy_labels)
    con = duckdb.connect(str(db), read_only=True)
    (iterations,) = con.execute("select max(iteration) from intermediate.int_identity__components").fetchone()
    con.close()
    same = sql_nodes == sci_nodes and sql_n == sci_n == pairs
    figures += [
        ("customers generated", f"{args.customers:,}"),
        ("records / edges", f"{n_records:,} / {n_edges:,}"),
        ("stitching: dbt run int_identity__components", f"{sql_s:,.2f} s, peak {sql_mem:,} MB, "
                                                         f"{iterations} rounds"),
        ("  of which the model itself (run_results)", f"{model_s:,.2f} s"),
        ("scipy connected_components incl. encoding", f"{sci_s:,.2f} s"),
        ("ratio stitching / scipy (dbt process)", f"{sql_s / sci_s:,.2f}x"),
        ("ratio stitching / scipy (model only)", f"{model_s / sci_s:,.2f}x"),
        ("nodes SQL / scipy", f"{sql_nodes:,} / {sci_nodes:,}"),
        ("components SQL / scipy / label pairs", f"{sql_n:,} / {sci_n:,} / {pairs:,} "
                                                  f"({'same partition' if same else 'DIFFERENT'})"),
    ]
    width = max(len(k) for k, _ in figures)
    print(f"identity stitching benchmark ({args.customers:,} customers, seed {args.seed}, {os.cpu_count()} cores)")
    for key, value in figures:
        print(f"  {key.ljust(width)}  {value}")
    return 0 if same else 1


def _slowest(target: Path, n: int = 6) -> str:

    results = json.loads((target / "run_results.json").read_text())["results"]
    top = sorted(results, key=lambda r: r["execution_time"], reverse=True)[:n]
    return ", ".join(f"{r['unique_id'].split('.')[-1]} {r['execution_time']:.1f} s" for r in top)


def _model_seconds(target: Path, names: tuple[str, ...] | None = None) -> float:
    """Sum of execution times of the models and snapshots of the last run (optionally only ``names``)."""

    results = json.loads((target / "run_results.json").read_text())["results"]
    return sum(r["execution_time"] for r in results
               if r["unique_id"].split(".")[0] in ("model", "snapshot")
               and (names is None or r["unique_id"].split(".")[-1] in names))


def run_incremental(args: argparse.Namespace) -> int:
    """The incremental part of the suite for one size (python_helpers.benchmark_suite.run_size)."""
    from python_helpers.benchmark_suite import run_size

    f = run_size(args.customers, args.seed, args.workdir.resolve(), args.days)
    inc = f["incremental"]
    figures = [
        ("customers generated", f"{args.customers:,}"),
        ("raw rows before / new", f"{f['raw_rows']:,} / {inc['new_rows']:,} "
                                  f"({inc['new_rows'] / (f['raw_rows'] + inc['new_rows']):.2%})"),
        ("initial full build", f"{f['full_build']['seconds']:,.1f} s (peak {f['full_build']['peak_mb']:,} MB)"),
        ("load --append of the day files", f"{inc['append_seconds']:,.1f} s"),
        ("incremental dbt build", f"{inc['seconds']:,.1f} s (peak {inc['peak_mb']:,} MB)"),
        ("full-refresh dbt build (same data)", f"{inc['full_refresh_seconds']:,.1f} s "
                                               f"(peak {inc['full_refresh_peak_mb']:,} MB)"),
        ("incremental / full", f"{inc['seconds'] / inc['full_refresh_seconds']:.1%} (goal at 1M customers: <= 15%)"),
        ("incremental build per layer", ", ".join(f"{k} {v:,.1f} s" for k, v in sorted(inc["layers"].items()))),
        ("full-refresh build per layer", ", ".join(f"{k} {v:,.1f} s"
                                                   for k, v in sorted(inc["full_refresh_layers"].items()))),
        ("slowest steps of the incremental build", inc["slowest"]),
        ("marts + history incremental vs full refresh",
         "same" if inc["same_as_full_refresh"] else "DIFFERENT: " + ", ".join(inc["differing_tables"])),
    ]
    width = max(len(k) for k, _ in figures)
    print(f"incremental refresh benchmark ({args.customers:,} customers, seed {args.seed}, {os.cpu_count()} cores)")
    for key, value in figures:
        print(f"  {key.ljust(width)}  {value}")
    return 0 if inc["same_as_full_refresh"] else 1


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("benchmark", help="benchmarks that print figures", description=__doc__,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    kinds = p.add_subparsers(dest="kind", required=True)
    ident = kinds.add_parser("identity", help="identity stitching vs scipy connected_components")
    ident.add_argument("--customers", type=int, default=1_000_000)
    ident.add_argument("--seed", type=int, default=7)
    ident.add_argument("--workdir", type=Path, default=Path("data/benchmark"),
                       help="where raw data, truth and the warehouse go (raw data is reused when present)")
    ident.add_argument("--reuse-warehouse", action="store_true",
                       help="skip load and the upstream dbt run when the warehouse exists")
    ident.add_argument("--skip-load", action="store_true",
                       help="skip the load when the warehouse exists (re-run dbt on the loaded raw tables)")
    ident.set_defaults(func=run_identity)
    inc = kinds.add_parser("incremental", help="incremental build after new day files vs a full-refresh build")
    inc.add_argument("--customers", type=int, default=1_000_000)
    inc.add_argument("--seed", type=int, default=7)
    inc.add_argument("--days", type=int, default=1, help="day files delivered after the initial load (default 1)")
    inc.add_argument("--workdir", type=Path, default=Path("data/benchmark-incremental"),
                     help="where generated data, the delivered raw folder and the warehouse go "
                          "(generated data is reused when present)")
    inc.set_defaults(func=run_incremental)
    from python_helpers.benchmark_churn import register as register_churn
    from python_helpers.benchmark_identity_scope import register as register_identity_scope
    from python_helpers.benchmark_scoped_identity import register as register_scoped_identity
    from python_helpers.benchmark_suite import register as register_suite

    register_suite(kinds)
    register_churn(kinds)
    register_identity_scope(kinds)
    register_scoped_identity(kinds)
