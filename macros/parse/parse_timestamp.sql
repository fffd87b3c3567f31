{#- ISO-8601 text -> timestamp in UTC (naive). Values with an offset are
    converted to UTC; naive values are taken as UTC. Malformed -> null. -#}
{% macro parse_timestamp(expr) -%}
    {{ return(adapter.dispatch('parse_timestamp', 'customer360')(expr)) }}
{%- endmacro %}

{% macro default__parse_timestamp(expr) -%}
    {{ safe_cast("trim(" ~ expr ~ ")", "timestamp") }}
{%- endmacro %}

{% macro duckdb__parse_timestamp(expr) -%}
    cast(timezone('UTC', try_cast(trim({{ expr }}) as timestamptz)) as timestamp)
{%- endmacro %}

{% macro postgres__parse_timestamp(expr) -%}
    cast(public.c360_try_cast(trim({{ expr }}), cast(null as timestamptz)) at time zone 'UTC' as timestamp)
{%- endmacro %}
