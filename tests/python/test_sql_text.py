"""python_helpers.sql_text: quoted literals and identifiers round-trip through DuckDB."""

from __future__ import annotations

import duckdb

from python_helpers.sql_text import sql_identifier, sql_string


def test_sql_string_round_trips():
    for value in ("plain", "it's", "''", "a\"b", "", "x'; drop table t; --"):
        assert duckdb.sql(f"select {sql_string(value)}").fetchone()[0] == value


def test_sql_identifier_round_trips():
    con = duckdb.connect()
    for name in ("plain", 'my "table"', "with space", "select"):
        con.execute(f"create table {sql_identifier(name)} (x integer)")
        assert con.execute("select count(*) from information_schema.tables where table_name = ?",
                           [name]).fetchone()[0] == 1
