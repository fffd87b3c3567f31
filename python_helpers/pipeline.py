"""Run the pipeline's steps as subprocesses (generate, load, dbt) with one place
for paths and environment. Used by tests, benchmarks and helper commands.

dbt always runs in its own process: an in-process runner would keep the DuckDB
file locked for the caller.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

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


def deliver_day_files(generated: Path, into: Path, names: list[str]) -> None:
    """Deliver files of `generate --increments` (one folder per source, one file per
    day or period, e.g. 2025-12-31.csv) into a raw folder, as exports would arrive: a
    hard link of each named file a source has (no second copy of 10 GB at 1M), else a
    copy."""
    for folder in sorted(generated.iterdir()):
        (into / folder.name).mkdir(parents=True, exist_ok=True)
        for name in names:
            if (folder / name).exists():
                dst = into / folder.name / name
                dst.unlink(missing_ok=True)
                try:
                    os.link(folder / name, dst)
                except OSError:
                    shutil.copy(folder / name, dst)


def load(raw_dir: Path, db_path: Path, postgres: bool = False, env: dict[str, str] | None = None,
         append: bool = False, spark: bool = False) -> StepResult:
    """Load raw files into the DuckDB file (append=True: add only files not loaded yet); with
    postgres=True then copy schema raw to PostgreSQL (connection from env C360_PG_*), with
    spark=True to local Spark (env C360_SPARK_DIR)."""
    return _run([sys.executable, "-m", "python_helpers", "load", "--raw-dir", str(raw_dir), "--db", str(db_path),
                 *(["--append"] if append else []), *(["--postgres"] if postgres else []),
                 *(["--spark"] if spark else [])], env=env)


# which build wrote a row (macro incremental_build_seq): 1 on a full build, the batch's
# number on an incremental run, so it differs between the two by design; not compared
BUILD_BOOKKEEPING_COLUMNS = ("_build_seq",)
# DuckDB star expression for every column of a relation but those
DATA_COLUMNS = "columns(c -> " + " and ".join(f"c <> '{name}'" for name in BUILD_BOOKKEEPING_COLUMNS) + ")"


def table_fingerprints(db_path: Path, schemas: tuple[str, ...]) -> dict[str, tuple]:
    """Order-independent fingerprint (row count, sum of row hashes) of every table in
    `schemas` of a DuckDB warehouse: equal dicts mean equal tables, row for row (every
    column but BUILD_BOOKKEEPING_COLUMNS)."""
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        tables = con.execute(
            "select table_schema, table_name from information_schema.tables where table_type = 'BASE TABLE' "
            f"and table_schema in ({', '.join(repr(s) for s in schemas)}) order by 1, 2").fetchall()
        return {f"{s}.{t}": con.execute(
            f"select count(*), sum(hash({DATA_COLUMNS})::hugeint) from {s}.{t}").fetchone()
                for s, t in tables}
    finally:
        con.close()


# the resolve pass of the privacy build: everything the erasure step reads
ERASURE_RESOLVE_SELECT = [
    "+int_privacy__erased_identifiers", "+int_privacy__suppression_candidates", "+int_privacy__erasure_log_entries",
]


@dataclass
class PrivacyBuild:
    """The three steps of `python -m python_helpers build`."""

    resolve: StepResult
    erase: StepResult | None
    build: StepResult | None
    records_erased: int

    @property
    def ok(self) -> bool:
        return all(s is not None and s.returncode == 0 for s in (self.resolve, self.erase, self.build))

    def check(self) -> PrivacyBuild:
        for step in (self.resolve, self.erase, self.build):
            if step is None:
                break
            step.check()
        return self


@dataclass
class Warehouse:
    """A warehouse (DuckDB file, or the target named by env DBT_TARGET in `extra_env`)
    plus the dbt target folder that built it."""

    db_path: Path
    target_path: Path
    extra_env: dict[str, str] | None = None

    def env(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        return {"DBT_DUCKDB_PATH": str(self.db_path), "DBT_PROFILES_DIR": str(REPO_ROOT),
                **(self.extra_env or {}), **(extra or {})}

    def privacy_build(self, *build_args: str, env: dict[str, str] | None = None) -> PrivacyBuild:
        """dbt build with erasure carried out in the same run: (1) resolve pass (staging,
        identity and the int_privacy models; no tests), (2) `dbt run-operation
        apply_erasure` (log, suppression hashes, raw rows deleted), (3) `dbt build`."""
        resolve = self.dbt("build", "--resource-type", "model", "--resource-type", "seed",
                           "--select", *ERASURE_RESOLVE_SELECT, env=env)
        if resolve.returncode != 0:
            return PrivacyBuild(resolve, None, None, 0)
        erase = self.dbt("run-operation", "apply_erasure", env=env)
        found = re.search(r"apply_erasure: (\d+) source records erased", erase.stdout)
        erased = int(found.group(1)) if found else 0
        if erase.returncode != 0:
            return PrivacyBuild(resolve, erase, None, erased)
        return PrivacyBuild(resolve, erase, self.dbt("build", *build_args, env=env), erased)

    def dbt(self, *args: str, env: dict[str, str] | None = None) -> StepResult:
        return _run(
            [str(BIN_DIR / "dbt"), *args, "--project-dir", str(REPO_ROOT), "--profiles-dir", str(REPO_ROOT),
             "--target-path", str(self.target_path), "--log-path", str(self.target_path / "logs")],
            env=self.env(env),
        )

    def run_results(self) -> dict:
        return json.loads((self.target_path / "run_results.json").read_text())
