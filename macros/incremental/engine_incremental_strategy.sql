{#- The incremental strategy of this project's incremental base models and of
    int_identity__records on the current engine (the per-browser web models use
    engine_incremental_key_replace_strategy below). The models' batches re-emit
    every row they touch, keyed by the raw lineage (_source_file, _source_row) or
    by record_key, so the strategy must replace rows by key:
    - DuckDB: delete+insert (one delete by key, one insert; no MERGE needed);
    - default (Snowflake, BigQuery, Postgres 15+, Databricks): merge;
    - Spark: plain parquet tables (no Delta or Iceberg jars on local Spark)
      cannot replace rows by key (merge needs Delta/Iceberg; insert_overwrite
      replaces whole partitions): append, and engine_incremental_full_refresh()
      makes every run a full rebuild, so no batch is ever appended. -#}
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
    {{ return('append') }}
{%- endmacro %}

{#- The incremental models' full_refresh config: none (dbt's --full-refresh flag
    decides) except on Spark, where every run rebuilds them from raw (see above). -#}
{% macro engine_incremental_full_refresh() -%}
    {{ return(adapter.dispatch('engine_incremental_full_refresh', 'customer360')()) }}
{%- endmacro %}

{% macro default__engine_incremental_full_refresh() -%}
    {{ return(none) }}
{%- endmacro %}

{% macro spark__engine_incremental_full_refresh() -%}
    {{ return(true) }}
{%- endmacro %}

{#- The strategy of an incremental model whose unique_key is not unique per row
    (int_web__sessions, int_web__browser_categories: a browser, all of whose rows
    are replaced):
    delete+insert deletes every row of each key in the batch, then inserts the
    batch; merge would need one row per key. Spark: append with every run a full
    rebuild, as above. -#}
{% macro engine_incremental_key_replace_strategy() -%}
    {{ return(adapter.dispatch('engine_incremental_key_replace_strategy', 'customer360')()) }}
{%- endmacro %}

{% macro default__engine_incremental_key_replace_strategy() -%}
    {{ return('delete+insert') }}
{%- endmacro %}

{% macro spark__engine_incremental_key_replace_strategy() -%}
    {{ return('append') }}
{%- endmacro %}
