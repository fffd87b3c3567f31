{#- Scratch tables of multi-statement materializations (connected_components):
    created from a select, visible to the same session only, dropped by
    drop_scratch_table. DuckDB and PostgreSQL: temporary tables (no WAL, no
    catalog entry in the warehouse). Spark: a parquet table in the session's
    current database (no temporary tables there). -#}
{% macro create_scratch_table(name, sql) -%}
    {{ return(adapter.dispatch('create_scratch_table', 'customer360')(name, sql)) }}
{%- endmacro %}

{% macro default__create_scratch_table(name, sql) -%}
    {% call statement('create_scratch_' ~ name, auto_begin=True) -%}
        create temporary table {{ name }} as {{ sql }}
    {%- endcall %}
{%- endmacro %}

{#- DuckDB: outside a transaction. DuckDB 1.4 was seen to stall for minutes on a
    join of temporary tables created earlier in the same explicit transaction. -#}
{% macro duckdb__create_scratch_table(name, sql) -%}
    {% call statement('create_scratch_' ~ name, auto_begin=False) -%}
        create or replace temporary table {{ name }} as {{ sql }}
    {%- endcall %}
{%- endmacro %}

{#- Spark: a parquet table, not a cached view: a cached view keeps its whole
    lineage, so each round's plan would hold every earlier round's. -#}
{% macro spark__create_scratch_table(name, sql) -%}
    {% call statement('drop_scratch_' ~ name, auto_begin=False) -%}
        drop table if exists {{ name }}
    {%- endcall %}
    {% call statement('create_scratch_' ~ name, auto_begin=False) -%}
        create table {{ name }} using parquet as {{ sql }}
    {%- endcall %}
{%- endmacro %}

{% macro drop_scratch_table(name) -%}
    {{ return(adapter.dispatch('drop_scratch_table', 'customer360')(name)) }}
{%- endmacro %}

{% macro default__drop_scratch_table(name) -%}
    {% call statement('drop_scratch_' ~ name, auto_begin=True) -%}
        drop table if exists {{ name }}
    {%- endcall %}
{%- endmacro %}
