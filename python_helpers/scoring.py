"""Score identity resolution (and, where built, profile accuracy) against the
generator's truth file.

Identity: every record present both in ``marts.customer_record_map`` and in
``truth_records.csv`` is compared. Pairwise precision / recall / F1 count pairs
of records put in one customer; B-cubed precision / recall average, per record,
the overlap of its predicted and true clusters. Both come from the contingency
table (predicted customer x true person), so no pair is enumerated.

The same figures are printed twice: over all records, and over the records the
generator marks linkable (``is_linkable``: the raw data holds exact or fuzzy
evidence tying the record to another record of its person, see
docs/generator.md "Linkability"). Records that no evidence can place (an email
event sent to a household's shared address, a browser that never signed in, a
social handle without an email) cannot be resolved by any method; the first
table shows what they cost, the second how well the resolvable part is done.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

import duckdb


@dataclass
class IdentityScores:
    records_scored: int
    records_in_truth: int
    records_in_map: int
    predicted_customers: int
    true_persons: int
    pairwise_precision: float
    pairwise_recall: float
    pairwise_f1: float
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float


def _f1(p: float, r: float) -> float:
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def score_identity(db_path: Path, truth_dir: Path, linkable_only: bool = False) -> IdentityScores:
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        con.execute(
            f"""
            create temp table all_truth as
            select *
            from read_csv('{truth_dir / "truth_records.csv"}', all_varchar = true, header = true)
            """
        )
        has_flag = "is_linkable" in [r[0] for r in con.execute("describe all_truth").fetchall()]
        where = "where is_linkable = 'true'" if (linkable_only and has_flag) else ""
        if linkable_only and not has_flag:
            raise ValueError("truth_records.csv has no is_linkable column (regenerate the demo data)")
        con.execute(f"create temp table truth as select source, source_record_id, person_id from all_truth {where}")
        con.execute(
            """
            create temp table scored as
            select m.customer_id, t.person_id
            from marts.customer_record_map as m
            inner join truth as t
                on m.source = t.source and m.source_record_id = t.source_record_id
            """
        )
        n_truth = con.execute("select count(*) from truth").fetchone()[0]
        n_map = con.execute("select count(*) from marts.customer_record_map").fetchone()[0]
        row = con.execute(
            """
            with cells as (
                select customer_id, person_id, count(*) as n from scored group by all
            ),
            clusters as (select customer_id, count(*) as n from scored group by all),
            persons as (select person_id, count(*) as n from scored group by all),
            joined as (
                select cells.n, clusters.n as n_cluster, persons.n as n_person
                from cells
                join clusters using (customer_id)
                join persons using (person_id)
            )
            select
                (select count(*) from scored),
                (select count(*) from clusters),
                (select count(*) from persons),
                (select sum(n * (n - 1) / 2) from cells),
                (select sum(n * (n - 1) / 2) from clusters),
                (select sum(n * (n - 1) / 2) from persons),
                (select sum(n * n / n_cluster) from joined),
                (select sum(n * n / n_person) from joined)
            """
        ).fetchone()
    finally:
        con.close()
    n, n_clusters, n_persons, tp, pred_pairs, true_pairs, b3p_sum, b3r_sum = row
    precision = float(tp) / float(pred_pairs) if pred_pairs else 1.0
    recall = float(tp) / float(true_pairs) if true_pairs else 1.0
    b3p = float(b3p_sum) / n if n else 1.0
    b3r = float(b3r_sum) / n if n else 1.0
    return IdentityScores(
        records_scored=n, records_in_truth=n_truth, records_in_map=n_map,
        predicted_customers=n_clusters, true_persons=n_persons,
        pairwise_precision=precision, pairwise_recall=recall, pairwise_f1=_f1(precision, recall),
        bcubed_precision=b3p, bcubed_recall=b3r, bcubed_f1=_f1(b3p, b3r),
    )


def format_identity(s: IdentityScores, title: str = "identity resolution vs truth (all records)") -> str:
    return "\n".join([
        title,
        f"  records scored        {s.records_scored:>10,}  (truth {s.records_in_truth:,}, map {s.records_in_map:,})",
        f"  customers / persons   {s.predicted_customers:>10,} / {s.true_persons:,}",
        f"  pairwise precision    {s.pairwise_precision:>10.4f}",
        f"  pairwise recall       {s.pairwise_recall:>10.4f}",
        f"  pairwise F1           {s.pairwise_f1:>10.4f}",
        f"  B-cubed precision     {s.bcubed_precision:>10.4f}",
        f"  B-cubed recall        {s.bcubed_recall:>10.4f}",
        f"  B-cubed F1            {s.bcubed_f1:>10.4f}",
    ])


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("score", help="score the built warehouse against the generator's truth", description=__doc__,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--db", type=Path, default=Path(os.environ.get("DBT_DUCKDB_PATH", "warehouse/customer360.duckdb")))
    p.add_argument("--truth-dir", type=Path, default=Path("data/demo/truth"))
    p.add_argument("--json", type=Path, help="also write the scores as JSON here")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not (args.truth_dir / "truth_records.csv").exists():
        print(f"no truth file in {args.truth_dir} (only generated demo data has one)", file=sys.stderr)
        return 2
    scores = score_identity(args.db, args.truth_dir)
    linkable = score_identity(args.db, args.truth_dir, linkable_only=True)
    print(format_identity(scores))
    print(format_identity(linkable, "identity resolution vs truth (linkable records only)"))
    result: dict = {"identity": asdict(scores), "identity_linkable": asdict(linkable)}
    if _table_exists(args.db, "marts", "customer_profiles"):
        from python_helpers.profile_scoring import format_profiles, score_profiles

        profiles = score_profiles(args.db, args.truth_dir)
        print(format_profiles(profiles))
        result["profiles"] = profiles
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2, default=str))
    return 0


def _table_exists(db: Path, schema: str, table: str) -> bool:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return bool(con.execute(
            "select count(*) from information_schema.tables where table_schema = ? and table_name = ?", [schema, table]
        ).fetchone()[0])
    finally:
        con.close()
