{#- Ordered string aggregate: the values joined by `separator` in the order of
    `order_by` (SQL text), distinct values only when distinct=true. DuckDB and
    PostgreSQL take the order inside the call; Spark in WITHIN GROUP. -#}
{% macro string_agg_ordered(expr, separator, order_by, distinct=false) -%}
    {{ return(adapter.dispatch('string_agg_ordered', 'customer360')(expr, separator, order_by, distinct)) }}
{%- endmacro %}

{% macro default__string_agg_ordered(expr, separator, order_by, distinct) -%}
    string_agg({{ 'distinct ' if distinct }}{{ expr }}, {{ separator }} order by {{ order_by }})
{%- endmacro %}

{#- Spark: distinct with WITHIN GROUP fails in the planner (ClassCastException), so a
    distinct aggregate, ordered by the value itself, is the sorted set. -#}
{% macro spark__string_agg_ordered(expr, separator, order_by, distinct) -%}
    {%- if distinct -%}
        {%- if order_by | trim != expr | trim -%}
            {{ exceptions.raise_compiler_error("string_agg_ordered: distinct needs order_by = the value on Spark") }}
        {%- endif -%}
        case when size(collect_set({{ expr }})) > 0 then array_join(array_sort(collect_set({{ expr }})), {{ separator }}) end
    {%- else -%}
        string_agg({{ expr }}, {{ separator }}) within group (order by {{ order_by }})
    {%- endif -%}
{%- endmacro %}
