{#- Snapshots on Spark with plain parquet tables. dbt-spark's snapshot
    materialization refuses any file_format but Delta, Iceberg or Hudi (it
    merges); local Spark has none of their jars. This one is dbt's default
    snapshot materialization, copied (staging table, check/timestamp strategies,
    the same columns), with the merge replaced by a rewrite (spark__snapshot_merge_sql
    below). -#}
{% materialization snapshot, adapter='spark' %}
    {#- dbt-core 1.11's default snapshot materialization, verbatim but for database=none
        (Spark relations have no database) -#}

  {%- set target_table = model.get('alias', model.get('name')) -%}

  {%- set strategy_name = config.get('strategy') -%}
  {%- set unique_key = config.get('unique_key') %}
  -- grab current tables grants config for comparision later on
  {%- set grant_config = config.get('grants') -%}

  {% set target_relation_exists, target_relation = get_or_create_relation(
          database=none,
          schema=model.schema,
          identifier=target_table,
          type='table') -%}

  {%- if not target_relation.is_table -%}
    {% do exceptions.relation_wrong_type(target_relation, 'table') %}
  {%- endif -%}


  {{ run_hooks(pre_hooks, inside_transaction=False) }}

  {{ run_hooks(pre_hooks, inside_transaction=True) }}

  {% set strategy_macro = strategy_dispatch(strategy_name) %}
  {# The model['config'] parameter below is no longer used, but passing anyway for compatibility #}
  {# It was a dictionary of config, instead of the config object from the context #}
  {% set strategy = strategy_macro(model, "snapshotted_data", "source_data", model['config'], target_relation_exists) %}

  {% if not target_relation_exists %}

      {% set build_sql = build_snapshot_table(strategy, model['compiled_code']) %}
      {% set build_or_select_sql = build_sql %}
      {% set final_sql = create_table_as(False, target_relation, build_sql) %}

  {% else %}

      {% set columns = config.get("snapshot_table_column_names") or get_snapshot_table_column_names() %}

      {{ adapter.assert_valid_snapshot_target_given_strategy(target_relation, columns, strategy) }}

      {% set build_or_select_sql = snapshot_staging_table(strategy, sql, target_relation) %}
      {% set staging_table = build_snapshot_staging_table(strategy, sql, target_relation) %}

      -- this may no-op if the database does not require column expansion
      {% do adapter.expand_target_column_types(from_relation=staging_table,
                                               to_relation=target_relation) %}

      {% set remove_columns = ['dbt_change_type', 'DBT_CHANGE_TYPE', 'dbt_unique_key', 'DBT_UNIQUE_KEY'] %}
      {% if unique_key | is_list %}
          {% for key in strategy.unique_key %}
              {{ remove_columns.append('dbt_unique_key_' + loop.index|string) }}
              {{ remove_columns.append('DBT_UNIQUE_KEY_' + loop.index|string) }}
          {% endfor %}
      {% endif %}

      {% set missing_columns = adapter.get_missing_columns(staging_table, target_relation)
                                   | rejectattr('name', 'in', remove_columns)
                                   | list %}

      {% do create_columns(target_relation, missing_columns) %}

      {% set source_columns = adapter.get_columns_in_relation(staging_table)
                                   | rejectattr('name', 'in', remove_columns)
                                   | list %}

      {% set quoted_source_columns = [] %}
      {% for column in source_columns %}
        {% do quoted_source_columns.append(adapter.quote(column.name)) %}
      {% endfor %}

      {% set final_sql = snapshot_merge_sql(
            target = target_relation,
            source = staging_table,
            insert_cols = quoted_source_columns
         )
      %}

  {% endif %}


  {{ check_time_data_types(build_or_select_sql) }}

  {% call statement('main') %}
      {{ final_sql }}
  {% endcall %}

  {% set should_revoke = should_revoke(target_relation_exists, full_refresh_mode=False) %}
  {% do apply_grants(target_relation, grant_config, should_revoke=should_revoke) %}

  {% do persist_docs(target_relation, model) %}

  {% if not target_relation_exists %}
    {% do create_indexes(target_relation) %}
  {% endif %}

  {{ run_hooks(post_hooks, inside_transaction=True) }}

  {{ adapter.commit() }}

  {% if staging_table is defined %}
      {% do post_snapshot(staging_table) %}
  {% endif %}

  {{ run_hooks(post_hooks, inside_transaction=False) }}

  {{ return({'relations': [target_relation]}) }}

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
