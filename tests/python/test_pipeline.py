"""End to end on the demo: every raw row is accounted for (staging + rejects),
the summary reports the build, and building twice gives identical marts."""

from __future__ import annotations

import subprocess
import sys

import pytest

from python_helpers.contract import load_contract
from python_helpers.pipeline import REPO_ROOT, table_fingerprints

pytestmark = pytest.mark.slow

# raw file -> staging model holding its good rows
STAGING_MODEL = {
    "app_events": "stg_app__events",
    "consent_events": "stg_consent__events",
    "crm_contacts": "stg_crm__contacts",
    "email_events": "stg_email__events",
    "erasure_requests": "stg_erasure__requests",
    "shop_customers": "stg_shop__customers",
    "shop_order_lines": "stg_shop__order_lines",
    "shop_orders": "stg_shop__orders",
    "shop_products": "stg_shop__products",
    "social_interactions": "stg_social__interactions",
    "support_tickets": "stg_support__tickets",
    "survey_responses": "stg_survey__responses",
    "web_events": "stg_web__events",
}


def test_every_source_has_a_staging_model():
    assert set(STAGING_MODEL) == {t.file_name for t in load_contract()}


def test_raw_rows_reconcile_to_staging_plus_rejects(demo):
    print(f"\n{'source':<22}{'file lines':>11}{'raw':>9}{'staged':>9}{'rejected':>10}")
    for source, model in sorted(STAGING_MODEL.items()):
        # data lines of the file(s), independent of the loader
        lines = sum(max(0, sum(1 for _ in path.open(encoding="utf-8")) - 1)
                    for path in demo.raw_dir.glob(f"{source}*.csv"))
        (loaded, unparseable), = demo.query(
            f"select rows_loaded, rows_unparseable from raw._load_summary where source_table = '{source}'"
        )
        (staged,), = demo.query(f"select count(*) from staging.{model}")
        (rejected,), = demo.query(f"select count(*) from staging.stg_rejects where source_table = '{source}'")
        print(f"{source:<22}{lines:>11,}{loaded + unparseable:>9,}{staged:>9,}{rejected:>10,}")
        assert loaded + unparseable == lines, source
        assert staged + rejected == loaded + unparseable, source
        assert staged > 0, source


def test_summary_reports_the_build(demo):
    out = subprocess.run(
        [sys.executable, "-m", "python_helpers", "summary", "--db", str(demo.warehouse.db_path),
         "--run-results", str(demo.warehouse.target_path / "run_results.json")],
        cwd=REPO_ROOT, capture_output=True, text=True, check=True,
    ).stdout
    print(out)
    assert "shop_orders" in out and "customer profiles built:" in out
    assert "dbt tests:" in out and "warehouse:" in out


def _mart_fingerprints(demo) -> dict[str, tuple]:
    return table_fingerprints(demo.warehouse.db_path, ("marts", "restricted"))


def test_building_twice_gives_identical_marts(demo):
    before = _mart_fingerprints(demo)
    assert "marts.customer_profiles" in before
    demo.warehouse.dbt("run", "--select", "path:models/marts", "path:models/intermediate").check()
    after = _mart_fingerprints(demo)
    changed = [name for name in before if before[name] != after.get(name)]
    assert changed == []
