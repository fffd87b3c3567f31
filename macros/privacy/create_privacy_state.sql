{#- The privacy state the pipeline keeps across builds (run on-run-start): schema
    `privacy` with the suppression list (salted SHA-256 hashes only) and the
    erasure log (request ids, counts; no personal data). Created when missing,
    never dropped or replaced by dbt: no model owns these tables, so neither
    `dbt build --full-refresh` nor a fresh rebuild of every model can lose them. -#}
{% macro create_privacy_state() -%}
    {{ return(adapter.dispatch('create_privacy_state', 'customer360')()) }}
{%- endmacro %}

{% macro default__create_privacy_state() -%}
    create schema if not exists privacy;
    create table if not exists privacy.suppression_list (
        suppression_hash {{ dbt.type_string() }} not null,
        hash_kind {{ dbt.type_string() }} not null,
        erasure_request_id {{ dbt.type_string() }} not null,
        added_as_of date not null
    );
    create table if not exists privacy.erasure_log (
        erasure_request_id {{ dbt.type_string() }} not null,
        erasure_kind {{ dbt.type_string() }} not null,
        regulation {{ dbt.type_string() }},
        requested_at {{ dbt.type_timestamp() }},
        processed_as_of date not null,
        source {{ dbt.type_string() }} not null,
        records_removed {{ dbt.type_bigint() }} not null
    );
{%- endmacro %}

{#- Spark runs one statement per call: the same tables (parquet, no not-null
    constraints), created here one by one; the hook itself is a no-op select. -#}
{% macro spark__create_privacy_state() -%}
    {%- if execute -%}
        {%- do run_query("create schema if not exists privacy") -%}
        {%- do run_query("create table if not exists privacy.suppression_list (suppression_hash string, "
            ~ "hash_kind string, erasure_request_id string, added_as_of date) using parquet") -%}
        {%- do run_query("create table if not exists privacy.erasure_log (erasure_request_id string, "
            ~ "erasure_kind string, regulation string, requested_at timestamp, processed_as_of date, "
            ~ "source string, records_removed bigint) using parquet") -%}
    {%- endif -%}
    select 1 as privacy_state_created
{%- endmacro %}
