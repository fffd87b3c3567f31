{#- Jaro-Winkler similarity in [0, 1] of two strings. Engines without a built-in
    fall back to 1 - normalized Levenshtein distance (documented in the README). -#}
{% macro string_similarity(a, b) -%}
    {{ return(adapter.dispatch('string_similarity', 'customer360')(a, b)) }}
{%- endmacro %}

{% macro default__string_similarity(a, b) -%}
    (1.0 - cast(levenshtein({{ a }}, {{ b }}) as double) / greatest(length({{ a }}), length({{ b }}), 1))
{%- endmacro %}

{% macro duckdb__string_similarity(a, b) -%}
    jaro_winkler_similarity({{ a }}, {{ b }})
{%- endmacro %}
