"""Static checks of the SQL files: conventions that cost time at scale when forgotten.

An import CTE (`name as (select * from {{ ref(...) }} [where ...])`) that the query
reads more than once must be declared `name as {{ not_materialized() }} (`: DuckDB 1.4
and PostgreSQL otherwise store a full copy of the input before the query runs (at 1M
customers, int_features__behavior copied its 32M web events: 37.7 s alone, 12.3 s
without the copy). No database is needed: the files are read as text.
"""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

CTE = re.compile(r"^([a-z_0-9]+) as (\{\{ not_materialized\(\) \}\} )?\(\n(.*?)^\),?$", re.M | re.S)
REF = re.compile(r"\{\{\s*(?:ref|source)\(")
COMPUTES = re.compile(r"\b(join|group by|over|union|distinct)\b", re.I)


def import_ctes_read_twice(sql: str) -> list[tuple[str, int, bool]]:
    """(name, times read, declared not_materialized) of each import CTE read 2+ times."""
    found = []
    for m in CTE.finditer(sql):
        name, declared, body = m.group(1), bool(m.group(2)), m.group(3)
        is_import = len(REF.findall(body)) == 1 and not COMPUTES.search(body)
        reads = len(re.findall(r"(?:from|join)\s+" + name + r"\b", sql[m.end():]))
        if is_import and reads >= 2:
            found.append((name, reads, declared))
    return found


def sql_files() -> list[Path]:
    return sorted([*REPO.glob("models/**/*.sql"), *REPO.glob("tests/*.sql")])


def test_the_check_sees_an_undeclared_import_cte():
    sql = (
        "with\n\nevents as (\n    select * from {{ ref('int_customer_web_events') }}\n),\n\n"
        "a as (\n    select count(*) as n from events\n),\n\n"
        "b as (\n    select count(*) as n from events\n)\n\nselect * from a cross join b\n"
    )
    assert import_ctes_read_twice(sql) == [("events", 2, False)]
    declared = sql.replace("events as (", "events as {{ not_materialized() }} (")
    assert import_ctes_read_twice(declared) == [("events", 2, True)]
    # read once, or computing something: left to the engine
    assert import_ctes_read_twice(sql.replace("from events\n)\n\nselect", "from a\n)\n\nselect")) == []


def test_import_ctes_read_twice_are_not_materialized():
    files = sql_files()
    assert len(files) > 50, "no model files found"
    undeclared = [
        f"{path.relative_to(REPO)}: {name} (read {reads} times)"
        for path in files
        for name, reads, declared in import_ctes_read_twice(path.read_text())
        if not declared
    ]
    assert not undeclared, "declare these import CTEs `as {{ not_materialized() }} (`:\n" + "\n".join(undeclared)
    declared = sum(d for path in files for _, _, d in import_ctes_read_twice(path.read_text()))
    assert declared >= 40, f"only {declared} declared import CTEs found: has the pattern changed?"
