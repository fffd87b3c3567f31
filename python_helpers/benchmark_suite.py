"""``benchmark suite``: the published figures, one size after another.

For each size (default 10k, 100k and 1M customers) it runs the same steps on its
own warehouse under ``--workdir/<size>``:

1. generate the demo data with one day delivered separately (``--increments``):
   wall time, peak memory;
2. load the initial files;
3. full ``dbt build`` (every seed, model, snapshot and test): wall time, peak
   memory (max RSS of the dbt process, DuckDB runs inside it), wall time per layer
   (the union of the layer's node intervals in run_results.json, so two threads
   are not counted twice), raw rows per second;
4. identity stitching alone (``dbt run -s int_identity__components``) against
   ``scipy.sparse.csgraph.connected_components`` on the same edge list, with the
   partitions compared node for node;
5. deliver the day files (``load --append``), incremental ``dbt build``; then
   ``dbt build --full-refresh`` on the same data; both wall times, their ratio,
   and whether marts and history of both are identical (``--full-refresh-up-to N``
   skips the full refresh above N customers: the incremental build is then
   compared with the initial full build, which has one day of data less).

Figures of each size are kept in ``--out/results.json`` (a run of one size updates
only its entry), then ``results.md`` (tables) and ``scaling.png`` (chart) are
written from all entries, and with ``--update-readme`` the README's benchmark block
(between the ``benchmark-suite`` markers) is replaced by the tables.
Nothing here asserts on time.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from python_helpers.benchmark import _dbt, _model_seconds, _run_measured, _same_partition, _slowest, scipy_components
from python_helpers.pipeline import REPO_ROOT, deliver_day_files, table_fingerprints

LAYERS = ("seeds", "staging", "identity", "features & other intermediate", "marts", "quality",
          "history snapshot", "tests")
README_START, README_END = "<!-- benchmark-suite:start -->", "<!-- benchmark-suite:end -->"


def _layer(node: dict) -> str:
    kind = node["resource_type"]
    if kind in ("test", "unit_test"):
        return "tests"
    if kind == "seed":
        return "seeds"
    if kind == "snapshot":
        return "history snapshot"
    fqn = node["fqn"]
    if fqn[1] == "intermediate":
        return "identity" if fqn[2] == "identity" else "features & other intermediate"
    return fqn[1]


def layer_walls(target: Path) -> dict[str, float]:
    """Wall seconds per layer of the last dbt invocation: the length of the union of
    the [compile start, execute end] intervals of the layer's nodes."""
    manifest = json.loads((target / "manifest.json").read_text())
    nodes = {**manifest["nodes"], **manifest.get("unit_tests", {})}
    spans: dict[str, list[tuple[float, float]]] = {}
    for result in json.loads((target / "run_results.json").read_text())["results"]:
        times = [datetime.fromisoformat(t[k].replace("Z", "+00:00")).timestamp()
                 for t in result["timing"] for k in ("started_at", "completed_at") if t.get(k)]
        if not times or result["unique_id"] not in nodes:
            continue
        spans.setdefault(_layer(nodes[result["unique_id"]]), []).append((min(times), max(times)))
    walls = {}
    for layer, intervals in spans.items():
        total, end = 0.0, float("-inf")
        for start, stop in sorted(intervals):
            if stop > end:
                total += stop - max(start, end)
                end = stop
        walls[layer] = total
    return walls


def _count(db: Path, sql: str) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


def _build(args: list[str], db: Path, target: Path, env: dict[str, str]) -> tuple[float, int, list[str]]:
    """A measured `dbt build`: (seconds, peak MB, nodes that errored or failed).

    A failing test does not discard an hour of 1M build: the figures are kept and the
    failing tests are published next to them. A model, seed or snapshot that fails, or a
    build that left no run_results (a parse or connection error), still raises."""
    (target / "run_results.json").unlink(missing_ok=True)
    s, mem, output = _run_measured(_dbt(args, db, target), env, check=False)
    results = target / "run_results.json"
    if not results.exists():
        raise RuntimeError(f"dbt {' '.join(args)} wrote no run_results.json:\n{output[-5000:]}")
    failed = sorted(r["unique_id"] for r in json.loads(results.read_text())["results"]
                    if r["status"] in ("error", "fail", "runtime error"))
    broken = [n for n in failed if not n.startswith(("test.", "unit_test."))]
    if broken:  # a model that did not build skips its descendants: the timings would flatter
        raise RuntimeError(f"dbt {' '.join(args)}: {len(broken)} node(s) other than tests failed: {broken[:5]}\n"
                           f"{output[-5000:]}")
    return s, mem, failed


def run_size(customers: int, seed: int, work: Path, days: int = 1, log=print, full_refresh_check: bool = True) -> dict:
    """All steps of one size; returns its figures (seconds, MB, counts)."""
    generated, raw, truth = work / "generated", work / "raw", work / "truth"
    db, target = work / "warehouse.duckdb", work / "target"
    env = {"DBT_DUCKDB_PATH": str(db), "DBT_PROFILES_DIR": str(REPO_ROOT), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    py = sys.executable
    fig: dict = {"customers": customers, "seed": seed, "days": days}
    gen_file = work / "generate.json"
    if not generated.is_dir() or not gen_file.exists():
        shutil.rmtree(generated, ignore_errors=True)
        log(f"[{customers:,}] generate")
        s, mem, _ = _run_measured([py, "-m", "python_helpers", "generate", "--customers", str(customers),
                                   "--seed", str(seed), "--out", str(generated), "--truth-dir", str(truth),
                                   "--increments", str(days), "--no-progress", "--quiet"], env)
        gen_file.write_text(json.dumps({"seconds": s, "peak_mb": mem}))
    fig["generate"] = json.loads(gen_file.read_text())
    dates = sorted(p.name for p in (generated / "web_events").glob("*.csv"))
    if len(dates) < 2:
        raise SystemExit(f"{generated} holds no day files; remove it or generate with --increments")
    initial, increments = dates[: len(dates) - days], dates[len(dates) - days:]
    shutil.rmtree(raw, ignore_errors=True)
    shutil.rmtree(target, ignore_errors=True)
    db.unlink(missing_ok=True)

    deliver_day_files(generated, raw, initial)
    log(f"[{customers:,}] load")
    s, mem, _ = _run_measured([py, "-m", "python_helpers", "load", "--raw-dir", str(raw), "--db", str(db)], env)
    fig["load"] = {"seconds": s, "peak_mb": mem}
    fig["raw_rows"] = _count(db, "select sum(rows_loaded) from raw._load_summary")

    log(f"[{customers:,}] full dbt build")
    s, mem, failed = _build(["build"], db, target, env)
    fig["full_build"] = {"seconds": s, "peak_mb": mem, "layers": layer_walls(target), "failed": failed,
                         "model_seconds": _model_seconds(target)}
    fig["profiles"] = _count(db, "select count(*) from marts.customer_profiles")

    log(f"[{customers:,}] stitching vs scipy")
    s, mem, _ = _run_measured(_dbt(["run", "--select", "int_identity__components"], db, target), env)
    model_s = _model_seconds(target, ("int_identity__components",))
    sci_s, sci_n, labels = scipy_components(db)
    sql_nodes, sci_nodes, sql_n, pairs = _same_partition(db, labels)
    fig["stitching"] = {"dbt_seconds": s, "model_seconds": model_s, "peak_mb": mem, "scipy_seconds": sci_s,
                        "nodes": sql_nodes, "components": sql_n,
                        "edges": _count(db, "select count(*) from intermediate.int_identity__edges"),
                        "same_partition": sql_nodes == sci_nodes and sql_n == sci_n == pairs}

    deliver_day_files(generated, raw, increments)
    log(f"[{customers:,}] load --append, incremental dbt build")
    s, _, _ = _run_measured([py, "-m", "python_helpers", "load", "--raw-dir", str(raw), "--db", str(db),
                             "--append"], env)
    rows_after = _count(db, "select sum(rows_loaded) from raw._load_summary")
    inc_s, inc_mem, inc_failed = _build(["build"], db, target, env)
    inc_layers, inc_slowest = layer_walls(target), _slowest(target)
    inc_prints = table_fingerprints(db, ("marts", "restricted", "history"))
    full_s = full_mem = same = full_layers = None
    differing: list[str] = []
    full_failed: list[str] = []
    if full_refresh_check:
        log(f"[{customers:,}] full-refresh dbt build")
        full_s, full_mem, full_failed = _build(["build", "--full-refresh"], db, target, env)
        full_layers = layer_walls(target)
        full_prints = table_fingerprints(db, ("marts", "restricted", "history"))
        same = inc_prints == full_prints
        differing = sorted(k for k in set(inc_prints) | set(full_prints) if inc_prints.get(k) != full_prints.get(k))
    fig["incremental"] = {
        "append_seconds": s, "new_rows": rows_after - fig["raw_rows"], "seconds": inc_s, "peak_mb": inc_mem,
        "layers": inc_layers, "slowest": inc_slowest, "full_refresh_seconds": full_s, "full_refresh_peak_mb": full_mem,
        "full_refresh_layers": full_layers, "same_as_full_refresh": same, "differing_tables": differing,
        "failed": inc_failed, "full_refresh_failed": full_failed,
    }
    return fig


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    mem_kb = next((int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), 0) if Path("/proc/meminfo").exists() else 0
    from importlib.metadata import version
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": round(mem_kb / 2**20, 1),
            "os": f"{platform.system()} {platform.release()}", "python": platform.python_version(),
            "duckdb": version("duckdb"), "dbt_core": version("dbt-core"),
            "duckdb_memory_limit": os.environ.get("DBT_DUCKDB_MEMORY_LIMIT", "10GB (profiles.yml default)")}


def _size_label(n: int) -> str:
    return f"{n // 1_000_000}M" if n >= 1_000_000 and n % 1_000_000 == 0 else (
        f"{n // 1000}k" if n % 1000 == 0 else f"{n:,}")


def _mmss(seconds: float) -> str:
    return f"{seconds:,.1f} s" if seconds < 120 else f"{seconds / 60:,.1f} min"


def _ratio(f: dict, kind: str) -> str:
    return f"{f['stitching'][kind + '_seconds'] / f['stitching']['scipy_seconds']:.2f}x"


def full_refresh(f: dict) -> float:
    """The full build the incremental one is compared with: the full refresh over the same
    data, or (when it was skipped) the initial full build, one day of data less."""
    return f["incremental"]["full_refresh_seconds"] or f["full_build"]["seconds"]


def _same(f: dict) -> str:
    inc = f["incremental"]
    if inc["same_as_full_refresh"] is None:
        return "not checked (no full refresh)"
    return "yes" if inc["same_as_full_refresh"] else "NO: " + ", ".join(inc["differing_tables"])


def _failed(step: dict) -> str:
    failed = step.get("failed", [])
    # unique ids: test.<project>.<name>[.<hash>], model.<project>.<name>
    return ", ".join(n.split(".")[2] for n in failed) if failed else "none"


def render_markdown(results: dict) -> str:
    sizes = sorted(results["sizes"].values(), key=lambda f: f["customers"])
    m = results["machine"]
    head = "| | " + " | ".join(f"{_size_label(f['customers'])} customers" for f in sizes) + " |"
    rule = "|---|" + "---|" * len(sizes)

    def row(label: str, cell) -> str:
        return f"| {label} | " + " | ".join(cell(f) for f in sizes) + " |"

    lines = [
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB, {m['os']}; Python {m['python']}, "
        f"DuckDB {m['duckdb']}, dbt-core {m['dbt_core']}, DuckDB memory_limit {m['duckdb_memory_limit']}. "
        f"Command: `python -m python_helpers benchmark suite` (seed {sizes[0]['seed'] if sizes else '-'}); "
        "times are wall clock, memory is the peak RSS of the process.",
        "",
        head, rule,
        row("raw rows (initial load)", lambda f: f"{f['raw_rows']:,}"),
        row("profiles built", lambda f: f"{f['profiles']:,}"),
        row("generate (with 1 day file)", lambda f: f"{_mmss(f['generate']['seconds'])}, "
                                                    f"{f['generate']['peak_mb']:,} MB"),
        row("load raw files", lambda f: _mmss(f["load"]["seconds"])),
        row("**full `dbt build`**", lambda f: f"**{_mmss(f['full_build']['seconds'])}**"),
        row("peak memory of the build", lambda f: f"{f['full_build']['peak_mb']:,} MB"),
        row("tests that failed (full / incremental / full-refresh build)",
            lambda f: f"{_failed(f['full_build'])} / {_failed(f['incremental'])} / "
                      f"{_failed({'failed': f['incremental'].get('full_refresh_failed', [])})}"),
        row("raw rows per second (full build)", lambda f: f"{f['raw_rows'] / f['full_build']['seconds']:,.0f}"),
    ]
    for layer in LAYERS:
        lines.append(row(f"&nbsp;&nbsp;{layer}", lambda f, lay=layer: _mmss(f["full_build"]["layers"].get(lay, 0.0))))
    previous = {f["customers"]: p for p, f in zip([None, *sizes[:-1]], sizes, strict=True)}

    def growth(f: dict) -> str:
        p = previous[f["customers"]]
        if p is None:
            return "-"
        return (f"x{f['full_build']['seconds'] / p['full_build']['seconds']:.1f} time for "
                f"x{f['raw_rows'] / p['raw_rows']:.1f} rows")

    lines.append(row("full build growth vs the previous size", growth))
    lines += [
        row("identity graph nodes / edges", lambda f: f"{f['stitching']['nodes']:,} / {f['stitching']['edges']:,}"),
        row("stitching model / scipy", lambda f: f"{f['stitching']['model_seconds']:,.2f} s / "
                                                 f"{f['stitching']['scipy_seconds']:,.2f} s = {_ratio(f, 'model')}"),
        row("stitching dbt process / scipy", lambda f: _ratio(f, "dbt")
            + ("" if f["stitching"]["same_partition"] else " DIFFERENT")),
        row("new rows in the day file", lambda f: f"{f['incremental']['new_rows']:,} "
                                                  f"({f['incremental']['new_rows'] / f['raw_rows']:.1%})"),
        row("incremental `dbt build`", lambda f: _mmss(f["incremental"]["seconds"])),
        row("full-refresh `dbt build`, same data", lambda f: _mmss(f["incremental"]["full_refresh_seconds"])
            if f["incremental"]["full_refresh_seconds"] else "skipped: the initial full build is the reference"),
        row("**incremental / full**", lambda f: f"**{f['incremental']['seconds'] / full_refresh(f):.0%}**"),
        row("marts + history: incremental = full refresh", _same),
        "",
        "Per layer: wall time of the layer's nodes (the union of their intervals; two threads may run "
        "layers side by side, so the layers can add up to more than the build).",
    ]
    return "\n".join(lines) + "\n"


def render_chart(results: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = sorted(results["sizes"].values(), key=lambda f: f["customers"])
    labels = [_size_label(f["customers"]) for f in sizes]
    xs = [f["customers"] for f in sizes]
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 6), gridspec_kw={"width_ratios": [3, 2]})
    left.plot(xs, [f["full_build"]["seconds"] / 60 for f in sizes], "k-o", linewidth=2, label="full build")
    left.plot(xs, [f["incremental"]["seconds"] / 60 for f in sizes], "r-s", linewidth=2,
              label="incremental build (1 day)")
    for layer in LAYERS:
        values = [f["full_build"]["layers"].get(layer, 0.0) / 60 for f in sizes]
        if any(v > 0 for v in values):
            left.plot(xs, values, "--.", linewidth=1, label=f"full build: {layer}")
    left.axhline(10, color="red", linestyle=":", label="goal at 1M: 10 min")
    left.set_xscale("log")
    left.set_yscale("log")
    left.set_xticks(xs, labels)
    left.set_ylabel("minutes (log)")
    left.set_xlabel("customers (log)")
    left.set_title("dbt build wall time (per layer: the layer's own wall time)")
    left.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=3)
    right.bar(labels, [f["full_build"]["peak_mb"] / 1024 for f in sizes], color="tab:purple")
    right.axhline(12, color="red", linestyle=":", label="goal 12 GB")
    right.set_ylabel("GB")
    right.set_xlabel("customers")
    right.set_title("peak memory of the full build")
    right.legend(fontsize=7)
    m = results["machine"]
    fig.suptitle(f"customer360 on DuckDB {m['duckdb']}, {m['cores']} cores, {m['memory_gib']} GiB", fontsize=10)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)


def update_readme(markdown: str, readme: Path = REPO_ROOT / "README.md") -> None:
    text = readme.read_text()
    if README_START not in text or README_END not in text:
        raise SystemExit(f"{readme} has no {README_START} ... {README_END} block")
    before, rest = text.split(README_START, 1)
    _, after = rest.split(README_END, 1)
    readme.write_text(f"{before}{README_START}\n{markdown}{README_END}{after}")


def run(args: argparse.Namespace) -> int:
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    store = out / "results.json"
    results = json.loads(store.read_text()) if store.exists() else {"sizes": {}}
    ok = True
    for customers in args.sizes:
        figures = run_size(customers, args.seed, args.workdir.resolve() / str(customers), args.days,
                           log=lambda msg: print(msg, flush=True),
                           full_refresh_check=customers <= args.full_refresh_up_to)
        figures["ran_on"] = datetime.now(UTC).strftime("%Y-%m-%d")
        results["sizes"][str(customers)] = figures
        results["machine"] = machine()
        store.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
        same = figures["incremental"]["same_as_full_refresh"]
        ok = ok and figures["stitching"]["same_partition"] and same is not False
        if not args.keep:
            shutil.rmtree(args.workdir.resolve() / str(customers) / "raw", ignore_errors=True)
    markdown = render_markdown(results)
    (out / "results.md").write_text(markdown)
    render_chart(results, out / "scaling.png")
    if args.update_readme:
        update_readme(markdown)
    print(markdown)
    print(f"written: {store}, {out / 'results.md'}, {out / 'scaling.png'}")
    return 0 if ok else 1


def register(kinds: argparse._SubParsersAction) -> None:
    suite = kinds.add_parser("suite", help="the published figures at 10k / 100k / 1M customers (table + chart)",
                             description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    suite.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")],
                       default=[10_000, 100_000, 1_000_000], help="comma-separated customer counts")
    suite.add_argument("--seed", type=int, default=7)
    suite.add_argument("--days", type=int, default=1, help="day files delivered after the initial build")
    suite.add_argument("--workdir", type=Path, default=Path("data/benchmark-suite"),
                       help="one folder per size: generated data (reused when present), warehouse, target")
    suite.add_argument("--out", type=Path, default=REPO_ROOT / "docs" / "benchmarks",
                       help="results.json, results.md, scaling.png")
    suite.add_argument("--update-readme", action="store_true", help="replace the README's benchmark block")
    suite.add_argument("--full-refresh-up-to", type=int, default=10**12, metavar="N",
                       help="run the full-refresh comparison only for sizes <= N; larger sizes compare the "
                            "incremental build with the initial full build (one day less data)")
    suite.add_argument("--keep", action="store_true", help="keep the delivered raw folder of each size")
    suite.set_defaults(func=run)
