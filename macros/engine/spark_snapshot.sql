{#- Snapshots on Spark with plain parquet tables. dbt-spark's snapshot
    materialization refuses any file_format but Delta, Iceberg or Hudi (it
    merges); local Spark has none of their jars. This one is dbt's default
    snapshot materialization (staging table, check/timestamp strategies, the
    same columns), with the merge replaced by a rewrite (spark__snapshot_merge_sql
    below). -#}
{% materialization snapshot, adapter='spark' %}
    {{ return(dbt.materialization_snapshot_default()) }}
{% endmaterialization %}

{#- The snapshot's merge as a rewrite: current versions the staging table closes
    (update, delete) get their valid_to, new versions (insert) are added; the
    result goes to a scratch parquet table, then `insert overwrite` replaces the
    snapshot with it (a table cannot be overwritten from a query that reads it). -#}
{% macro spark__snapshot_merge_sql(target, source, insert_cols) -%}
    {%- set columns = config.get("snapshot_table_column_names") or get_snapshot_table_column_names() -%}
    {%- set target_columns = adapter.get_columns_in_relation(target) | map(attribute='name') | list -%}
    {%- set scratch = target.schema ~ ".c360_snapshot_" ~ target.identifier -%}
    {%- set rewritten -%}
        select
            {%- for col in target_columns %}
            {% if col | lower == columns.dbt_valid_to | lower -%}
            case
                when closing.{{ columns.dbt_scd_id }} is not null then closing.{{ columns.dbt_valid_to }}
                else kept.{{ col }}
            end as {{ col }}
            {%- else -%}
            kept.{{ col }}
            {%- endif %}{{ "," if not loop.last }}
            {%- endfor %}
        from {{ target }} as kept
        left join (
            select * from {{ source }} where dbt_change_type in ('update', 'delete')
        ) as closing
            on closing.{{ columns.dbt_scd_id }} = kept.{{ columns.dbt_scd_id }}
            and kept.{{ columns.dbt_valid_to }} is null
        union all
        select {{ target_columns | join(', ') }}
        from {{ source }}
        where dbt_change_type = 'insert'
    {%- endset -%}
    {%- do run_query("drop table if exists " ~ scratch) -%}
    {%- do run_query("create table " ~ scratch ~ " using parquet as " ~ rewritten) -%}
    insert overwrite table {{ target }} select * from {{ scratch }}
{%- endmacro %}
