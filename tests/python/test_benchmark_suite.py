"""The benchmark suite's bookkeeping (the suite itself is `make benchmark`): per-layer
wall time from dbt's artifacts, the tables, the chart and the README block; and the
`benchmark incremental` command end to end at a tiny size."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from python_helpers import benchmark_suite as suite


def _node(kind: str, *fqn: str) -> dict:
    return {"resource_type": kind, "fqn": ["customer360", *fqn]}


def _result(uid: str, start: float, stop: float) -> dict:
    def iso(sec: float) -> str:
        return f"2026-12-01T10:00:{sec:06.3f}Z"

    mid = (start + stop) / 2
    return {"unique_id": uid, "timing": [{"name": "compile", "started_at": iso(start), "completed_at": iso(mid)},
                                         {"name": "execute", "started_at": iso(mid), "completed_at": iso(stop)}]}


def test_layer_walls_take_the_union_of_overlapping_nodes(tmp_path):
    nodes = {
        "model.c.base_a": _node("model", "staging", "web", "base", "base_a"),
        "model.c.base_b": _node("model", "staging", "app", "base", "base_b"),
        "model.c.int_identity__x": _node("model", "intermediate", "identity", "int_identity__x"),
        "model.c.int_features__y": _node("model", "intermediate", "features", "int_features__y"),
        "model.c.customer_profiles": _node("model", "marts", "customers", "customer_profiles"),
        "test.c.not_null_x": _node("test", "not_null_x"),
        "seed.c.s": _node("seed", "s"),
    }
    (tmp_path / "manifest.json").write_text(json.dumps(
        {"nodes": nodes, "unit_tests": {"unit_test.c.u": _node("unit_test", "u")}}))
    results = [
        _result("seed.c.s", 0, 1),
        _result("model.c.base_a", 1, 5),          # two threads: 1-5 and 2-4 overlap,
        _result("model.c.base_b", 2, 4),          # then a gap, then 6-7: staging = 5 s
        _result("model.c.base_b", 6, 7),
        _result("model.c.int_identity__x", 7, 9),
        _result("model.c.int_features__y", 9, 12),
        _result("model.c.customer_profiles", 12, 13.5),
        _result("test.c.not_null_x", 13.5, 14),
        _result("unit_test.c.u", 13.8, 14.5),
        _result("operation.c.hook", 0, 20),       # hooks belong to no layer
    ]
    (tmp_path / "run_results.json").write_text(json.dumps({"results": results}))
    walls = suite.layer_walls(tmp_path)
    assert walls == pytest.approx({"seeds": 1.0, "staging": 5.0, "identity": 2.0,
                                   "features & other intermediate": 3.0, "marts": 1.5, "tests": 1.0})


def _figures(customers: int, full: float, inc: float, same: bool | None = True) -> dict:
    return {
        "customers": customers, "seed": 7, "days": 1, "raw_rows": customers * 70, "profiles": customers,
        "generate": {"seconds": 1.0, "peak_mb": 300}, "load": {"seconds": 2.0, "peak_mb": 400},
        "full_build": {"seconds": full, "peak_mb": 2048, "model_seconds": full / 2,
                       "layers": {"staging": full / 2, "tests": full / 4}},
        "stitching": {"dbt_seconds": 4.0, "model_seconds": 1.0, "scipy_seconds": 2.0, "peak_mb": 100,
                      "nodes": 10, "edges": 20, "components": 3, "same_partition": True},
        "incremental": {"append_seconds": 1.0, "new_rows": customers, "seconds": inc, "peak_mb": 100,
                        "layers": {}, "slowest": "", "full_refresh_seconds": None if same is None else full * 1.1,
                        "full_refresh_peak_mb": 2048, "same_as_full_refresh": same,
                        "differing_tables": ["marts.customer_profiles"] if same is False else []},
    }


def test_tables_chart_and_readme_block(tmp_path):
    results = {"machine": {"cpu": "Test CPU", "cores": 2, "memory_gib": 24, "os": "Linux", "python": "3.11",
                           "duckdb": "1.4.5", "dbt_core": "1.11", "duckdb_memory_limit": "12GB"},
               "sizes": {"1000000": _figures(1_000_000, 600.0, 90.0, same=None),  # full refresh skipped
                         "10000": _figures(10_000, 30.0, 29.7, same=False)}}
    markdown = suite.render_markdown(results)
    header = next(line for line in markdown.splitlines() if line.startswith("| |"))
    assert header == "| | 10k customers | 1M customers |"  # sizes in order, whatever the dict order
    assert "| **full `dbt build`** | **30.0 s** | **10.0 min** |" in markdown
    assert "| full build growth vs the previous size | - | x20.0 time for x100.0 rows |" in markdown
    # vs the full refresh (33 s) where it ran, else vs the initial full build
    assert "| **incremental / full** | **90%** | **15%** |" in markdown
    assert ("| full-refresh `dbt build`, same data | 33.0 s | skipped: the initial full build is the reference |"
            in markdown)
    assert "| marts + history: incremental = full refresh | NO: marts.customer_profiles | not checked" in markdown
    assert "| stitching model / scipy | 1.00 s / 2.00 s = 0.50x | 1.00 s / 2.00 s = 0.50x |" in markdown
    assert "Test CPU, 2 cores" in markdown

    suite.render_chart(results, tmp_path / "scaling.png")
    assert (tmp_path / "scaling.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    readme = tmp_path / "README.md"
    readme.write_text(f"# t\nbefore\n{suite.README_START}\nold table\n{suite.README_END}\nafter\n")
    suite.update_readme(markdown, readme)
    text = readme.read_text()
    assert "old table" not in text and markdown in text
    assert text.startswith("# t\nbefore\n") and text.endswith(f"{suite.README_END}\nafter\n")
    readme.write_text("no markers\n")
    with pytest.raises(SystemExit):
        suite.update_readme(markdown, readme)


@pytest.mark.slow
def test_incremental_benchmark_prints_both_builds(tmp_path):
    """`benchmark incremental` end to end at a tiny size: it prints the incremental and
    the full-refresh build times, their ratio, both builds per layer, and that their
    marts are the same (exit 0; a difference would exit 1)."""
    run = subprocess.run([sys.executable, "-m", "python_helpers", "benchmark", "incremental", "--customers", "300",
                          "--seed", "5", "--workdir", str(tmp_path / "bench")],
                         capture_output=True, text=True, cwd=suite.REPO_ROOT, timeout=1200)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    lines = dict(line.strip().split("  ", 1) for line in run.stdout.splitlines()[1:] if "  " in line.strip())
    figures = {key.strip(): value.strip() for key, value in lines.items()}
    incremental = float(figures["incremental dbt build"].split(" s")[0].replace(",", ""))
    full = float(figures["full-refresh dbt build (same data)"].split(" s")[0].replace(",", ""))
    assert 0 < incremental and 0 < full
    # the ratio of the unrounded times; the printed times are rounded to 0.1 s
    ratio = float(figures["incremental / full"].split("%")[0])
    assert abs(ratio - 100 * incremental / full) < 0.2, (ratio, incremental, full)
    for key in ("incremental build per layer", "full-refresh build per layer"):
        assert "identity" in figures[key] and "staging" in figures[key], figures[key]
    assert figures["marts + history incremental vs full refresh"] == "same"
    print("\n" + run.stdout)
