{#- Table of the elements of a list expression, one row each, for
    `cross join {{ unnest_list(expr) }} as alias (column)`. Spark: a lateral explode. -#}
{% macro unnest_list(expr) -%}
    {{ return(adapter.dispatch('unnest_list', 'customer360')(expr)) }}
{%- endmacro %}

{% macro default__unnest_list(expr) -%}
    unnest({{ expr }})
{%- endmacro %}

{% macro spark__unnest_list(expr) -%}
    lateral explode({{ expr }})
{%- endmacro %}
