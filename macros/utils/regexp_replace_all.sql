{#- Replace every match of a regex. Spark's regexp_replace is global and takes no flag,
    and Spark string literals read backslash escapes ('\s' is 's'), so backslashes
    of the pattern are doubled there. -#}
{% macro regexp_replace_all(expr, pattern, replacement) -%}
    {{ return(adapter.dispatch('regexp_replace_all', 'customer360')(expr, pattern, replacement)) }}
{%- endmacro %}

{% macro default__regexp_replace_all(expr, pattern, replacement) -%}
    regexp_replace({{ expr }}, '{{ pattern }}', '{{ replacement }}', 'g')
{%- endmacro %}

{% macro spark__regexp_replace_all(expr, pattern, replacement) -%}
    regexp_replace({{ expr }}, '{{ pattern | replace("\\", "\\\\") }}', '{{ replacement }}')
{%- endmacro %}

{#- PostgreSQL regexes have no \p{L} / \p{N}: the POSIX classes [:alpha:] and
    [:digit:] stand in (the database's locale; names are accent-folded before). -#}
{% macro postgres__regexp_replace_all(expr, pattern, replacement) -%}
    regexp_replace({{ expr }}, '{{ pattern | replace("\\p{L}", "[:alpha:]") | replace("\\p{N}", "[:digit:]") }}', '{{ replacement }}', 'g')
{%- endmacro %}
