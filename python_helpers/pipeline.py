"""Run the pipeline's steps as subprocesses (generate, load, dbt) with one place
for paths and environment. Used by tests, benchmarks and helper commands.

dbt always runs in its own process: an in-process runner would keep the DuckDB
file locked for the caller.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
BIN_DIR = Path(sys.executable).parent


@dataclass
class StepResult:
    args: list[str]
    returncode: int
    stdout: str
    stderr: str
    seconds: float

    def check(self) -> StepResult:
        if self.returncode != 0:
            raise RuntimeError(
                f"command failed ({self.returncode}): {' '.join(self.args)}\n"
                f"--- stdout (tail) ---\n{self.stdout[-6000:]}\n--- stderr (tail) ---\n{self.stderr[-4000:]}"
            )
        return self


def _run(args: list[str], env: dict[str, str] | None = None, cwd: Path = REPO_ROOT) -> StepResult:
    full_env = {**os.environ, "DBT_SEND_ANONYMOUS_USAGE_STATS": "false", "DO_NOT_TRACK": "1", **(env or {})}
    started = time.perf_counter()
    proc = subprocess.run(args, cwd=cwd, env=full_env, capture_output=True, text=True)
    return StepResult(args, proc.returncode, proc.stdout, proc.stderr, time.perf_counter() - started)


def generate(out: Path, truth: Path, customers: int, seed: int, extra: list[str] | None = None) -> StepResult:
    return _run(
        [sys.executable, "-m", "python_helpers", "generate", "--customers", str(customers), "--seed", str(seed),
         "--out", str(out), "--truth-dir", str(truth), "--no-progress", *(extra or [])]
    )


def load(raw_dir: Path, db_path: Path, append: bool = False) -> StepResult:
    return _run([sys.executable, "-m", "python_helpers", "load", "--raw-dir", str(raw_dir), "--db", str(db_path),
                 *(["--append"] if append else [])])


@dataclass
class Warehouse:
    """A DuckDB warehouse file plus the dbt target folder that built it."""

    db_path: Path
    target_path: Path

    def env(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        return {"DBT_DUCKDB_PATH": str(self.db_path), "DBT_PROFILES_DIR": str(REPO_ROOT), **(extra or {})}

    def dbt(self, *args: str, env: dict[str, str] | None = None) -> StepResult:
        return _run(
            [str(BIN_DIR / "dbt"), *args, "--project-dir", str(REPO_ROOT), "--profiles-dir", str(REPO_ROOT),
             "--target-path", str(self.target_path), "--log-path", str(self.target_path / "logs")],
            env=self.env(env),
        )

    def run_results(self) -> dict:
        return json.loads((self.target_path / "run_results.json").read_text())
