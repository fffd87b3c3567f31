{#- Aggregate: the latest non-null value of a column, by a timestamp, ties broken
    by a record id (largest wins), so the result never depends on row order.
    Rows with a null value or a null timestamp are ignored. -#}
{% macro latest_value(value, at, id) -%}
    {{ return(adapter.dispatch('latest_value', 'customer360')(value, at, id)) }}
{%- endmacro %}

{% macro default__latest_value(value, at, id) -%}
    arg_max({{ value }}, { 'at': {{ at }}, 'id': {{ id }} })
    filter (where {{ value }} is not null and {{ at }} is not null)
{%- endmacro %}

{% macro postgres__latest_value(value, at, id) -%}
    (array_agg({{ value }} order by {{ at }} desc, {{ id }} desc)
    filter (where {{ value }} is not null and {{ at }} is not null))[1]
{%- endmacro %}

{% macro spark__latest_value(value, at, id) -%}
    max_by({{ value }}, struct({{ at }}, {{ id }}))
    filter (where {{ value }} is not null and {{ at }} is not null)
{%- endmacro %}
