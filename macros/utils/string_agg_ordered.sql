{#- Ordered string aggregate: the values joined by `separator` in the order of
    `order_by` (SQL text), distinct values only when distinct=true. DuckDB and
    PostgreSQL take the order inside the call; Spark in WITHIN GROUP. -#}
{% macro string_agg_ordered(expr, separator, order_by, distinct=false) -%}
    {{ return(adapter.dispatch('string_agg_ordered', 'customer360')(expr, separator, order_by, distinct)) }}
{%- endmacro %}

{% macro default__string_agg_ordered(expr, separator, order_by, distinct) -%}
    string_agg({{ 'distinct ' if distinct }}{{ expr }}, {{ separator }} order by {{ order_by }})
{%- endmacro %}

{% macro spark__string_agg_ordered(expr, separator, order_by, distinct) -%}
    string_agg({{ 'distinct ' if distinct }}{{ expr }}, {{ separator }}) within group (order by {{ order_by }})
{%- endmacro %}
