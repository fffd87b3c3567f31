{#- The incremental strategy of this project's incremental models on the current
    engine. The models' batches re-emit every row they touch, keyed by the raw
    lineage (_source_file, _source_row), so the strategy must replace rows by key:
    - DuckDB: delete+insert (one delete by key, one insert; no MERGE needed);
    - default (Snowflake, BigQuery, Postgres 15+, Databricks): merge;
    - Spark: merge, which needs a Delta or Iceberg table (file_format); plain
      Parquet tables would need insert_overwrite over a load-date partition
      instead (not built: Spark is not a tested engine yet). -#}
{% macro engine_incremental_strategy() -%}
    {{ return(adapter.dispatch('engine_incremental_strategy', 'customer360')()) }}
{%- endmacro %}

{% macro default__engine_incremental_strategy() -%}
    {{ return('merge') }}
{%- endmacro %}

{% macro duckdb__engine_incremental_strategy() -%}
    {{ return('delete+insert') }}
{%- endmacro %}

{% macro spark__engine_incremental_strategy() -%}
    {{ return('merge') }}
{%- endmacro %}
