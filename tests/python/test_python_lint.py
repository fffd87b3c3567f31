"""The repository's Python code (python_helpers, tests, the dbt Python model) passes ruff
with the rules in pyproject.toml ([tool.ruff]).

ruff is pinned in requirements.txt; running it here makes it part of `make test`
(until now a finding only showed when someone ran ruff by hand).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_python_code_passes_ruff():
    proc = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise", "."],
        cwd=REPO, capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ruff_reports_a_finding(tmp_path):
    # the check can fail: an unused import in a file under the same settings is reported
    bad = tmp_path / "bad.py"
    bad.write_text("import os\n")
    proc = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--config", str(REPO / "pyproject.toml"), str(bad)],
        cwd=REPO, capture_output=True, text=True,
    )
    assert proc.returncode == 1 and "F401" in proc.stdout
