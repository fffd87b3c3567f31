"""Customer segments: persona precision/recall against the generator's truth, the
demo's segment summary, and segments as data (adding one is a new row in
seeds/segment_definitions.csv; an invalid condition fails naming the segment)."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest

from python_helpers import pipeline
from python_helpers.segment_scoring import format_personas, score_personas

pytestmark = pytest.mark.slow

MIN_PRECISION = 0.9


def test_persona_precision_and_recall(demo):
    """Precision >= 0.9 per persona over primary profiles; recall printed."""
    scores = score_personas(demo.warehouse.db_path, demo.truth_dir)
    print()
    print(format_personas(scores))
    assert set(scores) == {"fitness_app_user", "sustainable_fashion_shopper", "small_business_owner"}
    for persona, s in scores.items():
        assert s["actual"] > 0, persona
        assert s["precision"] >= MIN_PRECISION, (persona, s)


def test_one_row_per_customer_and_family(demo):
    (customers,) = demo.query("select count(*) from marts.customer_profiles")[0]
    rows = demo.query(
        "select segment_family, count(*), count(distinct customer_id) from marts.customer_segments group by 1"
    )
    assert {family for family, _, _ in rows} == {"rfm", "lifecycle", "value_tier", "persona"}
    for family, n_rows, n_customers in rows:
        assert n_rows == n_customers == customers, family


def test_segment_summary_printed(demo):
    con = duckdb.connect(str(demo.warehouse.db_path), read_only=True)
    try:
        print()
        con.sql(
            "select segment_family, segment_name, n_customers, round(share_of_customers, 3) as share, "
            "average_clv, median_clv, round(revenue_share, 3) as revenue_share, "
            "round(ordered_last_90d_share, 3) as ordered_90d, round(contactable_share, 3) as contactable "
            "from marts.segment_summary order by segment_family, segment_priority"
        ).show(max_rows=100, max_width=250)
        (total,) = con.execute(
            "select sum(share_of_customers) from marts.segment_summary where segment_family = 'rfm'"
        ).fetchone()
    finally:
        con.close()
    assert abs(total - 1) < 1e-9


@pytest.fixture(scope="module")
def project_copy(demo, tmp_path_factory) -> tuple[Path, Path]:
    """The project (without venv, targets, data) and the built demo warehouse, copied."""
    root = tmp_path_factory.mktemp("segments_project")
    project = root / "project"
    shutil.copytree(
        pipeline.REPO_ROOT, project,
        ignore=shutil.ignore_patterns(".venv", ".git", "target", "logs", "data", "warehouse", "dbt_packages",
                                      "*.duckdb", "*.duckdb.wal", "__pycache__", ".pytest_cache"),
    )
    db = root / "warehouse.duckdb"
    shutil.copyfile(demo.warehouse.db_path, db)
    return project, db


def _dbt_build_segments(project: Path, db: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(pipeline.BIN_DIR / "dbt"), "build", "--select", "segment_definitions+",
         "--project-dir", str(project), "--profiles-dir", str(project),
         "--target-path", str(project / "target"), "--log-path", str(project / "logs")],
        cwd=project, capture_output=True, text=True,
        env={**pipeline.os.environ, "DBT_DUCKDB_PATH": str(db), "DBT_PROFILES_DIR": str(project),
             "DBT_SEND_ANONYMOUS_USAGE_STATS": "false", "DO_NOT_TRACK": "1"},
    )


def _write_definitions(project: Path, extra_rows: list[dict]) -> None:
    path = project / "seeds" / "segment_definitions.csv"
    original = (pipeline.REPO_ROOT / "seeds" / "segment_definitions.csv").read_text()
    fields = original.splitlines()[0].split(",")
    with path.open("w", newline="") as out:
        out.write(original)
        csv.DictWriter(out, fieldnames=fields, lineterminator="\n").writerows(extra_rows)


def test_invalid_condition_fails_naming_the_segment(project_copy):
    project, db = project_copy
    for name, condition in (("bad_column_segment", "no_such_column > 1"), ("bad_syntax_segment", "n_orders >")):
        _write_definitions(project, [{
            "segment_name": name, "segment_family": "engagement", "priority": "10",
            "condition": condition, "description": "invalid on purpose", "owner": "tests",
        }])
        result = _dbt_build_segments(project, db)
        assert result.returncode != 0
        assert f"segment '{name}'" in result.stdout, result.stdout[-3000:]


def test_new_segment_from_definitions_only(project_copy):
    """Adding a segment is one new row in the definitions file and a rebuild."""
    project, db = project_copy
    _write_definitions(project, [
        {"segment_name": "email_fans", "segment_family": "engagement", "priority": "10",
         "condition": "email_open_rate_90d >= 0.3", "description": "Opens 30%+ of campaigns.", "owner": "tests"},
        {"segment_name": "email_others", "segment_family": "engagement", "priority": "20",
         "condition": "true", "description": "Everyone else.", "owner": "tests"},
    ])
    result = _dbt_build_segments(project, db)
    assert result.returncode == 0, result.stdout[-5000:]
    con = duckdb.connect(str(db), read_only=True)
    try:
        built = dict(con.execute(
            "select segment_name, count(*) from marts.customer_segments where segment_family = 'engagement' group by 1"
        ).fetchall())
        (expected,) = con.execute(
            "select count(*) from marts.customer_profiles where email_open_rate_90d >= 0.3"
        ).fetchone()
        summary = dict(con.execute(
            "select segment_name, n_customers from marts.segment_summary where segment_family = 'engagement'"
        ).fetchall())
    finally:
        con.close()
    assert expected > 0
    assert built["email_fans"] == expected == summary["email_fans"]
    assert built["email_fans"] + built["email_others"] == sum(summary.values())
