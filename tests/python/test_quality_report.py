"""The HTML quality report renders in headless Chromium: no console errors, the
key numbers present (skipped when no Chromium is installed)."""

from __future__ import annotations

import os

import pytest

from python_helpers.quality import browser, report


@pytest.mark.slow
@pytest.mark.skipif(
    browser.find_chromium() is None and not os.environ.get("CI"),
    reason="chromium not installed (apt-get install chromium; .ci/run installs it, so CI never skips)",
)
def test_report_renders_in_headless_chromium(demo, tmp_path):
    out = report.write_report(demo.warehouse.db_path, tmp_path, demo.truth_dir)
    page = browser.open_page(out.resolve().as_uri(), report.KEY_IDS)
    assert page.console_errors == []
    values = page.values
    assert values["run-status"] in ("ok", "warn")
    assert values["run-id"] == demo.query("select distinct run from quality.quality_metrics")[0][0]
    assert values["metric-errors"] == "0"
    assert values["sources-count"] == str(demo.query("select count(*) from raw._load_summary")[0][0])
    profiles = demo.query("select count(*) from information_schema.tables where table_name = 'customer_profiles'")
    if profiles[0][0]:
        assert values["profiles-count"] == f"{demo.query('select count(*) from marts.customer_profiles')[0][0]:,}"
    assert page.screenshot and page.screenshot[:8] == b"\x89PNG\r\n\x1a\n"
    html = out.read_text()
    assert html.count("data:image/png;base64,") >= 2  # reject rate + identity plots at least
