{#- Money text -> decimal(18, 2) in the currency unit; malformed -> null. -#}
{% macro parse_money(expr) -%}
    {{ safe_cast("trim(" ~ expr ~ ")", "decimal(18, 2)") }}
{%- endmacro %}
