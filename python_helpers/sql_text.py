"""Quoting for SQL text built in Python (DuckDB and PostgreSQL syntax): a string
literal and an identifier. Shared by the loader, the raw copy to PostgreSQL, the
generator's day files and the benchmarks. (Spark quotes identifiers with
backticks: spark_raw has its own.)"""

from __future__ import annotations


def sql_string(value: str) -> str:
    """A string literal: 'it''s'."""
    return "'" + value.replace("'", "''") + "'"


def sql_identifier(name: str) -> str:
    '''A quoted identifier: my "table" -> "my ""table"".'''
    return '"' + name.replace('"', '""') + '"'
