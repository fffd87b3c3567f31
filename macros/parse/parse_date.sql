{#- ISO date text (YYYY-MM-DD) -> date; malformed -> null. -#}
{% macro parse_date(expr) -%}
    {{ safe_cast("trim(" ~ expr ~ ")", "date") }}
{%- endmacro %}
