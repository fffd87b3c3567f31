{#- Syntax check of a normalized email: one @, a non-empty local part, a dotted
    domain with a 2+ letter top-level domain. -#}
{% macro is_valid_email(normalized_expr) -%}
    coalesce({{ regex_matches(normalized_expr, "'^[a-z0-9!#$%&*+/=?^_`{|}~.-]+@[a-z0-9-]+(\\.[a-z0-9-]+)*\\.[a-z]{2,}$'") }}, false)
{%- endmacro %}
