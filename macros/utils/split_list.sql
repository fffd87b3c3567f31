{#- A separated text as an array of its items (separator: plain text). DuckDB:
    string_split (PostgreSQL: public.string_split); Spark: split with the
    separator quoted as a literal regex (a SQL function cannot feed explode). -#}
{% macro split_list(expr, separator) -%}
    {{ return(adapter.dispatch('split_list', 'customer360')(expr, separator)) }}
{%- endmacro %}

{% macro default__split_list(expr, separator) -%}
    string_split({{ expr }}, '{{ separator }}')
{%- endmacro %}

{% macro spark__split_list(expr, separator) -%}
    split({{ expr }}, '\\Q{{ separator }}\\E')
{%- endmacro %}
