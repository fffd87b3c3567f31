"""Name similarity (macro string_similarity) is the same function on every engine.

DuckDB's built-in jaro_winkler_similarity is the reference. PostgreSQL runs the
plpgsql function that create_engine_functions installs, Spark the expression of
spark__string_similarity; both are taken from the macro files themselves, so this
tests what the models compile to. 20,000 random pairs over small alphabets (many
matches and transpositions) and 10 chosen ones: multi-byte characters, empty strings,
nulls, long strings.
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import duckdb
import jinja2
import pytest

ROOT = Path(__file__).resolve().parents[2]


def _pairs() -> list[tuple[str | None, str | None]]:
    rng = random.Random(20261201)
    pairs: list[tuple[str | None, str | None]] = []
    for _ in range(20_000):
        alphabet = rng.choice(["ab", "abc", "abcde", "abcdefghij", "aéb日", "ñnß"])
        pairs.append(("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))),
                      "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))))
    pairs += [("jonathan", "jonathon"), ("martha", "marhta"), ("dixon", "dicksonx"), ("ñb", "ñc"), ("", ""), ("a", ""),
              ("a", None), (None, "b"), (None, None),
              ("abcdefghijklmnopqrstuvwxyz0123", "abcdefghijklmnopqrstuvwxyz012x")]
    return pairs


@pytest.fixture(scope="module")
def reference() -> list[tuple[str | None, str | None, float | None]]:
    con = duckdb.connect()
    con.execute("create table pairs (n integer, a varchar, b varchar)")
    con.executemany("insert into pairs values (?, ?, ?)", [(n, a, b) for n, (a, b) in enumerate(_pairs())])
    return con.execute("select a, b, jaro_winkler_similarity(a, b) from pairs order by n").fetchall()


def _differences(reference, got: list[float | None]) -> list[tuple]:
    """Pairs whose value is not exactly DuckDB's: the same IEEE operations in the same
    order give the same double, and an epsilon could hide a flip at names_agree's 0.88."""
    assert len(got) == len(reference)
    return [(a, b, expected, value) for (a, b, expected), value in zip(reference, got, strict=True)
            if expected != value]


def test_reference_is_jaro_winkler(reference):
    """The reference itself: textbook values, nulls, empties, bytes not characters."""
    values = {(a, b): s for a, b, s in reference}
    assert values[("martha", "marhta")] == pytest.approx(0.961111, abs=1e-6)
    assert values[("jonathan", "jonathon")] == pytest.approx(0.95)
    assert values[("a", None)] is None and values[("", "")] == 0.0
    # over UTF-8 bytes ('ñ' is two), not characters: 'ñb' / 'ñc' share 2 of 3 bytes and a
    # 2-byte prefix (0.8222); over characters they would share 1 of 2 (0.6667)
    assert values[("ñb", "ñc")] == pytest.approx(0.822222, abs=1e-6)


def test_postgres_function_equals_duckdb(postgres_server, reference):
    import psycopg2
    from psycopg2.extras import execute_values

    macro = (ROOT / "macros/engine/create_engine_functions.sql").read_text()
    create = re.search(r"create or replace function public\.jaro_winkler_similarity.*?\$c360\$;", macro, re.S)
    assert create, "create_engine_functions no longer creates public.jaro_winkler_similarity"
    con = psycopg2.connect(host="127.0.0.1", port=postgres_server["port"], user="postgres", dbname="postgres")
    try:
        with con.cursor() as cur:
            cur.execute(create.group(0))
            cur.execute("create temporary table pairs (n integer, a text, b text)")
            execute_values(cur, "insert into pairs values %s", [(n, a, b) for n, (a, b, _) in enumerate(reference)])
            cur.execute("select public.jaro_winkler_similarity(a, b) from pairs order by n")
            got = [row[0] for row in cur.fetchall()]
    finally:
        con.close()
    assert _differences(reference, got) == []


def test_spark_expression_equals_duckdb(reference, tmp_path):
    if shutil.which("java") is None:
        pytest.skip("no java: Spark needs Java 17")
    pytest.importorskip("pyspark")
    from python_helpers.spark_raw import spark_session

    macros = (ROOT / "macros/identity/string_similarity.sql").read_text()
    expression = jinja2.Environment().from_string(
        macros + "{{ spark__string_similarity('pairs.a', 'pairs.b') }}").render().strip()
    spark = spark_session(str(tmp_path))
    try:
        spark.createDataFrame([(n, a, b) for n, (a, b, _) in enumerate(reference)],
                              "n int, a string, b string").createOrReplaceTempView("pairs")
        got = [row[0] for row in spark.sql(f"select {expression} from pairs order by n").collect()]
    finally:
        spark.stop()
    assert _differences(reference, got) == []
