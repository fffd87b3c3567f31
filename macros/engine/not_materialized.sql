{#- Keyword for a CTE that should be read in place, never stored: `name as
    {{ not_materialized() }} (`. DuckDB 1.4 and PostgreSQL store (materialize) every
    CTE that the query reads more than once, all its columns and rows, before the
    query runs. For an import CTE (`select * from {{ ref(...) }}`) that is a full
    copy of the input: int_features__behavior read its 32M web events five times
    and so copied them once in full, where reading the table in place scans only the
    columns and rows each use needs. Use it on import CTEs read more than once;
    leave a CTE that computes something to the engine (stored once is cheaper than
    computed twice). Spark has no such keyword and never stores a CTE. -#}
{% macro not_materialized() -%}
    {{ return(adapter.dispatch('not_materialized', 'customer360')()) }}
{%- endmacro %}

{% macro default__not_materialized() -%}
{%- endmacro %}

{% macro duckdb__not_materialized() -%}
    not materialized
{%- endmacro %}

{% macro postgres__not_materialized() -%}
    not materialized
{%- endmacro %}
