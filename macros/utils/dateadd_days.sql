{#- date/timestamp expression plus N days (N may be negative). -#}
{% macro dateadd_days(expr, days) -%}
    {{ return(adapter.dispatch('dateadd_days', 'customer360')(expr, days)) }}
{%- endmacro %}

{% macro default__dateadd_days(expr, days) -%}
    ({{ expr }} + interval '{{ days }} days')
{%- endmacro %}

{% macro duckdb__dateadd_days(expr, days) -%}
    ({{ expr }} + to_days(cast({{ days }} as integer)))
{%- endmacro %}

{% macro spark__dateadd_days(expr, days) -%}
    date_add({{ expr }}, {{ days }})
{%- endmacro %}
