"""``python -m python_helpers quality-report``: one HTML page people look at.

Writes ``<target-dir>/quality/report.html`` (self-contained: plots are inline
PNGs) with the run's status, the quality metrics table (failing first), and
plots: fill rate per profile component, reject rate per source, identity
precision and recall (when ``--truth-dir`` holds the generator's truth file),
and segment sizes (when a segment mart is built). ``--screenshot PATH`` also
renders the page in headless Chromium and saves a PNG (docs/img/quality_report.png).
"""

from __future__ import annotations

import argparse
import base64
import html
import io
import json
import os
from pathlib import Path

import duckdb
import pandas as pd

KEY_IDS = ["run-status", "run-id", "metric-errors", "metric-warnings", "profiles-count", "sources-count"]


def _exists(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    return bool(con.execute("select count(*) from information_schema.tables where table_schema = ? "
                            "and table_name = ?", [schema, table]).fetchone()[0])


def _bar_png(labels: list[str], values: list[float], title: str, xlabel: str, limit: float | None = None) -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, max(1.8, 0.32 * len(labels) + 0.8)))
    bars = ax.barh(labels, values, color="#3b7dd8")
    if limit is not None:
        ax.axvline(limit, color="#c0392b", linestyle="--", linewidth=1, label=f"threshold {limit:g}")
        ax.legend(loc="lower right", fontsize=8)
    for bar, value in zip(bars, values, strict=False):
        ax.text(bar.get_width(), bar.get_y() + bar.get_height() / 2, f" {value:.3g}", va="center", fontsize=8)
    ax.set_title(title, fontsize=11)
    ax.set_xlabel(xlabel)
    ax.invert_yaxis()
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=90)
    plt.close(fig)
    return base64.b64encode(buf.getvalue()).decode()


def _s(value: object) -> str:
    """Escaped text of a cell; '' for null / NaN."""
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else html.escape(str(value))


def _img(png: str | None, alt: str) -> str:
    if not png:
        return f'<p class="muted">{html.escape(alt)}: not available in this build.</p>'
    return f'<img alt="{html.escape(alt)}" src="data:image/png;base64,{png}">'


def collect(db_path: Path, truth_dir: Path | None) -> dict:
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        metrics = (con.execute("select * from quality.quality_metrics order by "
                               "case status when 'error' then 0 when 'warn' then 1 else 2 end, "
                               "layer desc, model, column_name, metric").df()
                   if _exists(con, "quality", "quality_metrics") else pd.DataFrame())
        profiles = (con.execute("select count(*) from marts.customer_profiles").fetchone()[0]
                    if _exists(con, "marts", "customer_profiles") else None)
        segments = None
        if _exists(con, "marts", "customer_segments"):
            cols = [c for (c,) in con.execute("select column_name from information_schema.columns where "
                                              "table_schema = 'marts' and table_name = 'customer_segments'").fetchall()]
            seg_col = next((c for c in ("segment", "segment_name", "segment_id") if c in cols), None)
            if seg_col:
                segments = con.execute(f"select {seg_col}, count(*) from marts.customer_segments "
                                       "group by 1 order by 2 desc").fetchall()
    finally:
        con.close()
    identity = None
    if truth_dir and (truth_dir / "truth_records.csv").exists():
        from python_helpers.scoring import score_identity

        identity = score_identity(db_path, truth_dir)
    return {"metrics": metrics, "profiles": profiles, "segments": segments, "identity": identity}


def render(data: dict, gx_summary: dict | None) -> str:
    m: pd.DataFrame = data["metrics"]
    n_err = int((m["status"] == "error").sum()) if len(m) else 0
    n_warn = int((m["status"] == "warn").sum()) if len(m) else 0
    gx_err = (gx_summary or {}).get("failed_errors", 0)
    status = "error" if n_err or gx_err else ("warn" if n_warn else "ok")
    run = m["run"].iloc[0] if len(m) else "(no quality metrics)"
    sources = m[(m["layer"] == "source") & (m["metric"] == "rows_in")] if len(m) else m

    # completeness per profile component: metric rows of quality.quality_metrics
    comp = m[(m["model"] == "customer_profiles") & (m["metric"] == "component_completeness")] if len(m) else m
    comp = comp.sort_values("column_name") if len(comp) else comp
    fill_png = _bar_png([c.removeprefix("component:") for c in comp["column_name"]], list(comp["value"]),
                        "Fill rate per profile component", "share of the component's cells with a value",
                        ) if len(comp) else None
    rej = m[(m["layer"] == "source") & (m["metric"] == "reject_rate") & (m["column_name"] == "*")] if len(m) else m
    first_threshold = _s(rej["threshold"].iloc[0]) if len(rej) else ""
    reject_limit = float(first_threshold.lstrip("<= ")) if first_threshold.startswith("<=") else None
    rej_png = _bar_png(list(rej["model"]), list(rej["value"]), "Reject rate per source", "share of rows rejected",
                       reject_limit) if len(rej) else None
    ident = data["identity"]
    ident_png = _bar_png(["pairwise precision", "pairwise recall", "B-cubed precision", "B-cubed recall"],
                         [ident.pairwise_precision, ident.pairwise_recall, ident.bcubed_precision,
                          ident.bcubed_recall], "Identity resolution vs truth", "score") if ident else None
    seg = data["segments"]
    seg_png = _bar_png([str(s) for s, _ in seg], [float(n) for _, n in seg], "Segment sizes",
                       "customers") if seg else None

    rows = "\n".join(
        f'<tr class="{_s(r.status)}"><td>{_s(r.layer)}</td><td>{_s(r.model)}</td>'
        f"<td>{_s(r.column_name)}</td><td>{_s(r.metric)}</td>"
        f"<td class=num>{'' if pd.isna(r.value) else f'{r.value:.4g}'}</td>"
        f"<td>{_s(r.threshold)}</td><td>{_s(r.status)}</td><td>{_s(r.message)}</td></tr>"
        for r in m.itertuples()
    )
    gx_line = ""
    if gx_summary:
        gx_line = (f"<p>great-expectations: {gx_summary['expectations']} expectations, "
                   f"<b>{gx_summary['failed_errors']}</b> error(s), {gx_summary['failed_warnings']} warning(s) "
                   f"(<a href=\"data_docs/index.html\">Data Docs</a>)</p>")
    profiles = "not built" if data["profiles"] is None else f"{data['profiles']:,}"
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>customer360 data quality</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 24px; color: #222; }}
.badge {{ padding: 2px 10px; border-radius: 10px; color: #fff; font-weight: 600; }}
.badge.ok {{ background: #2e8b57; }} .badge.warn {{ background: #d4a017; }} .badge.error {{ background: #c0392b; }}
.cards {{ display: flex; gap: 16px; margin: 12px 0; }}
.card {{ border: 1px solid #ddd; border-radius: 8px; padding: 8px 16px; }}
.card b {{ font-size: 1.4em; display: block; }}
.plots {{ display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }}
.plots img {{ max-width: 100%; }}
table {{ border-collapse: collapse; font-size: 12px; width: 100%; }}
td, th {{ border-bottom: 1px solid #eee; padding: 2px 6px; text-align: left; }}
td.num {{ text-align: right; }} tr.error {{ background: #fbe3e1; }} tr.warn {{ background: #fdf3d6; }}
.muted {{ color: #888; }}
</style></head><body>
<h1>customer360 data quality</h1>
<p>Run <code id="run-id">{html.escape(str(run))}</code> — status
<span id="run-status" class="badge {status}">{status}</span></p>
<div class="cards">
<div class="card">metrics in error<b id="metric-errors">{n_err}</b></div>
<div class="card">metrics in warn<b id="metric-warnings">{n_warn}</b></div>
<div class="card">sources<b id="sources-count">{len(sources)}</b></div>
<div class="card">customer profiles<b id="profiles-count">{profiles}</b></div>
</div>
{gx_line}
<h2>Plots</h2>
<div class="plots">
<div>{_img(fill_png, "Fill rate per profile component")}</div>
<div>{_img(rej_png, "Reject rate per source")}</div>
<div>{_img(ident_png, "Identity precision and recall (needs the truth file)")}</div>
<div>{_img(seg_png, "Segment sizes")}</div>
</div>
<h2>Metrics</h2>
<table id="metrics"><thead><tr><th>layer</th><th>model</th><th>column</th><th>metric</th><th>value</th>
<th>threshold</th><th>status</th><th>message</th></tr></thead>
<tbody>
{rows}
</tbody></table>
</body></html>
"""


def write_report(db_path: Path, target_dir: Path, truth_dir: Path | None = None) -> Path:
    out = target_dir / "quality" / "report.html"
    out.parent.mkdir(parents=True, exist_ok=True)
    summary_path = out.parent / "quality_summary.json"
    gx_summary = json.loads(summary_path.read_text()) if summary_path.exists() else None
    out.write_text(render(collect(db_path, truth_dir), gx_summary), encoding="utf-8")
    return out


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("quality-report", help="write the HTML quality report of a built warehouse",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--db", type=Path, default=Path(os.environ.get("DBT_DUCKDB_PATH", "warehouse/customer360.duckdb")))
    p.add_argument("--target-dir", type=Path, default=Path("target"))
    p.add_argument("--truth-dir", type=Path, default=None, help="generator truth files (identity precision/recall)")
    p.add_argument("--screenshot", type=Path, default=None, help="also save a PNG of the page (headless Chromium)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    out = write_report(args.db, args.target_dir, args.truth_dir)
    print(f"quality report: {out.resolve()}")
    if args.screenshot:
        from python_helpers.quality.browser import open_page, save_screenshot

        result = open_page(out.resolve().as_uri(), KEY_IDS)
        save_screenshot(result, args.screenshot)
        print(f"screenshot: {args.screenshot}")
    return 0
