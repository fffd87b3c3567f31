{#- Display value of free text: NFKC, whitespace runs collapsed to one space,
    trimmed; empty becomes null. -#}
{% macro clean_text(expr) -%}
    nullif(trim({{ regexp_replace_all(normalize_unicode(expr), '\\s+', ' ') }}), '')
{%- endmacro %}
