"""Score the persona segments against the generator's truth (precision and recall).

Each profile is matched to the true person who owns the majority of its records
(``marts.customer_record_map`` joined to ``truth_records.csv``; ties: smallest
person_id), as in ``profile_scoring``. Only each person's primary profile (the
profile holding most of the person's records; ties: smallest customer_id) is
scored, so a person split over fragments counts once and the score measures the
segment rules, given the identity resolution.

Per persona P (``truth_persons.persona``, every value but ``none``):
- predicted: primary profiles whose ``marts.customer_segments`` persona is P
- actual: primary profiles whose person has persona P
- precision = both / predicted, recall = both / actual
"""

from __future__ import annotations

from pathlib import Path

import duckdb

PERSONAS = ("fitness_app_user", "sustainable_fashion_shopper", "small_business_owner")


def score_personas(db_path: Path | str, truth_dir: Path | str) -> dict:
    """Per persona: predicted, actual, true_positives, precision, recall (primary profiles)."""
    truth_dir = Path(truth_dir)
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        con.execute(
            f"""
            create temp table truth_records as
            select source, source_record_id, person_id
            from read_csv('{truth_dir / "truth_records.csv"}', all_varchar = true, header = true)
            """
        )
        con.execute(
            f"""
            create temp table truth_persons as
            select person_id, persona
            from read_csv('{truth_dir / "truth_persons.csv"}', all_varchar = true, header = true)
            """
        )
        con.execute(
            """
            create temp table profile_person as
            select customer_id, person_id, n_records
            from (
                select m.customer_id, t.person_id, count(*) as n_records
                from marts.customer_record_map as m
                inner join truth_records as t
                    on m.source = t.source and m.source_record_id = t.source_record_id
                group by m.customer_id, t.person_id
            )
            qualify row_number() over (partition by customer_id order by n_records desc, person_id) = 1
            """
        )
        rows = con.execute(
            """
            with primary_profiles as (
                select customer_id, person_id
                from profile_person
                qualify row_number() over (partition by person_id order by n_records desc, customer_id) = 1
            ),

            scored as (
                select
                    t.persona as true_persona,
                    s.segment_name as predicted_persona
                from primary_profiles as p
                inner join truth_persons as t on p.person_id = t.person_id
                inner join marts.customer_segments as s
                    on p.customer_id = s.customer_id and s.segment_family = 'persona'
            )

            select
                persona,
                count(*) filter (where predicted_persona = persona) as predicted,
                count(*) filter (where true_persona = persona) as actual,
                count(*) filter (where predicted_persona = persona and true_persona = persona) as true_positives
            from scored
            cross join unnest(?::varchar[]) as personas (persona)
            group by persona
            order by persona
            """,
            [list(PERSONAS)],
        ).fetchall()
    finally:
        con.close()
    scores: dict = {}
    for persona, predicted, actual, true_positives in rows:
        scores[persona] = {
            "predicted": int(predicted),
            "actual": int(actual),
            "true_positives": int(true_positives),
            "precision": true_positives / predicted if predicted else float("nan"),
            "recall": true_positives / actual if actual else float("nan"),
        }
    return scores


def format_personas(scores: dict) -> str:
    lines = [
        "Persona segments vs generator truth (primary profiles)",
        f"{'persona':<30}{'predicted':>10}{'actual':>8}{'both':>7}{'precision':>11}{'recall':>8}",
    ]
    for persona, s in scores.items():
        lines.append(
            f"{persona:<30}{s['predicted']:>10}{s['actual']:>8}{s['true_positives']:>7}"
            f"{s['precision']:>11.3f}{s['recall']:>8.3f}"
        )
    return "\n".join(lines)
